import { getFormProps, useForm } from "@conform-to/react";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { CsrfInput } from "~/components/csrf-input";
import { FormErrors } from "~/components/field";
import { StepNav } from "~/components/rfq/step-nav";
import { EvaluationStep } from "~/components/rfq/steps/evaluation-step";
import { CLEAR_PRICE_RULES, LinesStep } from "~/components/rfq/steps/lines-step";
import { PurposeStep } from "~/components/rfq/steps/purpose-step";
import { RequirementsStep } from "~/components/rfq/steps/requirements-step";
import { ScheduleStep, type VendorChoice } from "~/components/rfq/steps/schedule-step";
import { STEP_ORDER, stepFormDefaults, stepFormSchema, stepOfField, type RfqFormValues } from "~/domain/rfq/form-steps";
import { isProposedTcoScale, isTcoCriterion, proposeTcoScale, type TcoScaleProposal } from "~/domain/rfq/draft-assist";
import { checkPublishable } from "~/domain/rfq/schema";
import { inWords } from "~/i18n/rfq-field-words";
import { formatYen } from "~/utils/format";
import { ahpAnswers } from "~/domain/rfq/ahp-form";
import { suggestCriteria, suggestRequiredCertifications } from "~/domain/rfq/kpi-templates";
import { effectiveStatus } from "~/domain/rfq/lifecycle";
import type { RfqDraft, RfqStep } from "~/domain/rfq/schema";
import { buyerKindOf, loadRfqForReader, updateRfqWorkingCopyFor } from "~/services/rfqs.server";
import { vendorsPage } from "~/services/vendors.server";
import { applyAhpWeights } from "~/services/rfq-weights.server";
import { requireUser } from "~/utils/auth.server";
import { readForm } from "~/utils/csrf.server";
import { parseForm } from "~/utils/forms";
import { getLocale } from "~/utils/locale.server";
import { toastHeader } from "~/utils/toast.server";
import { useI18n } from "~/utils/use-i18n";
import { WorkStep } from "~/components/rfq/steps/work-step";
import { invariantResponse, notFound, pageFailure } from "~/utils/errors";
import { designReviewFor } from "~/services/design-review.server";
import { benchmarkHints } from "~/services/benchmarks.server";

function stepOf(param: string | undefined): RfqStep {
  const step = STEP_ORDER.find((s) => s === param);
  invariantResponse(step);
  return step;
}

/** The buyer's own RFQ, editable (draft, or published and still open: edits become the next addendum). */
async function requireEditable(request: Request, context: LoaderFunctionArgs["context"], id: string) {
  const user = await requireUser(request, context);
  const found = await loadRfqForReader(context, user.actor, id);
  if (!found || found.as !== "buyer") throw notFound();
  const status = effectiveStatus({ status: found.row.status, quoteDeadline: found.row.quote_deadline?.toISOString() }, context.clock.now());
  if (status !== "draft" && status !== "published") throw redirect(`/rfqs/${id}`);
  return { user, row: found.row, status };
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const step = stepOf(params.step);
  const { user, row, status } = await requireEditable(request, context, params.id!);
  const vendors: VendorChoice[] =
    step === "scheduleAndInvitations"
      ? (await vendorsPage(context, { limit: 100, offset: 0 })).rows.map((v) => ({ id: v.id, name: v.name, categories: v.categories }))
      : [];
  const content = row.content as RfqDraft;
  // The form's version: a save or an applied helper (AHP, catalog) gives the inputs the values just saved.
  const formVersion = row.updated_at.getTime();
  return {
    rfq: { id: row.id, title: row.title, status, category: row.category, sealed: row.sealed, content },
    step,
    vendors,
    formVersion,
    warnings: stepWarnings(content, step, context.clock.now()),
    tcoNotes: step === "evaluation" ? tcoScaleNotes(content) : [],
    designAnchors: step === "evaluation" ? await designAnchors(context, user.actor, row.id) : null,
    // 予定価格 and its floor are asked of municipalities only (decision 0049).
    municipality: step === "lines" ? (await buyerKindOf(context, user.actor)) === "municipality" : false,
    benchmarks: step === "evaluation" || step === "lines" ? await benchmarkHints(context, user.actor, row.category, content.phase ?? null) : null,
  };
}

/**
 * What this step holds that cannot be published (a deadline in the past, all-zero weights, a deliverable due
 * in 2020, a relaxed certification without its reason): the publish check's own errors for the step's
 * fields, less the ones that only say something is still missing. The draft is saved anyway.
 */
function stepWarnings(content: RfqDraft, step: RfqStep, now: Date) {
  const impossible = checkPublishable(content, now).filter(
    (problem) => problem.severity === "error" && !problem.key.endsWith(".required") && stepOfField(problem.path[0]) === step,
  );
  return inWords(impossible, content);
}

/** The advisors' design comments per criterion (decision 0044): how many, how many open — shown beside the criteria. */
async function designAnchors(context: LoaderFunctionArgs["context"], actor: Parameters<typeof designReviewFor>[1], rfqId: string) {
  const review = await designReviewFor(context, actor, rfqId);
  if (!review || review.comments.length === 0) return null;
  const keys = [...new Set(review.comments.map((c) => c.criterionKey ?? ""))];
  return {
    open: review.open,
    anchors: keys.map((key) => ({
      criterionKey: key || null,
      total: review.comments.filter((c) => (c.criterionKey ?? "") === key).length,
      open: review.comments.filter((c) => (c.criterionKey ?? "") === key && c.status === "open").length,
    })),
  };
}

/** Where each TCO criterion's target scale comes from: the app's proposal (and from what), or nothing to propose from yet. */
function tcoScaleNotes(content: RfqDraft) {
  const proposal = proposeTcoScale(content);
  return (content.criteria ?? []).flatMap((criterion, index): { words: { ja: string; en: string }; proposal: TcoScaleProposal | null }[] => {
    if (!isTcoCriterion(criterion)) return [];
    const words = inWords([{ path: ["criteria", index, "scale"] }], content)[0].words;
    if (proposal && isProposedTcoScale(criterion, content)) return [{ words, proposal }];
    if (!criterion.scale && !proposal) return [{ words, proposal: null }];
    return [];
  });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const step = stepOf(params.step);
  const formData = await readForm(request, context);
  const { user, row } = await requireEditable(request, context, params.id!);
  const locale = await getLocale(request, context);
  const draft = row.content as RfqDraft;
  const here = `/rfqs/${row.id}/edit/${step}`;
  const op = formData.get("op");

  if (op === "ahp") {
    const answers = (name: string) => formData.get(name);
    const r = await applyAhpWeights(context, user.actor, row.id, answers, formData.get("confirmInconsistent"));
    if (!r.ok) return redirect(here, { headers: { "Set-Cookie": await toastHeader(context, { key: r.key, kind: "error" }) } });
    // CR above 0.10: nothing written yet; the step shows what CR means and asks to confirm.
    if (!r.applied) return json({ ahpConfirm: { cr: r.cr, weights: r.weights, answers: ahpAnswers(r.weights.length, answers) } });
    const key = r.consistent ? "rfq.ahp.applied" : "weights.ahp.appliedInconsistent";
    return redirect(here, { headers: { "Set-Cookie": await toastHeader(context, { key, params: { cr: r.cr } }) } });
  }

  // Helpers that rewrite part of the draft from the catalog, then come back to the step.
  if (op === "suggestCriteria" || op === "suggestCerts") {
    let changes: Partial<RfqDraft> = {};
    const toast = await toastHeader(context, { key: "rfq.step.saved" });
    if (op === "suggestCriteria") changes = { criteria: suggestCriteria(draft.category, draft.phase ?? "launch", draft.dataSensitivity ?? "none") };
    if (op === "suggestCerts") changes = { requiredCertifications: suggestRequiredCertifications(draft.dataSensitivity ?? "none") };
    const saved = await updateRfqWorkingCopyFor(context, user.actor, row.id, changes);
    if (!saved.ok) throw new Response("Conflict", { status: saved.status });
    return redirect(here, { headers: { "Set-Cookie": toast } });
  }

  // "予定価格を設定しない": the price inputs are ignored and the field is removed (a key present with no value).
  const clearPriceRules = step === "lines" && formData.get(CLEAR_PRICE_RULES) === "on";
  if (clearPriceRules) for (const name of [...formData.keys()]) if (name.startsWith("publicPriceRules.")) formData.delete(name);
  const submission = parseForm(formData, stepFormSchema(step), locale, { decoded: true });
  // A list intent (add / remove a row) or an invalid step comes back to the form, nothing saved.
  if (submission.status !== "success") return json(submission.reply(), { status: submission.status === "error" ? 400 : 200 });
  const changes = submission.value as Partial<RfqDraft>;
  const saved = await updateRfqWorkingCopyFor(context, user.actor, row.id, clearPriceRules ? { ...changes, publicPriceRules: undefined } : changes);
  if (!saved.ok) {
    const { fieldErrors, formErrors } = pageFailure(saved, locale);
    return json(submission.reply({ fieldErrors, formErrors }), { status: saved.status });
  }
  const next = formData.get("then") === "next" ? STEP_ORDER[STEP_ORDER.indexOf(step) + 1] : step;
  return redirect(next ? `/rfqs/${row.id}/edit/${next}` : `/rfqs/${row.id}/review`, {
    headers: { "Set-Cookie": await toastHeader(context, { key: "rfq.step.saved" }) },
  });
}

export default function RfqStepPage() {
  const { rfq, step, vendors, formVersion, warnings, tcoNotes, designAnchors, municipality, benchmarks } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const ahpConfirm = actionData && "ahpConfirm" in actionData ? actionData.ahpConfirm : null;
  const lastResult = actionData && "ahpConfirm" in actionData ? undefined : actionData;
  const { t, translateOrPassThrough, locale } = useI18n();
  const [form, f] = useForm<RfqFormValues>({
    // The saved version in the id: after a save or an applied helper the form starts afresh from the saved values,
    // without the errors of an earlier refused attempt (issue 14, items 4 and 5).
    id: `rfq-${step}-${formVersion}`,
    lastResult,
    defaultValue: stepFormDefaults(rfq.content),
    shouldValidate: "onSubmit",
  });
  const isLast = STEP_ORDER.indexOf(step) === STEP_ORDER.length - 1;
  return (
    <section className="stack">
      <p>
        <Link to={`/rfqs/${rfq.id}`}>← {rfq.title}</Link>
      </p>
      <h1>{t(`rfq.step.${step}`)}</h1>
      <StepNav rfqId={rfq.id} />
      {rfq.status === "published" ? <p className="notice">{t("rfq.step.addendumNote")}</p> : null}
      {warnings.length ? (
        <div className="notice warning" role="status" data-testid="step-warnings">
          <p>{t("rfqReview.step.warnings")}</p>
          <ul>
            {warnings.map((w, i) => (
              <li key={`${w.key}-${i}`}>{t("rfqReview.problemAt", { field: w.words[locale], message: translateOrPassThrough(w.key) })}</li>
            ))}
          </ul>
        </div>
      ) : null}
      {designAnchors ? (
        <div className="notice" data-testid="design-anchors">
          <p>
            <Link to={`/rfqs/${rfq.id}/design-review`}>{t("designReview.title")}</Link> — {t("designReview.unresolved", { count: designAnchors.open })}
          </p>
          <ul>
            {designAnchors.anchors.map((a) => {
              const criterion = (rfq.content.criteria ?? []).find((c) => c.key === a.criterionKey);
              const label = a.criterionKey ? (criterion ? criterion.label[locale] || criterion.label.ja : a.criterionKey) : t("designReview.anchor.design");
              return (
                <li key={a.criterionKey ?? ""} data-testid="design-anchor" data-criterion={a.criterionKey ?? ""}>
                  {label}: {t("designReview.count.onCriterion", { count: a.total })} ({t("designReview.unresolved", { count: a.open })})
                </li>
              );
            })}
          </ul>
        </div>
      ) : null}
      {tcoNotes.map(({ words, proposal }, i) => {
        const yen = (n: number) => formatYen(n, locale);
        const text = !proposal
          ? t("rfqReview.tco.needsBasis")
          : proposal.basis === "budget"
            ? t("rfqReview.tco.proposedFromBudget", {
                min: yen(proposal.budget.min),
                max: yen(proposal.budget.max),
                worst: yen(proposal.scale.worst),
                best: yen(proposal.scale.best),
              })
            : t("rfqReview.tco.proposedFromBaseline", {
                monthly: yen(proposal.monthly),
                months: proposal.months,
                worst: yen(proposal.scale.worst),
                best: yen(proposal.scale.best),
              });
        return (
          <p key={i} className="hint" data-testid="tco-scale-note">
            {words[locale]} — {text}
          </p>
        );
      })}
      <Form method="post" {...getFormProps(form)} className="card step-form" key={`${step}-${formVersion}`}>
        <CsrfInput />
        {/* Enter in a text box submits the first button of the form: make that "save", not a row's "remove". */}
        <button type="submit" name="then" value="stay" className="visually-hidden" tabIndex={-1} aria-hidden="true" />
        <FormErrors errors={form.errors} />
        {step === "purposeAndScope" ? <PurposeStep fields={f} /> : null}
        {step === "workAndVolumes" ? <WorkStep form={form} fields={f} /> : null}
        {step === "lines" ? <LinesStep form={form} fields={f} municipality={municipality} benchmarks={benchmarks} /> : null}
        {step === "requirementsAndCertifications" ? <RequirementsStep form={form} fields={f} /> : null}
        {step === "evaluation" ? (
          <EvaluationStep form={form} fields={f} savedCriteria={rfq.content.criteria ?? []} ahpConfirm={ahpConfirm} benchmarks={benchmarks} />
        ) : null}
        {step === "scheduleAndInvitations" ? (
          <ScheduleStep fields={f} vendors={vendors} category={rfq.category} fixedSealed={rfq.status === "draft" ? null : rfq.sealed} />
        ) : null}
        <div className="actions sticky-actions">
          <button type="submit" name="then" value="stay" className="button">
            {t("rfq.step.save")}
          </button>
          <button type="submit" name="then" value="next" className="button primary">
            {isLast ? t("rfq.step.review") : t("rfq.step.saveNext")}
          </button>
        </div>
      </Form>
    </section>
  );
}
