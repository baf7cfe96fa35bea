import { sameJson } from "~/domain/canonical-json";

/**
 * What each published version changed against the one before, as field paths (["criteria", 1, "weight"],
 * ["budget", "max"], ["lineItems"]), which `rfqFieldWords` turns into words. Pure: the caller chooses the
 * view each version is compared in — the buyer's full content, or the vendor projection (vendor-view.ts),
 * so a change to a field vendors may not read never shows up in what they see, not even as a name.
 */

export type FieldPath = (string | number)[];

export interface PublishedVersion {
  version: number;
  content: unknown;
  changeSummary: string;
  publishedAt: Date;
}

export interface VersionChanges<View> {
  version: number;
  changeSummary: string;
  publishedAt: Date;
  /** Empty for the first version, and for an addendum that changed nothing this view shows. */
  changes: FieldPath[];
  /** The version in the chosen view, for naming list items ("評価基準2「正確性」"). */
  view: View | null;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

function changedKeys(before: Record<string, unknown>, after: Record<string, unknown>): string[] {
  return [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((key) => !sameJson(before[key], after[key]));
}

/** Paths that differ: one level into objects, list items by position (a longer or shorter list is the list itself). */
export function changedPaths(before: unknown, after: unknown): FieldPath[] {
  if (!isRecord(before) || !isRecord(after)) return sameJson(before, after) ? [] : [[]];
  return changedKeys(before, after).flatMap((key): FieldPath[] => {
    const was = before[key];
    const now = after[key];
    if (Array.isArray(was) && Array.isArray(now) && was.length === now.length) {
      return now.flatMap((item, index): FieldPath[] => {
        if (sameJson(was[index], item)) return [];
        if (isRecord(was[index]) && isRecord(item)) return changedKeys(was[index] as Record<string, unknown>, item).map((sub) => [key, index, sub]);
        return [[key, index]];
      });
    }
    if (isRecord(was) && isRecord(now)) return changedKeys(was, now).map((sub) => [key, sub]);
    return [[key]];
  });
}

/** The history oldest first, each version compared with the previous one in `view` (null: nothing shown). */
export function versionHistory<View>(versions: readonly PublishedVersion[], view: (content: unknown) => View | null): VersionChanges<View>[] {
  const ordered = [...versions].sort((a, b) => a.version - b.version);
  let previous: View | null = null;
  return ordered.map((version, index) => {
    const current = view(version.content);
    const changes = index === 0 || previous === null || current === null ? [] : changedPaths(previous, current);
    previous = current;
    return { version: version.version, changeSummary: version.changeSummary, publishedAt: version.publishedAt, changes, view: current };
  });
}
