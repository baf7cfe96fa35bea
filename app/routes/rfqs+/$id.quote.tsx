import { getFormProps, getInputProps, getTextareaProps, useForm, type FieldMetadata } from "@conform-to/react";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useMemo, useState } from "react";
import { CsrfInput } from "~/components/csrf-input";
import { Field, FormErrors } from "~/components/field";
import { QuoteTotals } from "~/components/quote/quote-totals";
import { QuoteAttachmentsSection } from "~/components/attachments";
import { WithdrawQuote } from "~/components/quote/withdraw-quote";
import { AwardResultSection } from "~/components/award/award-result-section";
import { awardResultForVendor } from "~/services/award-result.server";
import { formatCriterionValue } from "~/components/rfq/rfq-view";
import { label } from "~/components/rfq/labels";
import { linePriceHint, lineRecurrenceText } from "~/components/rfq/recurrence";
import { requirementStatus } from "~/domain/certifications/validity";
import type { CertificationType } from "~/domain/rfq/categories";
import { certificationWarningMessage } from "~/domain/quote/certification-warnings";
import { decodeQuoteForm, quoteFormDefaults, quoteFormSchema, type QuoteFormValues } from "~/domain/quote/form";
import { normalizeQuoteToTco } from "~/domain/quote/normalize";
import { commitmentCriteria, type Quote } from "~/domain/quote/schema";
import { rfqForVendor, type RfqVendorView } from "~/domain/rfq/vendor-view";
import { quoteVersionForVendor } from "~/domain/quote/vendor-view";
import { versionRecord } from "~/services/quote-api.server";
import { translateOrPassThrough } from "~/i18n";
import { loadOwnQuote, reconfirmQuote, saveQuote } from "~/services/quotes.server";
import { vendorProfile } from "~/services/vendors.server";
import { filesOfOwnQuote } from "~/services/attachments.server";
import { requireUser } from "~/utils/auth.server";
import { readForm } from "~/utils/csrf.server";
import { formatDateTime, formatNumber, formatYen, parenthetical, tokyoDateString } from "~/utils/format";
import { parseForm, useFormIdAfterSave } from "~/utils/forms";
import { getLocale } from "~/utils/locale.server";
import { toastHeader } from "~/utils/toast.server";
import { useI18n } from "~/utils/use-i18n";
import { invariantResponse } from "~/utils/errors";
import { BafoNotice } from "~/components/bafo/bafo-notice";
import { VendorClarifications } from "~/components/quote/clarifications";
import { clarificationsForQuote } from "~/services/annotations.server";
import { vendorBafo } from "~/services/bafo.server";
import { VendorExplanationRequests } from "~/components/quote/low-price-panel";
import { explanationsForVendorQuote } from "~/services/low-quote-explanations.server";

async function requireQuoting(request: Request, context: LoaderFunctionArgs["context"], rfqId: string) {
  const user = await requireUser(request, context);
  const own = await loadOwnQuote(context, user.actor, rfqId);
  invariantResponse(own);
  return { user, own };
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { user, own } = await requireQuoting(request, context, params.id!);
  const vendor = await vendorProfile(context, user.activeOrg!.id);
  const today = tokyoDateString(context.clock.now());
  const certs = (vendor?.certifications ?? []).map((c) => ({
    type: c.type as CertificationType,
    verificationStatus: c.status,
    validFrom: c.valid_from,
    validUntil: c.valid_until,
  }));
  const certifications = own.rfq.requiredCertifications.map((r) => ({ ...r, ...requirementStatus(r, certs, today) }));
  return {
    // The vendor's browser gets the vendor view only: no budget (unless shown), invitees or internal costs.
    rfq: rfqForVendor(own.rfq),
    rfqId: own.rfqRow.id,
    rfqStatus: own.rfqStatus,
    deadline: own.rfqRow.quote_deadline,
    sealed: own.rfqRow.sealed,
    quote: own.quote ? { id: own.quote.id, status: own.quote.status, version: own.quote.current_version, content: own.quote.content as Partial<Quote> } : null,
    versions: own.versions.map((v) => quoteVersionForVendor(versionRecord(v))),
    needsReconfirmation: own.needsReconfirmation,
    certifications,
    attachments: await filesOfOwnQuote(context, own),
    // Mandatory certifications that would disqualify the quote at the opening (the ranking's gates).
    certificationWarnings: own.certificationWarnings,
    bafo: own.quote ? await vendorBafo(context, user.actor, own.quote.id) : null,
    awardResult: own.quote ? await awardResultOf(context, user.actor, own.quote.id) : null,
    // Clarifications from the buyer: the vendor projection (question and own answer) only.
    clarifications: own.quote ? await vendorClarifications(context, user.actor, own.quote.id) : [],
    // Requests to explain its price: the request itself and its own answer, never a figure (decision 0051).
    explanationRequests: own.quote ? ((await explanationsForVendorQuote(context, user.actor, own.quote.id)) ?? []) : [],
  };
}

/** The clarifications on the vendor's own quote, only ever in the vendor projection. */
async function vendorClarifications(context: LoaderFunctionArgs["context"], actor: Parameters<typeof clarificationsForQuote>[1], quoteId: string) {
  const found = await clarificationsForQuote(context, actor, quoteId);
  return found?.as === "vendor" ? found.items : [];
}

/** 「選定結果」: the winner's offer or the debrief; null before an award or without an opened offer. */
async function awardResultOf(context: LoaderFunctionArgs["context"], actor: Parameters<typeof awardResultForVendor>[1], quoteId: string) {
  const r = await awardResultForVendor(context, actor, quoteId);
  return r.ok ? r.result : null;
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const formData = await readForm(request, context);
  const { user, own } = await requireQuoting(request, context, params.id!);
  const locale = await getLocale(request, context);
  const intent = String(formData.get("intent") ?? "submit");
  const back = `/rfqs/${own.rfqRow.id}/quote`;
  const fail = (status: number, key: string) => json({ formErrors: [translateOrPassThrough(locale, key)] }, { status });

  // Withdrawing is confirmed first: it is posted to /quotes/:id/withdraw, not here.
  if (intent === "reconfirm") {
    invariantResponse(own.quote);
    const r = await reconfirmQuote(context, user.actor, own.quote.id);
    if (!r.ok) return fail(r.status, r.key);
    return redirect(back, { headers: { "Set-Cookie": await toastHeader(context, { key: "quotes.form.reconfirmed" }) } });
  }

  const mode = intent === "draft" ? "draft" : "submit";
  // The form is decoded and validated here first so errors carry the form's field names and the user's language.
  const submission = parseForm(formData, quoteFormSchema(own.rfq, mode), locale, { decoded: true });
  if (submission.status !== "success") return json(submission.reply(), { status: submission.status === "error" ? 400 : 200 });
  const r = await saveQuote(context, user.actor, own.rfqRow.id, submission.value, mode);
  if (!r.ok) return json(submission.reply({ formErrors: [translateOrPassThrough(locale, r.key)] }), { status: r.status });
  return redirect(back, {
    headers: {
      "Set-Cookie": await toastHeader(context, mode === "draft" ? { key: "quotes.form.saved" } : { key: "quotes.form.submitted", params: { n: r.version } }),
    },
  });
}

/** Live figures while typing; the server recomputes the same numbers with the same pure function. */
function totalsFrom(rfq: RfqVendorView, form: HTMLFormElement | null, fallback: Partial<Quote> | null) {
  let quote: Partial<Quote> | null = fallback;
  if (form) {
    // Only the one-level names the totals need (unitPrices.CODE, oneOffFees.setup, taxBasis, taxRate).
    const nested: Record<string, unknown> = {};
    for (const [k, v] of new FormData(form)) {
      const dot = k.indexOf(".");
      if (dot === -1) nested[k] = v;
      else ((nested[k.slice(0, dot)] ??= {}) as Record<string, unknown>)[k.slice(dot + 1)] = v;
    }
    quote = decodeQuoteForm(rfq, nested) as Partial<Quote>;
  }
  const priced = rfq.lineItems.every((l) => Number.isInteger(quote?.unitPrices?.[l.code]) && quote!.unitPrices![l.code] >= 0);
  const fees = quote?.oneOffFees;
  if (
    !quote ||
    !priced ||
    (quote.taxBasis !== "excluded" && quote.taxBasis !== "included") ||
    !fees ||
    !Number.isInteger(fees.setup) ||
    !Number.isInteger(fees.transition)
  )
    return null;
  try {
    return normalizeQuoteToTco(rfq, { unitPrices: quote.unitPrices!, oneOffFees: fees, taxBasis: quote.taxBasis, taxRate: quote.taxRate === 8 ? 8 : 10 });
  } catch {
    return null;
  }
}

export default function QuotePage() {
  const d = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const { t, translateOrPassThrough, locale } = useI18n();
  const [formEl, setFormEl] = useState<HTMLFormElement | null>(null);
  const [tick, setTick] = useState(0);
  // `tick` changes on every edit of the form, which is what makes the totals live.
  const totals = useMemo(() => totalsFrom(d.rfq, formEl, d.quote?.content ?? null), [d, formEl, tick]);
  // Withdraw and reconfirm failures answer `{ formErrors }`, which is not a conform result (conform
  // did nothing with it before either); only the form's own results go to conform.
  const formResult = lastResult && "formErrors" in lastResult ? undefined : lastResult;
  const [form, f] = useForm<QuoteFormValues>({
    id: useFormIdAfterSave("quote-form", formResult),
    lastResult: formResult,
    defaultValue: quoteFormDefaults(d.rfq, d.quote?.content ?? null),
    shouldValidate: "onSubmit",
  });
  const prices = f.unitPrices.getFieldset();
  const commitments = f.kpiCommitments.getFieldset();
  const fees = f.oneOffFees.getFieldset();
  const schedule = f.paymentSchedule.getFieldList();
  const pastWork = f.pastWork.getFieldset();
  const open = d.rfqStatus === "published";
  // A withdrawn quote can be submitted again until the deadline (a new version).
  const editable = open && (!d.quote || d.quote.status === "draft" || d.quote.status === "submitted" || d.quote.status === "withdrawn");
  const deadline = d.deadline ? formatDateTime(d.deadline, locale) : "—";
  const input = (field: FieldMetadata<unknown>, type: "text" | "number" | "date" = "text") => getInputProps(field as FieldMetadata<string>, { type });

  return (
    <section className="stack">
      <p>
        <Link to={`/rfqs/${d.rfqId}`}>← {d.rfq.title}</Link>
      </p>
      <div className="title-row">
        <h1>
          {t(
            !d.quote || d.quote.status === "draft"
              ? "quotes.form.title"
              : d.quote.status === "withdrawn"
                ? "quotes.form.titleWithdrawn"
                : "quotes.form.titleSubmitted",
          )}
        </h1>
        {d.quote ? (
          <span className={`status status-${d.quote.status}`} data-testid="quote-status">
            {translateOrPassThrough(`quotes.status.${d.quote.status}`)}
            {d.quote.version ? ` · v${d.quote.version}` : ""}
          </span>
        ) : null}
      </div>
      <BafoNotice bafo={d.bafo} />
      <VendorClarifications items={d.clarifications} />
      <VendorExplanationRequests items={d.explanationRequests} />
      <p className="muted">
        {t("rfq.detail.deadlineIn", { date: deadline })} {d.sealed ? `· ${t("quotes.form.sealedNote")}` : ""}
      </p>
      {d.needsReconfirmation ? (
        <div className="banner banner-warning" role="status" data-testid="needs-reconfirmation">
          {t("quote.needsReconfirmation")}
          <Form method="post" className="inline">
            <CsrfInput />
            <button type="submit" name="intent" value="reconfirm" className="button small">
              {t("quotes.form.reconfirm")}
            </button>
          </Form>
        </div>
      ) : null}
      {d.awardResult ? <AwardResultSection result={d.awardResult} /> : null}
      {!open ? <p className="notice">{t("quotes.form.closed")}</p> : null}
      {open && d.quote?.status === "withdrawn" ? (
        <p className="notice" role="status" data-testid="withdrawn-notice">
          {t("quoteForm.withdrawnNotice", { date: deadline })}
        </p>
      ) : null}

      <div className="card">
        <h2>{t("quotes.form.certifications")}</h2>
        <ul className="badges">
          {d.certifications.length === 0 ? <li className="muted">{t("common.none")}</li> : null}
          {d.certifications.map((c) => (
            <li key={c.type} className={`badge cert cert-${c.status === "satisfied" ? "verified" : c.status === "unverified" ? "unverified" : "expired"}`}>
              <strong>{label("certification", c.type, locale)}</strong>
              {parenthetical("", label("level", c.level, locale), locale)}: {translateOrPassThrough(c.key)}
            </li>
          ))}
        </ul>
        {d.certificationWarnings.length > 0 ? (
          <div className="banner banner-warning" role="status" data-testid="certification-warnings">
            <strong>{t("quoteForm.warning.title")}</strong>
            <ul>
              {d.certificationWarnings.map((w) => (
                <li key={w.certification}>{certificationWarningMessage(w, locale)}</li>
              ))}
            </ul>
            <Link to="/vendor/certifications">{t("quoteForm.warning.manage")}</Link>
          </div>
        ) : null}
      </div>

      <Form method="post" {...getFormProps(form)} className="card quote-form" ref={setFormEl} onChange={() => setTick((x) => x + 1)}>
        <CsrfInput />
        <button type="submit" name="intent" value="draft" className="visually-hidden" tabIndex={-1} aria-hidden="true" />
        <p className="hint">{t("quotes.form.intro")}</p>
        <FormErrors errors={form.errors} />
        <fieldset disabled={!editable} className="stack">
          <h2>{t("quotes.form.lines")}</h2>
          <div className="table-scroll">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">{t("rfq.field.line.description")}</th>
                  <th scope="col">{t("rfq.field.line.quantity")}</th>
                  <th scope="col">{t("rfq.field.line.recurrence")}</th>
                  <th scope="col">{t("quotes.form.unitPrice")}</th>
                  <th scope="col">{t("quotes.form.amount")}</th>
                </tr>
              </thead>
              <tbody>
                {d.rfq.lineItems.map((line) => {
                  const field = prices[line.code];
                  const computed = totals?.lines.find((l) => l.code === line.code);
                  return (
                    <tr key={line.code} data-testid="quote-line">
                      <td>
                        <code>{line.code}</code> {line.description}
                      </td>
                      <td>
                        {formatNumber(line.quantity, locale)} {line.unit}
                      </td>
                      <td>
                        {lineRecurrenceText(line, d.rfq.contractTermMonths, locale)}
                        <br />
                        <span className="hint" id={`${field.id}-per`}>
                          {linePriceHint(line, d.rfq.contractTermMonths, locale)}
                        </span>
                      </td>
                      <td>
                        <label className="visually-hidden" htmlFor={field.id}>
                          {line.description} {t("quotes.form.unitPrice")}
                        </label>
                        <input
                          {...input(field, "text")}
                          inputMode="numeric"
                          aria-invalid={field.errors ? true : undefined}
                          aria-describedby={field.errors ? `${field.id}-per ${field.id}-error` : `${field.id}-per`}
                        />
                        {field.errors ? (
                          <p className="field-errors" id={`${field.id}-error`} role="alert">
                            {field.errors.join(" ")}
                          </p>
                        ) : null}
                      </td>
                      <td>{computed ? formatYen(computed.amountAsEntered, locale) : "—"}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          <div className="inline-form">
            <Field id={fees.setup.id} label={t("quotes.form.setup")} errors={fees.setup.errors}>
              {(aria) => <input {...input(fees.setup)} inputMode="numeric" {...aria} />}
            </Field>
            <Field id={fees.transition.id} label={t("quotes.form.transition")} errors={fees.transition.errors}>
              {(aria) => <input {...input(fees.transition)} inputMode="numeric" {...aria} />}
            </Field>
          </div>
          <fieldset className="field">
            <legend>{t("quotes.form.taxBasis")}</legend>
            {(["excluded", "included"] as const).map((b) => (
              <label key={b} className="radio">
                <input type="radio" name={f.taxBasis.name} value={b} defaultChecked={f.taxBasis.initialValue === b} />
                {t(b === "excluded" ? "quotes.form.taxExcluded" : "quotes.form.taxIncluded")}
              </label>
            ))}
            {f.taxBasis.errors ? <p className="field-errors">{f.taxBasis.errors.join(" ")}</p> : null}
          </fieldset>
          <Field id={f.taxRate.id} label={t("quotes.form.taxRate")} errors={f.taxRate.errors}>
            {(aria) => (
              <select name={f.taxRate.name} defaultValue={f.taxRate.initialValue ?? "10"} {...aria}>
                <option value="10">10%</option>
                <option value="8">8%</option>
              </select>
            )}
          </Field>
          <Field id={f.leadTimeDays.id} label={t("quotes.form.leadTime")} errors={f.leadTimeDays.errors}>
            {(aria) => <input {...input(f.leadTimeDays, "number")} {...aria} />}
          </Field>

          <h2>{t("quotes.form.kpis")}</h2>
          {commitmentCriteria(d.rfq.criteria).map((c) => {
            const field = commitments[c.key];
            const name = (locale === "en" && c.label.en) || c.label.ja;
            return (
              <Field
                key={c.key}
                id={field.id}
                label={c.unit === "rate" ? parenthetical(name, t("quotes.form.percentHint"), locale) : name}
                hint={c.target !== undefined ? t("quotes.form.target", { value: formatCriterionValue(c.unit, c.target, locale) }) : undefined}
                errors={field.errors}
              >
                {(aria) =>
                  c.unit === "rate" ? (
                    <span className="input-suffix">
                      <input {...input(field)} inputMode="decimal" {...aria} />
                      <span aria-hidden="true">{t("rate.percentSuffix")}</span>
                    </span>
                  ) : (
                    <input {...input(field)} inputMode="decimal" {...aria} />
                  )
                }
              </Field>
            );
          })}

          <fieldset className="field">
            <legend>{t("quotes.form.schedule")}</legend>
            {f.paymentSchedule.errors ? (
              <p className="field-errors" role="alert">
                {f.paymentSchedule.errors.join(" ")}
              </p>
            ) : null}
            {schedule.map((m, index) => {
              const mf = m.getFieldset();
              return (
                <div key={m.key} className="row-card" data-testid="milestone-row">
                  <Field id={mf.label.id} label={t("quotes.form.milestone")} errors={mf.label.errors}>
                    {(aria) => <input {...input(mf.label)} {...aria} />}
                  </Field>
                  <Field id={mf.dueDate.id} label={t("quotes.form.dueDate")} errors={mf.dueDate.errors}>
                    {(aria) => <input {...input(mf.dueDate, "date")} {...aria} />}
                  </Field>
                  <Field id={mf.amount.id} label={t("quotes.form.milestoneAmount")} errors={mf.amount.errors}>
                    {(aria) => <input {...input(mf.amount)} inputMode="numeric" {...aria} />}
                  </Field>
                  <button {...form.remove.getButtonProps({ name: f.paymentSchedule.name, index })} className="button small danger">
                    {t("rfq.field.remove")}
                  </button>
                </div>
              );
            })}
            <button {...form.insert.getButtonProps({ name: f.paymentSchedule.name, defaultValue: { label: "" } })} className="button small">
              {t("rfq.field.add")}
            </button>
          </fieldset>

          {(["assumptions", "exceptions", "team"] as const).map((k) => (
            <Field key={k} id={f[k].id} label={t(`quotes.form.${k}`)} errors={f[k].errors}>
              {(aria) => <textarea {...getTextareaProps(f[k])} rows={3} {...aria} />}
            </Field>
          ))}
          <Field id={pastWork.text.id} label={t("quotes.form.pastWork")} errors={pastWork.text.errors}>
            {(aria) => <textarea {...getTextareaProps(pastWork.text)} rows={3} {...aria} />}
          </Field>
          <Field id={pastWork.links.id} label={t("quotes.form.pastWorkLinks")} errors={pastWork.links.errors}>
            {(aria) => <input {...input(pastWork.links)} {...aria} />}
          </Field>
        </fieldset>

        <h2>{t("quotes.totals.title")}</h2>
        <QuoteTotals totals={totals} audience="vendor" />
        {editable ? (
          <div className="actions sticky-actions">
            {!d.quote || d.quote.status === "draft" ? (
              <button type="submit" name="intent" value="draft" className="button">
                {t("quotes.form.saveDraft")}
              </button>
            ) : null}
            <button type="submit" name="intent" value="submit" className="button primary">
              {d.quote?.status === "submitted" ? t("quotes.form.revise") : d.quote?.status === "withdrawn" ? t("quoteForm.resubmit") : t("quotes.form.submit")}
            </button>
          </div>
        ) : null}
      </Form>

      {d.quote?.status === "submitted" && open ? (
        <WithdrawQuote quoteId={d.quote.id} rfqTitle={d.rfq.title} version={d.quote.version} deadline={d.deadline} />
      ) : null}

      {d.quote && d.attachments ? (
        <QuoteAttachmentsSection
          quoteId={d.quote.id}
          files={d.attachments}
          manageTo={`/rfqs/${d.rfqId}/quote/attachments`}
          intro={t("attachments.quote.intro")}
        />
      ) : null}

      {d.versions.length ? (
        <section className="card">
          <h2>{t("quotes.versions")}</h2>
          <ol className="versions" data-testid="quote-versions">
            {d.versions.map((v) => (
              <li key={v.version}>
                v{v.version} — {translateOrPassThrough(`quotes.version.${v.kind}`)} — {formatDateTime(v.createdAt, locale)} — {t("quotes.totals.excl")}{" "}
                {formatYen(v.contractValueExcludingTax, locale)}
                {v.withdrawnAt ? ` — ${t("quoteForm.version.withdrawnAt", { date: formatDateTime(v.withdrawnAt, locale) })}` : ""}
              </li>
            ))}
          </ol>
        </section>
      ) : null}
    </section>
  );
}
