import { Form } from "@remix-run/react";
import { CsrfInput } from "~/components/csrf-input";
import { Field, FormErrors } from "~/components/field";
import { shownValue } from "~/domain/evaluation/design-comment-form";
import type { DesignCommentField, DesignSuggestion } from "~/domain/evaluation/design-suggestion";
import { scoringMethodLabels } from "~/domain/rfq/categories";
import { KPI_CATALOG } from "~/domain/rfq/kpi-templates";
import type { Criterion } from "~/domain/rfq/schema";
import { formatDate } from "~/utils/format";
import { useI18n } from "~/utils/use-i18n";

// The design comments of a draft (decision 0044), grouped by the criterion they anchor to, with the buyer's
// resolve forms (apply / decline with a reason) and replies. Every form posts to /rfqs/:id/design-review, which
// answers field errors for the comment they belong to (`failed`).

export interface DesignFormFailure {
  intent: string;
  commentId: string | null;
  formErrors: string[];
  fieldErrors: Record<string, string[]>;
}

type Comment = {
  id: string;
  criterionKey: string | null;
  field: DesignCommentField;
  body: string;
  status: "open" | "applied" | "declined";
  resolutionReason: string | null;
  createdAt: string;
  suggestion: DesignSuggestion | null;
  author: { name: string; org: string };
  replies: { id: string; body: string; author: { name: string; org: string }; createdAt: string }[];
};

export function useSuggestionWords() {
  const { t, locale } = useI18n();
  return (s: DesignSuggestion, criterion: Pick<Criterion, "unit"> | undefined) => {
    const v = (n: number) => shownValue(criterion?.unit, n);
    switch (s.kind) {
      case "set_weight":
        return t("designReview.suggestion.set_weight", { value: s.weight });
      case "set_target":
        return s.target === null ? t("designReview.suggestion.clear_target") : t("designReview.suggestion.set_target", { value: v(s.target) });
      case "set_scale":
        return t("designReview.suggestion.set_scale", { worst: v(s.scale.worst), best: v(s.scale.best) });
      case "set_gate":
        if (s.gate === null) return t("designReview.suggestion.clear_gate");
        return t("designReview.suggestion.set_gate", {
          value:
            "required" in s.gate
              ? t("designReview.gate.required")
              : "min" in s.gate
                ? t("designReview.gate.min", { value: v(s.gate.min) })
                : t("designReview.gate.max", { value: v(s.gate.max) }),
        });
      case "remove_criterion":
        return t("designReview.suggestion.remove_criterion");
      case "add_criterion": {
        const kpi = KPI_CATALOG[s.catalogKey];
        const gate = s.gate && ("min" in s.gate ? ` ≥ ${shownValue(kpi.unit, s.gate.min)}` : "max" in s.gate ? ` ≤ ${shownValue(kpi.unit, s.gate.max)}` : "");
        return t("designReview.suggestion.add_criterion", { label: `${kpi.label[locale] || kpi.label.ja}${gate ?? ""}` });
      }
      case "set_scoring_method":
        return t("designReview.suggestion.set_scoring_method", { method: scoringMethodLabels[s.scoringMethod][locale] });
    }
  };
}

export function DesignCommentList({
  rfqId,
  comments,
  criteria,
  canResolve,
  canReply,
  failed,
  back,
}: {
  /** "review": after a resolution the buyer returns to the review step. */
  back?: "review";
  rfqId: string;
  comments: readonly Comment[];
  criteria: readonly Pick<Criterion, "key" | "label" | "unit">[];
  canResolve: boolean;
  canReply: boolean;
  failed?: DesignFormFailure | null;
}) {
  const { t, locale } = useI18n();
  const words = useSuggestionWords();
  if (comments.length === 0) return <p className="muted">{t("designReview.none")}</p>;
  // The criteria's order, then the design as a whole; a comment on a criterion removed since shows under its key.
  const keys = [...criteria.map((c) => c.key), ...new Set(comments.map((c) => c.criterionKey).filter((k): k is string => !!k))];
  const groups = [...new Set(keys)]
    .map((key) => ({ key, criterion: criteria.find((c) => c.key === key) }))
    .filter((g) => comments.some((c) => c.criterionKey === g.key));
  const design = comments.filter((c) => !c.criterionKey);
  const action = `/rfqs/${rfqId}/design-review`;
  const errorsOf = (intent: string, id: string) => (failed && failed.intent === intent && failed.commentId === id ? failed : null);
  const one = (c: Comment, criterion: Pick<Criterion, "unit" | "label"> | undefined) => {
    const applyFailed = errorsOf("apply", c.id);
    const declineFailed = errorsOf("decline", c.id);
    const replyFailed = errorsOf("reply", c.id);
    return (
      <li key={c.id} id={`c-${c.id}`} className="card stack" data-testid="design-comment" data-status={c.status}>
        <p>
          <strong>{t(`designReview.field.${c.field}`)}</strong> · <span className={`badge status-${c.status}`}>{t(`designReview.status.${c.status}`)}</span>{" "}
          <span className="muted">{t("designReview.by", { org: c.author.org, name: c.author.name, date: formatDate(c.createdAt, locale) })}</span>
        </p>
        <p style={{ whiteSpace: "pre-wrap" }}>{c.body}</p>
        {c.suggestion ? (
          <p data-testid="design-suggestion">
            {t("designReview.suggestion.title")}: {words(c.suggestion, criterion)}
          </p>
        ) : null}
        {c.status === "declined" && c.resolutionReason ? <p className="muted">{t("designReview.declinedBecause", { reason: c.resolutionReason })}</p> : null}
        {c.replies.length ? (
          <ul className="stack">
            {c.replies.map((r) => (
              <li key={r.id} data-testid="design-reply">
                <span className="muted">{t("designReview.by", { org: r.author.org, name: r.author.name, date: formatDate(r.createdAt, locale) })}</span>
                <p style={{ whiteSpace: "pre-wrap" }}>{r.body}</p>
              </li>
            ))}
          </ul>
        ) : null}
        {canResolve && c.status === "open" ? (
          <div className="actions">
            {c.suggestion ? (
              <Form method="post" action={action}>
                <CsrfInput />
                <input type="hidden" name="intent" value="apply" />
                <input type="hidden" name="commentId" value={c.id} />
                {back ? <input type="hidden" name="back" value={back} /> : null}
                {back ? <input type="hidden" name="back" value={back} /> : null}
                <FormErrors errors={applyFailed ? [...applyFailed.formErrors, ...Object.values(applyFailed.fieldErrors).flat()] : null} />
                <button type="submit" className="button primary" data-testid="design-apply">
                  {t("designReview.apply")}
                </button>
              </Form>
            ) : null}
            <Form method="post" action={action} className="stack">
              <CsrfInput />
              <input type="hidden" name="intent" value="decline" />
              <input type="hidden" name="commentId" value={c.id} />
              {back ? <input type="hidden" name="back" value={back} /> : null}
              <Field id={`decline-${c.id}`} label={t("designReview.decline.reason")} errors={declineFailed?.fieldErrors.reason}>
                {(aria) => <input name="reason" {...aria} />}
              </Field>
              <button type="submit" className="button" data-testid="design-decline">
                {t("designReview.decline")}
              </button>
            </Form>
          </div>
        ) : null}
        {canReply ? (
          <Form method="post" action={action} className="stack">
            <CsrfInput />
            <input type="hidden" name="intent" value="reply" />
            <input type="hidden" name="commentId" value={c.id} />
            {back ? <input type="hidden" name="back" value={back} /> : null}
            <Field id={`reply-${c.id}`} label={t("designReview.reply")} errors={replyFailed?.fieldErrors.body}>
              {(aria) => <textarea name="body" rows={2} {...aria} />}
            </Field>
            <button type="submit" className="button" data-testid="design-reply-submit">
              {t("designReview.reply")}
            </button>
          </Form>
        ) : null}
      </li>
    );
  };
  return (
    <div className="stack" data-testid="design-comments">
      {groups.map((g) => (
        <section key={g.key} className="stack" data-testid="design-group" data-criterion={g.key}>
          <h3>{g.criterion ? g.criterion.label[locale] || g.criterion.label.ja : g.key}</h3>
          <ul className="stack">{comments.filter((c) => c.criterionKey === g.key).map((c) => one(c, g.criterion))}</ul>
        </section>
      ))}
      {design.length ? (
        <section className="stack" data-testid="design-group" data-criterion="">
          <h3>{t("designReview.anchor.design")}</h3>
          <ul className="stack">{design.map((c) => one(c, undefined))}</ul>
        </section>
      ) : null}
    </div>
  );
}
