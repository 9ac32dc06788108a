// Turns planned reminders into outbox emails and in-app notifications, idempotently (dedupeKeys), plus one
// weekly escalation email per agency to its coordinators/heads listing the people who are overdue.
import { LONG_TX, db, type Tx } from "~/db.server";
import { enqueueEmails, notifyMany, type EmailInput, type NotificationInput } from "./outbox.server";
import {
  composeEscalation,
  DEFAULT_DAYS_BEFORE,
  isoWeek,
  planReminders,
  vnDay,
  type ReminderRow,
} from "./reminders";

export type EscalationRecipient = { email: string; fullName: string };

export type SendRemindersInput = {
  rows: ReminderRow[];
  now?: Date;
  daysBefore?: number[];
  /** Coordinators/heads to tell about an agency's overdue people; no escalation when omitted. */
  escalateTo?: (agencyId: string, client: Tx) => Promise<EscalationRecipient[]>;
  /** Write inside this transaction instead of opening one (e.g. the scheduler's advisory-lock transaction). */
  tx?: Tx;
};

export type SendRemindersResult = {
  planned: number;
  emails: number;
  notifications: number;
  escalations: number;
};

export async function sendReminders(input: SendRemindersInput): Promise<SendRemindersResult> {
  const now = input.now ?? new Date();
  const active = input.rows.filter((r) => r.active);
  const planned = planReminders(active, now, { daysBefore: input.daysBefore ?? DEFAULT_DAYS_BEFORE });

  const emails: EmailInput[] = planned.map((p) => ({
    to: p.row.email,
    subject: p.subject,
    text: p.text,
    dedupeKey: p.dedupeKey,
    notBefore: now,
  }));
  const notices: NotificationInput[] = planned.map((p) => ({
    personId: p.row.personId,
    kind: p.kind,
    title: p.title,
    body: p.body,
    link: p.link,
    dedupeKey: p.dedupeKey,
  }));

  // Escalations: every agency with someone overdue today, once per ISO week per recipient. Recipients are
  // looked up through the same transaction (PGlite has one connection; the scheduler holds a lock in it).
  const escalations = async (tx: Tx): Promise<EmailInput[]> => {
    if (!input.escalateTo) return [];
    const today = vnDay(now);
    const overdueByAgency = new Map<string, ReminderRow[]>();
    for (const r of active) {
      if (vnDay(r.dueAt) >= today) continue;
      const list = overdueByAgency.get(r.agencyId) ?? [];
      list.push(r);
      overdueByAgency.set(r.agencyId, list);
    }
    const week = isoWeek(now);
    const out: EmailInput[] = [];
    for (const [agencyId, overdue] of overdueByAgency) {
      const recipients = await input.escalateTo(agencyId, tx);
      const seen = new Set<string>();
      for (const to of recipients) {
        const email = to.email.trim().toLowerCase();
        if (!email || seen.has(email)) continue;
        seen.add(email);
        out.push({
          to: to.email.trim(),
          ...composeEscalation(to, overdue, now),
          dedupeKey: `escalation:${agencyId}:${week}:${email}`,
          notBefore: now,
        });
      }
    }
    return out;
  };

  const write = async (tx: Tx): Promise<SendRemindersResult> => ({
    planned: planned.length,
    emails: await enqueueEmails(emails, tx),
    notifications: await notifyMany(notices, tx),
    escalations: await enqueueEmails(await escalations(tx), tx),
  });
  return input.tx ? write(input.tx) : db.$transaction(write, LONG_TX);
}
