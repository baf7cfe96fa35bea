import { describe, expect, it } from "vitest";
import { attachmentChangesIn, attachmentState, isPublishedAttachment, summaryWithAttachmentChanges, type VersionedAttachment } from "./versions";

const file = (id: string, documentId: string, rfqVersion: number, supersededInVersion: number | null = null): VersionedAttachment => ({
  id,
  documentId,
  name: `${id}.pdf`,
  rfqVersion,
  supersededInVersion,
});

// Version 1: spec-v1 and form. Version 2 replaces the spec and removes the form. Pending (3): a new definitions file.
const specV1 = file("spec-v1", "spec", 1, 2);
const specV2 = file("spec-v2", "spec", 2);
const form = file("form", "form", 1, 2);
const definitions = file("definitions", "definitions", 3);
const all = [specV1, specV2, form, definitions];

describe("attachment versions", () => {
  it("tells current, pending, replaced and removed files apart at the RFQ's current version", () => {
    expect(attachmentState(specV2, 2, all)).toEqual({ state: "current" });
    expect(attachmentState(definitions, 2, all)).toEqual({ state: "pending" });
    expect(attachmentState(specV1, 2, all)).toEqual({ state: "replaced", lastVersion: 1, supersededIn: 2 });
    expect(attachmentState(form, 2, all)).toEqual({ state: "removed", lastVersion: 1, supersededIn: 2 });
    // Before version 2 was published, the form's removal was still pending.
    expect(attachmentState(form, 1, all)).toEqual({ state: "pendingRemoval" });
  });

  it("shows vendors only what a published version contains", () => {
    expect(all.filter((f) => isPublishedAttachment(f, 2)).map((f) => f.id)).toEqual(["spec-v1", "spec-v2", "form"]);
    expect(all.filter((f) => isPublishedAttachment(f, 0))).toEqual([]); // a draft
  });

  it("lists what each version changed: added, replaced, removed", () => {
    expect(attachmentChangesIn(all, 1)).toEqual([
      { change: "added", name: "spec-v1.pdf" },
      { change: "added", name: "form.pdf" },
    ]);
    expect(attachmentChangesIn(all, 2)).toEqual([
      { change: "replaced", name: "spec-v2.pdf" },
      { change: "removed", name: "form.pdf" },
    ]);
    expect(attachmentChangesIn(all, 3)).toEqual([{ change: "added", name: "definitions.pdf" }]);
    expect(attachmentChangesIn(all, 4)).toEqual([]);
  });

  it("appends the changes to the buyer's summary in the buyer's language, and leaves it alone without changes", () => {
    const changes = attachmentChangesIn(all, 2);
    expect(summaryWithAttachmentChanges("仕様を更新しました。", changes, "ja")).toBe(
      "仕様を更新しました。\n\n添付ファイルの変更:\n- 差し替え: spec-v2.pdf\n- 削除: form.pdf",
    );
    expect(summaryWithAttachmentChanges("Updated.", changes, "en")).toBe("Updated.\n\nAttachment changes:\n- Replaced: spec-v2.pdf\n- Removed: form.pdf");
    expect(summaryWithAttachmentChanges("締切を延長します。", [], "ja")).toBe("締切を延長します。");
  });
});
