import { enqueueVendorsWithFacts } from "../../db/queries/track-records";
import type { ScheduleDefinition } from "./runner";
import { dailyAtTokyoMidnight } from "./schedule";

// The track record is recency-weighted as of the day it is read (decision 0038): pages and the ranking weigh it
// with the app's clock on every read, but the vendors index and the quotes index hold it as of their last refresh.
// Once a day each vendor with facts is queued on the `vendor` topic (one INSERT … SELECT), and the indexer brings
// its document and the rankings of the RFQs it quoted on up to the day. A day's decay is at most 0.1 % of a weight
// (2^(−1/730)), so a daily refresh is as fine as any reader could notice.
export const trackRecordRefreshSchedule: ScheduleDefinition = {
  name: "search.track-record-refresh",
  cadence: dailyAtTokyoMidnight(),
  async run({ trx }) {
    await enqueueVendorsWithFacts(trx);
  },
};
