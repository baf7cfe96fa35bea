import { certificationCriterionType } from "~/domain/rfq/draft-assist";
import { isCertificateValidOn, expiresDuringTerm, type CertificateRecord } from "~/domain/certifications/validity";
import type { TcoBreakdown } from "~/domain/quote/normalize";
import type { Quote } from "~/domain/quote/schema";
import { ratingScaleOf } from "~/domain/evaluation/ratings";
import type { Criterion as RfqCriterion, Rfq } from "~/domain/rfq/schema";
import { checkPriceRules, type PublicPriceRules } from "~/domain/rfq/public-price-rules";
import { priceRuleMessages } from "~/i18n/messages-price-rules";
import type { Alternative, Criterion, CriterionKind, CriterionValue, Evidence, Method, RankingInput } from "~/domain/scoring";

// Turns an RFQ and its opened quotes into the scoring module's input, so the comparison page, the
// API, the export and the quotes index all rank with exactly the same numbers.

export interface QuoteForRanking {
  id: string;
  vendorName: string;
  content: Quote;
  normalized: TcoBreakdown;
  certifications: CertificateRecord[];
  /**
   * The vendor's track record per KPI key, summed over its past engagements (seeded until post-award
   * tracking exists). Only rate KPI commitments are weighed against it; absent or empty: no record.
   */
  evidence?: Record<string, Evidence>;
  /** Facts from the track record that some criteria score directly (source `track_record`). */
  trackRecord?: TrackRecordFacts;
  /** Evaluator ratings per criterion key (source `advisor_rating`); absent until evaluators rate the quote. */
  ratings?: Record<string, number>;
  /** Which offer is ranked: the vendor's best and final offer once its round's deadline passed, else its first. */
  round?: "first" | "bafo";
}

export interface TrackRecordFacts {
  /** Past engagements in the RFQ's category: "similar projects delivered". */
  engagementsInCategory: number;
}

export interface RankingOverrides {
  method?: Method;
  /** Criterion key → weight (any non-negative numbers; normalized by the module). */
  weights?: Record<string, number>;
}

const kindOf = (c: RfqCriterion): CriterionKind => (c.unit === "rate" ? "rate" : c.unit === "flag" ? "boolean" : "number");

/** The gate-only criterion a mandatory certification becomes when the RFQ has no criterion for it. */
export const mandatoryCertificationKey = (type: string) => `gate_${type.replace(/[^a-z0-9_]/gi, "_")}`;

/**
 * The gate-only criteria a public buyer's price rules become (decision 0049). Their keys hold a colon, which
 * no RFQ criterion key may (CRITERION_KEY_PATTERN), so they never collide with the buyer's criteria. Each is a
 * yes/no gate whose value is whether the quote passes, not a price: the ranking input, the comparison, the
 * award snapshot and the index documents carry no bound, and the failure reads only "予定価格超過" /
 * "最低制限価格未満" (`gateMessage`), never the ceiling or the quote's distance from it.
 */
export const CEILING_PRICE_KEY = "public_price:ceiling";
export const MINIMUM_PRICE_KEY = "public_price:minimum";

/** The words of a price-rule gate (for a surface that has no comparison row for it, e.g. the debrief); null for any other key. */
export function priceRuleGateLabel(key: string): { ja: string; en: string } | null {
  const words =
    key === CEILING_PRICE_KEY ? priceRuleMessages["priceRules.gate.ceiling"] : key === MINIMUM_PRICE_KEY ? priceRuleMessages["priceRules.gate.minimum"] : null;
  return words ? { ja: words.ja, en: words.en } : null;
}

function priceRuleGates(rules: PublicPriceRules | undefined): { key: string; passes: (q: QuoteForRanking) => boolean; criterion: Criterion }[] {
  if (!rules) return [];
  const gate = (key: string, label: { ja: string; en: string }, reason: { ja: string; en: string }): Criterion => ({
    key,
    label: { ja: label.ja, en: label.en },
    perspective: "financial",
    direction: "benefit",
    weight: 0,
    kind: "boolean",
    gate: { required: true },
    gateMessage: { ja: reason.ja, en: reason.en },
  });
  const gates = [
    {
      key: CEILING_PRICE_KEY,
      passes: (q: QuoteForRanking) => checkPriceRules(rules, q.normalized).withinCeiling,
      criterion: gate(CEILING_PRICE_KEY, priceRuleMessages["priceRules.gate.ceiling"], priceRuleMessages["priceRules.reason.aboveCeiling"]),
    },
  ];
  if (rules.floor?.kind === "minimum") {
    gates.push({
      key: MINIMUM_PRICE_KEY,
      passes: (q: QuoteForRanking) => checkPriceRules(rules, q.normalized).atOrAboveMinimum,
      criterion: gate(MINIMUM_PRICE_KEY, priceRuleMessages["priceRules.gate.minimum"], priceRuleMessages["priceRules.reason.belowMinimum"]),
    });
  }
  return gates;
}

/** What a certification criterion or gate asks of a vendor: a certificate of the type, valid on `today`. */
export function holdsValidCertificate(certs: readonly CertificateRecord[], type: string, today: string): boolean {
  return certs.some((cert) => cert.type === type && isCertificateValidOn(cert, today));
}

/** Mandatory certifications no criterion covers: each becomes a gate-only criterion in the ranking. */
function uncoveredMandatoryCertifications(rfq: Pick<Rfq, "criteria" | "requiredCertifications">) {
  const covered = new Set(rfq.criteria.map(certificationCriterionType).filter(Boolean));
  return rfq.requiredCertifications.filter((r) => r.level === "mandatory" && !covered.has(r.type));
}

/**
 * The certification types the ranking gates on (a vendor without a valid certificate of one of them is
 * disqualified at the opening): certification criteria with a `required` gate, and every mandatory
 * certification no criterion covers. The quote form warns the vendor with the same list.
 */
export function certificationGateTypes(rfq: Pick<Rfq, "criteria" | "requiredCertifications">): string[] {
  const gated = rfq.criteria.filter((c) => c.gate !== undefined && "required" in c.gate).map(certificationCriterionType);
  return [...new Set([...gated.filter((t): t is string => t !== null), ...uncoveredMandatoryCertifications(rfq).map((r) => r.type as string)])];
}

/** The value a quote has on a criterion, from the source the criterion names. */
export function valueOf(c: RfqCriterion, q: QuoteForRanking, today: string): CriterionValue {
  switch (c.source) {
    case "price":
      if (c.unit === "yen") return q.normalized.tco;
      if (c.unit === "ratio") return q.normalized.roi;
      if (c.unit === "days") return q.content.leadTimeDays;
      return null;
    case "kpi_commitment":
      return q.content.kpiCommitments[c.key] ?? null;
    case "certification": {
      const type = certificationCriterionType(c);
      return type ? holdsValidCertificate(q.certifications, type, today) : null;
    }
    case "track_record":
      return trackRecordValue(c, q);
    case "advisor_rating":
      // Until every quote is rated the criterion is left out of the ranking (awaitingRatings).
      return q.ratings?.[c.key] ?? null;
  }
}

/**
 * A track-record criterion: a count is the number of similar engagements (the catalog's
 * `similar_projects`); a rate is the rate observed for the KPI of the same key. Null when the
 * facts were not loaded, or (a rate) when that KPI was never measured.
 */
function trackRecordValue(c: RfqCriterion, q: QuoteForRanking): CriterionValue {
  if (c.unit === "rate") {
    const e = q.evidence?.[c.key];
    return e && e.trials > 0 ? e.successes / e.trials : null;
  }
  if (c.unit === "count") return q.trackRecord ? q.trackRecord.engagementsInCategory : null;
  return null;
}

/** Rate criteria whose value is a vendor's claim, so a track record can confirm or shrink it. */
export const isClaimedRate = (c: RfqCriterion) => c.source === "kpi_commitment" && c.unit === "rate";

/** The evidence the module weighs a quote's claims against: only for claimed rates, only with trials. */
function evidenceFor(criteria: readonly RfqCriterion[], q: QuoteForRanking): Record<string, Evidence> | undefined {
  if (!q.evidence) return undefined;
  const entries = criteria.filter(isClaimedRate).flatMap((c) => {
    const e = q.evidence?.[c.key];
    return e && e.trials > 0 ? [[c.key, { successes: e.successes, trials: e.trials }] as const] : [];
  });
  return entries.length > 0 ? Object.fromEntries(entries) : undefined;
}

const weightIn = (c: RfqCriterion, overrides: RankingOverrides) => overrides.weights?.[c.key] ?? c.weight;

/**
 * Criteria nobody can score yet: rated by evaluators (source `advisor_rating`) while some quote has no
 * rating. Scoring them would give every unrated quote the worst score, so they are left out of the
 * ranking ("awaiting ratings") and the other criteria's weights share the whole (the module normalizes
 * the weights it is given). When nothing else carries weight, they stay in: a ranking needs something.
 */
export function awaitingRatings(rfq: Rfq, quotes: readonly QuoteForRanking[], overrides: RankingOverrides = {}): string[] {
  const waiting = rfq.criteria
    .filter((c) => c.source === "advisor_rating" && (quotes.length === 0 || quotes.some((q) => typeof q.ratings?.[c.key] !== "number")))
    .map((c) => c.key);
  const othersWeigh = rfq.criteria.some((c) => !waiting.includes(c.key) && weightIn(c, overrides) > 0);
  return waiting.length > 0 && othersWeigh ? waiting : [];
}

/**
 * The criteria the module ranks by: not those awaiting ratings, nor a criterion weighted 0 (a what-if's
 * "leave this out") unless it is a gate. With no positive weight at all, everything goes in and the
 * module says so (weights-all-zero).
 */
function rankedCriteria(rfq: Rfq, quotes: readonly QuoteForRanking[], overrides: RankingOverrides): RfqCriterion[] {
  const awaiting = new Set(awaitingRatings(rfq, quotes, overrides));
  const kept = rfq.criteria.filter((c) => !awaiting.has(c.key));
  if (!kept.some((c) => weightIn(c, overrides) > 0)) return rfq.criteria;
  return kept.filter((c) => weightIn(c, overrides) > 0 || c.gate);
}

/**
 * An evaluator-rated criterion without its own scale is scored on its rating scale (1 → 0, 5 → 100; or 0–100
 * as it is), not min–max over the quotes: with min–max a mean of 3.1 against 3.0 would be 100 against 0, and
 * two quotes both rated "excellent" would be told apart by a tenth of a point (decision 0046).
 */
function ratingScale(c: RfqCriterion): { scale?: { worst: number; best: number } } {
  if (c.source !== "advisor_rating") return {};
  const s = ratingScaleOf(c);
  return { scale: c.direction === "cost" ? { worst: s.max, best: s.min } : { worst: s.min, best: s.max } };
}

export function buildRankingInput(rfq: Rfq, quotes: QuoteForRanking[], today: string, overrides: RankingOverrides = {}): RankingInput {
  const ranked = rankedCriteria(rfq, quotes, overrides);
  const criteria: Criterion[] = ranked.map((c) => ({
    key: c.key,
    label: { ja: c.label.ja, en: c.label.en || c.label.ja },
    perspective: c.perspective,
    direction: c.direction,
    weight: weightIn(c, overrides),
    kind: kindOf(c),
    ...(c.gate ? { gate: c.gate } : {}),
    // A yes/no criterion (a certification held) scores 100 or 0 by itself; the module refuses a scale on it.
    ...(c.scale && kindOf(c) !== "boolean" ? { scale: c.scale } : {}),
    ...(!c.scale ? ratingScale(c) : {}),
  }));
  const gates = uncoveredMandatoryCertifications(rfq);
  for (const g of gates) {
    criteria.push({
      key: mandatoryCertificationKey(g.type),
      label: { ja: `必須認証: ${g.type}`, en: `Mandatory certification: ${g.type}` },
      perspective: "internalProcess",
      direction: "benefit",
      weight: 0,
      kind: "boolean",
      gate: { required: true },
    });
  }
  const priceGates = priceRuleGates(rfq.publicPriceRules);
  for (const g of priceGates) criteria.push(g.criterion);
  const alternatives: Alternative[] = quotes.map((q) => {
    const values: Record<string, CriterionValue> = {};
    for (const c of ranked) values[c.key] = valueOf(c, q, today);
    for (const g of gates) values[mandatoryCertificationKey(g.type)] = holdsValidCertificate(q.certifications, g.type, today);
    for (const g of priceGates) values[g.key] = g.passes(q);
    const evidence = evidenceFor(ranked, q);
    return { id: q.id, values, ...(evidence ? { evidence } : {}) };
  });
  return { method: overrides.method ?? rfq.scoringMethod, criteria, alternatives, robustness: { samples: 1000, perturbation: 0.2, seed: 42 } };
}

/** Certificates that satisfy a requirement today but lapse before the contract ends: worth a warning on the page. */
export function certificatesExpiringDuringTerm(q: QuoteForRanking, rfq: Rfq, termStart: string): string[] {
  if (q.certifications.length === 0 || rfq.requiredCertifications.length === 0) return [];
  const required = new Set(rfq.requiredCertifications.map((r) => r.type));
  return q.certifications
    .filter((c) => required.has(c.type) && c.verificationStatus === "verified" && expiresDuringTerm(c, termStart, rfq.contractTermMonths))
    .map((c) => c.type);
}
