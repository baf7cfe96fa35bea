import { isCertificateValidOn, expiresDuringTerm, type CertificateRecord } from "~/domain/certifications/validity";
import type { TcoBreakdown } from "~/domain/quote/normalize";
import type { Quote } from "~/domain/quote/schema";
import type { Criterion as RfqCriterion, Rfq } from "~/domain/rfq/schema";
import type { Alternative, Criterion, CriterionKind, CriterionValue, Evidence, Method, RankingInput } from "~/domain/scoring";

// Turns an RFQ and its opened quotes into the scoring module's input, so the comparison page, the
// API, the export and the quotes index all rank with exactly the same numbers.

export interface QuoteForRanking {
  id: string;
  vendorName: string;
  content: Quote;
  normalized: TcoBreakdown;
  certifications: CertificateRecord[];
  /** The vendor's track record per rate criterion (post-award KPIs; absent until there is any). */
  evidence?: Record<string, Evidence>;
}

export interface RankingOverrides {
  method?: Method;
  /** Criterion key → weight (any non-negative numbers; normalized by the module). */
  weights?: Record<string, number>;
}

const kindOf = (c: RfqCriterion): CriterionKind => (c.unit === "rate" ? "rate" : c.unit === "flag" ? "boolean" : "number");

/** The gate-only criterion a mandatory certification becomes when the RFQ has no criterion for it. */
export const mandatoryCertificationKey = (type: string) => `gate_${type.replace(/[^a-z0-9_]/gi, "_")}`;

function certificationType(c: RfqCriterion): string | null {
  return c.source === "certification" && c.key.startsWith("cert_") ? c.key.slice("cert_".length) : null;
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
      const type = certificationType(c);
      return type ? q.certifications.some((cert) => cert.type === type && isCertificateValidOn(cert, today)) : null;
    }
    case "track_record":
    case "advisor_rating":
      // No post-award KPIs or advisor ratings yet: missing, which the module flags and scores as the worst.
      return null;
  }
}

export function buildRankingInput(rfq: Rfq, quotes: QuoteForRanking[], today: string, overrides: RankingOverrides = {}): RankingInput {
  const criteria: Criterion[] = rfq.criteria.map((c) => ({
    key: c.key,
    label: { ja: c.label.ja, en: c.label.en || c.label.ja },
    perspective: c.perspective,
    direction: c.direction,
    weight: overrides.weights?.[c.key] ?? c.weight,
    kind: kindOf(c),
    ...(c.gate ? { gate: c.gate } : {}),
    // A yes/no criterion (a certification held) scores 100 or 0 by itself; the module refuses a scale on it.
    ...(c.scale && kindOf(c) !== "boolean" ? { scale: c.scale } : {}),
  }));
  const covered = new Set(rfq.criteria.map(certificationType).filter(Boolean));
  const gates = rfq.requiredCertifications.filter((r) => r.level === "mandatory" && !covered.has(r.type));
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
  const alternatives: Alternative[] = quotes.map((q) => {
    const values: Record<string, CriterionValue> = {};
    for (const c of rfq.criteria) values[c.key] = valueOf(c, q, today);
    for (const g of gates) values[mandatoryCertificationKey(g.type)] = q.certifications.some((cert) => cert.type === g.type && isCertificateValidOn(cert, today));
    return { id: q.id, values, ...(q.evidence ? { evidence: q.evidence } : {}) };
  });
  return { method: overrides.method ?? rfq.scoringMethod, criteria, alternatives, robustness: { samples: 1000, perturbation: 0.2, seed: 42 } };
}

/** Certificates that satisfy a requirement today but lapse before the contract ends: worth a warning on the page. */
export function certificatesExpiringDuringTerm(q: QuoteForRanking, rfq: Rfq, termStart: string): string[] {
  const required = new Set(rfq.requiredCertifications.map((r) => r.type));
  return q.certifications.filter((c) => required.has(c.type) && c.verificationStatus === "verified" && expiresDuringTerm(c, termStart, rfq.contractTermMonths)).map((c) => c.type);
}
