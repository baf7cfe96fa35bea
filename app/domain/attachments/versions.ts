import { t, type Locale } from "~/i18n";

// RFQ attachments follow the RFQ's versions. A file belongs to the versions from `rfqVersion` up to (not
// including) `supersededInVersion`; a version above the RFQ's current one is a change the next
// publication brings out. Pure: the service reads the rows, these decide what each reader sees.

export interface VersionedAttachment {
  id: string;
  documentId: string;
  name: string;
  rfqVersion: number;
  supersededInVersion: number | null;
}

export type AttachmentState =
  { state: "current" } | { state: "pending" } | { state: "pendingRemoval" } | { state: "replaced" | "removed"; lastVersion: number; supersededIn: number };

/** Where a file stands at the RFQ's current version; `documents` tells a replaced file from a removed one. */
export function attachmentState(file: VersionedAttachment, currentVersion: number, documents: readonly VersionedAttachment[]): AttachmentState {
  if (file.rfqVersion > currentVersion) return { state: "pending" };
  const until = file.supersededInVersion;
  if (until === null) return { state: "current" };
  if (until > currentVersion) return { state: "pendingRemoval" };
  const successor = documents.some((other) => other.documentId === file.documentId && other.rfqVersion === until);
  return { state: successor ? "replaced" : "removed", lastVersion: until - 1, supersededIn: until };
}

/** What a vendor may see: only what a published version contains (pending changes stay the buyer's). */
export function isPublishedAttachment(file: VersionedAttachment, currentVersion: number): boolean {
  return file.rfqVersion <= currentVersion;
}

export type AttachmentChange = { change: "added" | "replaced" | "removed"; name: string };

/** The changes the version `version` makes to the attachments (what its addendum's summary lists). */
export function attachmentChangesIn(files: readonly VersionedAttachment[], version: number): AttachmentChange[] {
  const changes: AttachmentChange[] = [];
  for (const file of files) {
    if (file.rfqVersion === version) {
      const replaced = files.some((other) => other.documentId === file.documentId && other.supersededInVersion === version);
      changes.push({ change: replaced ? "replaced" : "added", name: file.name });
    } else if (file.supersededInVersion === version) {
      const replaced = files.some((other) => other.documentId === file.documentId && other.rfqVersion === version);
      if (!replaced) changes.push({ change: "removed", name: file.name });
    }
  }
  return changes;
}

/** The buyer's change summary with the attachment changes listed after it, in the buyer's language. */
export function summaryWithAttachmentChanges(summary: string, changes: readonly AttachmentChange[], locale: Locale): string {
  if (changes.length === 0) return summary;
  const lines = changes.map(({ change, name }) => `- ${t(locale, `attachments.summary.${change}`, { name })}`);
  return [summary.trimEnd(), "", t(locale, "attachments.summary.heading"), ...lines].join("\n");
}
