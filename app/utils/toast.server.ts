import type { AnyMessageKey } from "~/i18n";
import type { AppContext } from "./context.server";
import { toastCookie } from "./cookies.server";

export interface Toast {
  key: AnyMessageKey;
  params?: Record<string, string | number>;
  kind?: "success" | "error" | "info";
}

/** A flash message shown once after a redirect; stored as a key so it follows the reader's language. */
export async function toastHeader(ctx: Pick<AppContext, "env" | "sessionSecret">, toast: Toast): Promise<string> {
  return toastCookie(ctx).serialize(toast);
}

export async function readToast(request: Request, ctx: Pick<AppContext, "env" | "sessionSecret">) {
  const cookie = toastCookie(ctx);
  const toast = (await cookie.parse(request.headers.get("Cookie"))) as Toast | null;
  if (!toast) return { toast: null, clear: null };
  return { toast, clear: await cookie.serialize("", { maxAge: 0 }) };
}
