// The report mailbox (PHISHING_REPORT_IMAP_URL): people forward suspicious mail to PHISHING_REPORT_ADDRESS and
// each scheduler tick reads the unseen messages over IMAP, records each as a report (report-intake.server.ts)
// and flags it \Seen. A drill email forwarded inline keeps its links (/t/…/<token>); one forwarded as an
// attachment keeps its X-Hoc-ATTT-Drill header: both are searched for, in the raw source and in the decoded
// parts (quoted-printable and base64 hide a link from a search of the raw text). The same Message-ID twice is
// one report, so a message read again (a crash before the flag, two servers) adds nothing.
import { createHash } from "node:crypto";
import { ImapFlow } from "imapflow";
import { simpleParser, type ParsedMail } from "mailparser";
import { getEnv } from "~/env.server";
import {
  cutToBytes,
  recordReport,
  REPORT_MAX_BYTES,
  type ReportInput,
  type ReportOutcome,
} from "./report-intake.server";

export type MailboxConfig = {
  host: string;
  port: number;
  secure: boolean;
  user: string;
  pass: string;
  mailbox: string;
};

/** The mailbox named by an imap:// or imaps:// URL (default: PHISHING_REPORT_IMAP_URL); null when unset. */
export function reportMailboxConfig(
  url: string | undefined = getEnv().PHISHING_REPORT_IMAP_URL,
): MailboxConfig | null {
  if (!url) return null;
  const u = new URL(url);
  const secure = u.protocol === "imaps:";
  const mailbox = decodeURIComponent(u.pathname.replace(/^\/+/, "")) || "INBOX";
  return {
    host: u.hostname,
    port: u.port ? Number(u.port) : secure ? 993 : 143,
    secure,
    user: decodeURIComponent(u.username),
    pass: decodeURIComponent(u.password),
    mailbox,
  };
}

export type PollResult = {
  /** Unseen messages read this time. */
  fetched: number;
  drill: number;
  otherDrill: number;
  queued: number;
  duplicate: number;
  /** Messages that could not be recorded (left unseen, tried again next tick). */
  failed: number;
  /** The IMAP failure that ended the poll early (logged), if any. */
  error?: string;
};

export type PollOptions = {
  /** Default PHISHING_REPORT_IMAP_URL. */
  url?: string;
  /** Most messages read per poll; the rest wait for the next tick. */
  batchSize?: number;
  log?: (message: string) => void;
  /** Larger messages are read by their headers only (default 25 MB). */
  maxSourceBytes?: number;
};

const MAX_DEPTH = 3;
/** Messages larger than this are read by their headers only. */
const MAX_SOURCE_BYTES = 25 * 1024 * 1024;

/** The texts of a parsed message searched for tokens: its decoded bodies, and those of attached messages. */
async function partsOf(mail: ParsedMail, depth: number): Promise<string[]> {
  const out = [mail.text ?? "", typeof mail.html === "string" ? mail.html : ""];
  for (const a of mail.attachments) {
    const type = a.contentType.toLowerCase();
    if (type === "message/rfc822" && depth < MAX_DEPTH) {
      out.push(a.content.toString("utf8"));
      out.push(...(await partsOf(await simpleParser(a.content, { skipImageLinks: true }), depth + 1)));
    } else if (type.startsWith("text/")) out.push(a.content.toString("utf8"));
  }
  return out;
}

/** A mailbox message as a report: who forwarded it, what it says, and every text a token may hide in. */
export async function reportOfMessage(source: Buffer, at: Date): Promise<ReportInput> {
  const mail = await simpleParser(source, { skipImageLinks: true });
  // PostgreSQL text cannot hold NUL.
  const raw = source.toString("utf8").replaceAll("\u0000", "");
  const from = mail.from?.value.find((a) => a.address)?.address ?? "";
  return {
    channel: "IMAP",
    scanText: [raw, ...(await partsOf(mail, 0))].join("\n"),
    excerpt: cutToBytes(raw, REPORT_MAX_BYTES),
    subject: mail.subject ?? "",
    fromHeader: mail.from?.text ?? "",
    reporterEmail: from,
    // A message without a Message-ID is known by its content.
    messageId: mail.messageId?.trim() || `sha256:${createHash("sha256").update(source).digest("hex")}`,
    at,
  };
}

function describe(error: unknown): string {
  return error instanceof Error
    ? `${error.message}${"code" in error ? ` (${String(error.code)})` : ""}`
    : String(error);
}

/**
 * Reads the unseen messages of the report mailbox once and records them. Never throws for IMAP trouble (a
 * server down, a refused login): that is logged and returned as `error`; a message that cannot be recorded is
 * logged and left unseen.
 */
export async function pollReportMailbox(
  now: Date = new Date(),
  options: PollOptions = {},
): Promise<PollResult> {
  const result: PollResult = { fetched: 0, drill: 0, otherDrill: 0, queued: 0, duplicate: 0, failed: 0 };
  const log = options.log ?? ((m: string) => console.error(m));
  let config: MailboxConfig | null;
  try {
    config = reportMailboxConfig(options.url ?? getEnv().PHISHING_REPORT_IMAP_URL);
  } catch (error) {
    result.error = describe(error);
    log(`[report-mailbox] địa chỉ hộp thư báo cáo không hợp lệ: ${result.error}`);
    return result;
  }
  if (!config) return result;
  const client = new ImapFlow({
    host: config.host,
    port: config.port,
    secure: config.secure,
    auth: { user: config.user, pass: config.pass },
    logger: false,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 60_000,
    disableAutoIdle: true,
  });
  // A socket error after connect is also emitted: without a listener it would end the process.
  client.on("error", (error: unknown) => log(`[report-mailbox] lỗi kết nối IMAP: ${describe(error)}`));
  try {
    await client.connect();
    const lock = await client.getMailboxLock(config.mailbox);
    try {
      const unseen = (await client.search({ seen: false }, { uid: true })) || [];
      const uids = unseen.slice(0, options.batchSize ?? 100);
      const messages: { uid: number; source: Buffer }[] = [];
      if (uids.length) {
        const maxBytes = options.maxSourceBytes ?? MAX_SOURCE_BYTES;
        const sizes: { uid: number; size: number }[] = [];
        for await (const m of client.fetch(uids.join(","), { uid: true, size: true }, { uid: true }))
          sizes.push({ uid: m.uid, size: m.size ?? 0 });
        const whole = sizes.filter((m) => m.size <= maxBytes).map((m) => m.uid);
        // A huge message (a forwarded video): its headers are enough for the IT team, and memory is spared.
        const huge = sizes.filter((m) => m.size > maxBytes).map((m) => m.uid);
        if (whole.length)
          for await (const m of client.fetch(whole.join(","), { uid: true, source: true }, { uid: true }))
            if (m.source) messages.push({ uid: m.uid, source: m.source });
        if (huge.length)
          for await (const m of client.fetch(huge.join(","), { uid: true, headers: true }, { uid: true }))
            if (m.headers) messages.push({ uid: m.uid, source: m.headers });
      }
      result.fetched = messages.length;
      for (const m of messages) {
        let outcome: ReportOutcome;
        try {
          outcome = await recordReport(await reportOfMessage(m.source, now));
        } catch (error) {
          result.failed++;
          log(`[report-mailbox] không ghi được thư UID ${m.uid}: ${describe(error)}`);
          continue;
        }
        if (outcome.kind === "drill") result.drill++;
        else if (outcome.kind === "otherDrill") result.otherDrill++;
        else if (outcome.kind === "queued") result.queued++;
        else result.duplicate++;
        await client.messageFlagsAdd(String(m.uid), ["\\Seen"], { uid: true });
      }
    } finally {
      lock.release();
    }
    await client.logout();
  } catch (error) {
    result.error = describe(error);
    log(`[report-mailbox] không đọc được hộp thư báo cáo ${config.host}:${config.port}: ${result.error}`);
    client.close();
  }
  return result;
}
