import type { AnyMessageKey } from "~/i18n";

/**
 * What each party has to do on its contracts after the award (issue 17 item 8): the open items each feature
 * reports (`openItemsFor` in db/queries/{deliveries,sla-measurements,change-requests,contract-reviews}.ts), each
 * leading to the contract tab where it is done. Unknown kinds are dropped rather than shown without words.
 */

const TAB_OF_KIND: Readonly<Record<string, string>> = {
  delivery_due: "deliveries",
  delivery_rejected: "deliveries",
  inspection_pending: "deliveries",
  measurement_missing: "measurements",
  measurement_disputed: "measurements",
  measurement_pending: "measurements",
  change_pending: "changes",
  review_due: "reviews",
  review_comment: "reviews",
  rating_due: "rating",
};

export interface OpenItem {
  contractId: string;
  kind: string;
  count: number;
}

export interface ContractTodo {
  kind: string;
  count: number;
  label: AnyMessageKey;
  href: string;
}

/** The open items grouped by contract, in the order of the work (deliveries, measurements, changes, reviews, rating). */
export function todosByContract(items: readonly OpenItem[]): Record<string, ContractTodo[]> {
  const order = Object.keys(TAB_OF_KIND);
  const out: Record<string, ContractTodo[]> = {};
  for (const item of [...items].sort((a, b) => order.indexOf(a.kind) - order.indexOf(b.kind))) {
    const tab = TAB_OF_KIND[item.kind];
    if (!tab || item.count <= 0) continue;
    (out[item.contractId] ??= []).push({
      kind: item.kind,
      count: item.count,
      label: `afterAward.todo.${item.kind}` as AnyMessageKey,
      href: `/contracts/${item.contractId}/${tab}`,
    });
  }
  return out;
}
