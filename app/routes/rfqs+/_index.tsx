import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, NavLink, useLoaderData } from "@remix-run/react";
import { AssignedRfqs } from "~/components/rfq/assigned-rfqs";
import { label, options } from "~/components/rfq/labels";
import { RFQ_CATEGORIES } from "~/domain/rfq/categories";
import { effectiveStatus } from "~/domain/rfq/lifecycle";
import { openRfqsForVendor, rfqsAssignedToAdvisor, rfqsOfBuyer } from "~/services/rfq-reads.server";
import { requireUser } from "~/utils/auth.server";
import { formatDateTime } from "~/utils/format";
import { useI18n } from "~/utils/use-i18n";

export const meta: MetaFunction = () => [{ title: "RFQ — Kurabe" }];

const BUYER_FILTERS = ["", "draft", "open", "closed", "awarded", "cancelled"] as const;

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const org = user.activeOrg;
  const url = new URL(request.url);
  const now = context.clock.now();
  if (org?.kind === "buyer") {
    const status = BUYER_FILTERS.find((f) => f === url.searchParams.get("status")) || undefined;
    const rows = await rfqsOfBuyer(context, org.id, { status });
    return {
      as: "buyer" as const,
      status: status ?? "",
      rows: rows.map((r) => ({ ...r, effective: effectiveStatus({ status: r.status, quoteDeadline: r.quote_deadline?.toISOString() }, now) })),
    };
  }
  if (org?.kind === "vendor") {
    const category = RFQ_CATEGORIES.find((c) => c === url.searchParams.get("category"));
    const rows = await openRfqsForVendor(context, org.id, { categories: category ? [category] : undefined });
    return { as: "vendor" as const, category: category ?? "", rows };
  }
  if (org?.kind === "advisory") {
    const rows = await rfqsAssignedToAdvisor(context, org.id);
    return {
      as: "advisor" as const,
      rows: rows.map((r) => ({ ...r, effective: effectiveStatus({ status: r.status, quoteDeadline: r.quote_deadline?.toISOString() }, now) })),
    };
  }
  throw new Response("Forbidden", { status: 403 });
}

export default function RfqList() {
  const data = useLoaderData<typeof loader>();
  const { t, translateOrPassThrough, locale } = useI18n();
  if (data.as === "advisor") return <AssignedRfqs rows={data.rows} />;
  if (data.as === "vendor") {
    return (
      <section className="stack">
        <h1>{t("rfq.market.title")}</h1>
        <p className="lead">
          {t("rfq.market.intro")} <Link to="/rfqs/search">{t("rfq.market.searchLink")}</Link>
        </p>
        <Form method="get" className="inline-form">
          <div className="field">
            <label htmlFor="category">{t("rfq.field.category")}</label>
            <select id="category" name="category" defaultValue={data.category}>
              <option value="">{t("rfq.list.all")}</option>
              {options("category", locale).map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" className="button">
            {t("vendors.search")}
          </button>
        </Form>
        {data.rows.length === 0 ? <p className="empty">{t("rfq.market.empty")}</p> : null}
        <ul className="result-list">
          {data.rows.map((r) => (
            <li key={r.id} className="card result" data-testid="rfq-row">
              <h2>
                <Link to={`/rfqs/${r.id}`}>{r.title}</Link>
              </h2>
              <p className="tags">
                <span className="tag">{label("category", r.category, locale)}</span>
                {r.invited ? <span className="tag tag-region">{t("rfq.market.invited")}</span> : null}
              </p>
              <p className="muted">
                {t("rfq.market.buyer")}: {r.buyer_name} · {t("rfq.detail.deadlineIn", { date: formatDateTime(r.quote_deadline, locale) })}
              </p>
            </li>
          ))}
        </ul>
      </section>
    );
  }
  return (
    <section className="stack">
      <div className="title-row">
        <h1>{t("rfq.list.title")}</h1>
        <Link to="/rfqs/new" className="button primary">
          {t("rfq.list.new")}
        </Link>
      </div>
      <nav className="tabs" aria-label={t("rfq.list.status")}>
        {BUYER_FILTERS.map((f) => (
          <NavLink key={f} to={f ? `/rfqs?status=${f}` : "/rfqs"} className={() => (data.status === f ? "active" : "")} end>
            {f === "" ? t("rfq.list.all") : f === "open" ? t("rfq.status.published") : t(`rfq.status.${f}`)}
          </NavLink>
        ))}
      </nav>
      {data.rows.length === 0 ? (
        <p className="empty">{t("rfq.list.empty")}</p>
      ) : (
        <div className="table-scroll">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t("rfq.field.title")}</th>
                <th scope="col">{t("rfq.list.status")}</th>
                <th scope="col">{t("rfq.list.deadline")}</th>
                <th scope="col">{t("rfq.list.questions")}</th>
                <th scope="col">{t("rfq.list.version")}</th>
              </tr>
            </thead>
            <tbody>
              {data.rows.map((r) => (
                <tr key={r.id} data-testid="rfq-row">
                  <td>
                    <Link to={`/rfqs/${r.id}`}>{r.title}</Link>
                    <div className="muted small">{label("category", r.category, locale)}</div>
                  </td>
                  <td>
                    <span className={`status status-${r.effective}`}>{translateOrPassThrough(`rfq.status.${r.effective}`)}</span>
                  </td>
                  <td>{r.quote_deadline ? formatDateTime(r.quote_deadline, locale) : "—"}</td>
                  <td>
                    {r.questions}
                    {r.unanswered ? <span className="badge warn">{t("rfq.list.unanswered", { n: r.unanswered })}</span> : null}
                  </td>
                  <td>{r.current_version || "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
