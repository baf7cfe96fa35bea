import { listNotifications, markNotificationsRead } from "../../db/queries/notifications";
import type { AppContext } from "~/utils/context.server";

export function notificationsOf(ctx: AppContext, userId: string) {
  return listNotifications(ctx.db, userId);
}

export function markAllNotificationsRead(ctx: AppContext, userId: string) {
  return markNotificationsRead(ctx.db, userId, ctx.clock.now());
}
