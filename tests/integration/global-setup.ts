import type { TestProject } from "vitest/node";
import { startTestServices } from "../support/services";

declare module "vitest" {
  export interface ProvidedContext {
    databaseUrl: string;
    meiliUrl: string;
    meiliKey: string;
  }
}

// One real PostgreSQL server and one real Meilisearch for the whole integration run;
// every test file then creates its own database and index prefix on them.
export default async function setup(project: TestProject) {
  const services = await startTestServices();
  project.provide("databaseUrl", services.databaseUrl);
  project.provide("meiliUrl", services.meiliUrl);
  project.provide("meiliKey", services.meiliKey);
  return () => services.stop();
}
