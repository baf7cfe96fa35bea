import type { ColumnType, Generated, Insertable, Selectable, Updateable } from "kysely";

// Timestamps come back as Date from both pg and PGlite; inserts may pass a Date or an ISO string.
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
// `date` columns are read as "YYYY-MM-DD" strings (type parser set in client.server.ts) so
// a certificate's validity never shifts by a time zone.
type DateOnly = ColumnType<string, string, string>;

export type OrgKind = "buyer" | "vendor" | "advisory" | "platform";
export type MemberRole = "owner" | "member";
export type CertificationStatus = "unverified" | "verified" | "rejected";

export interface OrganizationsTable {
  id: Generated<string>;
  kind: OrgKind;
  name: string;
  invoice_registration_number: ColumnType<string | null, string | null | undefined, string | null>;
  created_at: Timestamp;
  /** Business days the winner has to accept or decline an award (受諾期限). */
  award_accept_business_days: Generated<number>;
  /** Business days after an award during which not-selected vendors may ask one question (0: none). */
  award_standstill_business_days: Generated<number>;
  /** A buyer's kind for the legal payment deadlines (decision 0028): 支払遅延防止法 or 取適法 / フリーランス法. */
  buyer_kind: Generated<"company" | "municipality">;
  /** A vendor's rounding of the tax per rate on its invoices (issue 16): 切り捨て, 切り上げ, 四捨五入. */
  invoice_tax_rounding: Generated<"floor" | "ceil" | "round">;
  /** A buyer's 稟議 threshold for change requests (decision 0041): |price impact| ≥ it goes through the route; 0 = never. */
  change_route_threshold_yen: ColumnType<number, number | undefined, number>;
}

export interface UsersTable {
  id: Generated<string>;
  email: string;
  name: string;
  password_hash: string;
  locale: Generated<string>;
  is_platform_admin: Generated<boolean>;
  created_at: Timestamp;
}

export interface MembershipsTable {
  user_id: string;
  org_id: string;
  role: MemberRole;
  created_at: Timestamp;
  /** May be named in the organisation's approval routes (稟議ルート). */
  is_approver: Generated<boolean>;
}

export interface SessionsTable {
  id_hash: string;
  id: Generated<string>;
  user_id: string;
  active_org_id: string | null;
  expires_at: Timestamp;
  last_seen_at: Timestamp;
  ip: ColumnType<string | null, string | null | undefined, string | null>;
  user_agent: ColumnType<string | null, string | null | undefined, string | null>;
  created_at: Timestamp;
}

export interface PasswordResetTokensTable {
  token_hash: string;
  user_id: string;
  expires_at: Timestamp;
  used_at: NullableTimestamp;
  created_at: Timestamp;
}

export interface PasswordEventsTable {
  id: Generated<number>;
  kind: "reset_request" | "change_failure";
  subject: string;
  ip: string;
  created_at: Timestamp;
}

export interface InvitationsTable {
  id: Generated<string>;
  org_id: string;
  email: string;
  role: MemberRole;
  token_hash: string;
  invited_by: string;
  expires_at: Timestamp;
  accepted_at: NullableTimestamp;
  created_at: Timestamp;
}

export interface ApiTokensTable {
  id: Generated<string>;
  org_id: string;
  user_id: string;
  name: string;
  token_hash: string;
  prefix: string;
  last_used_at: NullableTimestamp;
  revoked_at: NullableTimestamp;
  created_at: Timestamp;
}

export interface LoginAttemptsTable {
  id: Generated<number>;
  email: string;
  ip: string;
  succeeded: boolean;
  created_at: Timestamp;
}

/** A sign-up waiting for its e-mail confirmation (or refused silently: a registered address gets no token). */
export interface SignupRequestsTable {
  id: Generated<string>;
  email: string;
  ip: string;
  kind: "buyer" | "vendor";
  org_name: string;
  name: string;
  locale: string;
  password_hash: string | null;
  token_hash: string | null;
  expires_at: NullableTimestamp;
  confirmed_at: NullableTimestamp;
  created_at: Timestamp;
}

export interface VendorProfilesTable {
  org_id: string;
  description: Generated<string>;
  categories: ColumnType<string[], string[] | undefined, string[]>;
  regions: ColumnType<string[], string[] | undefined, string[]>;
  languages: ColumnType<string[], string[] | undefined, string[]>;
  team_size: number | null;
  updated_at: Timestamp;
  /** The account the vendor's invoices show for bank transfer (issue 16), app/domain/invoices/bank-account.ts. */
  bank_account: ColumnType<unknown, string | null | undefined, string | null>;
}

export interface CertificationsTable {
  id: Generated<string>;
  org_id: string;
  type: string;
  number: string;
  issuer: string;
  valid_from: DateOnly;
  valid_until: DateOnly;
  status: Generated<CertificationStatus>;
  verified_by: string | null;
  verified_at: NullableTimestamp;
  evidence_path: ColumnType<string | null, string | null | undefined, string | null>;
  evidence_name: ColumnType<string | null, string | null | undefined, string | null>;
  evidence_mime: ColumnType<string | null, string | null | undefined, string | null>;
  evidence_size: ColumnType<number | null, number | null | undefined, number | null>;
  rejected_reason: ColumnType<string | null, string | null | undefined, string | null>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface CertificationTypesTable {
  key: string;
  label_ja: string;
  label_en: string;
  created_by: string;
  created_at: Timestamp;
}

export type QuoteStatusColumn = "draft" | "submitted" | "withdrawn" | "shortlisted" | "awarded" | "not_selected" | "declined";
// bigint money: int8 is parsed to number (client.server.ts); amounts stay far below 2^53.
type Money = ColumnType<number, number, number>;

export interface QuotesTable {
  id: Generated<string>;
  rfq_id: string;
  vendor_org_id: string;
  status: Generated<QuoteStatusColumn>;
  current_version: Generated<number>;
  rfq_version: number;
  content: ColumnType<unknown, string, string>;
  tco: ColumnType<number | null, number | null | undefined, number | null>;
  submitted_at: NullableTimestamp;
  withdrawn_at: NullableTimestamp;
  created_by: string;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** `resubmitted`: the first version after a withdrawal. */
export type QuoteVersionKind = "submitted" | "revised" | "reconfirmed" | "resubmitted" | "bafo";

export interface QuoteVersionsTable {
  quote_id: string;
  version: number;
  rfq_version: number;
  content: ColumnType<unknown, string, string>;
  normalized: ColumnType<unknown, string, string>;
  tco: Money;
  kind: QuoteVersionKind;
  created_by: string;
  created_at: Timestamp;
  /** Set on the version that was current when the vendor withdrew the quote. */
  withdrawn_at: NullableTimestamp;
  /** The BAFO round of a `bafo` version (null for every other kind). */
  bafo_round_id: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface AuditLogTable {
  id: Generated<number>;
  actor_user_id: string | null;
  actor_org_id: string | null;
  action: string;
  entity_type: string;
  entity_id: string;
  before: ColumnType<unknown, string | null | undefined, string | null>;
  after: ColumnType<unknown, string | null | undefined, string | null>;
  ip: string | null;
  created_at: Timestamp;
  /** How many times an aggregated event (a refused read) happened in `aggregated_minute`; 1 otherwise. */
  count: Generated<number>;
  aggregated_minute: NullableTimestamp;
}

export interface OutboxTable {
  id: Generated<number>;
  topic: string;
  entity_id: string;
  created_at: Timestamp;
  attempts: Generated<number>;
  next_attempt_at: Timestamp;
  last_error: string | null;
  processed_at: NullableTimestamp;
  /** A claimed row's lease: another process may claim it again once this has passed. */
  locked_until: NullableTimestamp;
  /** Set when the job failed its maximum number of attempts; never claimed again. */
  dead_at: NullableTimestamp;
}

export interface JobSchedulesTable {
  name: string;
  last_period: number;
  last_run_at: Timestamp;
}

export type RfqStatusColumn = "draft" | "published" | "closed" | "awarded" | "cancelled";
type Json = ColumnType<unknown, string, string>;

export interface RfqsTable {
  id: Generated<string>;
  buyer_org_id: string;
  status: Generated<RfqStatusColumn>;
  title: string;
  category: string;
  quote_deadline: NullableTimestamp;
  sealed: Generated<boolean>;
  visibility: Generated<"invited" | "marketplace">;
  current_version: Generated<number>;
  content: Json;
  created_by: string;
  published_at: NullableTimestamp;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface RfqVersionsTable {
  rfq_id: string;
  version: number;
  content: Json;
  change_summary: Generated<string>;
  created_by: string;
  created_at: Timestamp;
}

export interface RfqInvitationsTable {
  rfq_id: string;
  vendor_org_id: string;
  created_at: Timestamp;
}

export interface RfqQuestionsTable {
  id: Generated<string>;
  rfq_id: string;
  asked_by_org_id: string;
  asked_by_user_id: string;
  question: string;
  answer: string | null;
  answered_by: string | null;
  answered_at: NullableTimestamp;
  created_at: Timestamp;
}

/** One confirmed fact of a vendor's delivery under a contract (migration 2026121001): a rate's counts or a value. */
export interface EvidenceEventsTable {
  id: Generated<string>;
  vendor_org_id: string;
  buyer_org_id: string;
  contract_id: string;
  category: string;
  kpi_key: string;
  successes: number | null;
  trials: number | null;
  /** numeric: pg returns it as a string. */
  value: string | null;
  observed_on: string;
  source: "delivery" | "measurement";
  source_id: string;
  created_at: Timestamp;
}

/** SLA measurements (migration 2026121003_sla_measurements, decision 0040). */
export type MeasurementStatus = "pending" | "disputed" | "confirmed";
export interface SlaMeasurementsTable {
  id: Generated<string>;
  contract_id: string;
  buyer_org_id: string;
  vendor_org_id: string;
  /** "YYYY-MM". */
  period: string;
  kpi_key: string;
  status: MeasurementStatus;
  successes: number | null;
  trials: number | null;
  /** numeric: pg returns it as a string. */
  value: string | null;
  note: Generated<string>;
  revision: Generated<number>;
  entered_by: string;
  submitted_at: Timestamp;
  decided_by: string | null;
  decided_at: NullableTimestamp;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export type MeasurementEventKind = "entered" | "corrected" | "disputed" | "replied" | "confirmed";
export interface SlaMeasurementEventsTable {
  id: Generated<string>;
  measurement_id: string;
  kind: MeasurementEventKind;
  revision: number;
  successes: number | null;
  trials: number | null;
  value: string | null;
  note: string | null;
  body: string | null;
  actor_user_id: string;
  actor_org_id: string;
  at: Timestamp;
}

export interface SlaMeasurementRemindersTable {
  contract_id: string;
  period: string;
  kind: "missing" | "pending";
  sent_at: Timestamp;
}

/** The review cadence a buyer picked for a contract, once (migration 2026121005, decision 0042). */
export interface ContractReviewSettingsTable {
  contract_id: string;
  cadence: "monthly" | "quarterly";
  set_by: string;
  set_at: Timestamp;
}

/** A periodic review (定例レビュー) of one contract period; frozen by a trigger once finalized. */
export interface ContractReviewsTable {
  id: Generated<string>;
  contract_id: string;
  buyer_org_id: string;
  vendor_org_id: string;
  cadence: "monthly" | "quarterly";
  period_start: DateOnly;
  period_end: DateOnly;
  status: ColumnType<
    "draft" | "awaiting_vendor" | "finalized",
    "draft" | "awaiting_vendor" | "finalized" | undefined,
    "draft" | "awaiting_vendor" | "finalized"
  >;
  notes: Generated<string>;
  proposals: Generated<string>;
  actions: ColumnType<unknown, string | undefined, string>;
  snapshot: ColumnType<unknown, string | null | undefined, string | null>;
  created_by: string;
  created_at: Timestamp;
  updated_at: Timestamp;
  shared_at: NullableTimestamp;
  finalized_at: NullableTimestamp;
  finalized_by: string | null;
}

export interface ContractReviewCommentsTable {
  id: Generated<string>;
  review_id: string;
  side: "buyer" | "vendor";
  author_user_id: string;
  body: string;
  created_at: Timestamp;
}

/** The PDF of a finalized review, kept once per language with its SHA-256. */
export interface ContractReviewDocumentsTable {
  id: Generated<string>;
  review_id: string;
  locale: "ja" | "en";
  file_name: string;
  sha256: string;
  bytes: ColumnType<Buffer, Buffer | Uint8Array, Buffer | Uint8Array>;
  created_at: Timestamp;
}

/** The claim rows of the review reminders: (kind, subject) once. */
export interface ReviewRemindersTable {
  kind: "review_due" | "review_comment";
  subject: string;
  contract_id: string;
  sent_at: Timestamp;
}

/** A verified rating of a vendor by a buyer member under one contract and contract year. */
export interface VendorRatingsTable {
  id: Generated<string>;
  contract_id: string;
  vendor_org_id: string;
  buyer_org_id: string;
  buyer_kind: "municipality" | "company";
  rating_year: number;
  quality: number;
  schedule: number;
  cost: number;
  communication: number;
  would_hire_again: number;
  comment: Generated<string>;
  author_user_id: string;
  created_at: Timestamp;
  vendor_reply: string | null;
  replied_by: string | null;
  replied_at: NullableTimestamp;
}

export interface RfqAdvisorsTable {
  rfq_id: string;
  advisor_org_id: string;
  assigned_by: string;
  created_at: Timestamp;
}

export interface AdvisorNotesTable {
  id: Generated<string>;
  rfq_id: string;
  advisor_org_id: string;
  quote_id: string | null;
  recommends: Generated<boolean>;
  body: string;
  created_by: string;
  created_at: Timestamp;
  /** Last edited by its author (the earlier texts are in advisor_note_revisions). */
  updated_at: NullableTimestamp;
  withdrawn_at: NullableTimestamp;
  /** A recommendation replaced by a later one of the same advisory organisation. */
  superseded_at: NullableTimestamp;
}

export interface AdvisorNoteRevisionsTable {
  id: Generated<number>;
  note_id: string;
  body: string;
  quote_id: string | null;
  recommends: boolean;
  change: "edit" | "withdraw" | "supersede";
  created_by: string | null;
  created_at: Timestamp;
}

/** One buyer organisation's approval rules (app/domain/approvals/route-rules.ts); `revision` rises with each save. */
export interface ApprovalRouteRulesTable {
  org_id: string;
  rules: ColumnType<unknown, string, string>;
  revision: Generated<number>;
  updated_by: string | null;
  updated_at: Timestamp;
}

export type AwardProposalStatus = "draft" | "pending" | "approved" | "rejected" | "returned" | "withdrawn";

/** 決裁起案: a proposal to award one quote, with its frozen snapshot (app/domain/award/proposal.ts) and route. */
export interface AwardProposalsTable {
  id: Generated<string>;
  rfq_id: string;
  buyer_org_id: string;
  proposed_by: string;
  quote_id: string;
  amount_yen: Money;
  rationale: string;
  specific_rationale: string | null;
  specific_triggers: ColumnType<unknown, string | undefined, string>;
  snapshot: ColumnType<unknown, string, string>;
  snapshot_sha256: string;
  route_steps: ColumnType<unknown, string, string>;
  route_revision: number;
  /** The reason not-selected vendors read (null only on proposals made before it was asked for). */
  debrief_reason: ColumnType<string | null, string | null | undefined, string | null>;
  /** Each edit by the proposer starts the next round; decisions of earlier rounds are void. */
  round: Generated<number>;
  status: ColumnType<AwardProposalStatus, AwardProposalStatus | undefined, AwardProposalStatus>;
  created_at: Timestamp;
  updated_at: Timestamp;
  decided_at: NullableTimestamp;
  /** The red flags shown when proposing, each acknowledged by the proposer (decision 0051; [] before it). */
  red_flags: ColumnType<unknown, string | undefined, string>;
}

export type AwardStatus = "offered" | "accepted" | "declined";

export interface AwardsTable {
  id: Generated<string>;
  rfq_id: string;
  buyer_org_id: string;
  proposal_id: string;
  quote_id: string;
  vendor_org_id: string;
  amount_yen: Money;
  /** What not-selected vendors read as the buyer's reason (the proposal's rationale stays internal). */
  debrief_reason: string;
  status: ColumnType<AwardStatus, AwardStatus | undefined, AwardStatus>;
  respond_by: ColumnType<Date, Date | string, Date | string>;
  standstill_ends_at: NullableTimestamp;
  responded_at: NullableTimestamp;
  responded_by: ColumnType<string | null, string | null | undefined, string | null>;
  decline_reason: ColumnType<string | null, string | null | undefined, string | null>;
  created_at: Timestamp;
}

export type ContractStatus = "draft" | "active";

/** A contract made from an accepted award (decision 0028); its content lives in `contract_versions`. */
export interface ContractsTable {
  id: Generated<string>;
  rfq_id: string;
  award_id: string;
  quote_id: string;
  buyer_org_id: string;
  vendor_org_id: string;
  status: ColumnType<ContractStatus, ContractStatus | undefined, ContractStatus>;
  current_version: Generated<number>;
  outside_scope: Generated<boolean>;
  outside_scope_reason: ColumnType<string | null, string | null | undefined, string | null>;
  created_by: string;
  created_at: Timestamp;
  updated_at: Timestamp;
  activated_at: NullableTimestamp;
  activated_by: ColumnType<string | null, string | null | undefined, string | null>;
  /** Deliveries (decision 0039): the inspection window in days when a milestone sets none, and みなし検収. */
  inspection_days: Generated<number>;
  deemed_acceptance: Generated<boolean>;
}

export interface ContractVersionsTable {
  contract_id: string;
  version: number;
  content: ColumnType<unknown, string, string>;
  change_reason: string;
  created_by: string;
  created_at: Timestamp;
}

export type StoredDocumentKind = "purchase_order" | "approval_packet" | "invoice";

/** A printed document rendered once: its bytes and SHA-256 (decision 0028). */
export interface DocumentsTable {
  id: Generated<string>;
  kind: StoredDocumentKind;
  subject_id: string;
  rfq_id: string;
  buyer_org_id: string;
  vendor_org_id: string | null;
  locale: "ja" | "en";
  file_name: string;
  sha256: string;
  byte_size: number;
  bytes: ColumnType<Buffer, Buffer | Uint8Array, Buffer | Uint8Array>;
  created_at: Timestamp;
}

/** A not-selected vendor's one question during an award's standstill, and the buyer's one answer. */
export interface AwardQuestionsTable {
  id: Generated<string>;
  award_id: string;
  quote_id: string;
  vendor_org_id: string;
  asked_by: string;
  body: string;
  asked_at: Timestamp;
  answer: ColumnType<string | null, string | null | undefined, string | null>;
  answered_by: ColumnType<string | null, string | null | undefined, string | null>;
  answered_at: NullableTimestamp;
}

/** A decision on a proposal's route: one per seat, step and round (app/domain/approvals/route-rules.ts). */
export interface ApprovalDecisionsTable {
  id: Generated<string>;
  seq: Generated<number>;
  proposal_id: ColumnType<string | null, string | null | undefined, string | null>;
  round: number;
  step_index: number;
  /** Exactly one subject: an award proposal or a change request (decision 0041). */
  change_request_id: ColumnType<string | null, string | null | undefined, string | null>;
  /** The seat: the approver named in the step. */
  approver_user_id: string;
  /** Who acted: the approver, or their delegate (代決). */
  decided_by: string;
  delegated: Generated<boolean>;
  decision: "approve" | "reject" | "return";
  comment: string | null;
  created_at: Timestamp;
}

/** 代決: `to_user_id` decides in `from_user_id`'s seat from `starts_on` to `ends_on` (Japan dates, inclusive). */
export interface ApprovalDelegationsTable {
  id: Generated<string>;
  org_id: string;
  from_user_id: string;
  to_user_id: string;
  starts_on: ColumnType<string, string, string>;
  ends_on: ColumnType<string, string, string>;
  reason: Generated<string>;
  created_by: string;
  created_at: Timestamp;
  revoked_at: NullableTimestamp;
}

export interface NotificationsTable {
  id: Generated<number>;
  user_id: string;
  kind: string;
  payload: Json;
  read_at: NullableTimestamp;
  created_at: Timestamp;
}

export type RfqAttachmentKind = "specification" | "form" | "definitions" | "other";

export interface RfqAttachmentsTable {
  id: Generated<string>;
  rfq_id: string;
  document_id: string;
  kind: RfqAttachmentKind;
  rfq_version: number;
  superseded_in_version: ColumnType<number | null, number | null | undefined, number | null>;
  name: string;
  mime: string;
  size: number;
  path: string;
  uploaded_by: string;
  created_at: Timestamp;
}

export interface QuoteAttachmentsTable {
  id: Generated<string>;
  quote_id: string;
  vendor_org_id: string;
  name: string;
  mime: string;
  size: number;
  path: string;
  uploaded_by: string;
  created_at: Timestamp;
}

/** An assigned advisor's comment on a draft RFQ's evaluation design (issue 18 item 1). */
export interface RfqDesignCommentsTable {
  id: Generated<string>;
  rfq_id: string;
  author_user_id: string;
  author_org_id: string;
  /** The criterion the comment is anchored to; null for the design as a whole (a missing KPI, the method). */
  criterion_key: string | null;
  field: "criterion" | "weight" | "scale" | "target" | "gate" | "rating" | "missing_kpi" | "scoring_method";
  body: string;
  /** A concrete change the buyer can apply in one click (shape: app/domain/evaluation). */
  suggestion: ColumnType<unknown, string | null | undefined, string | null>;
  status: ColumnType<"open" | "applied" | "declined", "open" | "applied" | "declined" | undefined, "open" | "applied" | "declined">;
  resolution_reason: string | null;
  resolved_by: string | null;
  resolved_at: NullableTimestamp;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface RfqDesignCommentRepliesTable {
  id: Generated<string>;
  comment_id: string;
  author_user_id: string;
  author_org_id: string;
  body: string;
  created_at: Timestamp;
}

export type AnnotationKind = "strength" | "risk" | "question";

/** A strength / risk / question on an opened quote or one comparison cell; never shown to vendors. */
export interface QuoteAnnotationsTable {
  id: Generated<string>;
  rfq_id: string;
  quote_id: string;
  /** The comparison cell's criterion; null for the quote as a whole. */
  criterion_key: string | null;
  kind: AnnotationKind;
  body: string;
  author_user_id: string;
  author_org_id: string;
  created_at: Timestamp;
  updated_at: Timestamp;
  withdrawn_at: NullableTimestamp;
}

/** An annotation's earlier texts, one row per edit. */
export interface QuoteAnnotationRevisionsTable {
  id: Generated<string>;
  annotation_id: string;
  kind: AnnotationKind;
  body: string;
  replaced_by: string;
  replaced_at: Timestamp;
}

/** A question sent to a quote's vendor and its answer (written once; trigger). */
export interface ClarificationRequestsTable {
  id: Generated<string>;
  rfq_id: string;
  quote_id: string;
  vendor_org_id: string;
  annotation_id: string | null;
  question: string;
  asked_by: string;
  asker_org_id: string;
  asked_at: Timestamp;
  answer: string | null;
  answered_by: string | null;
  answered_at: NullableTimestamp;
}

/** The evaluation of one RFQ: its chair (records consensus) and the price-later option. */
export interface RfqEvaluationPanelsTable {
  rfq_id: string;
  chair_user_id: string;
  price_later: Generated<boolean>;
  set_by: string;
  set_at: Timestamp;
  updated_at: Timestamp;
}

/** A named evaluator of an RFQ; `submitted_at` ends its blind phase. */
export interface RfqEvaluatorsTable {
  rfq_id: string;
  user_id: string;
  org_id: string;
  side: "buyer" | "advisor";
  added_by: string;
  added_at: Timestamp;
  submitted_at: NullableTimestamp;
}

export interface EvaluatorRatingsTable {
  rfq_id: string;
  quote_id: string;
  criterion_key: string;
  evaluator_user_id: string;
  /** On the criterion's rating scale: 1–5 or 0–100. */
  score: number;
  reason: string;
  updated_at: Timestamp;
}

export interface RatingConsensusTable {
  rfq_id: string;
  quote_id: string;
  criterion_key: string;
  score: number;
  comment: string;
  chair_user_id: string;
  recorded_at: Timestamp;
}

/** An advisory organisation's recommendation memo on an RFQ, one row per version. */
export interface RecommendationMemosTable {
  id: Generated<string>;
  rfq_id: string;
  advisor_org_id: string;
  version: number;
  status: "draft" | "published" | "superseded";
  quote_id: string | null;
  rationale: Generated<string>;
  conditions: Generated<string>;
  risks: Generated<string>;
  author_user_id: string;
  created_at: Timestamp;
  updated_at: Timestamp;
  published_at: NullableTimestamp;
}

export interface Database {
  low_quote_explanations: LowQuoteExplanationsTable;
  user_two_factor: UserTwoFactorTable;
  two_factor_recovery_codes: TwoFactorRecoveryCodesTable;
  two_factor_challenges: TwoFactorChallengesTable;
  org_two_factor_requirements: OrgTwoFactorRequirementsTable;
  outgoing_mails: OutgoingMailsTable;
  mail_preferences: MailPreferencesTable;
  market_benchmarks: MarketBenchmarksTable;
  market_benchmark_bands: MarketBenchmarkBandsTable;
  rfq_design_comments: RfqDesignCommentsTable;
  rfq_design_comment_replies: RfqDesignCommentRepliesTable;
  quote_annotations: QuoteAnnotationsTable;
  quote_annotation_revisions: QuoteAnnotationRevisionsTable;
  clarification_requests: ClarificationRequestsTable;
  rfq_evaluation_panels: RfqEvaluationPanelsTable;
  rfq_evaluators: RfqEvaluatorsTable;
  evaluator_ratings: EvaluatorRatingsTable;
  rating_consensus: RatingConsensusTable;
  recommendation_memos: RecommendationMemosTable;
  rfq_attachments: RfqAttachmentsTable;
  quote_attachments: QuoteAttachmentsTable;
  quotes: QuotesTable;
  quote_versions: QuoteVersionsTable;
  certification_types: CertificationTypesTable;
  rfqs: RfqsTable;
  rfq_versions: RfqVersionsTable;
  rfq_invitations: RfqInvitationsTable;
  rfq_questions: RfqQuestionsTable;
  notifications: NotificationsTable;
  contract_review_settings: ContractReviewSettingsTable;
  contract_reviews: ContractReviewsTable;
  contract_review_comments: ContractReviewCommentsTable;
  contract_review_documents: ContractReviewDocumentsTable;
  review_reminders: ReviewRemindersTable;
  vendor_ratings: VendorRatingsTable;
  evidence_events: EvidenceEventsTable;
  deliveries: DeliveriesTable;
  delivery_files: DeliveryFilesTable;
  delivery_reminders: DeliveryRemindersTable;
  sla_measurements: SlaMeasurementsTable;
  sla_measurement_events: SlaMeasurementEventsTable;
  sla_measurement_reminders: SlaMeasurementRemindersTable;
  rfq_advisors: RfqAdvisorsTable;
  advisor_notes: AdvisorNotesTable;
  organizations: OrganizationsTable;
  users: UsersTable;
  memberships: MembershipsTable;
  sessions: SessionsTable;
  password_reset_tokens: PasswordResetTokensTable;
  password_events: PasswordEventsTable;
  invitations: InvitationsTable;
  api_tokens: ApiTokensTable;
  login_attempts: LoginAttemptsTable;
  signup_requests: SignupRequestsTable;
  vendor_profiles: VendorProfilesTable;
  certifications: CertificationsTable;
  audit_log: AuditLogTable;
  advisor_note_revisions: AdvisorNoteRevisionsTable;
  outbox: OutboxTable;
  job_schedules: JobSchedulesTable;
  approval_route_rules: ApprovalRouteRulesTable;
  award_proposals: AwardProposalsTable;
  awards: AwardsTable;
  contracts: ContractsTable;
  contract_versions: ContractVersionsTable;
  documents: DocumentsTable;
  bafo_rounds: BafoRoundsTable;
  bafo_participants: BafoParticipantsTable;
  award_questions: AwardQuestionsTable;
  approval_decisions: ApprovalDecisionsTable;
  approval_delegations: ApprovalDelegationsTable;
  milestone_acceptances: MilestoneAcceptancesTable;
  invoice_counters: InvoiceCountersTable;
  invoices: InvoicesTable;
  invoice_receipts: InvoiceReceiptsTable;
  invoice_credits: InvoiceCreditsTable;
  invoice_reminders: InvoiceRemindersTable;
  stripe_accounts: StripeAccountsTable;
  card_payment_attempts: CardPaymentAttemptsTable;
  card_refunds: CardRefundsTable;
  card_refunds_applied: CardRefundsAppliedTable;
  refund_requests: RefundRequestsTable;
  stripe_events: StripeEventsTable;
  change_requests: ChangeRequestsTable;
  change_request_comments: ChangeRequestCommentsTable;
}

export type Organization = Selectable<OrganizationsTable>;
export type User = Selectable<UsersTable>;
export type NewUser = Insertable<UsersTable>;
export type VendorProfile = Selectable<VendorProfilesTable>;
export type VendorProfileUpdate = Updateable<VendorProfilesTable>;
export type Certification = Selectable<CertificationsTable>;
export type OutboxRow = Selectable<OutboxTable>;

/** A best-and-final-offer round on a closed RFQ (issue 15 item 1, decision 0030). */
export interface BafoRoundsTable {
  id: Generated<string>;
  rfq_id: string;
  buyer_org_id: string;
  status: ColumnType<"open" | "cancelled", "open" | "cancelled" | undefined, "open" | "cancelled">;
  deadline: Timestamp;
  created_by: string;
  created_at: Timestamp;
  updated_at: Timestamp;
  cancelled_at: NullableTimestamp;
}

/** A quote shortlisted when its round opened: the vendor's BAFO draft, then the version it submitted. */
export interface BafoParticipantsTable {
  round_id: string;
  quote_id: string;
  vendor_org_id: string;
  draft: ColumnType<unknown, string | null | undefined, string | null>;
  submitted_version: number | null;
  submitted_at: NullableTimestamp;
  updated_at: Timestamp;
}

/** 検収 of one milestone of an active contract (issue 16; decision 0034). */
export interface MilestoneAcceptancesTable {
  id: Generated<string>;
  contract_id: string;
  contract_version: number;
  milestone_index: number;
  accepted_at: DateOnly;
  accepted_by: string | null;
  created_at: Timestamp;
}

/** The last invoice sequence of a vendor, locked while a number is taken (no gaps). */
export interface InvoiceCountersTable {
  vendor_org_id: string;
  last_sequence: Generated<number>;
}

/** An issued invoice, correction or credit note; frozen by a trigger except `payment_state` and `cancelled_by`. */
export interface InvoicesTable {
  id: Generated<string>;
  vendor_org_id: string;
  buyer_org_id: string;
  contract_id: string;
  rfq_id: string;
  milestone_index: number;
  kind: "invoice" | "correction" | "credit_note";
  sequence: number;
  number: string;
  invoice_date: DateOnly;
  due_date: ColumnType<string | null, string | null, string | null>;
  total: Money;
  document: ColumnType<unknown, string, never>;
  bank_account: ColumnType<unknown, string | null, never>;
  registration_number: string;
  registration_checked_on: DateOnly;
  registration_source: string;
  references_invoice_id: string | null;
  created_by: string;
  created_at: Timestamp;
  payment_state: ColumnType<unknown, string, string>;
  cancelled_by: string | null;
}

export interface InvoiceReceiptsTable {
  id: Generated<string>;
  invoice_id: string;
  amount: Money;
  received_on: DateOnly;
  source: "bank" | "credit" | "credit_note";
  recorded_by: string;
  created_at: Timestamp;
}

/** Overpayment on an invoice, set against the vendor's next invoice to the same buyer. */
export interface InvoiceCreditsTable {
  id: Generated<string>;
  vendor_org_id: string;
  buyer_org_id: string;
  source_invoice_id: string;
  amount: Money;
  applied_to_invoice_id: string | null;
  created_at: Timestamp;
}

/** One overdue reminder per invoice and step (issue 16 item 2); the primary key makes it go out once. */
export interface InvoiceRemindersTable {
  invoice_id: string;
  step: number;
  days_overdue: number;
  balance: Money;
  sent_at: Timestamp;
}

/** A vendor's Stripe Connect Express account (decision 0035); `state` kept by `account.updated`. */
export interface StripeAccountsTable {
  vendor_org_id: string;
  account_id: string;
  state: "onboarding" | "restricted" | "enabled";
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** One Checkout Session opened for an invoice; `attempt` is per invoice and in the session's metadata. */
export interface CardPaymentAttemptsTable {
  id: Generated<string>;
  invoice_id: string;
  attempt: number;
  session_id: string;
  session_url: string;
  expires_at: Timestamp;
  payment_intent_id: string | null;
  succeeded_at: NullableTimestamp;
  destination_account_id: string;
  amount: Money;
  application_fee: Money;
  created_by: string;
  created_at: Timestamp;
}

/** A refund asked of Stripe by a platform admin; the invoice moves when `charge.refunded` arrives. */
export interface CardRefundsTable {
  id: Generated<string>;
  attempt_id: string;
  invoice_id: string;
  sequence: number;
  refund_id: string;
  amount: Money;
  reason: string;
  requested_by: string;
  created_at: Timestamp;
}

/** A buyer's request that a card payment be refunded; null amount = all that is left (decision 0035). */
export interface RefundRequestsTable {
  id: Generated<string>;
  invoice_id: string;
  requested_by: string;
  buyer_org_id: string;
  amount: ColumnType<number | null, number | null, number | null>;
  reason: string;
  status: ColumnType<"open" | "refunded" | "declined", "open" | "refunded" | "declined" | undefined, "open" | "refunded" | "declined">;
  decided_by: string | null;
  decided_at: NullableTimestamp;
  decision_note: string | null;
  created_at: Timestamp;
}

/** One rise of a card attempt's refunded figure, as a webhook applied it: a 取引書類 (money returned). */
export interface CardRefundsAppliedTable {
  id: Generated<string>;
  attempt_id: string;
  invoice_id: string;
  /** The step: the new cumulative refunded figure minus the previous one (yen, > 0). */
  amount: Money;
  /** The attempt's cumulative refunded figure after this step. */
  refunded_total: Money;
  event_id: string;
  refunded_at: Timestamp;
}

/** Every verified Stripe webhook event, stored once (primary key) in the transaction that applies it. */
export interface StripeEventsTable {
  event_id: string;
  type: string;
  invoice_id: string | null;
  outcome: string;
  received_at: Timestamp;
}

/** A delivery round of a milestone (decision 0039): pending until the buyer accepts or rejects it (or it is deemed accepted). */
export type DeliveryStatus = "pending" | "accepted" | "rejected";
export interface DeliveriesTable {
  id: Generated<string>;
  contract_id: string;
  buyer_org_id: string;
  vendor_org_id: string;
  milestone_index: number;
  round: number;
  note: string;
  links: ColumnType<string[], string | undefined, string>;
  status: DeliveryStatus;
  submitted_on: DateOnly;
  window_ends_on: DateOnly;
  submitted_by: string;
  submitted_at: Timestamp;
  decided_on: ColumnType<string | null, string | null | undefined, string | null>;
  decided_by: ColumnType<string | null, string | null | undefined, string | null>;
  decided_at: NullableTimestamp;
  deemed: Generated<boolean>;
  rejection_reason: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface DeliveryFilesTable {
  id: Generated<string>;
  delivery_id: string;
  vendor_org_id: string;
  name: string;
  mime: string;
  size: number;
  path: string;
  created_at: Generated<Date>;
}

export interface DeliveryRemindersTable {
  contract_id: string;
  milestone_index: number;
  kind: "due_soon" | "overdue" | "window_closing";
  subject: string;
  sent_at: Generated<Date>;
}

/** A change request of an active contract (issue 17 item 3; decision 0041). */
export interface ChangeRequestsTable {
  id: Generated<string>;
  contract_id: string;
  buyer_org_id: string;
  vendor_org_id: string;
  number: number;
  proposed_side: "buyer" | "vendor";
  proposed_by: string;
  title: string;
  description: string;
  price_impact_yen: Money;
  /** The impact as app/domain/contracts/change-request.ts checks it (ChangeImpact). */
  impact: ColumnType<unknown, string, string>;
  base_version: number;
  status: "proposed" | "in_route" | "approved" | "rejected" | "withdrawn";
  route_steps: ColumnType<unknown, string | null | undefined, string | null>;
  route_revision: number | null;
  round: Generated<number>;
  routed_by: string | null;
  decided_by: string | null;
  decided_at: NullableTimestamp;
  rejection_reason: string | null;
  applied_version: number | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** One comment on a change request, from either side (both sides read the thread). */
export interface ChangeRequestCommentsTable {
  id: Generated<string>;
  seq: Generated<number>;
  change_request_id: string;
  side: "buyer" | "vendor";
  author_user_id: string;
  body: string;
  created_at: Timestamp;
}

export type LowQuoteTopic = "costs" | "assumptions" | "staffing";

/**
 * An explanation request for an abnormally low quote (migration 2026121202, decision 0051): the buyer's topics,
 * message and reply-by date (vendor-readable, no figures), the vendor's answer per topic (once), the buyer's
 * assessment (once, after the answer).
 */
export interface LowQuoteExplanationsTable {
  id: Generated<string>;
  rfq_id: string;
  quote_id: string;
  quote_version: number;
  buyer_org_id: string;
  vendor_org_id: string;
  trigger: "abnormally_low" | "low_bid_investigation";
  /** LowQuoteTopic[] as JSON. */
  topics: ColumnType<unknown, string, never>;
  message: Generated<string>;
  /** A calendar date (YYYY-MM-DD). */
  reply_by: ColumnType<string, string, never>;
  requested_by: string;
  requested_at: Timestamp;
  /** Partial<Record<LowQuoteTopic, string>> as JSON; null until answered. */
  answer: ColumnType<unknown, string | null | undefined, string | null>;
  answered_by: string | null;
  answered_at: NullableTimestamp;
  assessment: "satisfactory" | "unsatisfactory" | null;
  assessment_note: string | null;
  assessed_by: string | null;
  assessed_at: NullableTimestamp;
}

/** Market benchmarks (migration 2026121201, decision 0048): one cell per kind × category × key × phase ('' = all). */
export interface MarketBenchmarksTable {
  kind: "committed" | "delivered" | "unit_price" | "tco_month";
  category: string;
  key: string;
  phase: string;
  unit: "rate" | "yen" | "value";
  published: boolean;
  reason: "too_few_buyers" | "too_few_vendors" | "vendor_share" | null;
  median: number | null;
  q1: number | null;
  q3: number | null;
  n: number | null;
  computed_at: Timestamp;
}

/** The band of a vendor's own committed values in a published cell: all a vendor is told of a benchmark. */
export interface MarketBenchmarkBandsTable {
  vendor_org_id: string;
  kind: "committed" | "delivered" | "unit_price" | "tco_month";
  category: string;
  key: string;
  phase: string;
  band: "upper_quartile" | "upper_half" | "lower_half" | "lower_quartile";
}

/** A user's authenticator app (decision 0052): the encrypted TOTP secret, enabled once a code was confirmed. */
export interface UserTwoFactorTable {
  user_id: string;
  secret_enc: string;
  enabled_at: NullableTimestamp;
  /** The 30-second step of the last accepted code; codes of that step or earlier are refused (no replay). */
  last_used_step: ColumnType<number | null, number | null | undefined, number | null>;
  created_at: Timestamp;
}

/** Ten single-use recovery codes per user, kept only as keyed hashes. */
export interface TwoFactorRecoveryCodesTable {
  id: Generated<string>;
  user_id: string;
  code_hash: string;
  used_at: NullableTimestamp;
  created_at: Timestamp;
}

/** Between a correct password and the code: not a session; the browser holds the token, the row its hash. */
export interface TwoFactorChallengesTable {
  token_hash: string;
  user_id: string;
  redirect_to: string;
  failures: Generated<number>;
  expires_at: Timestamp;
  created_at: Timestamp;
}

/** A row: the organisation requires two-factor sign-in of every member. */
export interface OrgTwoFactorRequirementsTable {
  org_id: string;
  required_by: string;
  required_at: Timestamp;
}

/** A rendered mail for the `mail.send` job (decision 0054); subject and bodies are cleared once sent or skipped. */
export interface OutgoingMailsTable {
  id: Generated<string>;
  recipient: string;
  user_id: string | null;
  kind: string;
  locale: string;
  subject: string;
  text_body: string;
  html_body: string | null;
  created_at: Generated<Date>;
  sent_at: NullableTimestamp;
  skipped_at: NullableTimestamp;
}

/** A user's choice for one kind of notification mail; no row = on. */
export interface MailPreferencesTable {
  user_id: string;
  kind: string;
  enabled: boolean;
  updated_at: Timestamp;
}
