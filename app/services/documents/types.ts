// What the two award documents are drawn from: plain objects the award and contract services fill in. Every text
// arrives in the document's language already (names, rationales, the stability sentence, the legal line); the
// renderer adds only its own labels (from messages-documents) and formats amounts and dates.
import type { TaxRate } from "~/domain/documents/order-totals";

/** A calendar day ("2026-12-07", a day in Japan) or a moment. */
export type DocDate = Date | string;

export type ApprovalDecision = "approved" | "rejected" | "returned";

export type ApprovalPacketDocument = {
  /** The proposal's number, printed top right (e.g. "RINGI-2026-0042"). */
  documentNumber: string;
  /** 起案日: the proposal's date; also the PDF's creation date, so it fixes the file's bytes. */
  proposedAt: DocDate;
  buyer: { name: string; department?: string };
  proposer: { name: string; title?: string };
  rfq: { title: string; reference?: string };
  proposed: {
    vendorName: string;
    /** e.g. "Q-118 v2 (BAFO)" */
    quoteReference?: string;
    /** Integer yen. */
    amount: number;
    taxIncluded: boolean;
  };
  /** The written rationale first; the second, specific one when the proposal needed it. At least one. */
  rationales: string[];
  /** The scoring method in words, e.g. "加重和（AHP で重み付け）". */
  method?: string;
  ranking: { rank: number; vendorName: string; score: number; tco: number; proposed?: boolean }[];
  /** The stability of the decision in words, as the scoring module worded it in this language. */
  stability: string;
  advisors: { organisation: string; name?: string; recommendsVendor?: string | null; note: string }[];
  /** Published recommendation memos of assigned advisory organisations (issue 18); absent in packets of older snapshots. */
  memos?: {
    organisation: string;
    version: number;
    publishedAt: DocDate;
    recommendsVendor: string | null;
    rationale: string;
    conditions: string;
    risks: string;
  }[];
  /** Evaluators' annotations with their clarifications, by vendor (issue 18); absent in packets of older snapshots. */
  annotations?: {
    vendorName: string;
    /** The comparison cell's criterion in words, when the annotation is on one. */
    criterion?: string;
    kind: "strength" | "risk" | "question";
    body: string;
    author: string;
    clarification?: { question: string; answer: string | null };
  }[];
  /** Decision 0051: the abnormally low quotes as frozen, in words and yen; absent in packets of older snapshots. */
  abnormallyLow?: { vendorName: string; reasons: string }[];
  /** Decision 0051: the explanation requests with the answers and the assessment; absent in packets of older snapshots. */
  explanations?: {
    heading: string;
    message: string;
    answers: { topic: string; answer: string }[];
    answered: string | null;
    assessment: string;
    note: string | null;
  }[];
  /** Decision 0051: the red flags in words, each with who acknowledged it and when. */
  redFlags?: { text: string; acknowledged: string }[];
  /** 承認ルート: steps in order; a step with required < approvers.length is an N-of-M step. */
  route: {
    label: string;
    required: number;
    approvers: {
      name: string;
      title?: string;
      decision?: ApprovalDecision | null;
      decidedAt?: DocDate | null;
      /** 代決: the approver this person decided for. */
      onBehalfOf?: string | null;
    }[];
  }[];
  /** SHA-256 (hex) of the proposal's frozen snapshot. */
  snapshotSha256: string;
};

export type DocumentParty = {
  name: string;
  /** Lines of the postal address, e.g. ["〒100-0005", "東京都千代田区丸の内1-1-1"]. */
  address?: string[];
  department?: string;
  contact?: string;
  phone?: string;
  /** 適格請求書発行事業者登録番号 ("T" and 13 digits), when the party has one. */
  registrationNumber?: string | null;
};

export type PurchaseOrderDocument = {
  orderNumber: string;
  /** 発注日; also the PDF's creation date. */
  issuedAt: DocDate;
  buyer: DocumentParty;
  vendor: DocumentParty;
  /** 件名, e.g. the RFQ's title. */
  subject: string;
  /** Tax-exclusive unit prices in integer yen. */
  lines: { description: string; quantity: number; unit: string; unitPrice: number; taxRate: TaxRate }[];
  term: { from: DocDate; to: DocDate } | null;
  milestones: { name: string; dueDate: DocDate; amount: number; acceptance?: string }[];
  /** Whether the milestones' amounts include consumption tax. */
  milestoneAmountsIncludeTax: boolean;
  paymentTerms: string;
  /** The legal due-date line, worded by the contract rules (e.g. 60-day rule), printed as given. */
  legalDueDateLine: string;
  notes?: string;
};
