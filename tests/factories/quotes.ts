import type { Actor } from "~/domain/permissions";
import type { QuoteInput } from "~/domain/quote/schema";
import { quoteA } from "~/domain/quote/test-fixtures";
import { saveQuote } from "~/services/quotes.server";
import { mustSucceed, type FactoryContext } from "./context";

/**
 * Submits a quote through the quote service at the context's current time (versions, normalized TCO,
 * audit and outbox rows). The default is vendor A of the quote fixtures, which prices the lines of the
 * default RFQ of `createRfq`; pass a full input for other RFQs. Returns the quote id.
 */
export async function submitQuote(f: FactoryContext, vendor: Actor, rfqId: string, input: QuoteInput = quoteA()): Promise<string> {
  return mustSucceed(await saveQuote(f.ctx, vendor, rfqId, input, "submit"), `quoting on ${rfqId}`).quoteId;
}
