import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import type { ReactNode } from "react";
import { certificationTypeLabeler } from "~/domain/vendor/catalog";
import { dashboardFor } from "~/services/dashboard.server";
import { VendorExplanationTodos } from "~/components/quote/low-price-panel";
import { platformStats } from "~/services/vendors.server";
import { getCurrentUser } from "~/utils/auth.server";
import { formatDate, formatDateTime, formatNumber } from "~/utils/format";
import { useI18n, useRootData } from "~/utils/use-i18n";

export const meta: MetaFunction = () => [{ title: "Kurabe — 見積比較 / Quote comparison" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await getCurrentUser(request, context);
  const stats = await platformStats(context);
  return { signedIn: Boolean(user), stats, dashboard: user ? await dashboardFor(context, user.actor) : null };
}

type Dashboard = NonNullable<ReturnType<typeof useLoaderData<typeof loader>>["dashboard"]>;

/** One list of the home page: a heading, its rows (each links to the object) or what to do next. */
function WorkList({ id, title, empty, children }: { id: string; title: string; empty: string; children: ReactNode[] }) {
  return (
    <section className="card stack" aria-labelledby={`home-${id}`} data-testid={`home-${id}`}>
      <h2 id={`home-${id}`}>{title}</h2>
      {children.length === 0 ? <p className="empty">{empty}</p> : <ul className="stack">{children}</ul>}
    </section>
  );
}

function DaysLeft({ days }: { days: number | null }) {
  const { t } = useI18n();
  if (days === null || days < 0) return null;
  const text = days === 0 ? t("dashboard.dueToday") : days === 1 ? t("dashboard.daysLeft.one") : t("dashboard.daysLeft", { n: days });
  return <span className={`badge${days <= 3 ? " warn" : ""}`}>{text}</span>;
}

function Deadline({ at, days }: { at: string; days: number }) {
  const { t, locale } = useI18n();
  return (
    <div className="muted small">
      {t("dashboard.deadline", { date: formatDateTime(at, locale) })} <DaysLeft days={days} />
    </div>
  );
}

function BuyerHome({ d }: { d: Extract<Dashboard["work"], { kind: "buyer" }> }) {
  const { t, locale } = useI18n();
  return (
    <>
      <WorkList id="drafts" title={t("dashboard.buyer.drafts")} empty={t("dashboard.buyer.drafts.empty")}>
        {d.drafts.map((r) => (
          <li key={r.id}>
            <Link to={`/rfqs/${r.id}`}>{r.title}</Link>
            <div className="muted small">{t("dashboard.buyer.drafts.updated", { date: formatDate(r.updated_at, locale) })}</div>
          </li>
        ))}
      </WorkList>
      <WorkList id="open" title={t("dashboard.buyer.open")} empty={t("dashboard.buyer.open.empty")}>
        {d.open.map((r) => (
          <li key={r.id}>
            <Link to={`/rfqs/${r.id}`}>{r.title}</Link>
            <Deadline at={r.quote_deadline} days={r.days_left} />
          </li>
        ))}
      </WorkList>
      <WorkList id="questions" title={t("dashboard.buyer.questions")} empty={t("dashboard.buyer.questions.empty")}>
        {d.questions.map((q) => (
          <li key={q.id}>
            <Link to={`/rfqs/${q.rfq_id}#qa`}>{q.question.length > 80 ? `${q.question.slice(0, 80)}…` : q.question}</Link>
            <div className="muted small">{t("dashboard.buyer.questions.asked", { rfq: q.rfq_title, date: formatDate(q.created_at, locale) })}</div>
          </li>
        ))}
      </WorkList>
      <WorkList id="opened" title={t("dashboard.buyer.opened")} empty={t("dashboard.buyer.opened.empty")}>
        {d.opened.map((r) => (
          <li key={r.id}>
            <Link to={`/rfqs/${r.id}/compare`}>{r.title}</Link>
            <div className="muted small">{t("dashboard.buyer.opened.quotes", { n: r.quotes ?? 0, date: formatDate(r.quote_deadline, locale) })}</div>
          </li>
        ))}
      </WorkList>
    </>
  );
}

function VendorHome({ d }: { d: Extract<Dashboard["work"], { kind: "vendor" }> }) {
  const { t } = useI18n();
  return (
    <>
      <VendorExplanationTodos items={d.explanations} />
      <WorkList id="invitations" title={t("dashboard.vendor.invitations")} empty={t("dashboard.vendor.invitations.empty")}>
        {d.invitations.map((r) => (
          <li key={r.id}>
            <Link to={`/rfqs/${r.id}`}>{r.title}</Link> <span className="muted small">{r.buyer_name}</span>
            <Deadline at={r.quote_deadline} days={r.days_left} />
          </li>
        ))}
      </WorkList>
      <WorkList id="reconfirm" title={t("dashboard.vendor.reconfirm")} empty={t("dashboard.vendor.reconfirm.empty")}>
        {d.reconfirm.map((r) => (
          <li key={r.quote_id}>
            <Link to={`/quotes/${r.quote_id}`}>{r.title}</Link> <span className="badge warn">{t("dashboard.vendor.reconfirm.why")}</span>
            <Deadline at={r.quote_deadline} days={r.days_left} />
          </li>
        ))}
      </WorkList>
      <WorkList id="deadlines" title={t("dashboard.vendor.deadlines")} empty={t("dashboard.vendor.deadlines.empty")}>
        {d.deadlines.map((r) => (
          <li key={r.quote_id}>
            <Link to={`/rfqs/${r.id}/quote`}>{r.title}</Link>{" "}
            <span className="badge">{t(r.status === "draft" ? "dashboard.vendor.status.draft" : "dashboard.vendor.status.submitted")}</span>
            <Deadline at={r.quote_deadline} days={r.days_left} />
          </li>
        ))}
      </WorkList>
      <WorkList id="withdrawn" title={t("dashboard.vendor.withdrawn")} empty={t("dashboard.vendor.withdrawn.empty")}>
        {d.withdrawn.map((r) => (
          <li key={r.quote_id}>
            <Link to={`/rfqs/${r.id}/quote`}>{r.title}</Link>
            <Deadline at={r.quote_deadline} days={r.days_left} />
          </li>
        ))}
      </WorkList>
    </>
  );
}

function AdvisorHome({ d }: { d: Extract<Dashboard["work"], { kind: "advisory" }> }) {
  const { t, locale } = useI18n();
  return (
    <WorkList id="assigned" title={t("dashboard.advisor.assigned")} empty={t("dashboard.advisor.assigned.empty")}>
      {d.assigned.map((r) => (
        <li key={r.id}>
          <Link to={`/rfqs/${r.id}`}>{r.title}</Link> <span className={`status status-${r.effective}`}>{t(`rfq.status.${r.effective}`)}</span>
          <div className="muted small">{t("dashboard.advisor.assigned.by", { buyer: r.buyer_name, date: formatDate(r.assigned_at, locale) })}</div>
          {r.quote_deadline && r.effective === "published" ? <Deadline at={r.quote_deadline} days={r.days_left ?? 0} /> : null}
        </li>
      ))}
    </WorkList>
  );
}

function AdminHome({ review }: { review: NonNullable<Dashboard["review"]> }) {
  const { t, locale } = useI18n();
  const typeLabel = certificationTypeLabeler(review.types, locale);
  return (
    <WorkList id="certificates" title={t("dashboard.admin.certificates", { n: review.waiting })} empty={t("dashboard.admin.certificates.empty")}>
      {review.certificates.map((c) => (
        <li key={c.id}>
          <Link to={`/admin/certifications#cert-${c.id}`}>{typeLabel(c.type)}</Link>
          <div className="muted small">{t("dashboard.admin.certificates.submitted", { org: c.org_name, date: formatDate(c.created_at, locale) })}</div>
        </li>
      ))}
    </WorkList>
  );
}

export default function Index() {
  const { signedIn, stats, dashboard } = useLoaderData<typeof loader>();
  const { t, locale } = useI18n();
  const root = useRootData();
  const user = root?.user;
  if (!signedIn || !user) {
    return (
      <section className="hero">
        <h1>{t("home.hero.title")}</h1>
        <p className="lead">{t("home.hero.body")}</p>
        <p className="actions">
          <Link to="/signup" className="button primary">
            {t("home.cta.signup")}
          </Link>
          <Link to="/login" className="button">
            {t("nav.login")}
          </Link>
        </p>
        <dl className="stats">
          <div>
            <dt>{t("home.stats.vendors")}</dt>
            <dd>{formatNumber(stats.vendors, locale)}</dd>
          </div>
          <div>
            <dt>{t("home.stats.certifications")}</dt>
            <dd>{formatNumber(stats.certifications, locale)}</dd>
          </div>
        </dl>
      </section>
    );
  }
  const kind = user.activeOrg?.kind ?? "buyer";
  return (
    <section>
      <h1>{t("home.welcome", { name: user.name })}</h1>
      {user.activeOrg ? <p className="lead">{t("home.youAreIn", { org: user.activeOrg.name, kind: t(`role.${kind}`) })}</p> : null}
      <div className="card">
        <p>{t(`home.next.${kind}`)}</p>
        <p className="actions">
          {kind === "vendor" ? (
            <>
              <Link to="/rfqs" className="button primary">
                {t("nav.marketplace")}
              </Link>
              <Link to="/vendor/profile" className="button">
                {t("nav.vendorProfile")}
              </Link>
            </>
          ) : kind === "buyer" ? (
            <>
              <Link to="/rfqs/new" className="button primary">
                {t("rfq.list.new")}
              </Link>
              <Link to="/rfqs" className="button">
                {t("nav.rfqs")}
              </Link>
              <Link to="/vendors" className="button">
                {t("nav.vendors")}
              </Link>
            </>
          ) : (
            <Link to="/vendors" className="button primary">
              {t("nav.vendors")}
            </Link>
          )}
        </p>
      </div>
      {dashboard ? (
        <div className="dashboard-grid">
          {dashboard.work.kind === "buyer" ? <BuyerHome d={dashboard.work} /> : null}
          {dashboard.work.kind === "vendor" ? <VendorHome d={dashboard.work} /> : null}
          {dashboard.work.kind === "advisory" ? <AdvisorHome d={dashboard.work} /> : null}
          {dashboard.review ? <AdminHome review={dashboard.review} /> : null}
        </div>
      ) : null}
      <dl className="stats">
        <div>
          <dt>{t("home.stats.vendors")}</dt>
          <dd>{formatNumber(stats.vendors, locale)}</dd>
        </div>
        <div>
          <dt>{t("home.stats.certifications")}</dt>
          <dd>{formatNumber(stats.certifications, locale)}</dd>
        </div>
      </dl>
    </section>
  );
}
