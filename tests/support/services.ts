import os from "node:os";
import path from "node:path";
import { mkdtempSync, rmSync } from "node:fs";
import { startBundledMeilisearch } from "../../search/server";
import { startPostgres } from "./postgres";

export interface TestServices {
  databaseUrl: string;
  meiliUrl: string;
  meiliKey: string;
  /** Restarts the bundled Meilisearch on the same port and data (null when MEILI_URL was given). */
  meiliControl: { dataDir: string; port: number } | null;
  stop(): Promise<void>;
}

/** Real PostgreSQL and real Meilisearch for tests: the ones in the environment, or throwaway ones. */
export async function startTestServices(log: (m: string) => void = () => {}): Promise<TestServices> {
  const stops: (() => Promise<void>)[] = [];
  let databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) {
    const pg = await startPostgres();
    databaseUrl = pg.url;
    stops.push(pg.stop);
    log(`PostgreSQL (throwaway) at ${pg.url}`);
  }
  let meiliUrl = process.env.MEILI_URL;
  let meiliKey = process.env.MEILI_MASTER_KEY ?? "";
  let meiliControl: TestServices["meiliControl"] = null;
  if (!meiliUrl) {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), "kurabe-meili-"));
    const meili = await startBundledMeilisearch({ dataDir });
    meiliUrl = meili.url;
    meiliKey = meili.masterKey;
    meiliControl = { dataDir, port: Number(new URL(meili.url).port) };
    stops.push(async () => {
      await meili.stop();
      rmSync(dataDir, { recursive: true, force: true });
    });
    log(`Meilisearch (throwaway) at ${meili.url}`);
  }
  return {
    databaseUrl,
    meiliUrl,
    meiliKey,
    meiliControl,
    async stop() {
      for (const s of stops.reverse()) await s();
    },
  };
}
