import { getFormProps, getInputProps, useForm, type FieldMetadata } from "@conform-to/react";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import type { z } from "zod";
import { CsrfInput } from "~/components/csrf-input";
import { Field, FormErrors } from "~/components/field";
import { RouteRulesSchema, starterRules, type RouteRules } from "~/domain/approvals/route-rules";
import { DelegationsSection } from "~/components/approvals/delegations";
import { listDelegations } from "~/services/approval-delegations.server";
import { approvalRoutesOf, saveApprovalRoutes } from "~/services/approval-routes.server";
import { AwardSettingsForm } from "~/components/award/award-settings-form";
import { awardSettingsOf } from "~/services/award-result.server";
import { ChangeThresholdForm } from "~/components/contracts/change-threshold-form";
import { changeThreshold } from "~/services/change-requests.server";
import { requirePermission, requireUser } from "~/utils/auth.server";
import { readForm } from "~/utils/csrf.server";
import { forbidden, notFound, pageFailure } from "~/utils/errors";
import { formatDate, formatYen, joinList } from "~/utils/format";
import { parseForm, validateInBrowser } from "~/utils/forms";
import { getLocale } from "~/utils/locale.server";
import { toastHeader } from "~/utils/toast.server";
import { useI18n } from "~/utils/use-i18n";

// 稟議ルート (issue 15, item 3): every member of a buyer organisation reads its approval rules here;
// owners edit them. Bands and steps are added and removed with conform's list buttons, which post the
// form and come back with one more (or one fewer) row, so the page works without JavaScript.

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const [r, d] = await Promise.all([approvalRoutesOf(context, user.actor), listDelegations(context, user.actor)]);
  if (!r.ok || !d.ok) throw notFound();
  const { ok: _ok, ...delegations } = d;
  return {
    delegations,
    rules: r.rules,
    revision: r.revision,
    updatedAt: r.updatedAt,
    updatedByName: r.updatedByName,
    approvers: r.approvers,
    canManage: r.canManage,
    awardSettings: await awardSettingsOf(context, user.actor).then((a) => (a.ok ? a : null)),
    changeThreshold: await changeThreshold(context, user.actor).then((c) => (c.ok ? c : null)),
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await readForm(request, context);
  const user = await requireUser(request, context);
  const org = { type: "organization", id: user.activeOrg?.id ?? "" } as const;
  requirePermission(user.actor, "approvalRoutes:read", org, { hide: true });
  requirePermission(user.actor, "approvalRoutes:manage", org);
  const locale = await getLocale(request, context);
  const submission = parseForm(formData, RouteRulesSchema, locale);
  // A list button (add/remove a band or a step) comes back with the form one row longer or shorter.
  if (submission.status !== "success") return json(submission.reply(), { status: submission.status === "error" ? 400 : 200 });
  const saved = await saveApprovalRoutes(context, user.actor, submission.value);
  if (!saved.ok) {
    if (saved.status === 404) throw notFound();
    if (saved.status === 403) throw forbidden();
    return json(submission.reply(pageFailure(saved, locale)), { status: saved.status });
  }
  return redirect("/settings/approvals", { headers: { "Set-Cookie": await toastHeader(context, { key: "approvalRoutes.saved" }) } });
}

type Approver = { id: string; name: string; email: string };

function RulesSummary({ rules, approvers }: { rules: RouteRules; approvers: readonly Approver[] }) {
  const { t, locale } = useI18n();
  const name = (id: string) => approvers.find((a) => a.id === id)?.name ?? "—";
  return (
    <ol className="stack" data-testid="approval-rules">
      {rules.bands.map((band, b) => (
        <li key={b}>
          <strong>
            {band.toYen == null
              ? t("approvalRoutes.band.rangeOpen", { from: formatYen(band.fromYen, locale) })
              : t("approvalRoutes.band.range", { from: formatYen(band.fromYen, locale), to: formatYen(band.toYen, locale) })}
          </strong>
          <ol>
            {band.steps.map((step, s) => (
              <li key={s}>
                {step.kind === "sequential"
                  ? t("approvalRoutes.step.summary.sequential", { name: name(step.approverIds[0] ?? "") })
                  : t("approvalRoutes.step.summary.parallel", { n: step.required ?? 1, names: joinList(step.approverIds.map(name), locale) })}
              </li>
            ))}
          </ol>
        </li>
      ))}
    </ol>
  );
}

function errorsOf(field: FieldMetadata<unknown>) {
  return field.errors?.length ? field.errors : null;
}

function StepFields({
  step,
  index,
  approvers,
}: {
  step: FieldMetadata<z.input<typeof RouteRulesSchema>["bands"][number]["steps"][number]>;
  index: number;
  approvers: readonly Approver[];
}) {
  const { t } = useI18n();
  const f = step.getFieldset();
  const chosen = new Set(([] as unknown[]).concat(f.approverIds.initialValue ?? []).map(String));
  const approverErrors = [
    ...(f.approverIds.errors ?? []),
    ...(f.approverIds.allErrors
      ? Object.entries(f.approverIds.allErrors)
          .filter(([k]) => k !== f.approverIds.name)
          .flatMap(([, v]) => v)
      : []),
  ];
  return (
    <>
      <strong>{t("approvalRoutes.step", { n: index + 1 })}</strong>
      <Field id={f.kind.id} label={t("approvalRoutes.step.kind")} errors={errorsOf(f.kind)}>
        {(aria) => (
          <select name={f.kind.name} defaultValue={(f.kind.initialValue as string | undefined) ?? "sequential"} {...aria}>
            <option value="sequential">{t("approvalRoutes.step.kind.sequential")}</option>
            <option value="parallel">{t("approvalRoutes.step.kind.parallel")}</option>
          </select>
        )}
      </Field>
      <Field id={f.required.id} label={t("approvalRoutes.step.required")} errors={errorsOf(f.required)}>
        {(aria) => <input {...getInputProps(f.required, { type: "number" })} min={1} {...aria} key={undefined} />}
      </Field>
      <fieldset
        className="field"
        aria-invalid={approverErrors.length ? true : undefined}
        aria-describedby={approverErrors.length ? `${f.approverIds.id}-error` : undefined}
      >
        <legend>{t("approvalRoutes.step.approvers")}</legend>
        {approvers.map((a) => (
          <label key={a.id} className="checkbox">
            <input type="checkbox" name={f.approverIds.name} value={a.id} defaultChecked={chosen.has(a.id)} /> {a.name}
          </label>
        ))}
        {approverErrors.length ? (
          <ul className="field-errors" id={`${f.approverIds.id}-error`} role="alert">
            {[...new Set(approverErrors)].map((e) => (
              <li key={e}>{e}</li>
            ))}
          </ul>
        ) : null}
      </fieldset>
    </>
  );
}

export default function ApprovalRoutesPage() {
  const { rules, revision, updatedAt, updatedByName, approvers, canManage, awardSettings, delegations, changeThreshold } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const { t, locale } = useI18n();
  const [form, fields] = useForm<z.input<typeof RouteRulesSchema>>({
    // Keyed by the saved revision: after a save the form starts afresh from the saved rules.
    id: `approval-routes-${revision}`,
    lastResult,
    ...validateInBrowser(RouteRulesSchema, locale),
    defaultValue: rules ?? starterRules(),
  });
  const bands = fields.bands.getFieldList();
  return (
    <div className="stack">
      <h2>{t("approvalRoutes.title")}</h2>
      <p className="muted">{t("approvalRoutes.intro")}</p>
      {updatedAt && updatedByName ? (
        <p className="muted">{t("approvalRoutes.updatedBy", { name: updatedByName, date: formatDate(updatedAt, locale) })}</p>
      ) : null}
      {rules ? <RulesSummary rules={rules} approvers={approvers} /> : <p>{t("approvalRoutes.none")}</p>}
      {canManage ? null : <p className="muted">{t("approvalRoutes.readOnly")}</p>}
      {canManage && approvers.length === 0 ? <p className="notice">{t("approvalRoutes.noApprovers")}</p> : null}
      {canManage ? (
        <Form method="post" {...getFormProps(form)} className="stack" data-testid="approval-rules-form">
          <CsrfInput />
          <input type="hidden" name="version" value="1" />
          <FormErrors errors={form.errors} />
          {fields.bands.errors?.length ? <FormErrors errors={fields.bands.errors} /> : null}
          {bands.map((band, b) => {
            const bf = band.getFieldset();
            const steps = bf.steps.getFieldList();
            return (
              // A form posted without JavaScript comes back without conform's list keys: fall back to the band's place.
              <fieldset key={band.key ?? `band-${b}`} className="row-card" data-testid="approval-band">
                <legend>{t("approvalRoutes.band", { n: b + 1 })}</legend>
                <div className="inline-form">
                  <Field id={bf.fromYen.id} label={t("approvalRoutes.band.from")} errors={errorsOf(bf.fromYen)}>
                    {(aria) => <input {...getInputProps(bf.fromYen, { type: "number" })} min={0} step={1} {...aria} key={undefined} />}
                  </Field>
                  <Field id={bf.toYen.id} label={t("approvalRoutes.band.to")} errors={errorsOf(bf.toYen)}>
                    {(aria) => <input {...getInputProps(bf.toYen, { type: "number" })} min={0} step={1} {...aria} key={undefined} />}
                  </Field>
                </div>
                {bf.steps.errors?.length ? <FormErrors errors={bf.steps.errors} /> : null}
                <ol className="stack">
                  {steps.map((step, s) => (
                    <li key={step.key ?? `step-${b}-${s}`} className="row-card" data-testid="approval-step">
                      <StepFields step={step} index={s} approvers={approvers} />
                      <button {...form.remove.getButtonProps({ name: bf.steps.name, index: s })} className="button small danger">
                        {t("approvalRoutes.step.remove")}
                      </button>
                    </li>
                  ))}
                </ol>
                <button
                  {...form.insert.getButtonProps({ name: bf.steps.name, defaultValue: { kind: "sequential", approverIds: [] } })}
                  className="button small"
                >
                  {t("approvalRoutes.step.add")}
                </button>{" "}
                <button {...form.remove.getButtonProps({ name: fields.bands.name, index: b })} className="button small danger">
                  {t("approvalRoutes.band.remove")}
                </button>
              </fieldset>
            );
          })}
          <button
            {...form.insert.getButtonProps({ name: fields.bands.name, defaultValue: { steps: [{ kind: "sequential", approverIds: [] }] } })}
            className="button small"
          >
            {t("approvalRoutes.band.add")}
          </button>
          <button type="submit" className="button primary">
            {t("approvalRoutes.save")}
          </button>
        </Form>
      ) : null}
      {awardSettings ? <AwardSettingsForm values={awardSettings} canManage={awardSettings.canManage} /> : null}
      {changeThreshold ? <ChangeThresholdForm value={changeThreshold.thresholdYen} canManage={changeThreshold.canManage} /> : null}
      <DelegationsSection data={delegations} />
    </div>
  );
}
