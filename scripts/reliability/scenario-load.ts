import { Recorder, runWorkers, type Client } from "./client";
import { missingAcks, type openPool } from "./checks";
import { rowFrom, type Row } from "./report";
import { Acks, answerQuestion, askQuestion, pick, reviseQuote, type Targets } from "./workload";

// Scenario 1: a mixed workload at `connections` concurrent requests for `seconds`, spread over the processes.
// Writes: vendors revising quotes, asking questions, buyers answering them. Reads: the comparison of opened RFQs,
// RFQ search, RFQ lists. Checks: no 5xx, and every acknowledged write is in the database afterwards.

export async function loadScenario(
  client: Client,
  pool: ReturnType<typeof openPool>,
  targets: Targets,
  options: { seconds: number; connections: number },
): Promise<Row> {
  const rec = new Recorder();
  const acks = new Acks();
  const pending: { id: string; rfqId: string }[] = [];
  const end = Date.now() + options.seconds * 1000;
  const unexpected: string[] = [];
  await runWorkers(
    options.connections,
    () => Date.now() >= end,
    async () => {
      const r = Math.random();
      let a;
      if (r < 0.3) a = await reviseQuote(client, pick(targets.quotes), acks);
      else if (r < 0.36) a = await askQuestion(client, pick(targets.quotes), acks, pending);
      else if (r < 0.42) a = (await answerQuestion(client, targets, acks, pending)) ?? (await client.request("/api/v1/me", { token: pick(targets.buyers) }));
      else if (r < 0.7) {
        const c = pick(targets.comparisons);
        a = await client.request(`/api/v1/rfqs/${c.rfqId}/comparison`, { token: c.token });
      } else if (r < 0.9) a = await client.request(`/api/v1/search/rfqs?q=${encodeURIComponent(pick(targets.searchWords))}`, { token: pick(targets.buyers) });
      else a = await client.request("/api/v1/rfqs?status=open", { token: pick(targets.quotes).token });
      rec.add(a);
      // Anything but a success is unexpected in this scenario (nothing is broken on purpose): keep a sample.
      if ((a.status < 200 || a.status >= 300) && unexpected.length < 5) unexpected.push(`${a.what} → ${a.status} ${a.body.slice(0, 160)}`);
    },
  );
  rec.stop();
  const lost = await missingAcks(pool, acks);
  const nonSuccess = rec.countOf((s) => s < 200 || s >= 300);
  const pass = rec.serverErrors === 0 && lost === 0 && rec.networkErrors === 0 && acks.total > 0;
  return rowFrom("1 load", rec, {
    lostWrites: lost,
    pass,
    notes: [
      `${options.connections} connections for ${options.seconds} s over the app processes; statuses ${JSON.stringify(rec.summary())}`,
      `acknowledged writes ${acks.total} (quote versions ${acks.quoteVersions.length}, questions ${acks.questions.length}, answers ${acks.answers.length}); missing in the database ${lost}`,
      ...(nonSuccess ? [`non-2xx answers ${nonSuccess}, e.g. ${unexpected.join(" / ")}`] : []),
    ],
  });
}
