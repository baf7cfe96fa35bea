import { apiRoute } from "~/api/route.server";
import { t } from "~/i18n";
import { localizeZodIssue } from "~/i18n/zod-errors";
import { createContract } from "~/services/contracts.server";
import { json, problem } from "~/utils/api.server";

// POST /api/v1/rfqs/{id}/contract: create the contract (draft, version 1) from the RFQ's accepted award.
// Members of the buyer organisation only; vendors, advisors and other tenants get 404. While the standstill
// runs the 409 names the date it ends (a worded issue: failureProblem would answer issues as a 400).
export const { loader, action } = apiRoute(
  { id: true },
  {
    POST: async ({ context, caller, id, locale }) => {
      const created = await createContract(context, caller.actor, id);
      if (!created.ok) {
        if (created.status !== 409 || !created.issues) return created;
        return problem(409, t(locale, created.key), created.issues.map((issue) => localizeZodIssue(issue, locale)).join(" "));
      }
      return json({ id: created.contractId }, { status: 201 });
    },
  },
);
