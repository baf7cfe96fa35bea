import { writeAudit } from "../../db/queries/audit";
import { listOrgContacts } from "../../db/queries/invoice-reminders";
import { notifyUsers } from "../../db/queries/notifications";
import { listActiveContractsWithContent } from "../../db/queries/contracts";
import { claimMeasurementReminder, listMeasuredKeys, listPendingSubmittedBefore } from "../../db/queries/sla-measurements";
import { COMPANY_CALENDAR, MUNICIPAL_CALENDAR } from "~/domain/calendar/japan-business-days";
import { missingReminderPeriod, pendingReminderDue } from "~/domain/measurements/reminders";
import { isLocale, type Locale } from "~/i18n";
import type { AppContext } from "~/utils/context.server";
import { appOrigin } from "~/utils/env.server";
import { joinList, tokyoDateString } from "~/utils/format";
import { notificationMail, type Mail } from "./mail.server";

// SLA measurement reminders (issue 17 items 2 and 9; decision 0040), run once a day by the job
// `measurement.reminders` (app/jobs/measurement-reminders.ts), safe to run any number of times from any number of
// processes: each (contract, period, kind) is claimed by inserting its row into sla_measurement_reminders — one
// insert wins, only the winner notifies, mails and audits. Following the invoice reminders:
//  - to the vendor's members, when last month's measurements are (partly) missing on the 5th business day of the
//    month (Japanese holidays; app/domain/measurements/reminders.ts);
//  - to the buyer's members, when measurements of a period have awaited confirmation for 5 business days (the
//    buyer's calendar: a municipality's year-end closure counts as closed).
// In-app notice, audit row and one mail per member in that member's language, all in the claim's transaction: the
// mails are queued iff the reminder is claimed, and the mail job retries their delivery (decision 0054).

export type MeasurementReminderDeps = Pick<AppContext, "db" | "mailer" | "env">;

interface PendingMail {
  to: string;
  name: string;
  locale: Locale;
  kind: "missing" | "pending";
  params: { title: string; period: string; buyer: string; vendor: string; kpis: { ja: string; en: string }[]; count: number; link: string };
}

export interface SentMeasurementReminder {
  contractId: string;
  period: string;
  kind: "missing" | "pending";
  mails: number;
}

export async function sendMeasurementReminders(deps: MeasurementReminderDeps, now: Date): Promise<{ sent: SentMeasurementReminder[] }> {
  const today = tokyoDateString(now);
  const origin = appOrigin(deps.env);
  const sent: SentMeasurementReminder[] = [];
  const contracts = await listActiveContractsWithContent(deps.db);
  const byId = new Map(contracts.map((c) => [c.id, c]));

  // The vendor: last month's KPIs without a measurement.
  const due = contracts.flatMap((c) => {
    const period = c.content.sla.length > 0 ? missingReminderPeriod(c.content.term, today) : null;
    return period ? [{ contract: c, period }] : [];
  });
  const measured = await listMeasuredKeys(
    deps.db,
    due.map((d) => ({ contractId: d.contract.id, period: d.period })),
  );
  for (const { contract, period } of due) {
    const done = new Set(measured.filter((m) => m.contract_id === contract.id && m.period === period).map((m) => m.kpi_key));
    const missing = contract.content.sla.filter((k) => !done.has(k.key));
    if (missing.length === 0) continue;
    const mails = await remind(deps, {
      kind: "missing",
      contractId: contract.id,
      period,
      orgId: contract.vendor_org_id,
      now,
      params: {
        title: contract.content.rfq.title,
        period,
        buyer: contract.buyer_name,
        vendor: contract.vendor_name,
        kpis: missing.map((k) => ({ ja: k.label.ja, en: k.label.en || k.label.ja })),
        count: missing.length,
        link: `${origin}/contracts/${contract.id}/measurements`,
      },
    });
    if (mails) sent.push({ contractId: contract.id, period, kind: "missing", mails: mails.length });
  }

  // The buyer: measurements awaiting confirmation for 5 business days, once per contract and period.
  const pending = await listPendingSubmittedBefore(deps.db, now);
  const groups = new Map<string, { contractId: string; period: string; count: number }>();
  for (const p of pending) {
    const contract = byId.get(p.contract_id);
    if (!contract) continue;
    const calendar = contract.buyer_kind === "municipality" ? MUNICIPAL_CALENDAR : COMPANY_CALENDAR;
    if (!pendingReminderDue(tokyoDateString(new Date(p.submitted_at)), today, calendar)) continue;
    const key = `${p.contract_id} ${p.period}`;
    const g = groups.get(key) ?? { contractId: p.contract_id, period: p.period, count: 0 };
    g.count += 1;
    groups.set(key, g);
  }
  for (const g of groups.values()) {
    const contract = byId.get(g.contractId)!;
    const mails = await remind(deps, {
      kind: "pending",
      contractId: g.contractId,
      period: g.period,
      orgId: contract.buyer_org_id,
      now,
      params: {
        title: contract.content.rfq.title,
        period: g.period,
        buyer: contract.buyer_name,
        vendor: contract.vendor_name,
        kpis: [],
        count: g.count,
        link: `${origin}/contracts/${g.contractId}/measurements`,
      },
    });
    if (mails) sent.push({ contractId: g.contractId, period: g.period, kind: "pending", mails: mails.length });
  }
  return { sent };
}

/** Claims one reminder and records its notices, audit row and queued mails (decision 0054); its mails, or null. */
async function remind(
  deps: MeasurementReminderDeps,
  r: { kind: "missing" | "pending"; contractId: string; period: string; orgId: string; now: Date; params: PendingMail["params"] },
): Promise<PendingMail[] | null> {
  return deps.db.transaction().execute(async (trx) => {
    if (!(await claimMeasurementReminder(trx, { contractId: r.contractId, period: r.period, kind: r.kind, at: r.now }))) return null;
    const members = await listOrgContacts(trx, r.orgId);
    await notifyUsers(
      trx,
      members.map((m) => m.id),
      r.kind === "missing" ? "measurement.missing" : "measurement.pending",
      { href: `/contracts/${r.contractId}/measurements`, title: r.params.title, period: r.period },
      r.now,
    );
    await writeAudit(trx, {
      actorUserId: null,
      actorOrgId: null,
      action: "measurement.reminder",
      entityType: "contract",
      entityId: r.contractId,
      after: { kind: r.kind, period: r.period, count: r.params.count, mailedTo: members.map((m) => m.email) },
    });
    const mails: PendingMail[] = members.map((m) => ({
      to: m.email,
      name: m.name,
      locale: isLocale(m.locale) ? m.locale : "ja",
      kind: r.kind,
      params: r.params,
    }));
    for (const m of mails) await deps.mailer.send(measurementReminderMail(m), { trx });
    return mails;
  });
}

/** The reminder mail in the member's language (decision 0054). */
export function measurementReminderMail(m: PendingMail): Mail {
  const prefix = m.kind === "missing" ? "mail.measurement.missing" : "mail.measurement.pending";
  return notificationMail(m.to, m.locale, `${prefix}.subject`, `${prefix}.body`, (l) => ({
    name: m.name,
    title: m.params.title,
    period: m.params.period,
    buyer: m.params.buyer,
    vendor: m.params.vendor,
    kpis: joinList(
      m.params.kpis.map((k) => k[l]),
      l,
    ),
    count: m.params.count,
    link: m.params.link,
  }));
}
