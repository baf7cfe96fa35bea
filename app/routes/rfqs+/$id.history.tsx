import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { isKnownAuditAction } from "~/domain/audit/log-view";
import { isSealedMarker } from "~/domain/audit/rfq-changes";
import { isMessageKey, type AnyMessageKey, type Locale } from "~/i18n";
import { rfqFieldWordsIn } from "~/i18n/rfq-field-words";
import { rfqHistory } from "~/services/rfq-history.server";
import { requireUser } from "~/utils/auth.server";
import { notFound } from "~/utils/errors";
import { formatDateTime, formatYen } from "~/utils/format";
import { useI18n } from "~/utils/use-i18n";

// /rfqs/:id/history — the buyer's 変更履歴 of one RFQ (issue 19 gaps; decision 0049, revisited): its audit rows with
// what each changed, before → after. The service seals the price rules until opening; vendors, advisors and other
// tenants get the not-found page.

export const meta: MetaFunction = () => [{ title: "変更履歴 / Change history — Kurabe" }];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const history = await rfqHistory(context, user.actor, params.id ?? "");
  if (!history.ok) throw notFound();
  return {
    rfqId: history.rfqId,
    priceRulesSealed: history.priceRulesSealed,
    rows: history.rows.map((r) => ({ ...r, at: r.at.toISOString() })),
  };
}

type T = ReturnType<typeof useI18n>["t"];

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** Price rules as a procurement officer reads them: 予定価格 ¥… (税抜), and the floor of its kind. */
function priceRulesWords(value: Record<string, unknown>, t: T, locale: Locale): string {
  const basis = (b: unknown) => t(b === "included" ? "priceRules.form.taxBasis.included" : "priceRules.form.taxBasis.excluded");
  const parts: string[] = [];
  if (typeof value.ceilingYen === "number")
    parts.push(t("rfqHistory.priceRules.ceiling", { yen: formatYen(value.ceilingYen, locale), basis: basis(value.ceilingTaxBasis) }));
  const floor = value.floor;
  if (isRecord(floor) && typeof floor.yen === "number")
    parts.push(
      t(floor.kind === "investigation" ? "rfqHistory.priceRules.investigation" : "rfqHistory.priceRules.minimum", {
        yen: formatYen(floor.yen, locale),
        basis: basis(floor.taxBasis),
      }),
    );
  return parts.join(" / ");
}

/** A recorded value in words: the redaction's marker, price rules, plain values, and compact JSON for the rest. */
function valueWords(field: string, value: unknown, t: T, locale: Locale): string {
  if (value === null || value === undefined || value === "") return t("rfqHistory.nothing");
  if (isSealedMarker(value)) return t("priceRules.audit.sealed");
  if (field === "publicPriceRules" && isRecord(value)) return priceRulesWords(value, t, locale);
  const text = plainWords(value, locale);
  return text.length > 300 ? `${text.slice(0, 300)}…` : text;
}

const ISO_MOMENT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

/** Plain values as read (a moment in Japanese/English date-time); lists joined; objects as "key: value; …". */
function plainWords(value: unknown, locale: Locale): string {
  if (value === null || value === undefined) return "—";
  if (typeof value === "string") return ISO_MOMENT.test(value) && !Number.isNaN(Date.parse(value)) ? formatDateTime(value, locale) : value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (Array.isArray(value)) return value.map((v) => plainWords(v, locale)).join(", ");
  if (isRecord(value))
    return Object.entries(value)
      .map(([k, v]) => `${k}: ${plainWords(v, locale)}`)
      .join("; ");
  return String(value);
}

function fieldWords(field: string, t: T, locale: Locale): string {
  if (field === "publicPriceRules") return t("rfqHistory.field.publicPriceRules");
  return isMessageKey(`rfqReview.field.${field}`) ? rfqFieldWordsIn([field], null, locale) : field;
}

export default function RfqHistoryPage() {
  const { rfqId, priceRulesSealed, rows } = useLoaderData<typeof loader>();
  const { t, locale } = useI18n();
  return (
    <article className="stack">
      <p>
        <Link to={`/rfqs/${rfqId}`}>← {t("rfqHistory.back")}</Link>
      </p>
      <h1>{t("rfqHistory.title")}</h1>
      <p className="hint">{t("rfqHistory.intro")}</p>
      {priceRulesSealed ? (
        <p className="notice" data-testid="price-rules-sealed">
          {t("rfqHistory.sealedNote")}
        </p>
      ) : null}
      {rows.length === 0 ? (
        <p className="empty">{t("rfqHistory.empty")}</p>
      ) : (
        <div className="table-scroll">
          <table className="table" data-testid="rfq-history">
            <thead>
              <tr>
                <th scope="col">{t("rfqHistory.col.when")}</th>
                <th scope="col">{t("rfqHistory.col.who")}</th>
                <th scope="col">{t("rfqHistory.col.action")}</th>
                <th scope="col">{t("rfqHistory.col.changes")}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.id} data-testid="history-row">
                  <td>{formatDateTime(r.at, locale)}</td>
                  <td>{r.actor ?? t("audit.system")}</td>
                  <td>{isKnownAuditAction(r.action) ? t(`audit.action.${r.action}` as AnyMessageKey) : r.action}</td>
                  <td>
                    {r.changes.length === 0 ? (
                      <span className="muted">{t("rfqHistory.noChanges")}</span>
                    ) : (
                      <ul className="plain-list">
                        {r.changes.map((c) => (
                          <li key={c.field} data-testid="history-change">
                            <strong>{fieldWords(c.field, t, locale)}</strong>:{" "}
                            {t("rfqHistory.change", { before: valueWords(c.field, c.before, t, locale), after: valueWords(c.field, c.after, t, locale) })}
                          </li>
                        ))}
                      </ul>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </article>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
