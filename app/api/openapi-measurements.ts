import { z } from "zod";
import { DecisionInput, ReplyInput } from "~/domain/measurements/entry";
import { idParameter, jsonBody as body, methodNotAllowed, ok, problem, unauthorized } from "./openapi-helpers";

// The SLA measurement endpoints (issue 17 item 2; decision 0040), spread into openapi.ts's `paths`.

const EntryBody = z.object({
  period: z.string().describe("The month, YYYY-MM (Japan): within the contract's term, already begun"),
  kpiKey: z.string().describe("A key of the contract's SLA"),
  successes: z.union([z.number().int(), z.string()]).optional().describe('Rate KPIs (unit "rate"): whole number, 0 ≤ successes ≤ trials'),
  trials: z.union([z.number().int(), z.string()]).optional().describe("Rate KPIs: whole number, 1 or more"),
  value: z.union([z.number(), z.string()]).optional().describe("Any other KPI (hours, yen, count…): 0 or more, up to 4 decimals"),
  note: z.string().max(2000).optional(),
});

const HistoryEntry = z.object({
  kind: z.enum(["entered", "corrected", "disputed", "replied", "confirmed"]),
  revision: z.number().int(),
  successes: z.number().int().nullable(),
  trials: z.number().int().nullable(),
  value: z.number().nullable(),
  note: z.string().nullable(),
  body: z.string().nullable().describe("The dispute's reason or the reply"),
  at: z.string(),
  actorName: z.string(),
  side: z.enum(["buyer", "vendor"]),
});

const Measurement = z.object({
  id: z.string(),
  contractId: z.string(),
  period: z.string(),
  kpiKey: z.string(),
  status: z.enum(["pending", "disputed", "confirmed"]).describe("pending = awaiting the buyer's confirmation; confirmed is final"),
  successes: z.number().int().nullable(),
  trials: z.number().int().nullable(),
  value: z.number().nullable(),
  note: z.string(),
  revision: z.number().int().describe("1, then one more per correction; earlier figures are in `history`"),
  submittedAt: z.string(),
  decidedAt: z.string().nullable(),
  history: z.array(HistoryEntry),
});

const SlaTarget = z.object({
  key: z.string(),
  label: z.object({ ja: z.string(), en: z.string() }),
  unit: z.string(),
  direction: z.enum(["benefit", "cost"]),
  target: z.number().describe("The committed value (a rate as a fraction 0–1)"),
});

const notFound = problem("Not found — unknown contract or measurement, or the caller is not a party to it");
const fieldErrors = problem("`errors` names each field in the caller's language; nothing was written");
const forbidden = problem("The caller is the wrong party for this step (only the vendor enters and replies, only the buyer decides)");

export function measurementPaths() {
  return {
    "/api/v1/contracts/{id}/measurements": {
      get: {
        operationId: "listMeasurements",
        summary: "The contract's SLA measurements (one live per month and KPI) with their history, for either party",
        parameters: idParameter("Contract id"),
        responses: {
          "200": ok(
            "The SLA and the measurements",
            z.object({ contractId: z.string(), side: z.enum(["buyer", "vendor"]), sla: z.array(SlaTarget), measurements: z.array(Measurement) }),
          ),
          "401": unauthorized,
          "404": notFound,
          "405": methodNotAllowed,
        },
      },
      post: {
        operationId: "enterMeasurement",
        summary: "The vendor enters a month's measurement of one KPI, or corrects it while awaiting confirmation or disputed",
        parameters: idParameter("Contract id"),
        requestBody: body(EntryBody),
        responses: {
          "201": ok(
            "Entered, awaiting the buyer's confirmation",
            z.object({ ok: z.literal(true), id: z.string(), revision: z.number().int(), status: z.literal("pending") }),
          ),
          "400": fieldErrors,
          "401": unauthorized,
          "403": forbidden,
          "404": notFound,
          "405": methodNotAllowed,
          "409": problem("The contract is not active, or the measurement is confirmed (final)"),
        },
      },
    },
    "/api/v1/contracts/{id}/measurements/import": {
      post: {
        operationId: "importMeasurements",
        summary: "The vendor imports a CSV of measurements (columns period, kpi_key, successes, trials, value, note): all rows or none",
        parameters: idParameter("Contract id"),
        requestBody: { required: true, content: { "text/csv": { schema: { type: "string", maxLength: 262144 } } } },
        responses: {
          "201": ok("Imported", z.object({ ok: z.literal(true), imported: z.number().int(), changed: z.number().int(), ids: z.array(z.string()) })),
          "400": problem("`errors` names each wrong row (path rows.<row>.<column>, the header is row 1) in the caller's language; nothing was written"),
          "401": unauthorized,
          "403": forbidden,
          "404": notFound,
          "405": methodNotAllowed,
          "409": problem("The contract is not active"),
          "413": problem("The CSV is over 256 KB"),
          "415": problem("The body is not text/csv"),
        },
      },
    },
    "/api/v1/contracts/{id}/measurements/template.csv": {
      get: {
        operationId: "measurementTemplate",
        summary: "The CSV template: UTF-8 with BOM, a header, one row per KPI for the last period with keys and labels",
        parameters: idParameter("Contract id"),
        responses: {
          "200": { description: "The template", content: { "text/csv": { schema: { type: "string" } } } },
          "401": unauthorized,
          "404": notFound,
          "405": methodNotAllowed,
        },
      },
    },
    "/api/v1/measurements/{id}/confirmation": {
      post: {
        operationId: "decideMeasurement",
        summary: "The buyer confirms (the measurement becomes evidence of the vendor's track record) or disputes it with a reason",
        parameters: idParameter("Measurement id"),
        requestBody: body(DecisionInput),
        responses: {
          "200": ok("Decided", z.object({ id: z.string(), status: z.enum(["confirmed", "disputed"]) })),
          "400": fieldErrors,
          "401": unauthorized,
          "403": forbidden,
          "404": notFound,
          "405": methodNotAllowed,
          "409": problem("Already confirmed (final), or the contract is not active"),
        },
      },
    },
    "/api/v1/measurements/{id}/reply": {
      post: {
        operationId: "replyToMeasurement",
        summary: "The vendor replies to a dispute (to correct the figures, enter the measurement again)",
        parameters: idParameter("Measurement id"),
        requestBody: body(ReplyInput),
        responses: {
          "201": ok("Replied", z.object({ id: z.string(), status: z.literal("disputed") })),
          "400": fieldErrors,
          "401": unauthorized,
          "403": forbidden,
          "404": notFound,
          "405": methodNotAllowed,
          "409": problem("The measurement is not disputed"),
        },
      },
    },
  };
}
