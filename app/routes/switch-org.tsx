import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { switchActiveOrg } from "~/services/sessions.server";
import { requireUser } from "~/utils/auth.server";
import { readForm } from "~/utils/csrf.server";
import { notFound } from "~/utils/errors";

export async function loader() {
  return redirect("/");
}

export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await readForm(request, context);
  const user = await requireUser(request, context);
  const orgId = formData.get("orgId");
  // Only an organisation the user belongs to; anything else is as if it did not exist.
  if (typeof orgId !== "string" || !user.memberships.some((m) => m.orgId === orgId)) throw notFound();
  await switchActiveOrg(context, user, orgId);
  return redirect("/");
}
