import type { DocDate } from "./types";

/** A document date as a moment: a bare "YYYY-MM-DD" is that day in Japan (midnight JST). */
export function documentDate(d: DocDate): Date {
  return typeof d === "string" && /^\d{4}-\d{2}-\d{2}$/.test(d) ? new Date(`${d}T00:00:00+09:00`) : new Date(d);
}
