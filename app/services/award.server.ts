import type { Kysely } from "kysely";
import { setProposalStatus, type LockedProposal } from "../../db/queries/approval-decisions";
import { findAwardSettings } from "../../db/queries/awards";
import { writeAudit } from "../../db/queries/audit";
import { lockRfqForAward, markQuotesOnAward } from "../../db/queries/award-outcome";
import { insertAward } from "../../db/queries/awards";
import { enqueueOutbox } from "../../db/queries/outbox";
import { setRfqStatusFrom } from "../../db/queries/rfqs";
import type { Database } from "../../db/schema";
import { awardDeadlines, calendarForBuyer } from "~/domain/approvals/decisions";
import { effectiveStatus } from "~/domain/rfq/lifecycle";
import type { AppContext } from "~/utils/context.server";
import { appOrigin } from "~/utils/env.server";
import { failure, type ServiceFailure } from "~/utils/service-failure";
import { noticeBuyerMembers, noticeOrgMembers, type PendingMail } from "./approval-notices.server";

// The award (issue 15 item 4): when the last approval of a proposal's route lands, inside that decision's
// transaction (the proposal row is locked FOR UPDATE there, so two last approvals award once):
//   proposal → approved; RFQ → awarded (compare-and-set from its stored status, which may still read
//   `published` after the deadline); the award row with the winner's answer deadline and the standstill
//   end in Japanese business days; the winning quote → awarded, every other opened offer → not_selected;
//   the audit row `award.award`; outbox rows for search; in-app notices to the winner's members, the
//   not-selected vendors' members and the proposer. The mails are returned and sent after the commit.
// The partial unique index `awards_one_live` is the last guard against a second live award.

export interface Awarded {
  ok: true;
  award: { id: string; respondBy: Date; standstillEndsAt: Date | null };
  notSelectedQuoteIds: string[];
  mails: PendingMail[];
}

/**
 * Awards the approved proposal, inside the caller's transaction. A refusal (the RFQ is no longer closed
 * and unawarded, the quote is no longer an opened offer) is returned; the caller must then roll back
 * (throw), since earlier writes of this function may already have run.
 */
export async function awardApprovedProposal(
  trx: Kysely<Database>,
  ctx: Pick<AppContext, "env">,
  proposal: LockedProposal,
  now: Date,
  /** Who gave the last approval (the audit row's actor). */
  actorUserId: string | null = null,
): Promise<Awarded | ServiceFailure> {
  if (!(await setProposalStatus(trx, proposal.id, "pending", "approved", now, true))) return failure.conflict("approvals.notPending");
  const rfq = await lockRfqForAward(trx, proposal.buyer_org_id, proposal.rfq_id);
  if (!rfq) return failure.notFound();
  const status = effectiveStatus({ status: rfq.status, quoteDeadline: rfq.quote_deadline ? new Date(rfq.quote_deadline).toISOString() : undefined }, now);
  if (status !== "closed" || !(await setRfqStatusFrom(trx, rfq.id, rfq.status, "awarded", now))) return failure.conflict("approvals.award.rfqNotOpen");

  const { winner, notSelected } = await markQuotesOnAward(trx, rfq.id, proposal.quote_id, now);
  if (!winner) return failure.conflict("approvals.award.quoteGone");

  const settings = await findAwardSettings(trx, proposal.buyer_org_id);
  if (!settings) return failure.notFound();
  // A municipality closes over 年末年始 (12/29–1/3) as well as on holidays; a company keeps the national calendar.
  const { respondBy, standstillEndsAt } = awardDeadlines(
    now,
    settings.award_accept_business_days,
    settings.award_standstill_business_days,
    calendarForBuyer(settings.buyer_kind),
  );
  const debriefReason = proposal.debrief_reason ?? "";
  const award = await insertAward(trx, {
    rfqId: rfq.id,
    buyerOrgId: proposal.buyer_org_id,
    proposalId: proposal.id,
    quoteId: winner.id,
    vendorOrgId: winner.vendor_org_id,
    amountYen: Number(proposal.amount_yen),
    debriefReason,
    respondBy,
    standstillEndsAt,
    at: now,
  });
  await writeAudit(trx, {
    actorUserId,
    actorOrgId: proposal.buyer_org_id,
    action: "award.award",
    entityType: "rfq",
    entityId: rfq.id,
    before: { rfqStatus: status, proposalStatus: "pending" },
    after: {
      rfqStatus: "awarded",
      proposalId: proposal.id,
      awardId: award.id,
      quoteId: winner.id,
      vendorOrgId: winner.vendor_org_id,
      amountYen: Number(proposal.amount_yen),
      notSelectedQuoteIds: notSelected.map((q) => q.id),
      respondBy: respondBy.toISOString(),
      standstillEndsAt: standstillEndsAt?.toISOString() ?? null,
    },
  });
  await enqueueOutbox(trx, "rfq", rfq.id);
  for (const q of [winner, ...notSelected]) await enqueueOutbox(trx, "quote", q.id);

  const link = `${appOrigin(ctx.env)}/rfqs/${rfq.id}`;
  const params = { title: rfq.title, buyer: settings.name, link };
  const mails = [
    ...(await noticeOrgMembers(
      trx,
      [winner.vendor_org_id],
      "award.won",
      { rfqId: rfq.id, title: rfq.title, respondBy: respondBy.toISOString() },
      { subject: "mail.award.won.subject", body: "mail.award.won.body", params, dates: { respondBy } },
      now,
    )),
    ...(await noticeOrgMembers(
      trx,
      [...new Set(notSelected.map((q) => q.vendor_org_id))],
      "award.notSelected",
      { rfqId: rfq.id, title: rfq.title },
      { subject: "mail.award.notSelected.subject", body: "mail.award.notSelected.body", params },
      now,
    )),
    ...(await noticeBuyerMembers(
      trx,
      proposal.buyer_org_id,
      [proposal.proposed_by],
      "award.awarded",
      { rfqId: rfq.id, title: rfq.title, proposalId: proposal.id },
      { subject: "mail.award.awarded.subject", body: "mail.award.awarded.body", params: { ...params, link: `${link}/award` }, dates: { respondBy } },
      now,
    )),
  ];
  return { ok: true, award: { id: award.id, respondBy, standstillEndsAt }, notSelectedQuoteIds: notSelected.map((q) => q.id), mails };
}
