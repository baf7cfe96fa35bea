import type { Actor } from "~/domain/permissions";
import type { RfqInput } from "~/domain/rfq/schema";
import { completeRfqInput } from "~/domain/rfq/test-fixtures";
import { answerQuestion, askQuestion, createRfqDraft, publishRfq as publishRfqService } from "~/services/rfqs.server";
import { mustSucceed, type FactoryContext } from "./context";

// RFQs through the service layer, so each one has the versions, invitations, audit, outbox rows and
// notifications a real one has.

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * A complete, publishable RFQ input: the municipal fixture (app/domain/rfq/test-fixtures.ts) with its
 * deadline 14 days after the context's clock, on the marketplace unless `invitedVendorIds` are given
 * (then invited), and `overrides` on top.
 */
export function rfqInput(f: FactoryContext, overrides: Partial<RfqInput> = {}): RfqInput {
  const invited = (overrides.invitedVendorIds ?? []).length > 0;
  return completeRfqInput({
    quoteDeadline: new Date(f.ctx.clock.now().getTime() + 14 * DAY_MS).toISOString(),
    visibility: invited ? "invited" : "marketplace",
    invitedVendorIds: [],
    ...overrides,
  });
}

/**
 * A draft RFQ by `buyer` at the context's current time (the default input unless one is given; a draft
 * may be partial, as one saved half-way through the form); returns its id.
 */
export async function createRfq(f: FactoryContext, buyer: Actor, input: Partial<RfqInput> & Pick<RfqInput, "title"> = rfqInput(f)): Promise<string> {
  return mustSucceed(await createRfqDraft(f.ctx, buyer, input), `creating "${input.title}"`).rfq.id;
}

/** Publishes the RFQ at the context's current time. */
export async function publishRfq(f: FactoryContext, buyer: Actor, rfqId: string): Promise<void> {
  mustSucceed(await publishRfqService(f.ctx, buyer, rfqId), `publishing ${rfqId}`);
}

/** Creates and publishes in one step; returns the RFQ id. */
export async function createPublishedRfq(f: FactoryContext, buyer: Actor, input: RfqInput = rfqInput(f)): Promise<string> {
  const rfqId = await createRfq(f, buyer, input);
  await publishRfq(f, buyer, rfqId);
  return rfqId;
}

/** Moves the clock a minute past the RFQ's quote deadline, when sealed quotes open to the buyer. */
export async function openRfq(f: FactoryContext, rfqId: string): Promise<Date> {
  const row = await f.ctx.db.selectFrom("rfqs").select("quote_deadline").where("id", "=", rfqId).executeTakeFirstOrThrow();
  if (!row.quote_deadline) throw new Error(`RFQ ${rfqId} has no quote deadline to pass`);
  const opened = new Date(new Date(row.quote_deadline).getTime() + 60_000);
  f.clock.set(opened);
  return opened;
}

/** A vendor asks a question on the RFQ at the context's current time; returns the question id. */
export async function askRfqQuestion(f: FactoryContext, vendor: Actor, rfqId: string, question: string): Promise<string> {
  return mustSucceed(await askQuestion(f.ctx, vendor, rfqId, question), `asking on ${rfqId}`).question.id;
}

/** The buyer answers (and so publishes the answer to every vendor who may quote) at the current time. */
export async function answerRfqQuestion(f: FactoryContext, buyer: Actor, questionId: string, answer: string): Promise<void> {
  mustSucceed(await answerQuestion(f.ctx, buyer, questionId, answer), `answering ${questionId}`);
}
