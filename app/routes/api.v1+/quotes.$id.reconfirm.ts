import { quoteActionRoute } from "~/api/quote-action-route.server";
import { reconfirmQuote } from "~/services/quotes.server";

// POST: after an addendum, the quoting vendor confirms the quote stands for the new RFQ version (a new version, same figures).
export const { loader, action } = quoteActionRoute(reconfirmQuote);
