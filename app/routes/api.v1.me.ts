import { MeResponse } from "~/api/schemas";
import { apiRoute } from "~/api/route.server";
import { json } from "~/utils/api.server";
import { failure, orgActor } from "~/utils/service-failure";

export const { loader } = apiRoute(
  {},
  {
    GET: async ({ context, caller }) => {
      const org = orgActor(caller.actor)?.org;
      if (!org) return failure.notFound();
      const orgRow = await context.db.selectFrom("organizations").select(["id", "name", "kind"]).where("id", "=", org.id).executeTakeFirstOrThrow();
      return json(
        MeResponse.parse({
          user: caller.user,
          organization: { id: orgRow.id, name: orgRow.name, kind: orgRow.kind, role: org.role },
    }),
  );
    },
  },
);
