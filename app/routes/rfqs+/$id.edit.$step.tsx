import { getFormProps, useForm } from "@conform-to/react";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { CsrfInput } from "~/components/csrf-input";
import { FormErrors } from "~/components/field";
import { StepNav } from "~/components/rfq/step-nav";
import { EvaluationStep } from "~/components/rfq/steps/evaluation-step";
import { LinesStep } from "~/components/rfq/steps/lines-step";
import { PurposeStep } from "~/components/rfq/steps/purpose-step";
import { RequirementsStep } from "~/components/rfq/steps/requirements-step";
import { ScheduleStep, type VendorChoice } from "~/components/rfq/steps/schedule-step";
import { STEP_ORDER, stepFormDefaults, stepFormSchema, type RfqFormValues } from "~/domain/rfq/form-steps";
import { pairwiseMatrixFromAnswers } from "~/domain/rfq/ahp-form";
import { suggestCriteria, suggestRequiredCertifications, toWeightPoints } from "~/domain/rfq/kpi-templates";
import { effectiveStatus } from "~/domain/rfq/lifecycle";
import type { RfqDraft, RfqStep } from "~/domain/rfq/schema";
import { ahpWeights } from "~/domain/scoring";
import { loadRfqForReader, updateRfqWorkingCopyFor } from "~/services/rfqs.server";
import { vendorsPage } from "~/services/vendors.server";
import { requireUser } from "~/utils/auth.server";
import { readForm } from "~/utils/csrf.server";
import { parseForm, useFormIdAfterSave } from "~/utils/forms";
import { getLocale } from "~/utils/locale.server";
import { toastHeader } from "~/utils/toast.server";
import { useI18n } from "~/utils/use-i18n";
import { WorkStep } from "~/components/rfq/steps/work-step";
import { invariantResponse, notFound, pageFailure } from "~/utils/errors";

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
  const { row, status } = await requireEditable(request, context, params.id!);
  const vendors: VendorChoice[] =
    step === "scheduleAndInvitations"
      ? (await vendorsPage(context, { limit: 100, offset: 0 })).rows.map((v) => ({ id: v.id, name: v.name, categories: v.categories }))
      : [];
  return { rfq: { id: row.id, title: row.title, status, category: row.category, sealed: row.sealed, content: row.content as RfqDraft }, step, vendors };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const step = stepOf(params.step);
  const formData = await readForm(request, context);
  const { user, row } = await requireEditable(request, context, params.id!);
  const locale = await getLocale(request, context);
  const draft = row.content as RfqDraft;
  const here = `/rfqs/${row.id}/edit/${step}`;
  const op = formData.get("op");

  // Helpers that rewrite part of the draft from the catalog or from AHP, then come back to the step.
  if (op === "suggestCriteria" || op === "suggestCerts" || op === "ahp") {
    let changes: Partial<RfqDraft> = {};
    let toast = await toastHeader(context, { key: "rfq.step.saved" });
    if (op === "suggestCriteria") changes = { criteria: suggestCriteria(draft.category, draft.phase ?? "launch", draft.dataSensitivity ?? "none") };
    if (op === "suggestCerts") changes = { requiredCertifications: suggestRequiredCertifications(draft.dataSensitivity ?? "none") };
    if (op === "ahp") {
      const criteria = draft.criteria ?? [];
      if (criteria.length < 2) return redirect(here);
      const result = ahpWeights(pairwiseMatrixFromAnswers(criteria.length, (name) => formData.get(name)));
      const points = toWeightPoints(result.weights);
      changes = { criteria: criteria.map((c, i) => ({ ...c, weight: points[i] })) };
      const cr = result.consistencyRatio.toFixed(3);
      toast = await toastHeader(
        context,
        result.consistent ? { key: "rfq.ahp.applied", params: { cr } } : { key: "rfq.ahp.inconsistent", kind: "error", params: { cr } },
      );
    }
    const saved = await updateRfqWorkingCopyFor(context, user.actor, row.id, changes);
    if (!saved.ok) throw new Response("Conflict", { status: saved.status });
    return redirect(here, { headers: { "Set-Cookie": toast } });
  }

  const submission = parseForm(formData, stepFormSchema(step), locale, { decoded: true });
  // A list intent (add / remove a row) or an invalid step comes back to the form, nothing saved.
  if (submission.status !== "success") return json(submission.reply(), { status: submission.status === "error" ? 400 : 200 });
  const saved = await updateRfqWorkingCopyFor(context, user.actor, row.id, submission.value as Partial<RfqDraft>);
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
  const { rfq, step, vendors } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const { t } = useI18n();
  const [form, f] = useForm<RfqFormValues>({
    id: useFormIdAfterSave(`rfq-${step}`, lastResult),
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
      <Form method="post" {...getFormProps(form)} className="card step-form" key={step}>
        <CsrfInput />
        {/* Enter in a text box submits the first button of the form: make that "save", not a row's "remove". */}
        <button type="submit" name="then" value="stay" className="visually-hidden" tabIndex={-1} aria-hidden="true" />
        <FormErrors errors={form.errors} />
        {step === "purposeAndScope" ? <PurposeStep fields={f} /> : null}
        {step === "workAndVolumes" ? <WorkStep form={form} fields={f} /> : null}
        {step === "lines" ? <LinesStep form={form} fields={f} /> : null}
        {step === "requirementsAndCertifications" ? <RequirementsStep form={form} fields={f} /> : null}
        {step === "evaluation" ? <EvaluationStep form={form} fields={f} savedCriteria={rfq.content.criteria ?? []} /> : null}
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
