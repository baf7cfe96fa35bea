import { listCertificationTypes } from "../../db/queries/certifications";
import { adminDashboardRows, buyerDashboardRows, vendorDashboardRows } from "../../db/queries/dashboard";
import { listRfqsAssignedToAdvisor } from "../../db/queries/rfq-advisors";
import { daysLeft } from "~/domain/dashboard/days-left";
import type { Actor } from "~/domain/permissions";
import { can } from "~/domain/permissions";
import { effectiveStatus } from "~/domain/rfq/lifecycle";
import type { AppContext } from "~/utils/context.server";
import { unansweredExplanationsOf } from "./low-quote-explanations.server";

// Each role's home: one read per role, scoped to the actor's organisation in SQL (db/queries/dashboard.ts).
// A platform admin's home adds the certificates waiting for review to whatever its organisation shows.

const withDaysLeft = <R extends { quote_deadline: Date }>(rows: R[], now: Date) => rows.map((r) => ({ ...r, days_left: daysLeft(r.quote_deadline, now) }));

async function orgDashboard(ctx: AppContext, actor: Actor, now: Date) {
  const org = actor.org;
  if (org?.kind === "buyer") {
    const rows = await buyerDashboardRows(ctx.db, org.id, now);
    return { kind: "buyer" as const, ...rows, open: withDaysLeft(rows.open, now) };
  }
  if (org?.kind === "vendor") {
    const rows = await vendorDashboardRows(ctx.db, org.id, now);
    return {
      kind: "vendor" as const,
      invitations: withDaysLeft(rows.invitations, now),
      deadlines: withDaysLeft(rows.deadlines, now),
      reconfirm: withDaysLeft(rows.reconfirm, now),
      withdrawn: withDaysLeft(rows.withdrawn, now),
      // Requests to explain a quote's price, unanswered (the RFQ and the reply-by date only; decision 0051).
      explanations: await unansweredExplanationsOf(ctx, org.id),
    };
  }
  if (org?.kind === "advisory") {
    const rows = await listRfqsAssignedToAdvisor(ctx.db, org.id);
    return {
      kind: "advisory" as const,
      assigned: rows.slice(0, 20).map((r) => ({
        ...r,
        effective: effectiveStatus({ status: r.status, quoteDeadline: r.quote_deadline?.toISOString() }, now),
        days_left: r.quote_deadline ? daysLeft(r.quote_deadline, now) : null,
      })),
    };
  }
  return { kind: "none" as const };
}

export async function dashboardFor(ctx: AppContext, actor: Actor) {
  const now = ctx.clock.now();
  const [work, review] = await Promise.all([
    orgDashboard(ctx, actor, now),
    can(actor, "certification:verify", { type: "certificationReview" })
      ? Promise.all([adminDashboardRows(ctx.db), listCertificationTypes(ctx.db)]).then(([rows, types]) => ({ ...rows, types }))
      : Promise.resolve(null),
  ]);
  return { work, review };
}
