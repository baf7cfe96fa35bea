import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { ContractTabs } from "~/components/contracts/contract-tabs";
import { ContractView } from "~/components/contracts/contract-view";
import { MilestoneBilling } from "~/components/invoices/milestone-billing";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { contractOfQuoteForVendor } from "~/services/contracts.server";
import { contractMilestoneBilling } from "~/services/invoices.server";
import { requireUser } from "~/utils/auth.server";
import { notFound } from "~/utils/errors";
import { useI18n } from "~/utils/use-i18n";

// The winning vendor's read-only view of its contract (issue 15, item 5): parties, lines, milestones with
// their legal due dates, SLA — the allow-listed view of app/domain/contracts/vendor-view.ts, never the
// buyer's internal record. Anyone but the quote's vendor, or a quote without a contract: not found.

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const read = await contractOfQuoteForVendor(context, user.actor, params.id ?? "");
  if (!read.ok) throw notFound();
  const billing = read.contract.status === "active" ? await contractMilestoneBilling(context, user.actor, read.contract.id) : null;
  return { quoteId: params.id ?? "", contract: read.contract, billing: billing?.ok ? billing : null };
}

export default function VendorContractPage() {
  const { quoteId, contract, billing } = useLoaderData<typeof loader>();
  const { t } = useI18n();
  return (
    <article className="stack">
      <p>
        <Link to={`/quotes/${quoteId}`}>← {contract.rfq.title}</Link>
      </p>
      <h1>
        {t("contracts.vendorView.title")}: {contract.rfq.title}
      </h1>
      <p data-testid="contract-status">
        {t(contract.status === "active" ? "contracts.status.active" : "contracts.status.draft")} ·{" "}
        {t("contracts.versionLabel", { version: contract.currentVersion })}
      </p>
      <ContractTabs contractId={contract.id} contractHref={`/quotes/${quoteId}/contract`} />
      <ContractView c={contract} />
      {contract.status === "active" ? (
        <p>
          <a href={`/contracts/${contract.id}/purchase-order.pdf`} data-testid="contract-po">
            {t("contracts.purchaseOrder")}
          </a>
        </p>
      ) : null}
      {billing ? <MilestoneBilling data={billing} /> : null}
    </article>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
