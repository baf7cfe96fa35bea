import type { LoaderFunctionArgs } from "@remix-run/node";
import { MeResponse } from "~/api/schemas";
import { organizationOf } from "~/services/accounts.server";
import { json, requireApiCaller } from "~/utils/api.server";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const caller = await requireApiCaller(request, context);
  const org = caller.actor.org!;
  const orgRow = await organizationOf(context, org.id);
  return json(
    MeResponse.parse({
      user: caller.user,
      organization: { id: orgRow.id, name: orgRow.name, kind: orgRow.kind, role: org.role },
    }),
  );
}
