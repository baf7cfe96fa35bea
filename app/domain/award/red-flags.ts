import { ABNORMALLY_LOW_SHARE } from "~/domain/insight/abnormally-low";
import type { ProposalSnapshot } from "./proposal";

// Red flags for the award packet (issue 19 item 4; decision 0051), after the Open Contracting Partnership's
// red-flag list. PURE, and computed from the frozen proposal snapshot alone, so the flags an approver reads can be
// recomputed from the stored document years later:
//   • winnerFarBelowSecond — the proposed quote's TCO is under 75 % of the next-lowest qualifying quote's TCO;
//   • lowestDisqualifiedOnPrice — the quote with the lowest TCO of all was disqualified, and every reason was a
//     price decision (a public buyer's 予定価格 / 最低制限価格, or a gate on a financial criterion).
// Each flag has a stable key naming the proposed quote and the other one (so a tick for one option never counts
// for another); the proposer acknowledges every key, and the acknowledgement is stored with the
// proposal (award_proposals.red_flags).

export type RedFlag =
  | { key: string; code: "winnerFarBelowSecond"; quoteId: string; tcoYen: number; secondQuoteId: string; secondTcoYen: number }
  | {
      key: string;
      code: "lowestDisqualifiedOnPrice";
      quoteId: string;
      tcoYen: number;
      disqualifiedQuoteId: string;
      disqualifiedTcoYen: number;
      criteria: string[];
    };

export type RedFlagCode = RedFlag["code"];

/** Gate criteria that are price decisions: the public buyer's price rules (decision 0049) and financial criteria. */
function isPriceCriterion(snapshot: ProposalSnapshot, key: string): boolean {
  if (key.startsWith("public_price:")) return true;
  return snapshot.input.criteria.find((c) => c.key === key)?.perspective === "financial";
}

/** The red flags of proposing `quoteId` (none for a quote the snapshot does not hold). */
export function awardRedFlags(snapshot: ProposalSnapshot, quoteId: string): RedFlag[] {
  const quote = snapshot.quotes.find((q) => q.id === quoteId);
  if (!quote) return [];
  const flags: RedFlag[] = [];
  const qualified = new Set(snapshot.result.ranking.map((r) => r.id));
  const others = snapshot.quotes.filter((q) => q.id !== quoteId && qualified.has(q.id)).sort((a, b) => a.tcoYen - b.tcoYen || (a.id < b.id ? -1 : 1));
  const second = others[0];
  const { numerator, denominator } = ABNORMALLY_LOW_SHARE;
  if (second && denominator * quote.tcoYen < numerator * second.tcoYen) {
    flags.push({
      key: `winnerFarBelowSecond:${quoteId}:${second.id}`,
      code: "winnerFarBelowSecond",
      quoteId,
      tcoYen: quote.tcoYen,
      secondQuoteId: second.id,
      secondTcoYen: second.tcoYen,
    });
  }
  const lowest = [...snapshot.quotes].sort((a, b) => a.tcoYen - b.tcoYen || (a.id < b.id ? -1 : 1))[0];
  const disqualified = lowest ? snapshot.result.disqualified.find((d) => d.id === lowest.id) : undefined;
  if (lowest && disqualified && lowest.id !== quoteId && disqualified.reasons.length > 0) {
    const criteria = [...new Set(disqualified.reasons.map((r) => r.criterion))];
    if (criteria.every((c) => isPriceCriterion(snapshot, c))) {
      flags.push({
        key: `lowestDisqualifiedOnPrice:${quoteId}:${lowest.id}`,
        code: "lowestDisqualifiedOnPrice",
        quoteId,
        tcoYen: quote.tcoYen,
        disqualifiedQuoteId: lowest.id,
        disqualifiedTcoYen: lowest.tcoYen,
        criteria,
      });
    }
  }
  return flags;
}

/** The keys of `flags` not in `acknowledged` (the proposal is refused while any is left). */
export function unacknowledgedRedFlags(flags: readonly RedFlag[], acknowledged: readonly string[]): string[] {
  const ack = new Set(acknowledged);
  return flags.filter((f) => !ack.has(f.key)).map((f) => f.key);
}
