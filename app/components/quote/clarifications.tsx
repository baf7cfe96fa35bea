import { Form } from "@remix-run/react";
import { CsrfInput } from "~/components/csrf-input";
import { Field } from "~/components/field";
import { ANSWER_MAX_LENGTH } from "~/domain/annotations/schema";
import type { VendorClarification } from "~/domain/annotations/views";
import { formatDateTime } from "~/utils/format";
import { useI18n } from "~/utils/use-i18n";

// The vendor's side of clarification requests, on its quote page: "a clarification from the buyer" — the
// question text only (never the annotation behind it, its kind or who asked) — and its one answer, with the rule
// that an answer is words only and changes no price or commitment (a BAFO does).

/** The answer form of one open clarification; it posts to /clarifications/:id/answer (without JavaScript too). */
export function AnswerForm({ c, errors, value }: { c: VendorClarification; errors?: string[]; value?: string }) {
  const { t } = useI18n();
  return (
    <Form method="post" action={`/clarifications/${c.id}/answer`} className="stack" data-testid="answer-clarification">
      <CsrfInput />
      <Field id={`answer-${c.id}`} label={t("clarifications.vendor.yourAnswer")} errors={errors}>
        {(aria) => <textarea name="answer" rows={4} maxLength={ANSWER_MAX_LENGTH} defaultValue={value ?? ""} {...aria} />}
      </Field>
      <button type="submit" className="button primary">
        {t("clarifications.vendor.submit")}
      </button>
    </Form>
  );
}

export function ClarificationItem({ c, children }: { c: VendorClarification; children?: React.ReactNode }) {
  const { t, locale } = useI18n();
  return (
    <li className="card stack" data-testid="vendor-clarification">
      <p className="muted small">
        {t("clarifications.vendor.from")} · {formatDateTime(c.askedAt, locale)}
      </p>
      <p className="prewrap">{c.question}</p>
      {c.answer !== null ? (
        <blockquote className="prewrap">
          <strong>{t("clarifications.vendor.yourAnswer")}</strong> ({formatDateTime(c.answeredAt!, locale)})
          <br />
          {c.answer}
        </blockquote>
      ) : (
        children
      )}
    </li>
  );
}

export function VendorClarifications({ items }: { items: VendorClarification[] }) {
  const { t } = useI18n();
  if (items.length === 0) return null;
  return (
    <section className="card stack" aria-labelledby="clarifications-heading" data-testid="vendor-clarifications">
      <h2 id="clarifications-heading">{t("clarifications.vendor.title")}</h2>
      <p className="hint">{t("clarifications.vendor.intro")}</p>
      <ol className="qa-list">
        {items.map((c) => (
          <ClarificationItem key={c.id} c={c}>
            <AnswerForm c={c} />
          </ClarificationItem>
        ))}
      </ol>
    </section>
  );
}
