// The 稟議書's input from an award proposal row and its frozen snapshot (decision 0028). Pure: the caller
// reads the proposal, the names of the route's approvers and the route's decisions (H1's decisions table;
// passed in, so this file does not depend on its query), and the language. Everything comes from the FROZEN
// snapshot, never from today's RFQ or quotes, so the packet says what the approvers approved.
import type { RouteStep } from "~/domain/approvals/route-rules";
import { replaceIds } from "~/domain/comparison/comparison-view";
import type { ProposalSnapshot } from "~/domain/award/proposal";
import { t, type Locale } from "~/i18n";
import { formatDate, formatDateTime, parenthetical } from "~/utils/format";
import type { AcknowledgedRedFlag } from "~/domain/award/proposal";
import { lowQuoteReasonsText, redFlagText } from "~/domain/insight/low-quote-words";
import type { ApprovalDecision, ApprovalPacketDocument } from "./types";

export interface PacketDecision {
  stepIndex: number;
  /** The approver the route names. */
  approverName: string;
  /** Who decided: the approver, or their delegate (代決). */
  decidedByName: string;
  decision: ApprovalDecision;
  decidedAt: Date | string;
  /** Set when a delegate decided for `approverName`. */
  onBehalfOf?: string | null;
}

export interface PacketProposal {
  id: string;
  createdAt: Date | string;
  quoteId: string;
  amountYen: number;
  rationale: string;
  specificRationale: string | null;
  snapshotSha256: string;
  routeSteps: readonly RouteStep[];
  /** The red flags stored with the proposal, each acknowledged (decision 0051); absent or [] before it. */
  redFlags?: readonly AcknowledgedRedFlag[];
}

export interface ApprovalPacketInput {
  proposal: PacketProposal;
  snapshot: ProposalSnapshot;
  buyer: { name: string; department?: string };
  proposer: { name: string; title?: string };
  /** Display names of the users the route names, by user id. */
  userNames: Readonly<Record<string, string>>;
  decisions: readonly PacketDecision[];
  locale: Locale;
}

/** A criterion's label as the frozen ranking input named it, in the packet's language (the key when unknown). */
function criterionLabel(snapshot: ProposalSnapshot, key: string, locale: Locale): string {
  const label = snapshot.input?.criteria?.find((c) => c.key === key)?.label;
  return label ? (locale === "en" ? label.en || label.ja : label.ja) : key;
}

/** 「RINGI-2026-1a2b3c4d」: the year of the proposal and the first 8 hex digits of its id. */
export function packetNumber(proposalId: string, createdAt: Date | string): string {
  const year = new Date(new Date(createdAt).getTime() + 9 * 3_600_000).getUTCFullYear();
  return `RINGI-${year}-${proposalId.replace(/-/g, "").slice(0, 8).toUpperCase()}`;
}

export function approvalPacketDocument(input: ApprovalPacketInput): ApprovalPacketDocument {
  const { proposal, snapshot, locale } = input;
  const names = new Map(snapshot.quotes.map((q) => [q.id, q.vendorName]));
  const quote = snapshot.quotes.find((q) => q.id === proposal.quoteId);
  const tcoById = new Map(snapshot.quotes.map((q) => [q.id, q.tcoYen]));
  const assigned = snapshot.advisorNotes.filter((n) => n.assigned);
  return {
    documentNumber: packetNumber(proposal.id, proposal.createdAt),
    proposedAt: proposal.createdAt,
    buyer: input.buyer,
    proposer: input.proposer,
    rfq: { title: snapshot.rfq.title, reference: `v${snapshot.rfq.version}` },
    proposed: {
      vendorName: quote?.vendorName ?? "",
      quoteReference: quote ? `v${quote.version}` : undefined,
      amount: proposal.amountYen,
      taxIncluded: true,
    },
    rationales: [proposal.rationale, ...(proposal.specificRationale ? [proposal.specificRationale] : [])],
    method: t(locale, `contracts.method.${snapshot.result.method}`),
    ranking: snapshot.result.ranking.map((r) => ({
      rank: r.rank,
      vendorName: names.get(r.id) ?? r.id,
      score: r.score,
      tco: tcoById.get(r.id) ?? 0,
      proposed: r.id === proposal.quoteId,
    })),
    // The sentence the comparison page shows: the scoring module's words, quote ids replaced by vendor names.
    stability: replaceIds(snapshot.stability.sentence, names)[locale],
    advisors: assigned.map((n) => ({
      organisation: n.advisorName,
      recommendsVendor: n.recommends && n.quoteId ? (names.get(n.quoteId) ?? null) : null,
      note: n.body,
    })),
    // Schema-2 snapshots carry memos and annotations; an older one prints neither section (nothing was recorded).
    ...(snapshot.memos
      ? {
          memos: snapshot.memos
            .filter((m) => m.assigned)
            .map((m) => ({
              organisation: m.advisorName,
              version: m.version,
              publishedAt: m.publishedAt,
              recommendsVendor: m.quoteId ? (names.get(m.quoteId) ?? null) : null,
              rationale: m.rationale,
              conditions: m.conditions,
              risks: m.risks,
            })),
        }
      : {}),
    ...(snapshot.annotations
      ? {
          annotations: snapshot.annotations.map((n) => ({
            vendorName: names.get(n.quoteId) ?? n.quoteId,
            ...(n.criterionKey ? { criterion: criterionLabel(snapshot, n.criterionKey, locale) } : {}),
            kind: n.kind,
            body: n.body,
            author: parenthetical(n.authorName, n.authorOrgName, locale),
            ...(n.clarification ? { clarification: { question: n.clarification.question, answer: n.clarification.answer } } : {}),
          })),
        }
      : {}),
    // Decision 0051: the abnormal-low flags and explanation requests as the snapshot froze them, and the red flags
    // with who acknowledged each — printed when the snapshot or the proposal recorded them.
    ...(snapshot.quotes.some((q) => q.abnormallyLow)
      ? {
          abnormallyLow: snapshot.quotes.flatMap((q) =>
            q.abnormallyLow ? [{ vendorName: q.vendorName, reasons: lowQuoteReasonsText(q.abnormallyLow.reasons, locale) }] : [],
          ),
        }
      : {}),
    ...(snapshot.explanations?.length
      ? {
          explanations: snapshot.explanations.map((e) => ({
            heading: t(locale, "lowFlags.explanations.request", {
              vendor: e.vendorName,
              version: e.quoteVersion,
              at: formatDate(e.requestedAt, locale),
              replyBy: formatDate(e.replyBy, locale),
            }),
            message: e.message,
            answers: e.topics.map((topic) => ({
              topic: t(locale, `lowFlags.explanations.topic.${topic}`),
              answer: e.answer?.[topic] ?? t(locale, "lowFlags.explanations.unanswered"),
            })),
            answered: e.answeredAt ? t(locale, "lowFlags.explanations.answeredAt", { at: formatDate(e.answeredAt, locale) }) : null,
            assessment:
              e.assessment && e.assessedAt
                ? t(locale, `lowFlags.explanations.assessment.${e.assessment}`, { at: formatDate(e.assessedAt, locale) })
                : t(locale, "lowFlags.explanations.notAssessed"),
            note: e.assessmentNote ? t(locale, "lowFlags.explanations.note", { note: e.assessmentNote }) : null,
          })),
        }
      : {}),
    ...(proposal.redFlags?.length
      ? {
          redFlags: proposal.redFlags.map((f) => ({
            text: redFlagText(
              f,
              (id) => names.get(id) ?? id,
              locale,
              (key) => criterionLabel(snapshot, key, locale),
            ),
            acknowledged: t(locale, "lowFlags.redFlag.acknowledged", { name: f.acknowledgedBy.name, at: formatDateTime(f.acknowledgedAt, locale) }),
          })),
        }
      : {}),
    route: proposal.routeSteps.map((step, stepIndex) => ({
      label: t(locale, step.kind === "parallel" ? "contracts.route.parallel" : "contracts.route.sequential", {
        n: stepIndex + 1,
        required: step.required,
        of: step.approverIds.length,
      }),
      required: step.required,
      approvers: step.approverIds.map((id) => {
        const name = input.userNames[id] ?? id;
        const d = input.decisions.find((x) => x.stepIndex === stepIndex && x.approverName === name);
        if (!d) return { name };
        const delegated = d.onBehalfOf ?? (d.decidedByName !== name ? name : null);
        return { name: d.decidedByName, decision: d.decision, decidedAt: d.decidedAt, onBehalfOf: delegated };
      }),
    })),
    snapshotSha256: proposal.snapshotSha256,
  };
}
