import { certificationCriterionType } from "~/domain/rfq/draft-assist";
import { needsLowBidInvestigation } from "~/domain/rfq/public-price-rules";
import type { LowQuoteReason } from "~/domain/insight/abnormally-low";
import { isCertificateValidOn } from "~/domain/certifications/validity";
import type { Criterion as RfqCriterion, Rfq } from "~/domain/rfq/schema";
import type {
  Contribution,
  CredibilityDetail,
  CriterionValue,
  Evidence,
  LocalizedText,
  Method,
  Perspective,
  RankingResult,
  WinnerStability,
} from "~/domain/scoring";
import { isRelativeMethod, type CompareParams } from "./compare-params";
import { criterionScore100, perspectiveScores, type PerspectiveScores } from "./perspective-scores";
import { valueOf, type QuoteForRanking } from "./ranking-input";
import { missedKpiRisk, type MissedKpiRisk } from "./kpi-risk";

// Shapes a ranking into what the comparison page shows: plain, serializable data, so the route
// stays a loader and a layout. Filters hide columns; they never re-rank (the ranking is over every
// opened quote, as the scoring module computed it).

export interface ComparisonSource {
  rfq: Rfq;
  rfqVersion: number;
  quotes: (QuoteForRanking & { status: string; expiringCertifications: string[] })[];
  awaitingReconfirmation: { id: string; vendorName: string }[];
  result: RankingResult;
  /** The scoring module's single-weight stability of the winner; the page shows its sentence under the robustness line. */
  stability?: WinnerStability;
  /** Criteria left out of the ranking until evaluator ratings are in (ranking-input.ts `awaitingRatings`). */
  awaitingRatings?: string[];
  /** Abnormally low quotes' reasons by quote id (decision 0051; the buyer side's `lowQuoteStandingsOf`); absent → none flagged. */
  abnormallyLow?: Record<string, LowQuoteReason[]>;
}

/**
 * verified: a track record backs the claim (the value scored is no worse than claimed); shrunk: the
 * record is below the claim, so a worse effective value was scored; unverified: a bare claim (no
 * record); missing: no value. A certification is certified once the platform reviewed it, and pending while a
 * certificate the vendor uploaded waits for review (it does not count yet, but it is not "none" either); a
 * track-record criterion's value is the record itself, so it carries no badge.
 */
export type EvidenceBadge = "verified" | "unverified" | "shrunk" | "missing" | "certified" | "pending" | null;

/** A certificate of this type waits for review and would be in force today if approved. */
function pendingCertificate(q: QuoteForRanking, type: string, today: string): boolean {
  return q.certifications.some(
    (c) => c.type === type && isCertificateValidOn({ ...c, verificationStatus: "verified" }, today) && c.verificationStatus === "unverified",
  );
}

/** Below this the claim and the effective value are the same number (float noise, not evidence). */
const SAME = 1e-9;

/** The badge of a claimed rate from the module's credibility detail; "worse" follows the criterion's direction. */
export function credibilityBadge(credibility: CredibilityDetail, direction: "benefit" | "cost"): "verified" | "unverified" | "shrunk" {
  if (!credibility.verified) return "unverified";
  const worseBy = direction === "benefit" ? credibility.claim - credibility.effective : credibility.effective - credibility.claim;
  return worseBy > SAME ? "shrunk" : "verified";
}

export interface ComparisonCell {
  value: CriterionValue;
  /** 0–100 (TOPSIS: the weighted value rescaled between anti-ideal and ideal). */
  score: number | null;
  /** TOPSIS only: weight × normalized value, as the method used it. */
  weighted: number | null;
  contribution: number;
  badge: EvidenceBadge;
  /** A claimed rate: what the vendor committed to and the value scored after weighing its record. */
  claim: number | null;
  effective: number | null;
  /** The record the claim was weighed against (recency-weighted facts of Kurabe contracts); null without one. */
  evidence: Evidence | null;
  /** The risk that the true rate misses the RFQ's target (item 7, decision 0038); null without evidence or target. */
  risk?: MissedKpiRisk | null;
}

export interface ComparisonRow {
  key: string;
  label: LocalizedText;
  perspective: Perspective;
  direction: "benefit" | "cost";
  unit: RfqCriterion["unit"];
  source: RfqCriterion["source"];
  /** The weight as typed (RFQ or what-if) and its share of the total (0 while awaiting ratings). */
  weight: number;
  rfqWeight: number;
  share: number;
  gate: boolean;
  /** Left out of the ranking until every quote has its evaluator rating ("評価待ち"). */
  awaitingRatings: boolean;
}

export interface ComparisonColumn {
  id: string;
  vendorName: string;
  rank: number;
  score: number;
  tco: number;
  roi: number | null;
  contractValue: number;
  cells: Record<string, ComparisonCell>;
  perspectives: PerspectiveScores;
  dominatedBy: string[];
  mandatoryMet: boolean;
  certifications: { type: string; verified: boolean; validUntil: string }[];
  expiringCertifications: string[];
  /** "bafo" when the column ranks the vendor's best and final offer (the comparison says so). */
  round?: "first" | "bafo";
  /** Below the RFQ's 低入札価格調査基準価格: ranked, but subject to a low-bid investigation (decision 0049). */
  lowBidInvestigation?: boolean;
  /** An abnormally low quote (decision 0051): its reasons with the peers' median / the market quartile (buyer figures). */
  abnormallyLow?: { reasons: LowQuoteReason[] };
}

export interface DisqualifiedColumn {
  id: string;
  vendorName: string;
  tco: number;
  reasons: { criterion: string; message: LocalizedText }[];
  expiringCertifications: string[];
  round?: "first" | "bafo";
}

export interface ComparisonView {
  /** Who filtered and sorted the columns: the quotes index, or this module (search down, or a what-if). */
  orderedBy: "index" | "database";
  title: string;
  rfqVersion: number;
  method: Method;
  rfqMethod: Method;
  relative: boolean;
  whatIf: boolean;
  rows: ComparisonRow[];
  columns: ComparisonColumn[];
  disqualified: DisqualifiedColumn[];
  hidden: number;
  /** In rank order, each sentence says why a quote is above the next one (vendor names, not ids). */
  explanations: { upper: string; lower: string | null; text: LocalizedText }[];
  robustness: { winner: string | null; stability: number | null };
  /** The winner's stability under single-weight changes, in words with vendor names; null when not computed. */
  stability: StabilityView | null;
  awaitingReconfirmation: { id: string; vendorName: string }[];
  /** Criteria awaiting evaluator ratings, left out of the ranking (the others' weights share the whole). */
  awaitingRatings: { key: string; label: LocalizedText }[];
  certificationTypes: string[];
  mandatoryCertificationTypes: string[];
}

export interface StabilityView {
  /** Vendor name of the winner. */
  winner: string | null;
  /** See WinnerStability.stableWithin: the relative change of any single weight that keeps the winner first. */
  stableWithin: number | null;
  /** The nearest flip with the new winner's vendor name, or null when no single weight change flips. */
  nearest: { criterion: string; direction: "down" | "up"; weightShare: number; thresholdWeightShare: number; newWinner: string } | null;
  sentence: LocalizedText;
}

/** The module's stability with vendor names instead of quote ids. */
export function stabilityView(stability: WinnerStability, names: Map<string, string>): StabilityView {
  const { nearest } = stability;
  return {
    winner: stability.winner ? (names.get(stability.winner) ?? stability.winner) : null,
    stableWithin: stability.stableWithin,
    nearest: nearest
      ? {
          criterion: nearest.criterion,
          direction: nearest.direction,
          weightShare: nearest.weightShare,
          thresholdWeightShare: nearest.thresholdWeightShare,
          newWinner: names.get(nearest.newWinner) ?? nearest.newWinner,
        }
      : null,
    sentence: replaceIds(stability.sentence, names),
  };
}

function cellOf(c: Contribution | undefined, row: RfqCriterion, raw: CriterionValue, method: Method, certPending: boolean): ComparisonCell {
  // The module details credibility on every rate; only a claim (a KPI commitment) is checked against a record.
  const credibility = row.source === "kpi_commitment" ? c?.credibility : undefined;
  let badge: EvidenceBadge = null;
  if (c?.imputed) badge = "missing";
  else if (row.source === "kpi_commitment") badge = credibility ? credibilityBadge(credibility, row.direction) : "unverified";
  else if (row.source === "certification") badge = raw === true ? "certified" : certPending ? "pending" : null;
  return {
    value: c ? c.value : raw,
    score: c ? criterionScore100(c, method) : null,
    weighted: c?.weighted ?? null,
    contribution: c?.contribution ?? 0,
    badge,
    claim: credibility?.claim ?? null,
    effective: credibility?.effective ?? null,
    evidence: credibility?.verified && credibility.evidence ? { successes: credibility.evidence.successes, trials: credibility.evidence.trials } : null,
    risk: credibility ? missedKpiRisk(row, credibility) : null,
  };
}

/** The module's sentences name alternatives by id; the page names vendors (one pass, so a name is never rewritten). */
export const replaceIds = (text: LocalizedText, names: Map<string, string>): LocalizedText => {
  if (names.size === 0) return text;
  const pattern = new RegExp([...names.keys()].map((id) => id.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|"), "g");
  const swap = (s: string) => s.replace(pattern, (id) => names.get(id) ?? id);
  return { ja: swap(text.ja), en: swap(text.en) };
};

function sortValue(column: ComparisonColumn, sort: string): number | null {
  if (sort === "tco") return column.tco;
  const cell = column.cells[sort];
  if (!cell) return null;
  const v = cell.value;
  return typeof v === "number" ? v : typeof v === "boolean" ? Number(v) : null;
}

/**
 * `indexOrder`: the ranked quotes' ids as the quotes index filtered and sorted them. When given (search is
 * up and no what-if is applied), the visible columns follow it; otherwise the same filters and sort run here.
 */
export function buildComparisonView(source: ComparisonSource, params: CompareParams, today: string, indexOrder?: string[]): ComparisonView {
  const { rfq, result } = source;
  const method = result.method;
  const weights = params.weights;
  const awaiting = new Set(source.awaitingRatings ?? []);
  const total = rfq.criteria.filter((c) => !awaiting.has(c.key)).reduce((sum, c) => sum + (weights?.[c.key] ?? c.weight), 0) || 1;
  const rows: ComparisonRow[] = rfq.criteria.map((c) => {
    const weight = weights?.[c.key] ?? c.weight;
    return {
      key: c.key,
      label: { ja: c.label.ja, en: c.label.en || c.label.ja },
      perspective: c.perspective,
      direction: c.direction,
      unit: c.unit,
      source: c.source,
      weight,
      rfqWeight: c.weight,
      share: awaiting.has(c.key) ? 0 : weight / total,
      gate: Boolean(c.gate),
      awaitingRatings: awaiting.has(c.key),
    };
  });
  const perspectiveOf = (key: string) => rfq.criteria.find((c) => c.key === key)?.perspective;
  const mandatory = rfq.requiredCertifications.filter((r) => r.level === "mandatory").map((r) => r.type as string);
  const names = new Map(source.quotes.map((q) => [q.id, q.vendorName]));
  const quoteById = new Map(source.quotes.map((q) => [q.id, q]));

  const holds = (q: QuoteForRanking, type: string) => q.certifications.some((c) => c.type === type && isCertificateValidOn(c, today));
  const passesFilters = (q: QuoteForRanking) =>
    (!params.mandatoryMet || mandatory.every((type) => holds(q, type))) &&
    (!params.certType || holds(q, params.certType)) &&
    (params.tcoMin === undefined || q.normalized.tco >= params.tcoMin) &&
    (params.tcoMax === undefined || q.normalized.tco <= params.tcoMax);

  const allColumns: ComparisonColumn[] = result.ranking.flatMap((r) => {
    const q = quoteById.get(r.id);
    if (!q) return [];
    const cells: Record<string, ComparisonCell> = {};
    for (const c of rfq.criteria) {
      const certType = certificationCriterionType(c);
      const certPending = certType !== null && pendingCertificate(q, certType, today);
      cells[c.key] = cellOf(
        r.contributions.find((x) => x.criterion === c.key),
        c,
        valueOf(c, q, today),
        method,
        certPending,
      );
    }
    return [
      {
        id: q.id,
        vendorName: q.vendorName,
        rank: r.rank,
        score: method === "topsis" ? r.score * 100 : r.score,
        tco: q.normalized.tco,
        roi: q.normalized.roi,
        contractValue: q.normalized.contractValueExcludingTax,
        cells,
        perspectives: perspectiveScores(r.contributions, perspectiveOf, method),
        dominatedBy: r.dominatedBy.map((id) => names.get(id) ?? id),
        mandatoryMet: mandatory.every((type) => holds(q, type)),
        certifications: q.certifications.map((c) => ({ type: c.type, verified: isCertificateValidOn(c, today), validUntil: c.validUntil })),
        expiringCertifications: q.expiringCertifications,
        round: q.round ?? "first",
        lowBidInvestigation: needsLowBidInvestigation(rfq.publicPriceRules, q.normalized),
        ...(source.abnormallyLow?.[q.id]?.length ? { abnormallyLow: { reasons: source.abnormallyLow[q.id]! } } : {}),
      },
    ];
  });
  const byId = new Map(allColumns.map((c) => [c.id, c]));
  const visible = indexOrder
    ? indexOrder.flatMap((id) => (byId.has(id) ? [byId.get(id)!] : []))
    : allColumns.filter((c) => passesFilters(quoteById.get(c.id)!));
  if (!indexOrder && params.sort !== "score") {
    const direction = params.sort === "tco" ? "cost" : (rows.find((r) => r.key === params.sort)?.direction ?? "benefit");
    visible.sort((a, b) => {
      const va = sortValue(a, params.sort);
      const vb = sortValue(b, params.sort);
      if (va === null || vb === null) return va === vb ? a.rank - b.rank : va === null ? 1 : -1;
      return (direction === "cost" ? va - vb : vb - va) || a.rank - b.rank;
    });
  }

  const disqualified: DisqualifiedColumn[] = params.hideDisqualified
    ? []
    : result.disqualified.flatMap((d) => {
        const q = quoteById.get(d.id);
        if (!q || !passesFilters(q)) return [];
        return [
          {
            id: d.id,
            vendorName: q.vendorName,
            tco: q.normalized.tco,
            reasons: d.reasons.map((r) => ({ criterion: r.criterion, message: r.message })),
            expiringCertifications: q.expiringCertifications,
            round: q.round ?? "first",
          },
        ];
      });

  const ranked = [...result.ranking].sort((a, b) => a.rank - b.rank);
  const explanations = ranked.slice(0, Math.max(1, ranked.length - 1)).map((r, i) => ({
    upper: names.get(r.id) ?? r.id,
    lower: ranked[i + 1] ? (names.get(ranked[i + 1].id) ?? null) : null,
    text: replaceIds(r.explanation, names),
  }));

  const certificationTypes = [
    ...new Set([...rfq.requiredCertifications.map((r) => r.type as string), ...source.quotes.flatMap((q) => q.certifications.map((c) => c.type as string))]),
  ].sort();

  return {
    orderedBy: indexOrder ? "index" : "database",
    title: rfq.title,
    rfqVersion: source.rfqVersion,
    method,
    rfqMethod: rfq.scoringMethod,
    relative: isRelativeMethod(method),
    whatIf: Boolean(params.weights) || method !== rfq.scoringMethod,
    rows,
    columns: visible,
    disqualified,
    hidden: result.ranking.length + result.disqualified.length - visible.length - disqualified.length,
    explanations: ranked.length > 0 ? explanations : [],
    robustness: { winner: result.robustness.winner ? (names.get(result.robustness.winner) ?? null) : null, stability: result.robustness.stability },
    stability: source.stability ? stabilityView(source.stability, names) : null,
    awaitingReconfirmation: source.awaitingReconfirmation,
    awaitingRatings: rows.filter((r) => r.awaitingRatings).map((r) => ({ key: r.key, label: r.label })),
    certificationTypes,
    mandatoryCertificationTypes: mandatory,
  };
}
