import type { ActionFunctionArgs, LoaderFunctionArgs, SerializeFrom } from "@remix-run/node";
import { approvalPacketsForAdvisor } from "~/services/award-proposals.server";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { CsrfInput } from "~/components/csrf-input";
import { Field, FormErrors } from "~/components/field";
import { BuyerQuotesSection } from "~/components/quote/buyer-quotes";
import { RfqAttachmentsSection } from "~/components/attachments";
import { AdvisorsSection } from "~/components/rfq/advisors-section";
import { QaList } from "~/components/rfq/qa-list";
import { RfqView } from "~/components/rfq/rfq-view";
import { areQuotesOpened } from "~/domain/quote/sealed";
import { effectiveStatus } from "~/domain/rfq/lifecycle";
import { AddendumSchema, AnswerSchema, QuestionSchema } from "~/domain/rfq/qa";
import type { RfqDraft } from "~/domain/rfq/schema";
import { t as translate, translateOrPassThrough } from "~/i18n";
import { answerQuestion, askQuestion, cancelRfq, loadRfqForReader, publishAddendum } from "~/services/rfqs.server";
import { quotesOfRfqForBuyer } from "~/services/quotes.server";
import {
  questionsForAdvisor,
  questionsForBuyer,
  questionsForVendor,
  versionHistoryFor,
  versionHistoryForBuyer,
  type VersionHistoryEntry,
} from "~/services/rfq-reads.server";
import { advisorsForBuyer, assignAdvisor, removeAdvisor } from "~/services/advisors.server";
import { rfqAttachmentsOf } from "~/services/attachments.server";
import { requireUser } from "~/utils/auth.server";
import { readForm } from "~/utils/csrf.server";
import { formatDate, formatDateTime, joinList } from "~/utils/format";
import { parseForm } from "~/utils/forms";
import { getLocale } from "~/utils/locale.server";
import { toastHeader } from "~/utils/toast.server";
import { useI18n } from "~/utils/use-i18n";
import { invariantResponse, notFound, pageFailure } from "~/utils/errors";

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const id = z.string().uuid().safeParse(params.id);
  const found = id.success ? await loadRfqForReader(context, user.actor, id.data) : null;
  invariantResponse(found);
  const now = context.clock.now();
  const row = found.row;
  const status = effectiveStatus({ status: row.status, quoteDeadline: row.quote_deadline?.toISOString() }, now);
  const header = {
    id: row.id,
    title: row.title,
    status,
    quoteDeadline: row.quote_deadline,
    version: row.current_version,
    sealed: row.sealed,
    visibility: row.visibility,
  };
  const attachments = await rfqAttachmentsOf(context, found);
  if (found.as === "buyer") {
    const [questions, { versions, pendingChanges }, quotes, advisors] = await Promise.all([
      questionsForBuyer(context, user.activeOrg!.id, row.id),
      versionHistoryForBuyer(context, found.row),
      row.status === "draft" ? null : quotesOfRfqForBuyer(context, user.actor, row.id),
      advisorsForBuyer(context, user.actor, row.id),
    ]);
    return { as: "buyer" as const, header, attachments, content: found.row.content as RfqDraft, questions, versions, pendingChanges, quotes, advisors };
  }
  if (found.as === "advisor") {
    // Read-only, as the buyer's adviser: the working copy and the published answers; the comparison
    // link only once the quotes are opened (the comparison itself checks again, in SQL).
    const [questions, versions, packets] = await Promise.all([
      questionsForAdvisor(context, user.activeOrg!.id, row.id),
      versionHistoryFor(context, "advisor", row.id),
      approvalPacketsForAdvisor(context, user.actor, row.id),
    ]);
    const compareOpen =
      row.status !== "draft" && row.quote_deadline !== null && areQuotesOpened({ status: row.status, sealed: row.sealed, deadline: row.quote_deadline }, now);
    return {
      as: "advisor" as const,
      header,
      attachments,
      content: found.row.content as RfqDraft,
      questions,
      versions,
      buyerName: found.row.buyer_name,
      compareOpen,
      packets: packets ?? [],
    };
  }
  // Vendors read the history through their projection only (what a change to a hidden field did is not listed).
  const [questions, versions] = await Promise.all([questionsForVendor(context, user.activeOrg!.id, row.id), versionHistoryFor(context, "vendor", row.id)]);
  return { as: "vendor" as const, header, attachments, content: found.view, questions, versions, canAsk: status === "published" };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const formData = await readForm(request, context);
  const user = await requireUser(request, context);
  const locale = await getLocale(request, context);
  const id = params.id!;
  const intent = formData.get("intent");
  const fail = (status: number, key: string, fieldErrors?: Record<string, string[]>) =>
    json({ intent, formError: translateOrPassThrough(locale, key), fieldErrors: fieldErrors ?? null }, { status });

  if (intent === "ask") {
    const s = parseForm(formData, QuestionSchema, locale);
    if (s.status !== "success") return json({ intent, formError: null, fieldErrors: s.error }, { status: 400 });
    const r = await askQuestion(context, user.actor, id, s.value.question);
    if (!r.ok) return r.status === 404 ? notFound() : fail(r.status, r.key);
    return redirect(`/rfqs/${id}`, { headers: { "Set-Cookie": await toastHeader(context, { key: "rfq.qa.asked" }) } });
  }
  if (intent === "answer") {
    const s = parseForm(formData, AnswerSchema, locale);
    if (s.status !== "success") return json({ intent, formError: null, fieldErrors: s.error }, { status: 400 });
    const r = await answerQuestion(context, user.actor, String(formData.get("questionId") ?? ""), s.value.answer);
    if (!r.ok) return notFound();
    return redirect(`/rfqs/${id}`, { headers: { "Set-Cookie": await toastHeader(context, { key: "rfq.qa.answered" }) } });
  }
  if (intent === "addendum") {
    const s = parseForm(formData, AddendumSchema, locale);
    if (s.status !== "success") return json({ intent, formError: null, fieldErrors: s.error }, { status: 400 });
    const r = await publishAddendum(context, user.actor, id, s.value.changeSummary);
    if (!r.ok) {
      if (r.status === 404) return notFound();
      const problems = (r.problems ?? []).map((p) =>
        p.words ? translate(locale, "rfqReview.problemAt", { field: p.words[locale], message: translate(locale, p.key) }) : translate(locale, p.key),
      );
      return json({ intent, formError: [translate(locale, r.key), ...problems].join(" / "), fieldErrors: null }, { status: r.status });
    }
    return redirect(`/rfqs/${id}`, {
      headers: { "Set-Cookie": await toastHeader(context, { key: "rfq.detail.addendumPublished", params: { n: r.version } }) },
    });
  }
  if (intent === "assignAdvisor" || intent === "removeAdvisor") {
    const advisorOrgId = String(formData.get("advisorOrgId") ?? "");
    const r =
      intent === "assignAdvisor" ? await assignAdvisor(context, user.actor, id, { advisorOrgId }) : await removeAdvisor(context, user.actor, id, advisorOrgId);
    if (!r.ok && r.status === 404) return notFound();
    if (!r.ok) return r.issues ? json({ intent, formError: null, fieldErrors: pageFailure(r, locale).fieldErrors }, { status: 400 }) : fail(r.status, r.key);
    return redirect(`/rfqs/${id}`, {
      headers: { "Set-Cookie": await toastHeader(context, { key: intent === "assignAdvisor" ? "advisors.assigned" : "advisors.removed" }) },
    });
  }
  if (intent === "cancel") {
    // The service checks the reason (required, at most 2000 characters): every bidder is told it.
    const r = await cancelRfq(context, user.actor, id, String(formData.get("reason") ?? ""));
    if (!r.ok) {
      if (r.status === 404) return notFound();
      const shown = pageFailure(r, locale);
      return fail(r.status, r.key, shown.fieldErrors);
    }
    return redirect(`/rfqs/${id}`, { headers: { "Set-Cookie": await toastHeader(context, { key: "rfq.detail.cancelled" }) } });
  }
  throw new Response("Bad Request", { status: 400 });
}

/** v1 → v2 → …: date, the buyer's summary and the changed fields in words (the reader's own view of them). */
function VersionHistory({ versions }: { versions: readonly SerializeFrom<VersionHistoryEntry>[] }) {
  const { t, locale } = useI18n();
  return (
    <section className="card" data-testid="version-history">
      <h2>{t("rfqReview.history.title")}</h2>
      <p className="hint">{t("rfqReview.history.intro")}</p>
      <ol className="versions" reversed>
        {versions.map((v, i) => (
          <li key={v.version} data-testid="version-entry">
            <strong>{t("rfqReview.history.version", { n: v.version })}</strong>
            {i === 0 ? ` (${t("rfqReview.history.current")})` : null} — {formatDateTime(v.publishedAt, locale)}
            {v.version === 1 && !v.changeSummary ? ` — ${t("rfqReview.history.first")}` : null}
            {v.changeSummary ? (
              <p className="prewrap">
                {t("rfqReview.history.summary")}: {v.changeSummary}
              </p>
            ) : null}
            {v.changes.length ? (
              <p>
                {t("rfqReview.history.changed")}:{" "}
                {joinList(
                  v.changes.map((c) => c.words[locale]),
                  locale,
                )}
              </p>
            ) : null}
          </li>
        ))}
      </ol>
    </section>
  );
}

export default function RfqDetail() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t, translateOrPassThrough, locale } = useI18n();
  const h = data.header;
  const err = (intent: string, field: string) => (result?.intent === intent ? result.fieldErrors?.[field] : undefined);
  return (
    <article className="stack">
      <p>
        <Link to="/rfqs">← {t("nav.rfqs")}</Link>
      </p>
      <div className="title-row">
        <h1>{h.title}</h1>
        <span className={`status status-${h.status}`} data-testid="rfq-status">
          {translateOrPassThrough(`rfq.status.${h.status}`)}
        </span>
      </div>
      <p className="muted">
        {h.quoteDeadline ? t("rfq.detail.deadlineIn", { date: formatDateTime(h.quoteDeadline, locale) }) : null}
        {h.version ? ` · ${t("rfq.detail.version", { n: h.version })}` : null} · {h.sealed ? t("rfq.detail.sealed") : t("rfq.detail.open")}
      </p>
      {result?.formError ? <FormErrors errors={[result.formError]} /> : null}

      {data.as === "buyer" ? (
        <div className="actions">
          {h.status === "draft" || h.status === "published" ? (
            <Link to={`/rfqs/${h.id}/edit/purposeAndScope`} className="button">
              {t("rfq.detail.edit")}
            </Link>
          ) : null}
          {h.status === "draft" ? (
            <Link to={`/rfqs/${h.id}/review`} className="button primary">
              {t("rfq.step.review")}
            </Link>
          ) : (
            <Link to={`/rfqs/${h.id}/review`} className="button">
              {t("rfq.detail.preview")}
            </Link>
          )}
        </div>
      ) : null}

      {data.as === "buyer" && h.status === "published" ? (
        <section className="card">
          <h2>{t("rfq.detail.addendum")}</h2>
          {data.pendingChanges ? <p className="notice">{t("rfq.detail.pendingChanges")}</p> : null}
          <p className="hint">{t("rfq.detail.addendumIntro")}</p>
          <Form method="post">
            <CsrfInput />
            <input type="hidden" name="intent" value="addendum" />
            <Field id="changeSummary" label={t("rfq.detail.changeSummary")} errors={err("addendum", "changeSummary")}>
              {(aria) => <textarea name="changeSummary" rows={3} maxLength={2000} {...aria} />}
            </Field>
            <button type="submit" className="button primary">
              {t("rfq.detail.addendum")}
            </button>
          </Form>
        </section>
      ) : null}

      {data.as === "buyer" && data.quotes && !data.quotes.sealed ? (
        <p className="actions">
          <Link to={`/rfqs/${h.id}/compare`} className="button primary" data-testid="compare-link">
            {t("compare.link")}
          </Link>
          {h.status === "closed" || h.status === "awarded" ? (
            <Link to={`/rfqs/${h.id}/award`} className="button" data-testid="award-link">
              {t("awardProposal.link")}
            </Link>
          ) : null}
          {h.status === "awarded" ? (
            <Link to={`/rfqs/${h.id}/contract`} className="button" data-testid="contract-page-link">
              {t("contracts.title")}
            </Link>
          ) : null}
        </p>
      ) : null}
      {data.as === "buyer" && data.content.criteria?.some((c) => c.source === "advisor_rating") ? (
        <p>
          <Link to={`/rfqs/${h.id}/evaluation`} data-testid="evaluation-link">
            {t("evaluation.title")}
          </Link>
        </p>
      ) : null}
      {data.as === "buyer" ? (
        <p>
          <Link to={`/rfqs/${h.id}/history`} data-testid="history-link">
            {t("rfqHistory.link")}
          </Link>
        </p>
      ) : null}
      {data.as === "buyer" && data.quotes ? <BuyerQuotesSection data={data.quotes} /> : null}
      {data.as === "advisor" ? (
        <div className="stack">
          <p className="notice" data-testid="advisor-read-only">
            {t("advisors.detail.readOnly", { buyer: data.buyerName })}
          </p>
          <p>
            <Link to={`/rfqs/${h.id}/design-review`} className={h.status === "draft" ? "button primary" : undefined} data-testid="design-review-link">
              {h.status === "draft" ? t("designReview.openReview") : t("designReview.title")}
            </Link>
          </p>
          {data.compareOpen ? (
            <p>
              <Link to={`/rfqs/${h.id}/compare`} className="button primary" data-testid="compare-link">
                {t("compare.link")}
              </Link>{" "}
              <Link to={`/rfqs/${h.id}/evaluation`} data-testid="evaluation-link">
                {t("evaluation.title")}
              </Link>
            </p>
          ) : (
            <p className="muted">{t("advisors.detail.sealed")}</p>
          )}
          {data.packets.length > 0 ? (
            <section className="card stack" data-testid="advisor-packets" aria-labelledby="advisor-packets-title">
              <h2 id="advisor-packets-title">{t("awardProposal.packets.title")}</h2>
              <ul>
                {data.packets.map((p) => (
                  <li key={p.id}>
                    {p.vendorName} · {t(`awardProposal.status.${p.status}`)} · {formatDate(p.createdAt, locale)} —{" "}
                    <a href={`/rfqs/${h.id}/proposals/${p.id}/packet.pdf`} download data-testid="advisor-packet-pdf">
                      {t("awardProposal.packet.download")}
                    </a>{" "}
                    <a href={`/rfqs/${h.id}/proposals/${p.id}/packet.pdf?lang=en`} download lang="en">
                      {t("awardProposal.packet.downloadEn")}
                    </a>
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
        </div>
      ) : null}
      {data.as === "buyer" && data.advisors ? <AdvisorsSection data={data.advisors} errors={err("assignAdvisor", "advisorOrgId")} /> : null}
      {data.as === "vendor" ? (
        <p>
          <Link to={`/rfqs/${h.id}/quote`} className="button primary">
            {t("quotes.open")}
          </Link>
        </p>
      ) : null}

      {data.content ? <RfqView rfq={data.content} /> : null}
      <RfqAttachmentsSection data={data.attachments} />

      <section className="stack">
        <h2>{t("rfq.qa.title")}</h2>
        <QaList items={data.questions} canAnswer={data.as === "buyer" && h.status !== "cancelled"} />
        {data.as === "vendor" ? (
          data.canAsk ? (
            <Form method="post" className="card">
              <CsrfInput />
              <input type="hidden" name="intent" value="ask" />
              <Field id="question" label={t("rfq.qa.ask")} hint={t("rfq.qa.askHint")} errors={err("ask", "question")}>
                {(aria) => <textarea name="question" rows={4} maxLength={4000} {...aria} />}
              </Field>
              <button type="submit" className="button primary">
                {t("rfq.qa.ask")}
              </button>
            </Form>
          ) : (
            <p className="muted">{t("rfq.qa.closed")}</p>
          )
        ) : null}
      </section>

      {data.versions.length > 0 ? <VersionHistory versions={data.versions} /> : null}

      {data.as === "buyer" && (h.status === "draft" || h.status === "published" || h.status === "closed") ? (
        <details className="card">
          <summary>{t("rfq.detail.cancel")}</summary>
          <Form method="post">
            <CsrfInput />
            <input type="hidden" name="intent" value="cancel" />
            <p className="warning">{t("rfq.detail.cancelWarning")}</p>
            <Field id="reason" label={t("rfq.detail.cancelReason")} errors={err("cancel", "reason")}>
              {(aria) => <input name="reason" type="text" maxLength={2000} {...aria} />}
            </Field>
            <button type="submit" className="button danger">
              {t("rfq.detail.cancelConfirm")}
            </button>
          </Form>
        </details>
      ) : null}
    </article>
  );
}
