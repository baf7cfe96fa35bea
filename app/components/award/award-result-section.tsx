import { Form, Link } from "@remix-run/react";
import { useEffect, useId, useRef, useState } from "react";
import { CsrfInput } from "~/components/csrf-input";
import { Field } from "~/components/field";
import { formatDeadlineDate } from "~/domain/award/answer";
import type { AwardResult, DebriefResult, WinnerResult } from "~/services/award-result.server";
import { formatDateTime, formatNumber, formatYen } from "~/utils/format";
import { useI18n } from "~/utils/use-i18n";
import { formatValue } from "~/components/comparison/format";

// 「選定結果」 on the vendor's quote page (issue 15, item 4): the winner's offer with its 受諾期限 and the
// accept / decline buttons — declining asks first, in a dialog with JavaScript and on /awards/:id/decline
// without it — or, for a vendor not selected, the debrief (from the frozen decision) and the one standstill
// question. Everything shown comes from the allow-listed AwardResult; nothing else of the award reaches here.

export function AwardResultSection({ result }: { result: AwardResult }) {
  const { t } = useI18n();
  return (
    <section className="card stack" data-testid="award-result" aria-labelledby="award-result-title">
      <h2 id="award-result-title">{t("awardResult.title")}</h2>
      {result.view === "winner" ? <WinnerPart r={result} /> : <DebriefPart r={result} />}
    </section>
  );
}

function WinnerPart({ r }: { r: WinnerResult }) {
  const { t, locale } = useI18n();
  const date = formatDeadlineDate(r.respondBy, locale);
  if (r.status === "accepted")
    return (
      <>
        <p data-testid="award-accepted">{t("awardResult.winner.accepted", { date: formatDeadlineDate(r.respondedAt!, locale) })}</p>
        {r.contractMade ? (
          <p>
            <Link to={`/quotes/${r.quoteId}/contract`} data-testid="vendor-contract-link">
              {t("awardResult.winner.toContract")}
            </Link>
          </p>
        ) : null}
      </>
    );
  if (r.status === "declined")
    return (
      <p data-testid="award-declined">
        {t("awardResult.winner.declined", { date: formatDeadlineDate(r.respondedAt!, locale), reason: r.declineReason ?? "" })}
      </p>
    );
  if (!r.canRespond)
    return (
      <p className="notice" role="status" data-testid="award-respond-passed">
        {t("awardResult.winner.respondByPassed", { date })}
      </p>
    );
  return (
    <>
      <p data-testid="award-headline">
        <strong>{t("awardResult.winner.headline", { date })}</strong>
      </p>
      <p>{t("awardResult.winner.amount", { amount: formatYen(r.amountYen, locale) })}</p>
      <p className="hint">{t("awardResult.winner.intro")}</p>
      <div className="actions">
        <Form method="post" action={`/awards/${r.awardId}/accept`}>
          <CsrfInput />
          <button type="submit" className="button primary" data-testid="award-accept">
            {t("awardResult.accept")}
          </button>
        </Form>
        <DeclineAward awardId={r.awardId} />
      </div>
    </>
  );
}

/** The decline form (posted to the confirmation page's action), with the reason the buyer reads. */
export function DeclineForm({ awardId, errors, reason, children }: { awardId: string; errors?: string[]; reason?: string; children?: React.ReactNode }) {
  const { t } = useI18n();
  return (
    <Form method="post" action={`/awards/${awardId}/decline`} className="stack">
      <CsrfInput />
      <Field id={`decline-reason-${awardId}`} label={t("awardResult.decline.reason")} errors={errors}>
        {(p) => <textarea {...p} name="reason" rows={4} maxLength={2000} required defaultValue={reason} />}
      </Field>
      <div className="actions">
        <button type="submit" className="button danger" data-testid="award-decline-confirm">
          {t("awardResult.decline.confirm")}
        </button>
        {children}
      </div>
    </Form>
  );
}

function DeclineAward({ awardId }: { awardId: string }) {
  const { t } = useI18n();
  const [hydrated, setHydrated] = useState(false);
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => setHydrated(true), []);
  if (!hydrated)
    return (
      <Link to={`/awards/${awardId}/decline`} className="button danger" data-testid="award-decline">
        {t("awardResult.decline")}
      </Link>
    );
  return (
    <>
      <button type="button" className="button danger" data-testid="award-decline" onClick={() => dialog.current?.showModal()}>
        {t("awardResult.decline")}
      </button>
      <dialog ref={dialog} className="card confirm-dialog" aria-labelledby={titleId}>
        <h2 id={titleId}>{t("awardResult.decline.title")}</h2>
        <p>{t("awardResult.decline.effect")}</p>
        <DeclineForm awardId={awardId}>
          <button type="button" className="button" onClick={() => dialog.current?.close()}>
            {t("awardResult.decline.cancel")}
          </button>
        </DeclineForm>
      </dialog>
    </>
  );
}

function DebriefPart({ r }: { r: DebriefResult }) {
  const { t, locale } = useI18n();
  const d = r.debrief;
  return (
    <>
      <h3>{t("debrief.title")}</h3>
      {d.outcome === "ranked" ? (
        <p data-testid="debrief-rank">
          {t("debrief.yourRank", { rank: d.rank ?? "—" })} · {t("debrief.yourScore", { score: formatNumber(d.score ?? 0, locale, 1) })}
        </p>
      ) : (
        <>
          <p>{t("debrief.disqualified")}</p>
          <ul>
            {d.requirements.map((q) => (
              <li key={q.criterion}>{q.message ? q.message[locale] : t("debrief.requirementNotMet", { label: q.label[locale] })}</li>
            ))}
          </ul>
        </>
      )}
      {d.criteria.length > 0 ? (
        <div className="table-scroll">
          <table className="table" data-testid="debrief-criteria">
            <thead>
              <tr>
                <th scope="col">{t("debrief.criterion")}</th>
                <th scope="col">{t("debrief.share")}</th>
                <th scope="col">{t("debrief.value")}</th>
                <th scope="col">{t("debrief.score")}</th>
                <th scope="col">{t("debrief.contribution")}</th>
              </tr>
            </thead>
            <tbody>
              {d.criteria.map((c) => (
                <tr key={c.key}>
                  <td>{c.label[locale] || c.label.ja}</td>
                  <td>{formatNumber(c.share * 100, locale, 0)}%</td>
                  <td>{c.withheld ? t("debrief.withheld") : formatValue(c.unit, c.value, locale)}</td>
                  <td>{c.score === null ? "—" : formatNumber(c.score, locale, 1)}</td>
                  <td>{formatNumber(c.contribution, locale, 1)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <p data-testid="debrief-winner">{t("debrief.winner", { name: d.winner.name, score: formatNumber(d.winner.score, locale, 1) })}</p>
      <h3>{t("debrief.reason")}</h3>
      <p className="prewrap" data-testid="debrief-reason">
        {d.reason}
      </p>
      <QuestionPart r={r} />
    </>
  );
}

function QuestionPart({ r }: { r: DebriefResult }) {
  const { t, locale } = useI18n();
  if (r.question)
    return (
      <div className="stack" data-testid="award-question">
        <h3>{t("awardResult.question.title")}</h3>
        <p className="prewrap">{r.question.body}</p>
        <p className="muted small">{formatDateTime(r.question.askedAt, locale)}</p>
        <h4>{t("awardResult.question.answer")}</h4>
        {r.question.answer ? <p className="prewrap">{r.question.answer}</p> : <p className="muted">{t("awardResult.question.awaiting")}</p>}
      </div>
    );
  if (!r.canAsk || !r.standstillEndsAt) return null;
  return <AskForm awardId={r.awardId} standstillEndsAt={r.standstillEndsAt} />;
}

/** The one standstill question (also on /awards/:id/question, where a refused one comes back with its messages). */
export function AskForm({ awardId, standstillEndsAt, errors, body }: { awardId: string; standstillEndsAt: string; errors?: string[]; body?: string }) {
  const { t, locale } = useI18n();
  return (
    <Form method="post" action={`/awards/${awardId}/question`} className="stack" data-testid="award-question-form">
      <CsrfInput />
      <h3>{t("awardResult.question.title")}</h3>
      <p className="hint">{t("awardResult.standstill.until", { date: formatDeadlineDate(standstillEndsAt, locale) })}</p>
      <Field id={`award-question-${awardId}`} label={t("awardResult.question.body")} errors={errors}>
        {(p) => <textarea {...p} name="body" rows={4} maxLength={2000} required defaultValue={body} />}
      </Field>
      <button type="submit" className="button">
        {t("awardResult.question.submit")}
      </button>
    </Form>
  );
}
