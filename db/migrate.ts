import { Migrator, type Kysely, type Migration, type MigrationProvider } from "kysely";
import * as foundation from "./migrations/2026112001_foundation";
import * as rfqs from "./migrations/2026112002_rfqs";
import * as quotes from "./migrations/2026112003_quotes_and_certificates";
import * as trackRecords from "./migrations/2026112104_track_records_and_advisors";
import * as sealedFixed from "./migrations/2026120601_sealed_fixed";
import * as loginDefences from "./migrations/2026120602_login_defences";
import * as sessionsAndPasswords from "./migrations/2026120603_sessions_and_passwords";
import * as httpEdge from "./migrations/2026120604_http_edge";
import * as jobRunner from "./migrations/2026120605_job_runner";
import * as attachments from "./migrations/2026120701_attachments";
import * as quoteResubmission from "./migrations/2026120702_quote_resubmission";
import * as advisorNoteHistory from "./migrations/2026120706_advisor_note_history";
import * as approvalRoutes from "./migrations/2026120801_approval_routes";
import * as awardProposals from "./migrations/2026120802_award_proposals";
import * as awards from "./migrations/2026120803_awards";
import * as contracts from "./migrations/2026120805_contracts";
import * as bafoRounds from "./migrations/2026120807_bafo_rounds";
import * as awardQuestions from "./migrations/2026120806_award_questions";
import * as approvalDecisions from "./migrations/2026120804_approval_decisions";
import * as invoices from "./migrations/2026120901_invoices";
import * as transactionRecords from "./migrations/2026120903_transaction_records";
import * as invoiceReminders from "./migrations/2026120904_invoice_reminders";
import * as cardPayments from "./migrations/2026120905_card_payments";
import * as cardRefundsApplied from "./migrations/2026120908_card_refunds_applied";
import * as refundRequests from "./migrations/2026120909_refund_requests";
import * as evidenceEvents from "./migrations/2026121001_evidence_events";
import * as deliveries from "./migrations/2026121002_deliveries";
import * as slaMeasurements from "./migrations/2026121003_sla_measurements";
import * as changeRequests from "./migrations/2026121004_change_requests";
import * as reviews from "./migrations/2026121005_reviews";
import * as trackRecordFromEvents from "./migrations/2026121006_track_record_from_events";
import * as evaluation from "./migrations/2026121101_evaluation";
import * as marketBenchmarks from "./migrations/2026121201_market_benchmarks";
import * as lowQuoteExplanations from "./migrations/2026121202_low_quote_explanations";
import * as twoFactor from "./migrations/2026121301_two_factor";
import * as mailQueue from "./migrations/2026121302_mail_queue";

// Migrations are listed explicitly rather than discovered on disk: the same list works
// under tsx, vitest and the bundled server, and the order is reviewed in code.
const migrations: Record<string, Migration> = {
  "2026112001_foundation": foundation,
  "2026112002_rfqs": rfqs,
  "2026112003_quotes_and_certificates": quotes,
  "2026112104_track_records_and_advisors": trackRecords,
  "2026120601_sealed_fixed": sealedFixed,
  "2026120602_login_defences": loginDefences,
  "2026120603_sessions_and_passwords": sessionsAndPasswords,
  "2026120604_http_edge": httpEdge,
  "2026120605_job_runner": jobRunner,
  "2026120701_attachments": attachments,
  "2026120702_quote_resubmission": quoteResubmission,
  "2026120706_advisor_note_history": advisorNoteHistory,
  "2026120801_approval_routes": approvalRoutes,
  "2026120802_award_proposals": awardProposals,
  "2026120803_awards": awards,
  "2026120805_contracts": contracts,
  "2026120807_bafo_rounds": bafoRounds,
  "2026120806_award_questions": awardQuestions,
  "2026120804_approval_decisions": approvalDecisions,
  "2026120901_invoices": invoices,
  "2026120903_transaction_records": transactionRecords,
  "2026120904_invoice_reminders": invoiceReminders,
  "2026120905_card_payments": cardPayments,
  "2026120908_card_refunds_applied": cardRefundsApplied,
  "2026120909_refund_requests": refundRequests,
  "2026121001_evidence_events": evidenceEvents,
  "2026121002_deliveries": deliveries,
  "2026121003_sla_measurements": slaMeasurements,
  "2026121004_change_requests": changeRequests,
  "2026121005_reviews": reviews,
  "2026121006_track_record_from_events": trackRecordFromEvents,
  "2026121101_evaluation": evaluation,
  "2026121201_market_benchmarks": marketBenchmarks,
  "2026121202_low_quote_explanations": lowQuoteExplanations,
  "2026121301_two_factor": twoFactor,
  "2026121302_mail_queue": mailQueue,
};

class StaticMigrationProvider implements MigrationProvider {
  async getMigrations() {
    return migrations;
  }
}

export async function migrateToLatest(db: Kysely<any>): Promise<void> {
  const migrator = new Migrator({ db, provider: new StaticMigrationProvider() });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === "Error");
  if (error || failed) {
    throw new Error(`Migration ${failed?.migrationName ?? ""} failed: ${String(error)}`);
  }
}
