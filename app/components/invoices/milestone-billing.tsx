import { Form, Link } from "@remix-run/react";
import { CsrfInput } from "~/components/csrf-input";
import type { DisplayStatus } from "~/domain/payments/state";
import { STATUS_MESSAGE } from "~/domain/payments/state";
import { formatDate, formatYen } from "~/utils/format";
import { useI18n } from "~/utils/use-i18n";

// The milestones section of the contract pages (issue 16): per milestone its acceptance (検収) and its invoices;
// 検収 itself happens on the deliveries tab (the buyer accepts the vendor's delivery, decision 0039), linked from
// here; the vendor gets 「請求書を発行」 once accepted. The form posts to /contracts/:id/milestones/:index, which shows
// refusals at their fields.

export interface MilestoneBillingData {
  side: "buyer" | "vendor";
  contractId: string;
  today: string;
  active: boolean;
  milestones: {
    index: number;
    name: string;
    amountYen: number;
    acceptance: { acceptedOn: string; byName: string | null } | null;
    invoices: { id: string; number: string; kind: string; status: DisplayStatus; total: number; cancelledBy: string | null }[];
  }[];
}

export function MilestoneBilling({ data }: { data: MilestoneBillingData }) {
  const { t, locale } = useI18n();
  return (
    <section className="stack" data-testid="milestone-billing">
      <h2>{t("invoices.milestones.title")}</h2>
      {data.active ? null : <p>{t("invoices.milestones.notActive")}</p>}
      <table className="table">
        <thead>
          <tr>
            <th scope="col">{t("invoices.milestones.name")}</th>
            <th scope="col">{t("invoices.milestones.amount")}</th>
            <th scope="col">{t("invoices.milestones.acceptance")}</th>
            <th scope="col">{t("invoices.milestones.invoice")}</th>
          </tr>
        </thead>
        <tbody>
          {data.milestones.map((m) => {
            const live = m.invoices.find((i) => i.kind !== "credit_note" && i.cancelledBy === null);
            return (
              <tr key={m.index} data-testid={`milestone-${m.index}`}>
                <td>{m.name}</td>
                <td className="num">{formatYen(m.amountYen, locale)}</td>
                <td>
                  {m.acceptance ? (
                    t("invoices.milestones.acceptedOn", { date: formatDate(m.acceptance.acceptedOn, locale), name: m.acceptance.byName ?? "" })
                  ) : data.active ? (
                    // 検収 goes through the delivery awaiting inspection (decision 0039), on the deliveries tab.
                    <>
                      {t("invoices.milestones.notAccepted")} ·{" "}
                      <Link to={`/contracts/${data.contractId}/deliveries`} data-testid={`milestone-${m.index}-deliveries`}>
                        {t(data.side === "buyer" ? "deliveries.billing.inspect" : "deliveries.billing.deliver")}
                      </Link>
                    </>
                  ) : (
                    t("invoices.milestones.notAccepted")
                  )}
                </td>
                <td>
                  <ul className="plain">
                    {m.invoices.map((i) => (
                      <li key={i.id}>
                        <Link to={`/invoices/${i.id}`}>{i.number}</Link> {formatYen(i.total, locale)} · {t(STATUS_MESSAGE[i.status])}
                      </li>
                    ))}
                  </ul>
                  {data.side === "vendor" && data.active && m.acceptance && !live ? (
                    <Form method="post" action={`/contracts/${data.contractId}/milestones/${m.index}`} className="inline-form">
                      <CsrfInput />
                      <input type="hidden" name="intent" value="issue" />
                      <button type="submit" className="button small primary">
                        {t("invoices.milestones.issue")}
                      </button>
                    </Form>
                  ) : null}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}
