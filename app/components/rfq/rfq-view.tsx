import { certificationCriterionType } from "~/domain/rfq/draft-assist";
import type { RfqVendorView, VendorCriterionView } from "~/domain/rfq/vendor-view";
import { formatDate, formatDateTime, formatMonth, formatNumber, formatYen, joinList, listSeparator, parenthetical } from "~/utils/format";
import { useI18n } from "~/utils/use-i18n";
import { label } from "./labels";
import { lineRecurrenceText } from "./recurrence";

function Text({ title, value }: { title: string; value?: string }) {
  if (!value || !value.trim()) return null;
  return (
    <>
      <dt>{title}</dt>
      <dd className="prewrap">{value}</dd>
    </>
  );
}

/** A value in its criterion's unit: rates as %, yen as yen. */
export function formatCriterionValue(unit: string, value: number | undefined, locale: "ja" | "en") {
  if (value === undefined) return "—";
  if (unit === "rate") return `${formatNumber(value * 100, locale, 2)}%`;
  if (unit === "yen") return formatYen(value, locale);
  return formatNumber(value, locale, 2);
}

/**
 * A certification criterion's gate as it now is, from its requirement (the ranking gates on a mandatory one
 * only): 推奨 with the reason the buyer stated for relaxing it. Null for other criteria.
 */
function certificationGate(criterion: VendorCriterionView, requirements: RfqVendorView["requiredCertifications"] | undefined) {
  const type = certificationCriterionType(criterion);
  const requirement = type ? requirements?.find((r) => r.type === type) : undefined;
  return requirement ? <CertificationGate level={requirement.level} reason={requirement.reason} /> : null;
}

function CertificationGate({ level, reason }: { level: "mandatory" | "preferred"; reason?: string }) {
  const { t } = useI18n();
  if (level === "mandatory") return <>{t("rfq.field.criterion.gate.required")}</>;
  return (
    <>
      {t("rfqReview.gate.preferred")}
      {reason ? <span className="hint"> {t("rfqReview.gate.reason", { reason })}</span> : null}
    </>
  );
}

/**
 * The RFQ as a vendor reads it (also the buyer's preview): everything a quote must answer,
 * nothing the buyer keeps to itself (budget unless shown, invited vendors, internal costs).
 */
export function RfqView({ rfq }: { rfq: Partial<RfqVendorView> }) {
  const { t, locale } = useI18n();
  return (
    <div className="rfq-view stack">
      <section className="card">
        <h2>{t("rfq.view.scope")}</h2>
        <dl className="facts">
          <dt>{t("rfq.field.category")}</dt>
          <dd>
            {label("category", rfq.category, locale)} / {label("phase", rfq.phase, locale)}
          </dd>
          <Text title={t("rfq.field.purpose")} value={rfq.purpose} />
          <Text title={t("rfq.field.goal")} value={rfq.goal} />
          <Text title={t("rfq.field.scopeIn")} value={rfq.scopeIn} />
          <Text title={t("rfq.field.scopeOut")} value={rfq.scopeOut} />
          <Text title={t("rfq.field.decisionsInHouse")} value={rfq.decisionsInHouse} />
        </dl>
      </section>
      <section className="card">
        <h2>{t("rfq.view.work")}</h2>
        <dl className="facts">
          {rfq.volumes?.perMonth !== undefined ? (
            <>
              <dt>{t("rfq.field.volumes.perMonth")}</dt>
              <dd>{formatNumber(rfq.volumes.perMonth, locale)}</dd>
            </>
          ) : null}
          {rfq.volumes?.peakMonths?.length ? (
            <>
              <dt>{t("rfq.field.volumes.peakMonths")}</dt>
              <dd>
                {joinList(
                  rfq.volumes.peakMonths.map((m) => formatMonth(m, locale)),
                  locale,
                )}
              </dd>
            </>
          ) : null}
          <Text title={t("rfq.field.volumes.notes")} value={rfq.volumes?.notes} />
          <Text title={t("rfq.field.judgementCriteria")} value={rfq.judgementCriteria} />
          <Text title={t("rfq.field.escalationRules")} value={rfq.escalationRules} />
          <Text title={t("rfq.field.changeRequestRule")} value={rfq.changeRequestRule} />
          <Text title={t("rfq.field.reportingCadence")} value={rfq.reportingCadence} />
        </dl>
        {rfq.deliverables?.length ? (
          <table className="table">
            <caption>{t("rfq.field.deliverables")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("rfq.field.deliverable.title")}</th>
                <th scope="col">{t("rfq.field.deliverable.dueDate")}</th>
                <th scope="col">{t("rfq.field.deliverable.qualityCriteria")}</th>
              </tr>
            </thead>
            <tbody>
              {rfq.deliverables.map((d, i) => (
                <tr key={i}>
                  <td>{d.title}</td>
                  <td>{d.dueDate ? formatDate(d.dueDate, locale) : "—"}</td>
                  <td className="prewrap">{d.qualityCriteria}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
      </section>
      <section className="card">
        <h2>{t("rfq.view.lines")}</h2>
        <div className="table-scroll">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t("rfq.field.line.code")}</th>
                <th scope="col">{t("rfq.field.line.description")}</th>
                <th scope="col">{t("rfq.field.line.unit")}</th>
                <th scope="col">{t("rfq.field.line.quantity")}</th>
                <th scope="col">{t("rfq.field.line.recurrence")}</th>
              </tr>
            </thead>
            <tbody>
              {(rfq.lineItems ?? []).map((l) => (
                <tr key={l.code}>
                  <td>
                    <code>{l.code}</code>
                  </td>
                  <td>{l.description}</td>
                  <td>{l.unit}</td>
                  <td>{formatNumber(l.quantity, locale)}</td>
                  <td>{lineRecurrenceText(l, rfq.contractTermMonths, locale)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <dl className="facts">
          <dt>{t("rfq.field.contractTermMonths")}</dt>
          <dd>{rfq.contractTermMonths ? t("rfq.view.months", { n: rfq.contractTermMonths }) : "—"}</dd>
          <dt>{t("rfq.field.budget")}</dt>
          <dd>{rfq.budget ? `${formatYen(rfq.budget.min, locale)} 〜 ${formatYen(rfq.budget.max, locale)}` : t("rfq.detail.budgetHidden")}</dd>
          {rfq.quoteDeadline ? (
            <>
              <dt>{t("rfq.field.quoteDeadline")}</dt>
              <dd>{formatDateTime(rfq.quoteDeadline, locale)}</dd>
            </>
          ) : null}
        </dl>
      </section>
      <section className="card">
        <h2>{t("rfq.view.requirements")}</h2>
        <dl className="facts">
          <dt>{t("rfq.field.dataSensitivity")}</dt>
          <dd>{label("sensitivity", rfq.dataSensitivity, locale)}</dd>
          <dt>{t("rfq.field.requiredCertifications")}</dt>
          <dd>
            {(rfq.requiredCertifications ?? []).length === 0
              ? t("common.none")
              : (rfq.requiredCertifications ?? []).map((c, i) => (
                  <span key={c.type} className="cert-requirement" data-testid="cert-requirement">
                    {i > 0 ? listSeparator(locale) : null}
                    {parenthetical(label("certification", c.type, locale), label("level", c.level, locale), locale)}
                    {c.level === "preferred" && c.reason ? ` ${t("rfqReview.gate.reason", { reason: c.reason })}` : null}
                  </span>
                ))}
          </dd>
        </dl>
      </section>
      <section className="card">
        <h2>{t("rfq.view.evaluation")}</h2>
        <p>
          {t("rfq.field.scoringMethod")}: <strong>{label("method", rfq.scoringMethod, locale)}</strong>
        </p>
        <div className="table-scroll">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t("rfq.field.criteria")}</th>
                <th scope="col">{t("rfq.field.criterion.perspective")}</th>
                <th scope="col">{t("rfq.field.criterion.weight")}</th>
                <th scope="col">{t("rfq.field.criterion.direction")}</th>
                <th scope="col">{t("rfq.field.criterion.target")}</th>
                <th scope="col">{t("rfq.field.criterion.gate")}</th>
              </tr>
            </thead>
            <tbody>
              {(rfq.criteria ?? []).map((c) => (
                <tr key={c.key}>
                  <td>{(locale === "en" && c.label.en) || c.label.ja}</td>
                  <td>{label("perspective", c.perspective, locale)}</td>
                  <td>{formatNumber(c.weight, locale, 2)}</td>
                  <td>{label("direction", c.direction, locale)}</td>
                  <td>{formatCriterionValue(c.unit, c.target, locale)}</td>
                  <td data-testid={`gate-${c.key}`}>
                    {certificationGate(c, rfq.requiredCertifications) ??
                      (c.gate
                        ? "required" in c.gate
                          ? t("rfq.field.criterion.gate.required")
                          : "min" in c.gate
                            ? `≥ ${formatCriterionValue(c.unit, c.gate.min, locale)}`
                            : `≤ ${formatCriterionValue(c.unit, c.gate.max, locale)}`
                        : "—")}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </div>
  );
}
