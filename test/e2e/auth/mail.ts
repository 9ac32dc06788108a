// Reads the emails the e2e auth server's loopback SMTP server received (scripts/e2e-auth-server.ts).
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { expect } from "@playwright/test";

export type Mail = {
  to: string[];
  subject: string;
  text: string;
  /** The HTML part (a drill email has one), decoded; absent for a text-only message. */
  html?: string;
  headers?: Record<string, string>;
};

const dir = path.resolve("test-results/e2e-auth/mail");

export function allMail(): Mail[] {
  let files: string[] = [];
  try {
    files = readdirSync(dir).filter((f) => f.endsWith(".json"));
  } catch {
    return [];
  }
  return files.sort().map((f) => JSON.parse(readFileSync(path.join(dir, f), "utf8")) as Mail);
}

/** Waits (up to 60 s: the outbox runs on a tick) for the newest email to this address matching `subject`. */
export async function waitForMail(to: string, subject: RegExp, since = 0): Promise<Mail> {
  let found: Mail | undefined;
  await expect
    .poll(
      () => {
        found = allMail()
          .slice(since)
          .filter((m) => m.to.includes(to.toLowerCase()) && subject.test(m.subject))
          .at(-1);
        return Boolean(found);
      },
      { timeout: 60_000, intervals: [500] },
    )
    .toBe(true);
  return found!;
}

/** The first link in an email's text that starts with `prefix` (an absolute URL of the app). */
export function linkIn(mail: Mail, prefix: RegExp): string {
  const url = mail.text.match(/https?:\/\/\S+/g)?.find((u) => prefix.test(u));
  expect(url, `a link matching ${prefix} in "${mail.subject}"`).toBeTruthy();
  return url!;
}
