import type { ContractVendorView } from "~/domain/contracts/vendor-view";
import { formatDate, formatNumber, formatYen } from "~/utils/format";
import { useI18n } from "~/utils/use-i18n";

// A contract's content, read-only: parties, lines and totals, term, SLA targets, assumptions, the change and
// escalation rules, and the milestones with their legal due dates (Japanese dates; the business day to act
// by). The buyer's page and the vendor's page both show it; the vendor's data is the allow-listed view.

export type ContractViewData = Pick<
  ContractVendorView,
  "parties" | "lines" | "totals" | "term" | "sla" | "assumptions" | "changeRequestRule" | "escalationRules" | "milestones" | "outsideScope" | "buyerKind"
>;

export function ContractView({ c }: { c: ContractViewData }) {
  const { t, locale } = useI18n();
  return (
    <div className="stack" data-testid="contract-view">
      <h2>{t("contracts.parties")}</h2>
      <dl>
        <dt>{t("contracts.buyer")}</dt>
        <dd data-testid="contract-buyer">{c.parties.buyer.name}</dd>
        <dt>{t("contracts.vendor")}</dt>
        <dd data-testid="contract-vendor">{c.parties.vendor.name}</dd>
        <dt>{t("contracts.term")}</dt>
        <dd>{t("contracts.termRange", { from: formatDate(c.term.from, locale), to: formatDate(c.term.to, locale), months: c.term.months })}</dd>
        <dt>{t("contracts.total")}</dt>
        <dd data-testid="contract-total">{formatYen(c.totals.total, locale)}</dd>
      </dl>
      <h2>{t("contracts.lines")}</h2>
      <table>
        <thead>
          <tr>
            <th>{t("documents.order.item")}</th>
            <th>{t("documents.order.quantity")}</th>
            <th>{t("documents.order.unit")}</th>
            <th>{t("documents.order.unitPrice")}</th>
          </tr>
        </thead>
        <tbody>
          {c.lines.map((l, i) => (
            <tr key={i}>
              <td>{l.description}</td>
              <td className="num">{formatNumber(l.quantity, locale, 0)}</td>
              <td>{l.unit}</td>
              <td className="num">{formatYen(l.unitPrice, locale)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {c.sla.length > 0 ? (
        <>
          <h2>{t("contracts.sla")}</h2>
          <ul data-testid="contract-sla">
            {c.sla.map((s) => (
              <li key={s.key}>
                {s.label[locale] || s.label.ja}: {s.unit === "rate" ? `${formatNumber(s.target * 100, locale, 2)}%` : formatNumber(s.target, locale, 2)}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {c.assumptions ? (
        <>
          <h2>{t("contracts.assumptions")}</h2>
          <p style={{ whiteSpace: "pre-wrap" }}>{c.assumptions}</p>
        </>
      ) : null}
      {c.changeRequestRule ? (
        <>
          <h2>{t("contracts.changeRequestRule")}</h2>
          <p style={{ whiteSpace: "pre-wrap" }}>{c.changeRequestRule}</p>
        </>
      ) : null}
      {c.escalationRules ? (
        <>
          <h2>{t("contracts.escalationRules")}</h2>
          <p style={{ whiteSpace: "pre-wrap" }}>{c.escalationRules}</p>
        </>
      ) : null}
      <h2>{t("contracts.milestones")}</h2>
      <p className="muted">
        {t(
          c.outsideScope
            ? "contracts.legal.outsideScope"
            : c.buyerKind === "municipality"
              ? "contracts.legal.line.municipality"
              : "contracts.legal.line.company",
        )}
      </p>
      <table data-testid="contract-milestones">
        <thead>
          <tr>
            <th>{t("contracts.field.name")}</th>
            <th>{t("contracts.field.amount")}</th>
            <th>{t("contracts.field.dueDate")}</th>
            <th>{t("contracts.field.acceptance")}</th>
            <th>{t("contracts.legalDueDates")}</th>
          </tr>
        </thead>
        <tbody>
          {c.milestones.map((m, i) => (
            <tr key={i}>
              <td>{m.name}</td>
              <td className="num">
                {formatYen(m.amountYen, locale)}
                {m.percent !== null ? ` (${formatNumber(m.percent, locale, 2)}%)` : ""}
              </td>
              <td>{formatDate(m.dueDate, locale)}</td>
              <td style={{ whiteSpace: "pre-wrap" }}>{m.acceptance}</td>
              <td>
                <ul data-testid={`contract-legal-${i}`}>
                  {m.legalDates.map((d) => (
                    <li key={d.rule}>
                      {t(d.obligation === "inspection" ? "contracts.legal.inspectionBy" : "contracts.legal.paymentBy", { date: formatDate(d.actBy, locale) })}
                      {d.legalLatest ? t("contracts.legal.latest", { date: formatDate(d.legalLatest, locale) }) : ""}
                    </li>
                  ))}
                </ul>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
