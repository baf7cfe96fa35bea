import { MeResponse } from "~/api/schemas";
import { apiRoute } from "~/api/route.server";
import { organizationOf } from "~/services/accounts.server";
import { json } from "~/utils/api.server";
import { failure, orgActor } from "~/utils/service-failure";

export const { loader } = apiRoute(
  {},
  {
    GET: async ({ context, caller }) => {
      const org = orgActor(caller.actor)?.org;
      if (!org) return failure.notFound();
      const orgRow = await organizationOf(context, org.id);
      return json(
        MeResponse.parse({
          user: caller.user,
          organization: { id: orgRow.id, name: orgRow.name, kind: orgRow.kind, role: org.role },
        }),
      );
    },
  },
);
