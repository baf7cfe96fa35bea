import type { ActionFunctionArgs, LoaderFunctionArgs, SerializeFrom } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { CsrfInput } from "~/components/csrf-input";
import { IntentButton } from "~/components/intent-button";
import { Field } from "~/components/field";
import { CertificationTypeSchema, RejectionSchema } from "~/domain/certifications/form";
import { certificationTypeLabeler } from "~/domain/vendor/catalog";
import type { CertificationUiKey } from "~/i18n/messages-certifications";
import { addCertificationType, certificationReviewList, rejectCertification, verifyCertification } from "~/services/certifications.server";
import { requirePermission, requireUser } from "~/utils/auth.server";
import { readForm } from "~/utils/csrf.server";
import { formatDate, formatDateTime } from "~/utils/format";
import { parseForm } from "~/utils/forms";
import { getLocale } from "~/utils/locale.server";
import { toastHeader } from "~/utils/toast.server";
import { useI18n } from "~/utils/use-i18n";
import { failureStatus, pageFailure } from "~/utils/errors";

// Platform admins review vendors' certificates (unverified first) against their evidence, and add
// certification types beyond the built-in five.

const PAGE = "/admin/certifications";

async function requireReviewer(request: Request, context: LoaderFunctionArgs["context"]) {
  const user = await requireUser(request, context);
  requirePermission(user.actor, "certification:verify", { type: "certificationReview" });
  return user;
}

async function withToast(context: LoaderFunctionArgs["context"], key: CertificationUiKey) {
  return redirect(PAGE, { headers: { "Set-Cookie": await toastHeader(context, { key }) } });
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireReviewer(request, context);
  return certificationReviewList(context);
}

type FieldErrors = Record<string, string[] | null | undefined>;
type ActionData = { intent: "reject"; id: string; errors: FieldErrors } | { intent: "addType"; errors: FieldErrors; values: Record<string, unknown> };

export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await readForm(request, context);
  const user = await requireReviewer(request, context);
  const locale = await getLocale(request, context);
  const intent = formData.get("intent");
  const id = String(formData.get("id") ?? "");

  if (intent === "verify") {
    const r = await verifyCertification(context, user.actor, id);
    if (!r.ok) throw failureStatus(r);
    return withToast(context, "certAdmin.verified");
  }
  if (intent === "reject") {
    const submission = parseForm(formData, RejectionSchema, locale);
    if (submission.status !== "success") return json({ intent, id, errors: submission.error ?? {} } satisfies ActionData, { status: 400 });
    const r = await rejectCertification(context, user.actor, id, submission.value.reason);
    if (!r.ok) throw failureStatus(r);
    return withToast(context, "certAdmin.rejected");
  }
  if (intent === "addType") {
    const submission = parseForm(formData, CertificationTypeSchema, locale);
    const values = Object.fromEntries(["slug", "labelJa", "labelEn"].map((name) => [name, formData.get(name)]));
    if (submission.status !== "success") return json({ intent, errors: submission.error ?? {}, values } satisfies ActionData, { status: 400 });
    const r = await addCertificationType(context, user.actor, submission.value);
    if (!r.ok) {
      return json({ intent, errors: pageFailure(r, locale).fieldErrors, values } satisfies ActionData, { status: r.status });
    }
    return withToast(context, "certAdmin.types.added");
  }
  throw new Response("Bad Request", { status: 400 });
}

export default function AdminCertificationsPage() {
  const { rows, types } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t, locale } = useI18n();
  const typeLabel = certificationTypeLabeler(types, locale);
  return (
    <section className="stack">
      <h1>{t("certAdmin.title")}</h1>
      <p className="lead">{t("certAdmin.intro")}</p>
      {rows.length === 0 ? <p className="muted">{t("certAdmin.empty")}</p> : null}
      {rows.map((row) => (
        <article key={row.id} id={`cert-${row.id}`} className="card" data-testid="review-row" aria-label={`${row.org_name} ${typeLabel(row.type)}`}>
          <h2 className="small">
            {row.org_name} — {typeLabel(row.type)}{" "}
            <span className={`badge cert cert-${row.status}`} data-testid="review-status">
              {t(`certPage.status.${row.status}`)}
            </span>
          </h2>
          <p>
            {t("certPage.col.number")}: {row.number} · {t("certPage.col.issuer")}: {row.issuer} · {t("certPage.col.validity")}:{" "}
            {formatDate(row.valid_from, locale)} – {formatDate(row.valid_until, locale)}
          </p>
          <p>
            {t("certPage.col.evidence")}:{" "}
            {row.evidence_name ? (
              <a href={`/vendor/certifications/${row.id}/evidence`} download>
                {row.evidence_name}
              </a>
            ) : (
              t("certPage.evidence.none")
            )}
          </p>
          {row.status !== "unverified" && row.verified_at ? (
            <p className="muted small">{t("certPage.reviewedBy", { who: row.reviewer_name ?? "—", when: formatDateTime(row.verified_at, locale) })}</p>
          ) : null}
          {row.rejected_reason ? <p className="small">{t("certPage.rejectedReason", { reason: row.rejected_reason })}</p> : null}
          <div className="actions">
            {row.status !== "verified" ? (
              <IntentButton intent="verify" fields={{ id: row.id }} className="button primary small">
                {t("certAdmin.verify")}
              </IntentButton>
            ) : null}
            {row.status !== "rejected" ? (
              <Form method="post" className="inline-form">
                <CsrfInput />
                <input type="hidden" name="intent" value="reject" />
                <input type="hidden" name="id" value={row.id} />
                <Field
                  id={`reason-${row.id}`}
                  label={t("certAdmin.reason")}
                  errors={actionData?.intent === "reject" && actionData.id === row.id ? actionData.errors.reason : null}
                >
                  {(aria) => <input type="text" name="reason" maxLength={1000} {...aria} />}
                </Field>
                <button type="submit" className="button danger small">
                  {t("certAdmin.reject")}
                </button>
              </Form>
            ) : null}
          </div>
        </article>
      ))}
      <AddTypeForm types={types} actionData={actionData?.intent === "addType" ? actionData : undefined} />
    </section>
  );
}

function AddTypeForm({ types, actionData }: { types: SerializeFrom<typeof loader>["types"]; actionData?: Extract<ActionData, { intent: "addType" }> }) {
  const { t } = useI18n();
  const value = (name: string) => (typeof actionData?.values[name] === "string" ? (actionData.values[name] as string) : undefined);
  return (
    <Form method="post" className="card" aria-labelledby="add-type-title">
      <h2 id="add-type-title">{t("certAdmin.types.title")}</h2>
      <p className="muted">{t("certAdmin.types.intro")}</p>
      <CsrfInput />
      <input type="hidden" name="intent" value="addType" />
      <Field id="type-slug" label={t("certAdmin.types.slug")} errors={actionData?.errors.slug}>
        {(aria) => <input type="text" name="slug" defaultValue={value("slug")} maxLength={40} {...aria} />}
      </Field>
      <Field id="type-label-ja" label={t("certAdmin.types.labelJa")} errors={actionData?.errors.labelJa}>
        {(aria) => <input type="text" name="labelJa" defaultValue={value("labelJa")} maxLength={100} {...aria} />}
      </Field>
      <Field id="type-label-en" label={t("certAdmin.types.labelEn")} errors={actionData?.errors.labelEn}>
        {(aria) => <input type="text" name="labelEn" defaultValue={value("labelEn")} maxLength={100} {...aria} />}
      </Field>
      <button type="submit" className="button primary">
        {t("certAdmin.types.add")}
      </button>
      {types.length > 0 ? (
        <>
          <h3>{t("certAdmin.types.existing")}</h3>
          <ul>
            {types.map((type) => (
              <li key={type.key}>
                <code>{type.key}</code> {type.label_ja} / {type.label_en}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </Form>
  );
}
