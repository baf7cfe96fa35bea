import type { MessageKey } from "~/i18n";

/** One typed error with an HTTP status and a user-facing message key (Shelf's idea, kept small). */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly messageKey: MessageKey,
    readonly fieldErrors?: Record<string, MessageKey[]>,
  ) {
    super(messageKey);
    this.name = "AppError";
  }
}

export const notFound = () => new Response("Not Found", { status: 404 });
export const forbidden = () => new Response("Forbidden", { status: 403 });

/** Throws a 404 Response when the condition fails (Epic Stack's invariantResponse). */
export function invariantResponse(condition: unknown, status = 404): asserts condition {
  if (!condition) throw new Response(status === 404 ? "Not Found" : "Forbidden", { status });
}
