import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData, useLocation } from "@remix-run/react";
import { Field } from "~/components/field";
import { AUDIT_ACTIONS, isKnownAuditAction, isKnownEntityType } from "~/domain/audit/log-view";
import type { AnyMessageKey } from "~/i18n";
import { auditLogPage } from "~/services/audit.server";
import { requirePermission, requireUser } from "~/utils/auth.server";
import { formatDateTime, formatNumber } from "~/utils/format";
import { isMessageKey, type Locale } from "~/i18n";
import { rfqFieldWordsIn } from "~/i18n/rfq-field-words";
import { useI18n } from "~/utils/use-i18n";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  requirePermission(user.actor, "auditLog:read", { type: "auditLog" });
  return auditLogPage(context, new URL(request.url).searchParams);
}

/** An action code in words (ja/en); a code the catalog does not know yet is shown as itself, marked. */
function useAuditWords() {
  const { t } = useI18n();
  return {
    action: (code: string) => (isKnownAuditAction(code) ? t(`audit.action.${code}`) : t("audit.action.unknown", { code })),
    entity: (type: string) => (isKnownEntityType(type) ? t(`audit.entity.${type}`) : t("audit.entity.unknown", { type })),
  };
}

/** A changed RFQ field's name in words (never its value: the platform admin does not read RFQ content). */
function changedFieldWords(field: string, locale: Locale, t: ReturnType<typeof useI18n>["t"]): string {
  if (field === "publicPriceRules") return t("rfqHistory.field.publicPriceRules");
  return isMessageKey(`rfqReview.field.${field}`) ? rfqFieldWordsIn([field], null, locale) : field;
}

export default function AdminPage() {
  const { rows, page, hasNext, values, errors, entity } = useLoaderData<typeof loader>();
  const { t, locale } = useI18n();
  const words = useAuditWords();
  const location = useLocation();
  const pageLink = (n: number) => {
    const params = new URLSearchParams(location.search);
    params.set("page", String(n));
    return `?${params.toString()}`;
  };
  const err = (name: keyof typeof errors) => (errors[name] ? [t(errors[name] as AnyMessageKey)] : undefined);
  return (
    <section className="stack">
      <h1>{t("admin.title")}</h1>
      <p>
        <Link to="/admin/certifications">{t("certAdmin.link")}</Link> · <Link to="/admin/invoices">{t("adminInvoices.link")}</Link>
      </p>
      <h2>{t("audit.title")}</h2>
      <Form method="get" className="inline-form" data-testid="audit-filters">
        <Field id="audit-actor" label={t("audit.filter.actor")} errors={err("actor")}>
          {(aria) => <input type="search" name="actor" maxLength={200} defaultValue={values.actor ?? ""} {...aria} />}
        </Field>
        <Field id="audit-action" label={t("audit.filter.action")} errors={err("action")}>
          {(aria) => (
            <select name="action" defaultValue={values.action ?? ""} {...aria}>
              <option value="">{t("audit.filter.anyAction")}</option>
              {AUDIT_ACTIONS.map((code) => (
                <option key={code} value={code}>
                  {words.action(code)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field id="audit-from" label={t("audit.filter.from")} errors={err("from")}>
          {(aria) => <input type="date" name="from" defaultValue={values.from ?? ""} {...aria} />}
        </Field>
        <Field id="audit-to" label={t("audit.filter.to")} errors={err("to")}>
          {(aria) => <input type="date" name="to" defaultValue={values.to ?? ""} {...aria} />}
        </Field>
        {entity ? (
          <>
            <input type="hidden" name="entityType" value={entity.type} />
            <input type="hidden" name="entityId" value={entity.id} />
          </>
        ) : null}
        <button type="submit" className="button primary">
          {t("audit.filter.apply")}
        </button>
        <Link to="/admin" className="button">
          {t("audit.filter.clear")}
        </Link>
      </Form>
      {entity ? <p className="notice">{t("audit.filter.entity", { type: words.entity(entity.type), id: entity.id })}</p> : null}
      {errors.entityType || errors.entityId ? <p className="muted">{t("audit.filter.entityInvalid")}</p> : null}
      {rows.length === 0 ? (
        <p className="empty">{t("audit.empty")}</p>
      ) : (
        <div className="table-scroll">
          <table className="table" data-testid="audit-log">
            <thead>
              <tr>
                <th scope="col">{t("admin.when")}</th>
                <th scope="col">{t("admin.actor")}</th>
                <th scope="col">{t("admin.action")}</th>
                <th scope="col">{t("admin.entity")}</th>
                <th scope="col">{t("audit.count")}</th>
                <th scope="col">{t("rfqHistory.col.changes")}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.id} data-testid="audit-row">
                  <td>{formatDateTime(r.created_at, locale)}</td>
                  <td>
                    {r.actor ?? t("audit.system")}
                    {r.actor_org_name ? <div className="muted small">{r.actor_org_name}</div> : null}
                  </td>
                  <td>{words.action(r.action)}</td>
                  <td>
                    {r.link ? <Link to={r.link}>{r.entity_org_name ?? words.entity(r.entity_type)}</Link> : words.entity(r.entity_type)}{" "}
                    <code className="small">{r.entity_id.slice(0, 8)}</code>
                  </td>
                  <td>{r.aggregated_minute ? t("audit.count.times", { n: formatNumber(r.count, locale) }) : formatNumber(r.count, locale)}</td>
                  <td data-testid="audit-changed-fields">
                    {r.changedFields.map((f) => changedFieldWords(f, locale, t)).join(t("weights.awaiting.separator"))}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <nav className="actions" aria-label={t("audit.page", { n: page })}>
        {page > 1 ? (
          <Link to={pageLink(page - 1)} rel="prev">
            {t("audit.prev")}
          </Link>
        ) : null}
        <span>{t("audit.page", { n: page })}</span>
        {hasNext ? (
          <Link to={pageLink(page + 1)} rel="next">
            {t("audit.next")}
          </Link>
        ) : null}
      </nav>
    </section>
  );
}
