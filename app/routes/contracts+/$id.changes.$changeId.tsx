import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { ChangeDiff } from "~/components/contracts/change-diff";
import { ContractTabs } from "~/components/contracts/contract-tabs";
import { CsrfInput } from "~/components/csrf-input";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Field, FormErrors } from "~/components/field";
import { fractionToPercent } from "~/domain/rate-input";
import type { AnyMessageKey } from "~/i18n";
import { commentOnChange, decideChange, readChange, withdrawChange } from "~/services/change-requests.server";
import { requireUser } from "~/utils/auth.server";
import { readForm } from "~/utils/csrf.server";
import { notFound, pageFailure } from "~/utils/errors";
import { formatDate, formatDateTime, formatYen } from "~/utils/format";
import { getLocale } from "~/utils/locale.server";
import { toastHeader } from "~/utils/toast.server";
import { useI18n } from "~/utils/use-i18n";

// /contracts/:id/changes/:changeId (issue 17 item 3; decision 0041): one change request for either party — its
// impact, the thread, the buyer's decision, the 稟議 progress (buyer only: the approvers and their comments are
// internal) and, once approved, what changed in the contract. Withdrawing asks first (?withdraw=1 shows the
// confirmation; the POST does it). Anyone else, or a request of another contract: not found.

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.request.title} — Kurabe` : "Kurabe" }];

async function load(request: Request, params: LoaderFunctionArgs["params"], context: LoaderFunctionArgs["context"]) {
  const user = await requireUser(request, context);
  const page = await readChange(context, user.actor, params.changeId ?? "");
  if (!page.ok || page.request.contractId !== params.id) throw notFound();
  return { user, page };
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { page } = await load(request, params, context);
  const confirmWithdraw = new URL(request.url).searchParams.get("withdraw") === "1" && page.you.canWithdraw;
  const { ok: _ok, ...rest } = page;
  return { ...rest, contractId: params.id ?? "", confirmWithdraw };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const form = await readForm(request, context);
  const { user } = await load(request, params, context);
  const locale = await getLocale(request, context);
  const id = params.changeId ?? "";
  const intent = String(form.get("intent") ?? "");
  const text = (k: string) => String(form.get(k) ?? "");
  const here = `/contracts/${params.id}/changes/${id}`;
  const done =
    intent === "comment"
      ? await commentOnChange(context, user.actor, id, { body: text("body") })
      : intent === "withdraw"
        ? await withdrawChange(context, user.actor, id)
        : intent === "decide"
          ? await decideChange(context, user.actor, id, { decision: text("decision"), reason: text("reason") })
          : intent === "route"
            ? await decideChange(context, user.actor, id, { decision: text("decision"), comment: text("comment") })
            : null;
  if (!done) throw notFound();
  if (!done.ok && done.status === 404) throw notFound();
  if (!done.ok)
    return json(
      { intent, values: { body: text("body"), reason: text("reason"), comment: text("comment") }, ...pageFailure(done, locale) },
      { status: done.status },
    );
  const toast: AnyMessageKey = intent === "comment" ? "changes.thread.sent" : intent === "withdraw" ? "changes.withdrawn.toast" : "changes.decided.toast";
  return redirect(here, { headers: { "Set-Cookie": await toastHeader(context, { key: toast }) } });
}

export default function ChangePage() {
  const d = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const { t, locale } = useI18n();
  const r = d.request;
  const errorsOf = (intent: string, field: string) => (answer?.intent === intent ? answer.fieldErrors[field] : undefined);
  const formErrorsOf = (intent: string) => (answer?.intent === intent ? answer.formErrors : undefined);
  const here = `/contracts/${d.contractId}/changes/${r.id}`;
  const kpi = (key: string) => d.names.sla.find((k) => k.key === key);
  const slaLabel = (key: string) => {
    const k = kpi(key);
    return k ? (locale === "en" ? k.label.en : k.label.ja) : key;
  };
  return (
    <article className="stack">
      <ContractTabs contractId={d.contractId} contractHref={d.contractHref} />
      <p>
        <Link to={`/contracts/${d.contractId}/changes`}>← {t("changes.title")}</Link>
      </p>
      <h1>
        {t("changes.number", { number: r.number })} {r.title}
      </h1>
      <p>
        <span className="badge" data-testid="change-status">
          {t(`changes.status.${r.status}`)}
        </span>{" "}
        {t(`changes.side.${r.proposedSide}`)} · {r.proposerName} · {formatDate(r.createdAt, locale)}
      </p>
      {r.status === "approved" && r.appliedVersion ? <p>{t("changes.approvedAs", { version: r.appliedVersion })}</p> : null}
      {r.status === "rejected" ? (
        <p data-testid="change-rejection">{r.rejectionReason ? t("changes.rejectedReason", { reason: r.rejectionReason }) : t("changes.rejectedInRoute")}</p>
      ) : null}
      <p style={{ whiteSpace: "pre-wrap" }}>{r.description}</p>

      <section className="stack" aria-labelledby="impact-heading">
        <h2 id="impact-heading">{t("changes.impact.heading")}</h2>
        <dl className="stack">
          <div>
            <dt>{t("changes.impact.price")}</dt>
            <dd>{r.priceImpactYen === 0 ? t("changes.impact.noneOfKind") : formatYen(r.priceImpactYen, locale)}</dd>
          </div>
          <div>
            <dt>{t("changes.impact.termTo")}</dt>
            <dd>{r.impact.termTo ? formatDate(r.impact.termTo, locale) : t("changes.impact.noneOfKind")}</dd>
          </div>
          {r.impact.milestoneDueDates.map((m) => (
            <div key={`m${m.index}`}>
              <dt>{t("changes.impact.milestone", { name: d.names.milestones[m.index] ?? String(m.index + 1) })}</dt>
              <dd>{formatDate(m.dueDate, locale)}</dd>
            </div>
          ))}
          {r.impact.slaTargets.map((s) => (
            <div key={`s${s.key}`}>
              <dt>{t("changes.impact.sla", { label: slaLabel(s.key) })}</dt>
              <dd>{kpi(s.key)?.unit === "rate" ? `${fractionToPercent(s.target)}%` : `${s.target} ${kpi(s.key)?.unit ?? ""}`.trim()}</dd>
            </div>
          ))}
        </dl>
      </section>

      {d.diff ? (
        <ChangeDiff entries={d.diff} caption={t("changes.diff.heading", { before: (r.appliedVersion ?? 1) - 1, after: r.appliedVersion ?? 1 })} />
      ) : null}

      {d.you.canDecide ? (
        <section className="stack" aria-labelledby="decide-heading">
          <h2 id="decide-heading">{t("changes.decide.heading")}</h2>
          {d.you.routeAt !== null ? <p className="hint">{t("changes.decide.routeNote", { threshold: formatYen(d.you.routeAt, locale) })}</p> : null}
          <FormErrors errors={formErrorsOf("decide")} />
          <Form method="post" className="stack">
            <CsrfInput />
            <input type="hidden" name="intent" value="decide" />
            <Field id="reason" label={t("changes.decide.reason")} errors={errorsOf("decide", "reason")}>
              {(aria) => <textarea name="reason" rows={3} defaultValue={answer?.intent === "decide" ? answer.values.reason : ""} {...aria} />}
            </Field>
            <div className="actions">
              <button type="submit" name="decision" value="approve" className="button primary">
                {t("changes.decide.approve")}
              </button>
              <button type="submit" name="decision" value="reject" className="button">
                {t("changes.decide.reject")}
              </button>
            </div>
          </Form>
        </section>
      ) : null}

      {d.route ? (
        <section className="stack" aria-labelledby="route-heading" data-testid="change-route">
          <h2 id="route-heading">{t("changes.route.heading")}</h2>
          <ol className="stack">
            {d.route.steps.map((s, i) => (
              <li key={i}>
                {t("changes.route.step", { step: i + 1, required: s.required })} — {t(`changes.route.state.${s.state}`)}
                <ul>
                  {s.seats.map((seat) => (
                    <li key={seat.id}>
                      {seat.name}
                      {seat.decision ? ` · ${t(`changes.route.decision.${seat.decision}`)}` : ""}
                      {seat.delegated && seat.decidedByName ? ` · ${t("changes.route.delegated", { by: seat.decidedByName })}` : ""}
                    </li>
                  ))}
                </ul>
              </li>
            ))}
          </ol>
          {d.route.decisions.some((x) => x.comment) ? (
            <ul className="stack">
              {d.route.decisions
                .filter((x) => x.comment)
                .map((x, i) => (
                  <li key={i} className={x.void ? "void" : undefined}>
                    {x.decidedByName} · {t(`changes.route.decision.${x.decision}`)} · {formatDateTime(x.createdAt, locale)}
                    {x.void ? ` · ${t("changes.route.void")}` : ""}: {x.comment}
                  </li>
                ))}
            </ul>
          ) : null}
          {d.you.routeDecide ? (
            <>
              <FormErrors errors={formErrorsOf("route")} />
              <Form method="post" className="stack">
                <CsrfInput />
                <input type="hidden" name="intent" value="route" />
                <Field id="comment" label={t("changes.route.comment")} errors={errorsOf("route", "comment")}>
                  {(aria) => <textarea name="comment" rows={3} defaultValue={answer?.intent === "route" ? answer.values.comment : ""} {...aria} />}
                </Field>
                <div className="actions">
                  <button type="submit" name="decision" value="approve" className="button primary">
                    {t("changes.decide.approve")}
                  </button>
                  <button type="submit" name="decision" value="return" className="button">
                    {t("changes.route.return")}
                  </button>
                  <button type="submit" name="decision" value="reject" className="button">
                    {t("changes.decide.reject")}
                  </button>
                </div>
              </Form>
            </>
          ) : null}
        </section>
      ) : null}

      <section className="stack" aria-labelledby="thread-heading">
        <h2 id="thread-heading">{t("changes.thread.heading")}</h2>
        {d.thread.length === 0 ? (
          <p className="empty">{t("changes.thread.none")}</p>
        ) : (
          <ul className="stack" data-testid="change-thread">
            {d.thread.map((c) => (
              <li key={c.id}>
                <strong>
                  {t(`changes.side.${c.side}`)} · {c.authorName}
                </strong>{" "}
                <span className="hint">{formatDateTime(c.createdAt, locale)}</span>
                <p style={{ whiteSpace: "pre-wrap" }}>{c.body}</p>
              </li>
            ))}
          </ul>
        )}
        {d.you.canComment ? (
          <>
            <FormErrors errors={formErrorsOf("comment")} />
            <Form method="post" className="stack">
              <CsrfInput />
              <input type="hidden" name="intent" value="comment" />
              <Field id="body" label={t("changes.thread.body")} errors={errorsOf("comment", "body")}>
                {(aria) => <textarea name="body" rows={3} defaultValue={answer?.intent === "comment" ? answer.values.body : ""} {...aria} />}
              </Field>
              <button type="submit" className="button">
                {t("changes.thread.submit")}
              </button>
            </Form>
          </>
        ) : null}
      </section>

      {d.you.canWithdraw ? (
        d.confirmWithdraw ? (
          <section className="stack" aria-labelledby="withdraw-heading" data-testid="withdraw-confirm">
            <h2 id="withdraw-heading">{t("changes.withdraw")}</h2>
            <p>{t("changes.withdraw.confirm")}</p>
            <FormErrors errors={formErrorsOf("withdraw")} />
            <Form method="post" className="actions">
              <CsrfInput />
              <input type="hidden" name="intent" value="withdraw" />
              <button type="submit" className="button danger">
                {t("changes.withdraw.yes")}
              </button>
              <Link to={here}>{t("changes.withdraw.cancel")}</Link>
            </Form>
          </section>
        ) : (
          <p>
            <Link to={`${here}?withdraw=1`} className="button">
              {t("changes.withdraw")}
            </Link>
          </p>
        )
      ) : null}
    </article>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
