import { Link } from "@remix-run/react";
import type { RfqStatus } from "~/domain/rfq/lifecycle";
import { label } from "~/components/rfq/labels";
import { formatDate, formatDateTime } from "~/utils/format";
import { useI18n } from "~/utils/use-i18n";

export type AssignedRfqRow = {
  id: string;
  title: string;
  category: string;
  effective: RfqStatus;
  quote_deadline: string | null;
  buyer_name: string;
  assigned_at: string;
};

/** An advisory organisation's RFQ list: the RFQs buyers assigned it to ("assigned to you"). */
export function AssignedRfqs({ rows }: { rows: AssignedRfqRow[] }) {
  const { t, locale } = useI18n();
  return (
    <section className="stack" aria-labelledby="assigned-heading">
      <h1 id="assigned-heading">{t("advisors.list.assignedToYou")}</h1>
      <p className="lead">{t("advisors.list.intro")}</p>
      {rows.length === 0 ? (
        <p className="empty">{t("advisors.list.empty")}</p>
      ) : (
        <div className="table-scroll">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t("rfq.field.title")}</th>
                <th scope="col">{t("advisors.list.buyer")}</th>
                <th scope="col">{t("rfq.list.status")}</th>
                <th scope="col">{t("rfq.list.deadline")}</th>
                <th scope="col">{t("advisors.list.assignedAt")}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.id} data-testid="rfq-row">
                  <td>
                    <Link to={`/rfqs/${r.id}`}>{r.title}</Link>
                    <div className="muted small">{label("category", r.category, locale)}</div>
                  </td>
                  <td>{r.buyer_name}</td>
                  <td>
                    <span className={`status status-${r.effective}`}>{t(`rfq.status.${r.effective}`)}</span>
                  </td>
                  <td>{r.quote_deadline ? formatDateTime(r.quote_deadline, locale) : "—"}</td>
                  <td>{formatDate(r.assigned_at, locale)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
