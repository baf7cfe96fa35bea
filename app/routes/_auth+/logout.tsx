import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { endSession } from "~/utils/auth.server";
import { readForm } from "~/utils/csrf.server";
import { toastHeader } from "~/utils/toast.server";

export async function loader() {
  return redirect("/");
}

export async function action({ request, context }: ActionFunctionArgs) {
  await readForm(request, context);
  const headers = new Headers();
  headers.append("Set-Cookie", await endSession(request, context));
  headers.append("Set-Cookie", await toastHeader(context, { key: "logout.done" }));
  return redirect("/", { headers });
}
