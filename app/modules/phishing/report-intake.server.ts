// "Báo cáo thư đáng ngờ": what happens to one report, whichever way it came (a message forwarded to the report
// mailbox, or headers pasted on the page). A drill token of the reporter's own drill email makes it a drill
// report: the recipient's "reported" event (once) and a thank-you. Any other message is queued for the IT team
// of the reporter's agency, who are told about it. A token of somebody else's drill email records nothing.
import { Prisma } from "~/generated/prisma/client";
import { db, type Tx } from "~/db.server";
import { nearestCoordinators } from "~/modules/agencies/coordinators.server";
import {
  enqueueEmails,
  notifyMany,
  type EmailInput,
  type NotificationInput,
} from "~/modules/notifications/outbox.server";
import { markEvent } from "./events.server";
import { tokensIn } from "./token.server";

/** Largest excerpt kept (and largest paste accepted), in bytes. */
export const REPORT_MAX_BYTES = 64 * 1024;
export const REPORT_PAGE = "/report-phish";
export const reportQueueLink = (id: string) => `/phishing/reports/${id}`;

export type ReportChannel = "IMAP" | "PASTE";

export type ReportInput = {
  channel: ReportChannel;
  /** Everything searched for drill tokens (raw source, decoded parts, attached messages). */
  scanText: string;
  /** Kept for the IT team: headers and the start of the message (cut to REPORT_MAX_BYTES). */
  excerpt: string;
  subject: string;
  fromHeader: string;
  reporterEmail: string;
  /** The signed-in reporter (paste page); for the mailbox, matched by reporterEmail. */
  reporterPersonId?: string | null;
  messageId?: string | null;
  at: Date;
};

export type ReportOutcome =
  /** A drill email of the reporter's: "reported" recorded (firstTime: by this report) and thanked. */
  | { kind: "drill"; reportId: string | null; recipientIds: string[]; firstTime: boolean }
  /** A drill token of somebody else's email: nothing recorded for them. */
  | { kind: "otherDrill"; reportId: string | null }
  /** Not a drill: queued for the IT team (notified: how many people were told). */
  | { kind: "queued"; reportId: string; notified: number }
  /** This Message-ID was reported before: nothing added. */
  | { kind: "duplicate" };

/** Cuts a string to at most `bytes` UTF-8 bytes without splitting a character. */
export function cutToBytes(text: string, bytes: number = REPORT_MAX_BYTES): string {
  if (Buffer.byteLength(text, "utf8") <= bytes) return text;
  let cut = Buffer.from(text, "utf8").subarray(0, bytes).toString("utf8");
  if (cut.endsWith("\uFFFD")) cut = cut.slice(0, -1);
  return cut;
}

type Reporter = { id: string; fullName: string; email: string; agencyId: string };

async function findReporter(input: ReportInput, tx: Tx): Promise<Reporter | null> {
  const select = { id: true, fullName: true, email: true, agencyId: true } as const;
  if (input.reporterPersonId) return tx.person.findUnique({ where: { id: input.reporterPersonId }, select });
  const email = input.reporterEmail.trim();
  if (!email) return null;
  return tx.person.findFirst({
    where: { email: { equals: email, mode: "insensitive" }, active: true },
    select,
  });
}

export const thanksKey = (recipientId: string) => `phish-reported:${recipientId}`;

function thanks(reporter: Reporter, recipientId: string): { email: EmailInput; notice: NotificationInput } {
  const title = "Cảm ơn anh/chị đã báo cáo thư đáng ngờ";
  const body =
    "Thư anh/chị vừa báo cáo là thư giả lập trong đợt diễn tập nhận diện thư lừa đảo của đơn vị. " +
    "Anh/chị đã làm đúng: nhận ra thư đáng ngờ và báo cáo ngay. Hãy tiếp tục làm như vậy với mọi thư lạ.";
  const text =
    `Kính gửi ${reporter.fullName},\n\n${body}\n\n` +
    `Khi gặp thư đáng ngờ, anh/chị chuyển tiếp thư đó tới hộp thư báo cáo hoặc dán tiêu đề thư tại mục ` +
    `"Báo cáo thư đáng ngờ" (${REPORT_PAGE}) trên hệ thống Học ATTT.\n\nTrân trọng,\nHệ thống Học ATTT`;
  const dedupeKey = thanksKey(recipientId);
  return {
    email: { to: reporter.email, subject: title, text, dedupeKey },
    notice: { personId: reporter.id, kind: "PHISH_REPORTED", title, body, link: REPORT_PAGE, dedupeKey },
  };
}

/**
 * The IT team of an agency: its active people with an IT role (full- or part-time); where it has none, the
 * nearest coordinators (the agency's, else its parent's, …).
 */
export async function itTeamOf(
  agencyId: string,
  tx: Tx = db,
): Promise<{ personId: string | null; email: string; fullName: string }[]> {
  const it = await tx.person.findMany({
    where: { agencyId, active: true, itRole: { in: ["FULL_TIME", "PART_TIME"] } },
    select: { id: true, email: true, fullName: true },
    orderBy: { email: "asc" },
  });
  if (it.length) return it.map((p) => ({ personId: p.id, email: p.email, fullName: p.fullName }));
  const agency = await tx.agency.findUnique({ where: { id: agencyId }, select: { path: true } });
  if (!agency) return [];
  return nearestCoordinators(agency.path.split("/").filter(Boolean), tx);
}

/** Who among these people may open the queue (a grant that reaches it), so their notice can link to it. */
async function queueReaders(emails: string[], tx: Tx): Promise<Set<string>> {
  if (emails.length === 0) return new Set();
  const users = await tx.user.findMany({
    where: {
      email: { in: emails, mode: "insensitive" },
      grants: { some: { role: { in: ["ADMIN", "COORDINATOR", "PHISHING_MANAGER"] } } },
    },
    select: { email: true },
  });
  return new Set(users.map((u) => u.email.toLowerCase()));
}

async function notifyItTeam(
  reportId: string,
  agencyId: string,
  reporter: Reporter,
  input: ReportInput,
  tx: Tx,
): Promise<number> {
  const team = await itTeamOf(agencyId, tx);
  const readers = await queueReaders(
    team.map((m) => m.email),
    tx,
  );
  const subject = input.subject.trim() || "(không có tiêu đề)";
  const title = "Có báo cáo thư đáng ngờ mới";
  const body = `${reporter.fullName} (${reporter.email}) báo cáo thư «${subject}»${input.fromHeader ? ` từ ${input.fromHeader}` : ""}.`;
  const emails: EmailInput[] = [];
  const notices: NotificationInput[] = [];
  for (const m of team) {
    const dedupeKey = `phish-report:${reportId}:${m.email.toLowerCase()}`;
    const link = readers.has(m.email.toLowerCase()) ? reportQueueLink(reportId) : null;
    emails.push({
      to: m.email,
      subject: `${title}: «${subject}»`,
      text:
        `Kính gửi ${m.fullName},\n\n${body}\n\n` +
        (link ? `Xem báo cáo tại mục "Thư đáng ngờ" (${link}) trên hệ thống Học ATTT.\n\n` : "") +
        `Nội dung thư người báo cáo gửi (trích):\n\n${input.excerpt.slice(0, 4000)}\n\nTrân trọng,\nHệ thống Học ATTT`,
      dedupeKey,
    });
    if (m.personId)
      notices.push({ personId: m.personId, kind: "PHISH_SUSPICIOUS", title, body, link, dedupeKey });
  }
  await enqueueEmails(emails, tx);
  await notifyMany(notices, tx);
  return team.length;
}

function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
}

/** Records one report (one transaction). A Message-ID seen before gives "duplicate" and changes nothing. */
export async function recordReport(input: ReportInput): Promise<ReportOutcome> {
  // A link rewritten by a mail gateway (Outlook's Safe Links: ?url=https%3A%2F%2F…%2Ft%2Fc%2F<token>) keeps
  // the token with its slashes encoded.
  const text = /%2f/i.test(input.scanText)
    ? `${input.scanText}\n${input.scanText.replace(/%2f/gi, "/")}`
    : input.scanText;
  const recipientIds = await tokensIn(text);
  try {
    return await db.$transaction(async (tx) => {
      if (input.messageId) {
        const seen = await tx.suspiciousReport.findUnique({ where: { messageId: input.messageId } });
        if (seen) return { kind: "duplicate" } as const;
      }
      const reporter = await findReporter(input, tx);
      const base = {
        channel: input.channel,
        reporterPersonId: reporter?.id ?? null,
        reporterEmail: reporter?.email ?? input.reporterEmail.trim(),
        agencyId: reporter?.agencyId ?? null,
        subject: input.subject.slice(0, 1000),
        fromHeader: input.fromHeader.slice(0, 1000),
        excerpt: cutToBytes(input.excerpt),
        messageId: input.messageId ?? null,
        createdAt: input.at,
      };
      if (recipientIds.length) {
        const recipients = await tx.phishingRecipient.findMany({
          where: { id: { in: recipientIds } },
          select: { id: true, personId: true },
          orderBy: { id: "asc" },
        });
        // The mailbox cannot be sure who forwarded (a From address not on file): the token's recipient counts.
        // A known reporter counts only for their own drill emails, as on the paste page.
        const own = recipients.filter((r) =>
          reporter ? r.personId === reporter.id : input.channel === "IMAP",
        );
        if (own.length === 0) {
          // A message id is kept so the same mailbox message is not looked at again; the IT team is not bothered.
          const report = input.messageId
            ? await tx.suspiciousReport.create({ data: { ...base, status: "DRILL" } })
            : null;
          return { kind: "otherDrill", reportId: report?.id ?? null } as const;
        }
        let firstTime = false;
        for (const r of own) if (await markEvent(r.id, "reported", input.at, tx)) firstTime = true;
        // An unknown From address (an alias) forwarding a drill email: the report is its recipient's.
        const person =
          reporter ??
          (await tx.person.findUnique({
            where: { id: own[0]!.personId },
            select: { id: true, fullName: true, email: true, agencyId: true },
          }));
        const earlier = await tx.suspiciousReport.findFirst({
          where: { recipientId: { in: own.map((r) => r.id) }, status: "DRILL" },
          select: { id: true },
        });
        // One drill report row per recipient: a second report of the same drill email adds nothing (but a
        // mailbox message still leaves its Message-ID, so it is not looked at again).
        const report =
          earlier && !input.messageId
            ? null
            : await tx.suspiciousReport.create({
                data: {
                  ...base,
                  reporterPersonId: person?.id ?? null,
                  agencyId: person?.agencyId ?? null,
                  status: "DRILL",
                  recipientId: own[0]!.id,
                },
              });
        if (person) {
          const { email, notice } = thanks(person, own[0]!.id);
          await enqueueEmails([email], tx);
          await notifyMany([notice], tx);
        }
        return {
          kind: "drill",
          reportId: report?.id ?? earlier?.id ?? null,
          recipientIds: own.map((r) => r.id),
          firstTime,
        } as const;
      }
      const report = await tx.suspiciousReport.create({ data: { ...base, status: "NEW" } });
      const notified =
        reporter && report.agencyId ? await notifyItTeam(report.id, report.agencyId, reporter, input, tx) : 0;
      return { kind: "queued", reportId: report.id, notified } as const;
    });
  } catch (error) {
    // Two servers polling the same mailbox at once: the other one recorded this Message-ID first.
    if (input.messageId && isUniqueViolation(error)) return { kind: "duplicate" };
    throw error;
  }
}
