import { Form } from "@remix-run/react";
import { CsrfInput } from "~/components/csrf-input";
import type { SpecificReasonTrigger } from "~/domain/award/proposal";
import { formatYen } from "~/utils/format";
import { useI18n } from "~/utils/use-i18n";
import type { RedFlag } from "~/domain/award/red-flags";
import type { LowQuoteReason } from "~/domain/insight/abnormally-low";
import { focusSection, rankOrderAtScale } from "~/domain/comparison/section-focus";
import { QuoteLowFlags } from "./red-flags-section";

export interface ProposableQuote {
  id: string;
  vendorName: string;
  amountYen: number;
  rank: number | null;
  specific: SpecificReasonTrigger[];
  /** Published recommendation memos that recommend another quote (issue 18): named beside the option. */
  againstMemos?: { advisorName: string; version: number }[];
  /** Decision 0051: the quote's 「著しい低価格」 reasons, the low-bid investigation's state and its red flags. */
  abnormallyLow?: { reasons: LowQuoteReason[] } | null;
  lowBidInvestigation?: boolean;
  investigationComplete?: boolean;
  redFlags?: RedFlag[];
}

export interface ProposeAwardState {
  values?: { quoteId?: string; rationale?: string; specificRationale?: string; debriefReason?: string; acknowledgedRedFlags?: string[] };
  fieldErrors?: Record<string, string[]>;
  formErrors?: string[];
}

/**
 * 決裁起案: choose the quote, write the rationale and, when the chosen quote requires it (not rank 1, not
 * the advisor's recommendation, flagged), the specific reason. Posts to /rfqs/:id/award, which shows the
 * refusals field by field. Which quotes need the second reason is said beside each option.
 */
export function ProposeAwardForm({
  rfqId,
  quotes,
  state,
  labels = { vendorNames: {}, criterionLabels: {} },
  focus = null,
}: {
  rfqId: string;
  quotes: ProposableQuote[];
  state?: ProposeAwardState;
  /** Vendor names and criterion labels the red flags' words use (a flag may name a quote not in `quotes`). */
  labels?: { vendorNames: Record<string, string>; criterionLabels: Record<string, { ja: string; en: string }> };
  /**
   * The quotes the buyer is comparing (the comparison page's columns and compare list). Past a dozen quotes the form
   * shows those (and the one already chosen) in rank order; every other quote stays choosable in a closed <details>
   * inside the same radio group (decision 0058). Without it (the award page) every quote is shown as before.
   */
  focus?: readonly string[] | null;
}) {
  const { t, locale } = useI18n();
  const errors = state?.fieldErrors ?? {};
  const v = state?.values ?? {};
  const fieldError = (name: string) =>
    errors[name]?.length ? (
      <ul className="field-errors" id={`award-${name}-error`} data-testid={`award-${name}-error`}>
        {errors[name]!.map((e) => (
          <li key={e}>{e}</li>
        ))}
      </ul>
    ) : null;
  const keep = focus ? new Set([...focus, ...(v.quoteId ? [v.quoteId] : [])]) : null;
  const { shown, folded } = focusSection(keep ? rankOrderAtScale(quotes, (q) => q.rank) : quotes, keep);
  // Every folded quote is usually "not ranked first": said once above them instead of 295 times (the page's size).
  const foldedNotFirst = folded.length > 0 && folded.every((q) => q.specific.includes("notRankedFirst"));
  const triggers = (q: ProposableQuote, omit?: SpecificReasonTrigger) => q.specific.filter((s) => s !== omit).map((s) => t(`awardProposal.trigger.${s}`));
  const option = (q: ProposableQuote, omit?: SpecificReasonTrigger) => (
    // The option's flags sit beside its label, not inside it: a red flag's checkbox needs a label of its own,
    // and the radio's accessible name stays the option's short words.
    <div key={q.id} className="choice">
      <label>
        <input type="radio" name="quoteId" value={q.id} defaultChecked={v.quoteId === q.id} required />{" "}
        {q.rank !== null
          ? t("awardProposal.quote.option", { rank: q.rank, vendor: q.vendorName, amount: formatYen(q.amountYen, locale) })
          : t("awardProposal.quote.optionUnranked", { vendor: q.vendorName, amount: formatYen(q.amountYen, locale) })}
        {triggers(q, omit).length > 0 ? <span className="muted"> — {triggers(q, omit).join(" ")}</span> : null}
        {q.againstMemos?.length ? (
          <span className="muted" data-testid="award-against-memo">
            {" "}
            {t("memos.trigger.againstMemo", {
              memos: q.againstMemos.map((m) => t("memos.memoName", { org: m.advisorName, version: m.version })).join(locale === "ja" ? "、" : ", "),
            })}
          </span>
        ) : null}
      </label>
      <QuoteLowFlags
        quote={{
          id: q.id,
          abnormallyLow: q.abnormallyLow ?? null,
          lowBidInvestigation: q.lowBidInvestigation ?? false,
          investigationComplete: q.investigationComplete ?? true,
          redFlags: q.redFlags ?? [],
        }}
        labels={{ vendorNames: { ...labels.vendorNames, [q.id]: q.vendorName }, criterionLabels: labels.criterionLabels }}
        acknowledged={v.acknowledgedRedFlags ?? []}
      />
    </div>
  );
  return (
    <section className="card no-print" aria-labelledby="propose-award-heading" data-testid="propose-award">
      <h2 id="propose-award-heading">{t("awardProposal.title")}</h2>
      <p className="hint">{t("awardProposal.intro")}</p>
      {state?.formErrors?.length ? (
        <p className="notice error" role="alert" data-testid="award-form-error">
          {state.formErrors.join(" ")}
        </p>
      ) : null}
      <Form method="post" action={`/rfqs/${rfqId}/award`} className="stack" noValidate>
        <CsrfInput />
        <fieldset aria-describedby={errors.quoteId ? "award-quoteId-error" : undefined}>
          <legend>{t("awardProposal.quote")}</legend>
          {folded.length > 0 ? (
            <p className="hint" data-testid="award-focus-hint">
              {t("compareSections.award.focusHint")}
            </p>
          ) : null}
          {shown.map((q) => option(q))}
          {/* Same form, same radio group: a quote picked here is posted even while the <details> is closed. */}
          {folded.length > 0 ? (
            <details className="section-others" data-testid="award-others">
              <summary>{t("compareSections.showOthers", { count: folded.length, total: quotes.length })}</summary>
              {foldedNotFirst ? (
                <p className="muted">{t("compareSections.award.othersNotFirst", { reason: t("awardProposal.trigger.notRankedFirst") })}</p>
              ) : null}
              {folded.map((q) => option(q, foldedNotFirst ? "notRankedFirst" : undefined))}
            </details>
          ) : null}
          {fieldError("quoteId")}
          {fieldError("acknowledgedRedFlags")}
        </fieldset>
        <label className="block-label">
          {t("awardProposal.rationale")}
          <textarea name="rationale" rows={4} maxLength={4000} defaultValue={v.rationale ?? ""} aria-invalid={errors.rationale ? true : undefined} />
        </label>
        {fieldError("rationale")}
        <label className="block-label">
          {t("awardProposal.specificRationale")}
          <textarea
            name="specificRationale"
            rows={3}
            maxLength={4000}
            defaultValue={v.specificRationale ?? ""}
            aria-invalid={errors.specificRationale ? true : undefined}
          />
        </label>
        {fieldError("specificRationale")}
        <label className="block-label">
          {t("awardProposal.debriefReason")}
          <textarea
            name="debriefReason"
            rows={3}
            maxLength={2000}
            defaultValue={v.debriefReason ?? ""}
            aria-invalid={errors.debriefReason ? true : undefined}
            aria-describedby="award-debriefReason-hint"
          />
        </label>
        <p className="hint" id="award-debriefReason-hint">
          {t("awardProposal.debriefReason.hint")}
        </p>
        {fieldError("debriefReason")}
        <p>
          <button type="submit">{t("awardProposal.submit")}</button>
        </p>
      </Form>
    </section>
  );
}
