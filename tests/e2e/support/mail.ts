import { expect } from "@playwright/test";
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";

// The e2e server's local mailer writes each mail to DATA_DIR/mail (scripts/lib/runtime.ts);
// `npm test` gives the server and the tests the same DATA_DIR.
const mailDir = () => path.join(process.env.DATA_DIR ?? ".data", "mail");

function newestLinkTo(email: string): string | null {
  let files: string[];
  try {
    files = readdirSync(mailDir()).sort();
  } catch {
    return null;
  }
  for (const file of files.reverse()) {
    const text = readFileSync(path.join(mailDir(), file), "utf8");
    if (!text.startsWith(`To: ${email}\n`)) continue;
    return /https?:\/\/[^\s/]+(\/\S+)/.exec(text)?.[1] ?? null;
  }
  return null;
}

/** The path of the first app link in the newest mail to `email`, waiting for the mail to arrive. */
export async function linkMailedTo(email: string): Promise<string> {
  let link: string | null = null;
  await expect.poll(() => (link = newestLinkTo(email)), { message: `a mail to ${email}` }).not.toBeNull();
  return link!;
}
