import { idParameter, problem, unauthorized } from "./openapi-helpers";

// The comparison endpoints of the OpenAPI document, spread into its `paths` by openapi.ts. The
// response is described at the level a client needs (ranking entries follow the scoring module's
// RankingResult); problem responses point at the shared Problem component.

const parameters = [
  ...idParameter("RFQ id"),
  {
    name: "weights",
    in: "query",
    required: false,
    description:
      "What-if weights as comma-separated `criterion:weight` pairs (e.g. `tco:30,accuracy:50`); unnamed criteria keep the RFQ's weights. Nothing is saved.",
    schema: { type: "string", pattern: "^[A-Za-z0-9_]+:\\d+(\\.\\d+)?(,[A-Za-z0-9_]+:\\d+(\\.\\d+)?)*$" },
  },
  {
    name: "method",
    in: "query",
    required: false,
    description: "What-if scoring method",
    schema: { type: "string", enum: ["weighted-sum-target", "weighted-sum-minmax", "topsis"] },
  },
];

const contribution = {
  type: "object",
  required: ["criterion", "weight", "value", "contribution"],
  properties: {
    criterion: { type: "string" },
    weight: { type: "number" },
    value: { type: ["number", "boolean", "null"] },
    scoredValue: { type: ["number", "null"] },
    score: { type: "number" },
    contribution: { type: "number" },
  },
};

const flip = {
  type: "object",
  required: ["criterion", "direction", "weightShare", "thresholdWeightShare", "relativeChange", "newWinner"],
  properties: {
    criterion: { type: "string", description: "Criterion key" },
    direction: { type: "string", enum: ["down", "up"], description: "Whether the weight falls or rises to the threshold" },
    weightShare: { type: "number", description: "The criterion's share of the total weight now, 0–1" },
    thresholdWeightShare: {
      type: "number",
      description:
        "The share (0–1) at which `newWinner` ties the winner; past it (below for `down`, above for `up`, the other weights renormalized proportionally) `newWinner` is first",
    },
    relativeChange: { type: "number", description: "|threshold − share| / share (0.1 = a change of 10 % of the weight's value)" },
    newWinner: { type: "string", description: "Quote id of the new first" },
  },
};

const stability = {
  type: "object",
  description:
    "The winner's stability under single-weight changes, exact for every method: per criterion and direction, the smallest change of that one weight that makes another quote first",
  required: ["winner", "tiedWith", "flips", "nearest", "stableWithin", "sentence"],
  properties: {
    winner: { type: ["string", "null"], description: "Quote id of the first (the first by id on a tie); null when nothing is ranked" },
    tiedWith: { type: "array", items: { type: "string" }, description: "Quote ids tied with the winner for first" },
    flips: { type: "array", items: flip, description: "At most one per criterion and direction; none for a criterion with no weight or all of it" },
    nearest: { oneOf: [flip, { type: "null" }], description: "The flip with the smallest relative change" },
    stableWithin: {
      type: ["number", "null"],
      description:
        "Largest relative change r such that moving any single weight by up to ±r of its value keeps the winner first; 0 on a tie for first; null when no single weight change can make another quote first or nothing is ranked",
    },
    sentence: {
      type: "object",
      required: ["ja", "en"],
      properties: { ja: { type: "string" }, en: { type: "string" } },
      description: "The result in words, naming vendors, e.g. 「価格」の重み（現在30.0%）が18.0%を下回ると、1位が B社 に替わります。",
    },
  },
};

const comparison = {
  type: "object",
  required: [
    "title",
    "rfqVersion",
    "date",
    "method",
    "whatIf",
    "criteria",
    "quotes",
    "ranking",
    "disqualified",
    "robustness",
    "stability",
    "awaitingReconfirmation",
    "awaitingRatings",
  ],
  properties: {
    title: { type: "string" },
    rfqVersion: { type: "integer" },
    date: { type: "string", format: "date", description: "The day (Japan) the ranking was computed; certificates are checked on it" },
    method: { type: "string", enum: ["weighted-sum-target", "weighted-sum-minmax", "topsis"] },
    whatIf: { type: "boolean", description: "True when `weights` or `method` overrode the RFQ's own" },
    criteria: {
      type: "array",
      items: {
        type: "object",
        required: ["key", "label", "weight"],
        properties: { key: { type: "string" }, label: { type: "object" }, weight: { type: "number" } },
      },
    },
    quotes: {
      type: "array",
      items: {
        type: "object",
        required: ["id", "vendorName", "status", "tco", "roi"],
        properties: {
          id: { type: "string", format: "uuid" },
          vendorName: { type: "string" },
          status: { type: "string" },
          tco: { type: ["integer", "null"], description: "Yen, tax excluded" },
          roi: { type: ["number", "null"] },
          lowBidInvestigation: {
            type: "boolean",
            description:
              "True when a municipality's RFQ sets a 低入札価格調査基準価格 and the quote's contract value (on that price's tax basis) is below it: ranked, but subject to a low-bid investigation before any award. The price itself is never in any response",
          },
          abnormallyLow: {
            type: ["object", "null"],
            description:
              "Abnormally low (decision 0051): the qualifying quote's TCO is strictly under 75 % of the median TCO of the other qualifying quotes, or under the category's published lower quartile of TCO per month × the contract term. Null when not flagged. Buyer side only (its buyer and assigned advisors); an evaluator still rating under price later gets 409 for the whole comparison",
            required: ["reasons", "detailsHref"],
            properties: {
              reasons: {
                type: "array",
                items: {
                  type: "object",
                  required: ["kind", "thresholdYen"],
                  properties: {
                    kind: { type: "string", enum: ["belowPeerMedian", "belowBenchmarkQ1"] },
                    thresholdYen: { type: "integer", description: "A TCO under this (integer yen) is flagged" },
                    peerMedianYen: { type: "number", description: "belowPeerMedian: the other qualifying quotes' median TCO (may end in .5)" },
                    peers: { type: "integer", description: "belowPeerMedian: how many other qualifying quotes" },
                    q1PerMonthYen: { type: "number", description: "belowBenchmarkQ1: the published lower quartile of TCO per month" },
                    contractTermMonths: { type: "integer", description: "belowBenchmarkQ1: the RFQ's contract term" },
                  },
                },
              },
              detailsHref: { type: "string", description: "The quote's page section where the buyer sends and reads the explanation request" },
            },
          },
        },
      },
    },
    ranking: {
      type: "array",
      items: {
        type: "object",
        required: ["id", "rank", "score", "contributions", "explanation", "dominatedBy", "flags"],
        properties: {
          id: { type: "string" },
          rank: { type: "integer" },
          score: { type: "number" },
          contributions: { type: "array", items: contribution },
          explanation: { type: "object" },
          dominatedBy: { type: "array", items: { type: "string" } },
          flags: { type: "array" },
        },
      },
    },
    disqualified: { type: "array", items: { type: "object", required: ["id", "reasons"], properties: { id: { type: "string" }, reasons: { type: "array" } } } },
    robustness: { type: "object", properties: { winner: { type: ["string", "null"] }, stability: { type: ["number", "null"] } } },
    stability,
    awaitingReconfirmation: { type: "array", items: { type: "object", properties: { id: { type: "string" }, vendorName: { type: "string" } } } },
    awaitingRatings: {
      type: "array",
      items: { type: "string" },
      description:
        "Keys of criteria scored by evaluator ratings that are not yet in for every quote: left out of `criteria` and the ranking (the other weights share the whole) until they are",
    },
    ratingProgress: {
      type: "object",
      description: "Named evaluators and how many have submitted: rated criteria get values only once every one has (decision 0046)",
      properties: { submitted: { type: "integer" }, total: { type: "integer" } },
    },
    ratedValues: {
      type: "object",
      description:
        "Quote id → evaluator-rated criterion key → the value ranked and its `basis`: the chair's `consensus`, else the `mean` of `n` submitted ratings; `flagged` when the spread needs a consensus",
      additionalProperties: {
        type: "object",
        additionalProperties: {
          type: "object",
          required: ["value", "basis", "n", "flagged"],
          properties: {
            value: { type: "number" },
            basis: { type: "string", enum: ["consensus", "mean"] },
            n: { type: "integer" },
            flagged: { type: "boolean" },
          },
        },
      },
    },
    risks: {
      type: "object",
      description:
        "Quote id → criterion key → the risk of missing the RFQ's target on a rate commitment with a track record: `probability` = I_target(a, b) of the Beta posterior a = claim·k + successes, b = (1 − claim)·k + failures (1 − that for a lower-is-better rate), `target` and where it came from (`target`, or the gate's `minimum` / `maximum`). Absent where there is no record or no target. See docs/scoring.md",
      additionalProperties: {
        type: "object",
        additionalProperties: {
          type: "object",
          required: ["probability", "target", "from"],
          properties: { probability: { type: "number" }, target: { type: "number" }, from: { type: "string", enum: ["target", "minimum", "maximum"] } },
        },
      },
    },
  },
};

const errors = {
  "400": problem("Invalid `weights` or `method`: `errors` lists each field (e.g. `weights.unknown_key`) with a message in the caller's language"),
  "401": unauthorized,
  "404": problem("Not found — also before the quotes are opened (sealed bids), for vendors and for other organisations, so existence never leaks"),
};

export function comparisonPaths() {
  return {
    "/api/v1/rfqs/{id}/comparison": {
      parameters,
      get: {
        operationId: "getRfqComparison",
        summary: "The buyer's ranking of the opened quotes, with contributions, gates, flags, dominance, robustness, stability and explanations",
        responses: { "200": { description: "OK", content: { "application/json": { schema: comparison } } }, ...errors },
      },
    },
    "/api/v1/rfqs/{id}/comparison.xlsx": {
      parameters,
      get: {
        operationId: "getRfqComparisonWorkbook",
        summary:
          "The same comparison as an Excel workbook (side-by-side table, quote lines with the TCO breakdown, criteria and weights), labelled in the caller's language; scores shown to two decimals, the unrounded score in a hidden column per quote",
        responses: {
          "200": {
            description: "The workbook, with a UTF-8 file name in Content-Disposition",
            content: { "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": { schema: { type: "string", format: "binary" } } },
          },
          ...errors,
        },
      },
    },
  };
}
