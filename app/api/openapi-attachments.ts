import { z } from "zod";
import { ATTACHMENT_TYPES, MAX_ATTACHMENT_BYTES, RFQ_ATTACHMENT_KINDS } from "~/domain/attachments/files";
import { idParameter, methodNotAllowed, ok, problem, unauthorized } from "./openapi-helpers";

// The attachment endpoints of RFQs and quotes (spread into openapi.ts). Uploads are multipart/form-data;
// downloads answer the file itself as an attachment (Content-Disposition, nosniff).

const File = z.object({
  id: z.string().uuid(),
  name: z.string().describe("The uploader's file name, cleaned, with the extension of the checked type"),
  mime: z.enum(ATTACHMENT_TYPES as [string, ...string[]]),
  size: z.number().int(),
  uploadedAt: z.string().describe("ISO 8601"),
  url: z.string().describe("Downloads the file through the API (Bearer token)"),
});

const RfqFile = File.extend({
  documentId: z.string().uuid().describe("Shared by a file and the files that replaced it"),
  kind: z.enum(RFQ_ATTACHMENT_KINDS),
  rfqVersion: z.number().int().describe("The RFQ version the file first belongs to"),
  supersededInVersion: z.number().int().nullable().describe("The version from which it no longer belongs (replaced or removed)"),
  state: z
    .enum(["current", "pending", "pendingRemoval", "replaced", "removed"])
    .describe("pending / pendingRemoval: goes out (or leaves) with the next version; the buyer alone sees pending files"),
});

const RfqFileList = z.object({
  version: z.number().int().describe("The RFQ's current version"),
  data: z.array(RfqFile).describe("The files of the current version (and, for the buyer, pending changes)"),
  history: z.array(RfqFile).describe("Old versions of replaced files and removed files, still downloadable"),
});
const QuoteFile = File.extend({ quoteId: z.string().uuid() });
const QuoteFileList = z.object({ data: z.array(QuoteFile) });

const fileBody = (extra: Record<string, object>, required: string[]) => ({
  required: true,
  content: {
    "multipart/form-data": {
      schema: {
        type: "object",
        required: ["file", ...required],
        properties: { file: { type: "string", contentMediaType: "application/octet-stream" }, ...extra },
      },
      encoding: { file: { contentType: ATTACHMENT_TYPES.join(", ") } },
    },
  },
});
const fileChecks = `PDF, Word (.docx), Excel (.xlsx), PowerPoint (.pptx), PNG or JPEG of at most ${MAX_ATTACHMENT_BYTES} bytes whose content must match its type. Nothing is stored when anything is refused.`;
const download = {
  description: "The file, as an attachment",
  content: { "application/octet-stream": { schema: { type: "string", contentMediaType: "application/octet-stream" } } },
};
const attachmentParameters = (what: string) => [
  ...idParameter(what),
  { name: "attachmentId", in: "path", required: true, description: "Attachment id", schema: { type: "string", format: "uuid" } },
];

export function attachmentPaths() {
  return {
    "/api/v1/rfqs/{id}/attachments": {
      parameters: idParameter("RFQ id"),
      get: {
        operationId: "listRfqAttachments",
        summary: "The RFQ's attachments, for whoever may read the RFQ (vendors: published versions only)",
        responses: { "200": ok("OK", RfqFileList), "401": unauthorized, "404": problem("No such RFQ, or not visible to the caller") },
      },
      post: {
        operationId: "uploadRfqAttachment",
        summary: "Attach a file to the buyer's RFQ, or replace one (`replaces`); after publication it goes out with the next addendum",
        description: fileChecks,
        requestBody: fileBody(
          {
            kind: { type: "string", enum: [...RFQ_ATTACHMENT_KINDS] },
            replaces: { type: "string", format: "uuid", description: "The file this one replaces" },
          },
          ["kind"],
        ),
        responses: {
          "201": ok("Created", RfqFile),
          "400": problem("Invalid file or fields; `errors` lists each (including `file`) in the caller's language"),
          "401": unauthorized,
          "404": problem("No such RFQ of the caller's organisation"),
          "405": methodNotAllowed,
          "409": problem("The RFQ no longer takes changes"),
          "413": problem("The file is far larger than allowed"),
          "415": problem("Not multipart/form-data"),
        },
      },
    },
    "/api/v1/rfqs/{id}/attachments/{attachmentId}": {
      parameters: attachmentParameters("RFQ id"),
      get: {
        operationId: "downloadRfqAttachment",
        summary: "Download one file of the RFQ",
        responses: { "200": download, "401": unauthorized, "404": problem("No such file, or not visible to the caller") },
      },
    },
    "/api/v1/quotes/{id}/attachments": {
      parameters: idParameter("Quote id"),
      get: {
        operationId: "listQuoteAttachments",
        summary: "A quote's attachments, sealed like the quote: its vendor always, the buyer and assigned advisors once the quotes are opened",
        responses: { "200": ok("OK", QuoteFileList), "401": unauthorized, "404": problem("No such quote, or not readable by the caller now") },
      },
      post: {
        operationId: "uploadQuoteAttachment",
        summary: "Attach a proposal document to the vendor's own quote (draft or submitted, before the deadline)",
        description: fileChecks,
        requestBody: fileBody({}, []),
        responses: {
          "201": ok("Created", QuoteFile),
          "400": problem("Invalid file; `errors` lists it under `file` in the caller's language"),
          "401": unauthorized,
          "404": problem("No such quote of the caller's organisation"),
          "405": methodNotAllowed,
          "409": problem("The quote no longer takes changes (deadline passed, or withdrawn)"),
          "413": problem("The file is far larger than allowed"),
          "415": problem("Not multipart/form-data"),
        },
      },
    },
    "/api/v1/quotes/{id}/attachments/{attachmentId}": {
      parameters: attachmentParameters("Quote id"),
      get: {
        operationId: "downloadQuoteAttachment",
        summary: "Download one file of a quote (sealed like the quote)",
        responses: { "200": download, "401": unauthorized, "404": problem("No such file, or not readable by the caller now") },
      },
    },
  };
}
