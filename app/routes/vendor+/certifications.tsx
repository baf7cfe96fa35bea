import { getFormProps, getInputProps, getSelectProps, useForm, type SubmissionResult } from "@conform-to/react";
import type { ActionFunctionArgs, LoaderFunctionArgs, SerializeFrom } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { CsrfInput } from "~/components/csrf-input";
import { IntentButton } from "~/components/intent-button";
import { Field, FormErrors } from "~/components/field";
import { InvoiceNumberSchema, validityFlag } from "~/domain/certifications/form";
import { CERTIFICATION_TYPES, certificationTypeLabeler } from "~/domain/vendor/catalog";
import { translateOrPassThrough } from "~/i18n";
import type { CertificationUiKey } from "~/i18n/messages-certifications";
import { requirePermission, requireUser } from "~/utils/auth.server";
import { assertCsrf } from "~/utils/csrf.server";
import { formatDate, formatDateTime, tokyoDateString } from "~/utils/format";
import { parseForm, useFormIdAfterSave } from "~/utils/forms";
import { getLocale } from "~/utils/locale.server";
import { toastHeader } from "~/utils/toast.server";
import { useI18n } from "~/utils/use-i18n";
import { invariantResponse, notFound } from "~/utils/errors";
import {
  addCertification,
  certificationFormFor,
  certificationsPageFor,
  checkEvidenceUpload,
  deleteCertification,
  readCertificationForm,
  setInvoiceRegistrationNumber,
  updateCertification,
} from "~/services/certifications.server";

// The vendor's certificates (add, edit with a new evidence file, delete) and its invoice registration
// number. Works without JavaScript: each form posts here and errors come back field by field.

const PAGE = "/vendor/certifications";

async function requireCertificationManager(request: Request, context: LoaderFunctionArgs["context"]) {
  const user = await requireUser(request, context);
  const orgId = user.activeOrg?.id ?? "";
  requirePermission(user.actor, "certification:manage", { type: "certifications", orgId });
  return { user, orgId };
}

/** Toasts are stored as keys and translated by t(), which knows the registered certification keys too. */
async function withToast(context: LoaderFunctionArgs["context"], key: CertificationUiKey) {
  return redirect(PAGE, { headers: { "Set-Cookie": await toastHeader(context, { key }) } });
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { orgId } = await requireCertificationManager(request, context);
  const editId = new URL(request.url).searchParams.get("edit");
  const page = await certificationsPageFor(context, orgId, editId);
  // Another organisation's id (or a deleted one) is simply not found.
  if (editId && !page.editing) throw notFound();
  return { ...page, editing: page.editing ?? null, today: tokyoDateString(context.clock.now()) };
}

type ActionData = { intent: "save" | "invoice"; result: SubmissionResult<string[]> };

export async function action({ request, context }: ActionFunctionArgs) {
  // Who may post is known from the cookies alone, so an anonymous upload is refused before it is read.
  const { user } = await requireCertificationManager(request, context);
  const { formData, evidence } = await readCertificationForm(request);
  await assertCsrf(request, formData, context);
  const locale = await getLocale(request, context);
  const intent = formData.get("intent");

  if (intent === "invoice") {
    const submission = parseForm(formData, InvoiceNumberSchema, locale);
    if (submission.status !== "success") return json({ intent, result: submission.reply() } satisfies ActionData, { status: 400 });
    const value = submission.value.invoiceRegistrationNumber;
    await setInvoiceRegistrationNumber(context, user.actor, value);
    return withToast(context, value ? "certPage.invoice.saved" : "certPage.invoice.removed");
  }

  if (intent === "delete") {
    const deleted = await deleteCertification(context, user.actor, String(formData.get("id") ?? ""));
    invariantResponse(deleted.ok);
    return withToast(context, "certPage.deleted");
  }

  // intent "save": add, or edit when an id is posted.
  const submission = parseForm(formData, await certificationFormFor(context), locale);
  const file = checkEvidenceUpload(evidence);
  if (submission.status !== "success" || !file.ok) {
    const evidenceErrors = file.ok ? {} : { fieldErrors: { evidence: file.keys.map((key) => translateOrPassThrough(locale, key)) } };
    return json({ intent: "save", result: submission.reply(evidenceErrors) } satisfies ActionData, { status: 400 });
  }
  const id = String(formData.get("id") ?? "");
  const saved = id
    ? await updateCertification(context, user.actor, id, submission.value, file.evidence)
    : await addCertification(context, user.actor, submission.value, file.evidence);
  invariantResponse(saved.ok);
  return withToast(context, id ? "certPage.updated" : "certPage.added");
}

type LoaderData = SerializeFrom<typeof loader>;
type CertificationView = LoaderData["certifications"][number];

function useTypeLabel(customTypes: LoaderData["customTypes"]) {
  const { locale } = useI18n();
  return certificationTypeLabeler(customTypes, locale);
}

export default function VendorCertificationsPage() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useI18n();
  return (
    <section className="stack">
      <h1>{t("certPage.title")}</h1>
      <p className="lead">{t("certPage.intro")}</p>
      <InvoiceNumberForm current={data.invoiceNumber} lastResult={actionData?.intent === "invoice" ? actionData.result : undefined} />
      <CertificationTable {...data} />
      <CertificationForm
        {...data}
        key={data.editing?.id ?? `new-${data.certifications.length}`}
        lastResult={actionData?.intent === "save" ? actionData.result : undefined}
      />
    </section>
  );
}

function InvoiceNumberForm({ current, lastResult }: { current: string | null; lastResult?: SubmissionResult<string[]> }) {
  const { t } = useI18n();
  const [form, fields] = useForm<{ invoiceRegistrationNumber: string }>({
    id: useFormIdAfterSave("invoice-form", lastResult),
    lastResult,
    defaultValue: { invoiceRegistrationNumber: current ?? "" },
  });
  return (
    <Form method="post" {...getFormProps(form)} className="card" aria-labelledby="invoice-title">
      <h2 id="invoice-title">{t("certPage.invoice.title")}</h2>
      <CsrfInput />
      <input type="hidden" name="intent" value="invoice" />
      <Field
        id={fields.invoiceRegistrationNumber.id}
        label={t("certPage.invoice.label")}
        hint={t("certPage.invoice.hint")}
        errors={fields.invoiceRegistrationNumber.errors}
      >
        {(aria) => (
          <input {...getInputProps(fields.invoiceRegistrationNumber, { type: "text" })} autoComplete="off" inputMode="text" maxLength={40} {...aria} />
        )}
      </Field>
      <button type="submit" className="button primary">
        {t("certPage.invoice.save")}
      </button>
    </Form>
  );
}

function StatusCell({ cert }: { cert: CertificationView }) {
  const { t, locale } = useI18n();
  return (
    <>
      <span className={`badge cert cert-${cert.status}`} data-testid="certification-status">
        {t(`certPage.status.${cert.status}`)}
      </span>
      {cert.status !== "unverified" && cert.verified_at ? (
        <div className="muted small">{t("certPage.reviewedBy", { who: cert.reviewer_name ?? "—", when: formatDateTime(cert.verified_at, locale) })}</div>
      ) : null}
      {cert.rejected_reason ? <div className="small">{t("certPage.rejectedReason", { reason: cert.rejected_reason })}</div> : null}
    </>
  );
}

function CertificationTable({ certifications, customTypes, today }: LoaderData) {
  const { t, locale } = useI18n();
  const typeLabel = useTypeLabel(customTypes);
  return (
    <div className="card">
      <h2>{t("certPage.list.title")}</h2>
      {certifications.length === 0 ? (
        <p className="muted">{t("certPage.list.empty")}</p>
      ) : (
        <div className="table-scroll">
          <table className="table" data-testid="certifications">
            <thead>
              <tr>
                {(["type", "number", "issuer", "validity", "status", "evidence", "actions"] as const).map((col) => (
                  <th scope="col" key={col}>
                    {t(`certPage.col.${col}`)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {certifications.map((cert) => {
                const flag = validityFlag({ validFrom: cert.valid_from, validUntil: cert.valid_until }, today);
                return (
                  <tr key={cert.id} data-testid="certification-row">
                    <td>{typeLabel(cert.type)}</td>
                    <td>{cert.number}</td>
                    <td>{cert.issuer}</td>
                    <td>
                      {formatDate(cert.valid_from, locale)} – {formatDate(cert.valid_until, locale)}
                      {flag ? <span className={`badge ${flag === "expiresSoon" ? "warn" : ""}`}>{t(`certPage.flag.${flag}`)}</span> : null}
                    </td>
                    <td>
                      <StatusCell cert={cert} />
                    </td>
                    <td>
                      {cert.evidence_name ? (
                        <a href={`${PAGE}/${cert.id}/evidence`} download>
                          {t("certPage.evidence.download")} <span className="muted small">{cert.evidence_name}</span>
                        </a>
                      ) : (
                        <span className="muted">{t("certPage.evidence.none")}</span>
                      )}
                    </td>
                    <td className="actions">
                      <Link to={`${PAGE}?edit=${cert.id}`} className="button small">
                        {t("certPage.edit")}
                      </Link>
                      <IntentButton intent="delete" fields={{ id: cert.id }} className="button danger small">
                        {t("certPage.delete")}
                      </IntentButton>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}

type CertificationFields = { type: string; number: string; issuer: string; validFrom: string; validUntil: string; evidence: File };

function CertificationForm({ editing, customTypes, lastResult }: LoaderData & { lastResult?: SubmissionResult<string[]> }) {
  const { t } = useI18n();
  const typeLabel = useTypeLabel(customTypes);
  const [form, fields] = useForm<CertificationFields>({
    // Validated on the server only (as on the profile page): the server's answer is the truth and it
    // also covers the file, which only the server can inspect.
    id: "certification-form",
    lastResult,
    defaultValue: editing
      ? { type: editing.type, number: editing.number, issuer: editing.issuer, validFrom: editing.valid_from, validUntil: editing.valid_until }
      : undefined,
  });
  const types = [...CERTIFICATION_TYPES, ...customTypes.map((type) => type.key)];
  return (
    <Form method="post" encType="multipart/form-data" {...getFormProps(form)} className="card" aria-labelledby="certification-form-title">
      <h2 id="certification-form-title">{t(editing ? "certPage.form.editTitle" : "certPage.form.addTitle")}</h2>
      <CsrfInput />
      <input type="hidden" name="intent" value="save" />
      {editing ? <input type="hidden" name="id" value={editing.id} /> : null}
      {editing?.status === "verified" ? <p className="notice">{t("certPage.form.reverifyNote")}</p> : null}
      <FormErrors errors={form.errors} />
      <Field id={fields.type.id} label={t("certPage.form.type")} errors={fields.type.errors}>
        {(aria) => (
          <select {...getSelectProps(fields.type)} {...aria}>
            <option value="">{t("certPage.form.choose")}</option>
            {types.map((key) => (
              <option key={key} value={key}>
                {typeLabel(key)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field id={fields.number.id} label={t("certPage.form.number")} errors={fields.number.errors}>
        {(aria) => <input {...getInputProps(fields.number, { type: "text" })} maxLength={100} {...aria} />}
      </Field>
      <Field id={fields.issuer.id} label={t("certPage.form.issuer")} errors={fields.issuer.errors}>
        {(aria) => <input {...getInputProps(fields.issuer, { type: "text" })} maxLength={200} {...aria} />}
      </Field>
      <Field id={fields.validFrom.id} label={t("certPage.form.validFrom")} errors={fields.validFrom.errors}>
        {(aria) => <input {...getInputProps(fields.validFrom, { type: "date" })} {...aria} />}
      </Field>
      <Field id={fields.validUntil.id} label={t("certPage.form.validUntil")} errors={fields.validUntil.errors}>
        {(aria) => <input {...getInputProps(fields.validUntil, { type: "date" })} {...aria} />}
      </Field>
      <Field
        id={fields.evidence.id}
        label={t("certPage.form.evidence")}
        hint={editing?.evidence_name ? t("certPage.form.evidenceKeep") : undefined}
        errors={fields.evidence.errors}
      >
        {(aria) => <input type="file" name={fields.evidence.name} accept="application/pdf,image/png,image/jpeg,.pdf,.png,.jpg,.jpeg" {...aria} />}
      </Field>
      <div className="actions">
        <button type="submit" className="button primary">
          {t(editing ? "certPage.form.save" : "certPage.form.add")}
        </button>
        {editing ? (
          <Link to={PAGE} className="button">
            {t("certPage.form.cancel")}
          </Link>
        ) : null}
      </div>
    </Form>
  );
}
