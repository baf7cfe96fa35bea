// The award's printed documents (server only): 稟議書 and 発注書 as deterministic A4 PDFs.
export { renderApprovalPacketPdf } from "./approval-packet.server";
export { renderPurchaseOrderPdf } from "./purchase-order.server";
export type { ApprovalDecision, ApprovalPacketDocument, DocDate, DocumentParty, PurchaseOrderDocument } from "./types";
