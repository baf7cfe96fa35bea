import { QuoteEnvelope, SavedQuoteResponse } from "~/api/quote-schemas";
import { certificationWarningMessage } from "~/domain/quote/certification-warnings";
import { apiRoute, withBody } from "~/api/route.server";
import { priceLaterRefusal } from "~/services/evaluation.server";
import { hasOwnQuote, quoteForCaller, rfqQuotesForCaller } from "~/services/quote-api.server";
import { saveQuote } from "~/services/quotes.server";
import { json, keyedIssuesProblem, parseApiInput } from "~/utils/api.server";
import { failure } from "~/utils/service-failure";

// GET: the buyer sees how many quotes arrived while bids are sealed and the offers once opened; a
// vendor sees its own quote. Anyone else gets the 404 of an unknown id (and an audit row).
// POST: a vendor creates or revises its quote — `mode: "draft"` saves, the default submits — and is
// told which mandatory certifications would disqualify it at the opening (`warnings`).

export const { loader, action } = apiRoute(
  { id: true },
  {
    GET: async ({ context, caller, id }) => {
      const result = await rfqQuotesForCaller(context, caller.actor, id);
      if (!result) return failure.notFound();
      // Price later (two envelopes): an evaluator who has not submitted reads no offers with their prices (decision 0046).
      return (await priceLaterRefusal(context, caller.actor, id)) ?? json(result);
    },
    // The envelope is parsed here rather than by withBody: quote issues are worded field by field,
    // including a domain message for an unknown line code (keyedIssuesProblem).
    POST: withBody("json", async ({ context, caller, id, body, locale }) => {
      const envelope = parseApiInput(QuoteEnvelope, body, locale);
      if (!envelope.success) return keyedIssuesProblem(envelope.error.issues, locale);
      const { mode, ...fields } = envelope.data;

      const existed = await hasOwnQuote(context, caller.actor, id);
      const saved = await saveQuote(context, caller.actor, id, fields, mode);
      if (!saved.ok) return saved;
      const quote = await quoteForCaller(context, caller.actor, saved.quoteId);
      if (!quote) return failure.notFound();
      // What would disqualify the quote at the opening, so a purchasing system can tell its user now.
      const warnings = saved.certificationWarnings.map((w) => ({ ...w, message: certificationWarningMessage(w, locale) }));
      const answer = SavedQuoteResponse.parse({ ...quote, warnings });
      return existed ? json(answer) : json(answer, { status: 201, headers: { Location: `/api/v1/quotes/${saved.quoteId}` } });
    }),
  },
);
