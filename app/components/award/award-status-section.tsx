import { Form, Link } from "@remix-run/react";
import { CsrfInput } from "~/components/csrf-input";
import { Field } from "~/components/field";
import { formatDeadlineDate } from "~/domain/award/answer";
import type { awardForBuyer } from "~/services/award-result.server";
import { formatDateTime, formatYen } from "~/utils/format";
import { useI18n } from "~/utils/use-i18n";

// The buyer's view of the award on /rfqs/:id/award (issue 15, item 4): the winner and its answer (受諾期限,
// accepted, declined with its reason), the standstill, the reason the vendors read, and the standstill
// questions with a form to answer each once (posted to /award-questions/:id/answer).

export type BuyerAward = NonNullable<Extract<Awaited<ReturnType<typeof awardForBuyer>>, { ok: true }>["award"]>;

export function AwardStatusSection({ award, rfqId }: { award: BuyerAward; rfqId: string }) {
  const { t, locale } = useI18n();
  const date = (d: string | null) => (d ? formatDeadlineDate(d, locale) : "—");
  return (
    <section className="card stack" data-testid="award-status-section" aria-labelledby="award-status-title">
      <h2 id="award-status-title">{t("awardResult.buyer.title")}</h2>
      <p>{t("awardResult.buyer.winner", { vendor: award.vendorName, amount: formatYen(award.amountYen, locale) })}</p>
      <p data-testid="award-answer-status">
        {award.status === "offered"
          ? t("awardResult.buyer.offered", { date: date(award.respondBy) })
          : award.status === "accepted"
            ? t("awardResult.buyer.accepted", { date: date(award.respondedAt) })
            : t("awardResult.buyer.declined", { date: date(award.respondedAt), reason: award.declineReason ?? "" })}
      </p>
      {award.status === "declined" ? <p className="notice">{t("awardResult.buyer.declinedNext")}</p> : null}
      {award.status === "accepted" ? (
        <p>
          <Link to={`/rfqs/${rfqId}/contract`} className="button primary" data-testid="contract-link">
            {t("awardResult.buyer.toContract")}
          </Link>
        </p>
      ) : null}
      <p>{award.standstillEndsAt ? t("awardResult.buyer.standstill", { date: date(award.standstillEndsAt) }) : t("awardResult.buyer.noStandstill")}</p>
      <h3>{t("awardResult.buyer.debriefReason")}</h3>
      <p className="prewrap">{award.debriefReason}</p>
      {award.standstillEndsAt ? (
        <>
          <h3>{t("awardResult.buyer.questions")}</h3>
          {award.questions.length === 0 ? <p className="muted">{t("awardResult.buyer.noQuestions")}</p> : null}
          <ul className="stack">
            {award.questions.map((q) => (
              <li key={q.id} className="stack" data-testid="award-question-item">
                <p className="muted small">{t("awardResult.buyer.askedBy", { vendor: q.vendorName, date: formatDateTime(q.askedAt, locale) })}</p>
                <p className="prewrap">{q.body}</p>
                {q.answer ? (
                  <>
                    <h4>{t("awardResult.question.answer")}</h4>
                    <p className="prewrap">{q.answer}</p>
                  </>
                ) : (
                  <AnswerForm questionId={q.id} />
                )}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}

export function AnswerForm({ questionId, errors, body }: { questionId: string; errors?: string[]; body?: string }) {
  const { t } = useI18n();
  return (
    <Form method="post" action={`/award-questions/${questionId}/answer`} className="stack" data-testid="award-answer-form">
      <CsrfInput />
      <Field id={`award-answer-${questionId}`} label={t("awardResult.answer.body")} errors={errors}>
        {(p) => <textarea {...p} name="body" rows={3} maxLength={2000} required defaultValue={body} />}
      </Field>
      <button type="submit" className="button">
        {t("awardResult.answer.submit")}
      </button>
    </Form>
  );
}
