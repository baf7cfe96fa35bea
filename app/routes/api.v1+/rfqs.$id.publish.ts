import { loadRfqResponse } from "~/services/rfq-responses.server";
import { json, problemErrors } from "~/utils/api.server";
import { PublishBody } from "~/api/design-review-schemas";
import { PublishResponse } from "~/api/rfq-schemas";
import { apiRoute } from "~/api/route.server";
import { publishRfq } from "~/services/rfqs.server";
import { openDesignCommentCount } from "~/services/design-review.server";
import { failure } from "~/utils/service-failure";
import { t } from "~/i18n";
import { readOptionalJsonBody } from "~/api/optional-body.server";

// POST: publish a draft. Refused with every missing item at once (400, `errors`), nothing written.
// The body is optional (clients have always posted none): `{ "confirmUnresolved": true }` publishes although
// advisors' design comments are open; without it such a draft answers 409 with `code` and `unresolvedComments`.

export const { loader, action } = apiRoute(
  { id: true },
  {
    POST: async ({ request, context, caller, id, locale }) => {
      const read = await readOptionalJsonBody(request, PublishBody, locale);
      if (!read.ok) return read.response;
      const published = await publishRfq(context, caller.actor, id, { confirmUnresolved: read.data.confirmUnresolved === true });
      if (!published.ok) {
        if (published.key !== "designReview.publish.unresolved") return published;
        const count = (await openDesignCommentCount(context, caller.actor, id)) ?? 0;
        return unresolvedProblem(t(locale, "designReview.publish.unresolved", { count }), count);
      }
      const rfq = await loadRfqResponse(context, caller.actor, id, locale);
      if (!rfq) return failure.notFound();
      return json(
        PublishResponse.parse({
          id: rfq.id,
          status: rfq.status,
          version: rfq.version,
          quoteDeadline: rfq.quoteDeadline,
          warnings: problemErrors(published.warnings, locale),
        }),
      );
    },
  },
);

/** A 409 problem that says how many comments are open, so a client can ask its user and post again with the confirmation. */
function unresolvedProblem(title: string, count: number): Response {
  return new Response(JSON.stringify({ type: "about:blank", title, status: 409, code: "designCommentsUnresolved", unresolvedComments: count }), {
    status: 409,
    headers: { "Content-Type": "application/problem+json; charset=utf-8" },
  });
}
