import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { safeRedirect } from "~/domain/accounts";
import { isLocale } from "~/i18n";
import { savePreferredLocale } from "~/services/accounts.server";
import { getCurrentUser } from "~/utils/auth.server";
import { langCookie } from "~/utils/cookies.server";
import { readForm } from "~/utils/csrf.server";

export async function loader() {
  return redirect("/");
}

/** Sets the language cookie (and the user's preference, used for e-mails) and goes back where the reader was. */
export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await readForm(request, context);
  const lang = formData.get("lang");
  if (!isLocale(lang)) throw new Response("Bad Request", { status: 400 });
  const user = await getCurrentUser(request, context);
  if (user) await savePreferredLocale(context, user.id, lang);
  return redirect(safeRedirect(formData.get("redirectTo")), {
    headers: { "Set-Cookie": await langCookie(context).serialize(lang) },
  });
}
