// Login throttling stored in the database, so it holds across several app servers.
import { db } from "~/db.server";

const WINDOW_MS = 15 * 60 * 1000;
export const MAX_FAILURES_PER_ACCOUNT = 5;
export const MAX_FAILURES_PER_IP = 30;

const accountKey = (email: string) => `acct:${email.toLowerCase()}`;
const ipKey = (ip: string) => `ip:${ip}`;

// An account's counter restarts after a successful login; an IP's does not (one valid account must not
// let an attacker keep guessing other accounts from the same address).
async function recentFailures(key: string, resetOnSuccess: boolean): Promise<number> {
  const since = new Date(Date.now() - WINDOW_MS);
  const lastSuccess = resetOnSuccess
    ? await db.loginAttempt.findFirst({
        where: { key, success: true, createdAt: { gte: since } },
        orderBy: { createdAt: "desc" },
        select: { createdAt: true },
      })
    : null;
  return db.loginAttempt.count({
    where: { key, success: false, createdAt: { gt: lastSuccess?.createdAt ?? since } },
  });
}

/** Whether a login for this account from this IP must be refused before checking the password. */
export async function isLoginThrottled(email: string, ip: string): Promise<boolean> {
  const [acct, byIp] = await Promise.all([
    recentFailures(accountKey(email), true),
    recentFailures(ipKey(ip), false),
  ]);
  return acct >= MAX_FAILURES_PER_ACCOUNT || byIp >= MAX_FAILURES_PER_IP;
}

export async function recordLoginAttempt(email: string, ip: string, success: boolean): Promise<void> {
  await db.loginAttempt.createMany({
    data: [
      { key: accountKey(email), success },
      { key: ipKey(ip), success },
    ],
  });
}

/** Old rows are useless to the limiter; the scheduler (or login itself, occasionally) prunes them. */
export async function pruneLoginAttempts(): Promise<void> {
  await db.loginAttempt.deleteMany({
    where: { createdAt: { lt: new Date(Date.now() - 24 * 60 * 60 * 1000) } },
  });
}
