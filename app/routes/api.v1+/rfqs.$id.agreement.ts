import { AgreementResponse } from "~/api/memo-schemas";
import { apiRoute } from "~/api/route.server";
import { t } from "~/i18n";
import { agreementForRfq } from "~/services/evaluation-figures.server";
import { json } from "~/utils/api.server";
import { failure } from "~/utils/service-failure";

// GET: Krippendorff's alpha of the RFQ's evaluation for its buyer's members and assigned advisors, only once every
// named evaluator has submitted (before: the count only). Vendors, other tenants, unassigned advisors: 404.

export const { loader } = apiRoute(
  { id: true },
  {
    GET: async ({ context, caller, id, locale }) => {
      const figures = await agreementForRfq(context, caller.actor, id);
      if (!figures) return failure.notFound();
      const worded = <A extends { reading: "good" | "tentative" | "discuss" | "noVariation" }>(a: A | null) =>
        a ? { ...a, words: t(locale, `agreement.reading.${a.reading}`) } : null;
      return json(
        AgreementResponse.parse({
          state: figures.state,
          submitted: figures.submitted,
          evaluators: figures.evaluators,
          interval: figures.state === "ready" ? worded(figures.interval) : null,
          ordinal: figures.state === "ready" ? worded(figures.ordinal) : null,
        }),
      );
    },
  },
);
