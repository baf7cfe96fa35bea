import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { BillingTabs } from "~/components/billing-tabs";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { contractTodos } from "~/services/contract-todos.server";
import { listContracts } from "~/services/contracts.server";
import { requireUser } from "~/utils/auth.server";
import { formatDate, formatYen } from "~/utils/format";
import { useI18n } from "~/utils/use-i18n";

// /contracts: the contracts of the caller's organisation (buyer or vendor side), each leading to its contract page,
// with what the organisation has to do on it now (deliveries, 検収, measurements, change requests, reviews, ratings),
// each item leading to the contract tab where it is done.

const STATUS = { draft: "contracts.status.draft", active: "contracts.status.active" } as const;

export const meta: MetaFunction = () => [{ title: "契約 / Contracts — Kurabe" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const [list, todos] = await Promise.all([listContracts(context, user.actor), contractTodos(context, user.actor)]);
  return { contracts: list.contracts, todos };
}

export default function ContractsPage() {
  const { contracts, todos } = useLoaderData<typeof loader>();
  const { t, locale } = useI18n();
  const open = Object.values(todos).reduce((n, list) => n + list.reduce((m, x) => m + x.count, 0), 0);
  return (
    <article className="stack">
      <h1>{t("contracts.list.title")}</h1>
      <BillingTabs />
      <p className="muted">{t("contracts.list.lead")}</p>
      {contracts.length > 0 ? (
        <p data-testid="contract-todo-total" className={open > 0 ? "notice" : "muted"}>
          {open > 0 ? t("afterAward.todo.total", { n: open }) : t("afterAward.todo.none")}
        </p>
      ) : null}
      {contracts.length === 0 ? (
        <p>{t("contracts.list.none")}</p>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t("contracts.list.subject")}</th>
              <th scope="col">{t("contracts.list.counterparty")}</th>
              <th scope="col">{t("contracts.list.status")}</th>
              <th scope="col">{t("contracts.list.total")}</th>
              <th scope="col">{t("contracts.list.term")}</th>
              <th scope="col">{t("contracts.list.milestones")}</th>
              <th scope="col">{t("afterAward.todo.column")}</th>
            </tr>
          </thead>
          <tbody>
            {contracts.map((c) => (
              <tr key={c.id}>
                <td>
                  <Link to={c.href}>{c.title}</Link>
                  <div className="muted">{t("contracts.list.version", { version: c.version })}</div>
                </td>
                <td>{c.counterparty}</td>
                <td>{t(STATUS[c.status])}</td>
                <td className="num">{formatYen(c.total, locale)}</td>
                <td>
                  {formatDate(c.term.from, locale)} – {formatDate(c.term.to, locale)}
                </td>
                <td className="num">{c.milestones}</td>
                <td data-testid="contract-todos">
                  {(todos[c.id] ?? []).length === 0 ? (
                    <span className="muted">—</span>
                  ) : (
                    <ul className="todo-list">
                      {todos[c.id]!.map((x) => (
                        <li key={x.kind}>
                          <Link to={x.href}>{`${t(x.label)} (${x.count})`}</Link>
                        </li>
                      ))}
                    </ul>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </article>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
