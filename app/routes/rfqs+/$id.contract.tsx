import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { ContractTabs } from "~/components/contracts/contract-tabs";
import { ContractView } from "~/components/contracts/contract-view";
import { InspectionTerms } from "~/components/deliveries/inspection-terms";
import { MilestoneBilling } from "~/components/invoices/milestone-billing";
import { MilestonePlanForm, type MilestoneFormState } from "~/components/contracts/milestone-plan-form";
import { CsrfInput } from "~/components/csrf-input";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FormErrors } from "~/components/field";
import { planFromForm } from "~/domain/contracts/milestone-form";
import { defaultDays } from "~/domain/contracts/contract-draft";
import type { MilestonePlanInput } from "~/domain/contracts/milestone-plan";
import { activateContract, contractPageForBuyer, createContract, saveMilestones } from "~/services/contracts.server";
import { contractMilestoneBilling } from "~/services/invoices.server";
import { inspectionTermsOf, saveInspectionTerms } from "~/services/deliveries.server";
import { requireUser } from "~/utils/auth.server";
import { readForm } from "~/utils/csrf.server";
import { notFound, pageFailure } from "~/utils/errors";
import { formatDate, formatDateTime } from "~/utils/format";
import { getLocale } from "~/utils/locale.server";
import { isRowId } from "~/utils/row-id";
import { toastHeader } from "~/utils/toast.server";
import { useI18n } from "~/utils/use-i18n";

// The contract of an RFQ (issue 15, item 5), for members of its buyer organisation: create it from the accepted
// award, edit the milestone plan while it is a draft (rows added and removed by posting back, field errors per
// row in ja/en), conclude it (締結, asked first on a confirmation section), see its versions and documents.
// Everyone else gets the not-found page. The vendor reads its contract at /quotes/:id/contract.

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.rfq.title} — Kurabe` : "Kurabe" }];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  if (!isRowId(params.id)) throw notFound();
  const page = await contractPageForBuyer(context, user.actor, params.id);
  if (!page.ok) throw notFound();
  const confirming = new URL(request.url).searchParams.get("confirm") === "activate";
  const { ok: _ok, ...data } = page;
  const billing = page.contract?.status === "active" ? await contractMilestoneBilling(context, user.actor, page.contract.id) : null;
  const inspectionTerms = page.contract ? await inspectionTermsOf(context, user.actor, page.contract.id) : null;
  return { ...data, confirming, billing: billing?.ok ? billing : null, inspectionTerms };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const formData = await readForm(request, context);
  const user = await requireUser(request, context);
  const rfqId = params.id;
  if (!isRowId(rfqId)) throw notFound();
  const locale = await getLocale(request, context);
  const intent = String(formData.get("intent") ?? "");
  const back = `/rfqs/${rfqId}/contract`;
  if (intent === "create") {
    const done = await createContract(context, user.actor, rfqId);
    if (!done.ok && done.status === 404) throw notFound();
    if (!done.ok) return json({ kind: "create" as const, ...pageFailure(done, locale) }, { status: done.status });
    return redirect(back, { headers: { "Set-Cookie": await toastHeader(context, { key: "contracts.created" }) } });
  }
  const page = await contractPageForBuyer(context, user.actor, rfqId);
  if (!page.ok || !page.contract) throw notFound();
  const contractId = page.contract.id;
  if (intent === "activate") {
    const done = await activateContract(context, user.actor, contractId);
    if (!done.ok && done.status === 404) throw notFound();
    if (!done.ok) return json({ kind: "activate" as const, ...pageFailure(done, locale) }, { status: done.status });
    return redirect(back, { headers: { "Set-Cookie": await toastHeader(context, { key: "contracts.activated" }) } });
  }
  if (intent === "inspectionTerms") {
    const termValues = { inspectionDays: String(formData.get("inspectionDays") ?? ""), deemedAcceptance: formData.get("deemedAcceptance") === "yes" };
    const days = /^\d{1,3}$/.test(termValues.inspectionDays.trim()) ? Number(termValues.inspectionDays.trim()) : termValues.inspectionDays;
    const done = await saveInspectionTerms(context, user.actor, contractId, { inspectionDays: days, deemedAcceptance: termValues.deemedAcceptance });
    if (!done.ok && done.status === 404) throw notFound();
    if (!done.ok) return json({ kind: "terms" as const, termValues, ...pageFailure(done, locale) }, { status: done.status });
    return redirect(back, { headers: { "Set-Cookie": await toastHeader(context, { key: "deliveries.terms.saved" }) } });
  }
  const fields = new Map<string, string>();
  for (const [k, v] of formData) if (typeof v === "string") fields.set(k, v);
  const values = planFromForm(fields);
  // Rows are added and removed by posting the form back: nothing is saved until "save".
  if (intent === "add") {
    const days = defaultDays(page.contract.content.buyerKind);
    values.milestones = [...values.milestones, { name: "", dueDate: "", acceptance: "", amountYen: null, percent: null, ...days }];
    return json({ kind: "edit" as const, values, formErrors: [] as string[], fieldErrors: {} as Record<string, string[]> });
  }
  const removed = /^remove-(\d+)$/.exec(intent);
  if (removed) {
    const keep = values.milestones.filter((_, i) => i !== Number(removed[1]));
    return json({ kind: "edit" as const, values: { ...values, milestones: keep }, formErrors: [] as string[], fieldErrors: {} as Record<string, string[]> });
  }
  const saved = await saveMilestones(context, user.actor, contractId, values);
  if (!saved.ok && saved.status === 404) throw notFound();
  if (!saved.ok) {
    const { formErrors, fieldErrors } = pageFailure(saved, locale);
    return json({ kind: "edit" as const, values, formErrors, fieldErrors }, { status: saved.status });
  }
  return redirect(back, { headers: { "Set-Cookie": await toastHeader(context, { key: "contracts.saved" }) } });
}

export default function ContractPage() {
  const d = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const { t, locale } = useI18n();
  const c = d.contract;
  const editState: MilestoneFormState | null = c
    ? answer && answer.kind === "edit"
      ? { values: answer.values as MilestonePlanInput, formErrors: answer.formErrors, fieldErrors: answer.fieldErrors }
      : {
          values: {
            ...(c.content.milestonePlan as MilestonePlanInput),
            outsideScope: c.outsideScope ? { reason: c.outsideScopeReason ?? "" } : null,
          },
        }
    : null;
  const otherErrors = answer && answer.kind !== "edit" && answer.kind !== "terms" ? answer : null;
  const termsAnswer = answer && answer.kind === "terms" ? { values: answer.termValues, formErrors: answer.formErrors, fieldErrors: answer.fieldErrors } : null;
  return (
    <article className="stack">
      <p>
        <Link to={`/rfqs/${d.rfq.id}`}>← {d.rfq.title}</Link>
      </p>
      <h1>
        {t("contracts.title")}: {d.rfq.title}
      </h1>
      <p className="muted">{t("contracts.lead")}</p>
      {otherErrors ? <FormErrors errors={[...otherErrors.formErrors, ...Object.values(otherErrors.fieldErrors).flat()]} /> : null}
      {!c ? (
        d.award ? (
          <Form method="post" className="card stack">
            <CsrfInput />
            {d.award.standstillRunning && d.award.standstillEndsAt ? (
              <p className="notice" data-testid="contract-standstill">
                {t("contracts.award.standstill", { date: formatDateTime(d.award.standstillEndsAt, locale) })}
              </p>
            ) : null}
            <p>
              <button type="submit" name="intent" value="create" className="button primary" data-testid="contract-create">
                {t("contracts.create")}
              </button>
            </p>
          </Form>
        ) : (
          <p data-testid="contract-none">{t("contracts.noAward")}</p>
        )
      ) : (
        <>
          <p data-testid="contract-status">
            {t(c.status === "active" ? "contracts.status.active" : "contracts.status.draft")} · {t("contracts.versionLabel", { version: c.currentVersion })}
          </p>
          <ContractTabs contractId={c.id} contractHref={`/rfqs/${d.rfq.id}/contract`} />
          <ContractView c={{ ...c.content, milestones: c.milestones, outsideScope: c.outsideScope }} />
          {d.inspectionTerms ? <InspectionTerms terms={d.inspectionTerms} editable={c.status === "draft"} answer={termsAnswer} /> : null}
          {c.status === "draft" && editState ? (
            <>
              <MilestonePlanForm state={editState} buyerKind={c.content.buyerKind} />
              {d.confirming ? (
                <Form method="post" className="card stack" data-testid="contract-activate-confirm">
                  <CsrfInput />
                  <p>{t("contracts.activate.confirm")}</p>
                  <p>
                    <button type="submit" name="intent" value="activate" className="button primary">
                      {t("contracts.activate")}
                    </button>{" "}
                    <Link to={`/rfqs/${d.rfq.id}/contract`} className="button">
                      {t("contracts.cancel")}
                    </Link>
                  </p>
                </Form>
              ) : (
                <p>
                  <Link to="?confirm=activate" className="button primary" data-testid="contract-activate">
                    {t("contracts.activate")}
                  </Link>
                </p>
              )}
            </>
          ) : null}
          {c.status === "active" ? (
            <section className="stack">
              <h2>{t("contracts.documents")}</h2>
              <ul>
                <li>
                  <a href={`/contracts/${c.id}/purchase-order.pdf`} data-testid="contract-po">
                    {t("contracts.purchaseOrder")}
                  </a>
                </li>
                <li>
                  <a href={`/contracts/${c.id}/purchase-order.pdf?lang=en`}>{t("contracts.purchaseOrder.en")}</a>
                </li>
              </ul>
            </section>
          ) : null}
          {d.documents.length > 0 ? (
            <ul className="muted" data-testid="contract-documents">
              {d.documents.map((doc) => (
                <li key={doc.id}>
                  <a href={`/rfqs/${d.rfq.id}/documents/${doc.id}`}>{doc.fileName}</a> · {t("contracts.sha256")} <code>{doc.sha256}</code>
                </li>
              ))}
            </ul>
          ) : null}
          {d.billing ? <MilestoneBilling data={d.billing} /> : null}
          <h2>{t("contracts.versions")}</h2>
          <ol reversed data-testid="contract-versions">
            {c.versions.map((v) => (
              <li key={v.version}>
                {t("contracts.versionLabel", { version: v.version })} · {formatDate(v.createdAt, locale)} · {v.createdByName} ·{" "}
                {v.changeReason || t("contracts.version.initial")}
              </li>
            ))}
          </ol>
        </>
      )}
    </article>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
