import { quoteActionRoute } from "~/api/quote-action-route.server";
import { withdrawQuote } from "~/services/quotes.server";

// POST: the quoting vendor withdraws a submitted quote until the deadline (afterwards it is an opened offer).
export const { loader, action } = quoteActionRoute(withdrawQuote);
