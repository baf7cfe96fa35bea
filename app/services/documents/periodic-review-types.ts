import type { KpiRow, KpiTrend } from "~/domain/reviews/kpi-table";

/** What the PDF of a finalized periodic review prints (decision 0042): plain data, words already in the language. */
export interface PeriodicReviewDocument {
  title: string;
  period: string;
  cadence: "monthly" | "quarterly";
  finalizedAt: string;
  buyer: string;
  vendor: string;
  table: KpiRow[];
  notes: string;
  proposals: string;
  actions: { description: string; owner: string; dueDate: string }[];
  comments: { side: "buyer" | "vendor"; author: string; body: string; createdAt: string }[];
  trends: KpiTrend[];
}
