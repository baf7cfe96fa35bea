import { hash } from "@node-rs/argon2";
import { randomBytes } from "node:crypto";
import type pg from "pg";
import type { Client } from "./client";
import { authFindings } from "./findings-auth";
import { httpFindings } from "./findings-http";
import { dataFindings } from "./findings-data";
import type { Sessions } from "./reads";
import { skipped, type CheckResult } from "./report";
import type { Stack } from "./stack";
import type { Truth } from "./truth";

// The specific findings of issue 12, one PASS/FAIL row each (a few findings give two rows where they
// name two weaknesses). Checks that need a fresh account create one straight in the database, so they
// keep working whatever sign-up becomes (e-mail confirmation, throttling) and never lock out a demo user.

export interface FindingContext {
  client: Client;
  db: pg.Pool;
  truth: Truth;
  sessions: Sessions;
  stack: Stack;
  quick: boolean;
  log: (m: string) => void;
}

export const VICTIM_PASSWORD = "probe-victim-password-2026";

/** A new user (no organisation) with a known password, hashed with the app's algorithm (argon2id defaults). */
export async function createVictim(db: pg.Pool, label: string): Promise<string> {
  const email = `probe-${label}-${randomBytes(4).toString("hex")}@probe.example`;
  await db.query(`insert into users (email, name, password_hash) values ($1, $2, $3)`, [email, `Probe ${label}`, await hash(VICTIM_PASSWORD)]);
  return email;
}

/** A distinct loopback source address per check, so one check's failed log-ins never rate-limit another. */
export function ipFor(n: number): string {
  return `127.0.0.${10 + n}`;
}

export async function runFindings(ctx: FindingContext): Promise<CheckResult[]> {
  const rows: CheckResult[] = [];
  for (const group of [dataFindings, httpFindings, authFindings]) {
    for (const check of group) {
      ctx.log(`  ${check.name}`);
      try {
        rows.push(...(await check.run(ctx)));
      } catch (e) {
        // One check failing to run must not hide the others' figures.
        rows.push(skipped(check.name, e instanceof Error ? e.message : String(e)));
      }
    }
  }
  return rows;
}

export interface Finding {
  name: string;
  run(ctx: FindingContext): Promise<CheckResult[]>;
}
