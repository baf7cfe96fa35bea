import { Form } from "@remix-run/react";
import { CsrfInput } from "~/components/csrf-input";
import { formatDateTime } from "~/utils/format";
import { useI18n } from "~/utils/use-i18n";

export type QaItem = { id: string; question: string; answer: string | null; created_at: string; answered_at: string | null; asked_by?: string; mine?: boolean };

/**
 * Q&A as each side sees it: the buyer sees who asked and answers inline; vendors see published
 * answers and their own pending questions, never who asked.
 */
export function QaList({ items, canAnswer }: { items: QaItem[]; canAnswer: boolean }) {
  const { t, locale } = useI18n();
  if (items.length === 0) return <p className="muted">{t("rfq.qa.none")}</p>;
  return (
    <ol className="qa-list">
      {items.map((q) => (
        <li key={q.id} className="card qa" data-testid="qa-item">
          <p className="qa-q">
            <strong>Q.</strong> <span className="prewrap">{q.question}</span>
          </p>
          <p className="muted small">
            {formatDateTime(q.created_at, locale)}
            {q.asked_by ? ` · ${t("rfq.qa.askedBy", { org: q.asked_by })}` : null}
            {q.mine ? ` · ${t("rfq.qa.yours")}` : null}
          </p>
          {q.answer ? (
            <p className="qa-a">
              <strong>A.</strong> <span className="prewrap">{q.answer}</span>
            </p>
          ) : (
            <p className="badge warn">{t("rfq.qa.awaiting")}</p>
          )}
          {canAnswer ? (
            <Form method="post" className="stack">
              <CsrfInput />
              <input type="hidden" name="intent" value="answer" />
              <input type="hidden" name="questionId" value={q.id} />
              <label htmlFor={`answer-${q.id}`}>{t("rfq.qa.answer")}</label>
              <textarea id={`answer-${q.id}`} name="answer" rows={3} defaultValue={q.answer ?? ""} required maxLength={8000} />
              <button type="submit" className="button small">
                {t("rfq.qa.answer")}
              </button>
            </Form>
          ) : null}
        </li>
      ))}
    </ol>
  );
}
