import type { TestProject } from "vitest/node";
import { createDatabase } from "../../db/client.server";
import { migrateToLatest } from "../../db/migrate";
import { seedDemoData } from "../../db/seed";
import { createDatabaseOn } from "../support/postgres";
import { startTestServices } from "../support/services";
import { HARNESS_NOW } from "./harness-clock";

declare module "vitest" {
  export interface ProvidedContext {
    databaseUrl: string;
    meiliUrl: string;
    meiliKey: string;
    /** The demo data seeded once for the run, which `createHarness({ demo: true })` copies. */
    demoDatabase: string;
  }
}

// One real PostgreSQL server and one real Meilisearch for the whole integration run;
// every test file then creates its own database and index prefix on them.
export default async function setup(project: TestProject) {
  const services = await startTestServices();
  project.provide("databaseUrl", services.databaseUrl);
  project.provide("meiliUrl", services.meiliUrl);
  project.provide("meiliKey", services.meiliKey);
  project.provide("demoDatabase", await seededDemoTemplate(services.databaseUrl));
  return () => services.stop();
}

/**
 * Migrates and seeds one database with the demo data as of the harness clock, then closes every connection to it
 * (PostgreSQL copies a template only while nobody is connected). Files that need the demo start from a copy.
 */
async function seededDemoTemplate(serverUrl: string): Promise<string> {
  const name = `kurabe_demo_template_${process.pid}`;
  const db = await createDatabase({ url: await createDatabaseOn(serverUrl, name), poolSize: 2 });
  try {
    await migrateToLatest(db);
    await seedDemoData(db, new Date(HARNESS_NOW));
  } finally {
    await db.destroy();
  }
  return name;
}
