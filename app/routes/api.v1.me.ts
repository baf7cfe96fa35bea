import type { LoaderFunctionArgs } from "@remix-run/node";
import { MeResponse } from "~/api/schemas";
import { json, requireApiCaller } from "~/utils/api.server";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const caller = await requireApiCaller(request, context);
  const org = caller.actor.org!;
  const orgRow = await context.db.selectFrom("organizations").select(["id", "name", "kind"]).where("id", "=", org.id).executeTakeFirstOrThrow();
  return json(
    MeResponse.parse({
      user: caller.user,
      organization: { id: orgRow.id, name: orgRow.name, kind: orgRow.kind, role: org.role },
    }),
  );
}
