// Notices about seats and offerings: one in-app notification and one email per event and person, written in
// the caller's transaction. dedupeKeys make a replay (double submit, retried request) a no-op.
import type { Tx } from "~/db.server";
import { agencyChain, nearestCoordinators } from "~/modules/agencies/coordinators.server";
import { enqueueEmails, notifyMany } from "~/modules/notifications/outbox.server";
import { formatVnDateTime, formatVnTime } from "~/domain/scheduling-time";

export type NoticeEvent =
  "confirmed" | "waitlisted" | "promoted" | "cancelled" | "rejected" | "changed" | "offering-cancelled";

export type NoticeOffering = {
  id: string;
  title: string;
  kind: "CLASS" | "DRILL";
  sequence: number;
  sessions: {
    startsAt: Date;
    endsAt: Date;
    venue: string;
    onlineUrl: string | null;
    cancelledAt: Date | null;
  }[];
};

export type NoticeTarget = {
  personId: string;
  email: string;
  fullName: string;
  /** Registration id and its requestSeq: a person who cancels and asks again is told again. */
  registrationId?: string;
  requestSeq?: bigint;
};

const KIND = { CLASS: "lớp", DRILL: "đợt diễn tập" } as const;

function subjectFor(event: NoticeEvent, o: NoticeOffering): string {
  const k = KIND[o.kind];
  switch (event) {
    case "confirmed":
      return `Đã xác nhận chỗ: ${o.title}`;
    case "waitlisted":
      return `Đang trong danh sách chờ: ${o.title}`;
    case "promoted":
      return `Đã có chỗ (từ danh sách chờ): ${o.title}`;
    case "cancelled":
      return `Đã hủy đăng ký: ${o.title}`;
    case "rejected":
      return `Đăng ký không được duyệt: ${o.title}`;
    case "changed":
      return `Thay đổi lịch ${k}: ${o.title}`;
    case "offering-cancelled":
      return `Hủy ${k}: ${o.title}`;
  }
}

function schedule(o: NoticeOffering): string {
  return o.sessions
    .filter((s) => !s.cancelledAt)
    .map((s) => {
      const where = [s.venue, s.onlineUrl].filter(Boolean).join(" · ");
      return `- ${formatVnDateTime(s.startsAt)}–${formatVnTime(s.endsAt)}${where ? ` tại ${where}` : ""}`;
    })
    .join("\n");
}

function bodyFor(event: NoticeEvent, o: NoticeOffering, t: NoticeTarget): string {
  const k = KIND[o.kind];
  const lead: Record<NoticeEvent, string> = {
    confirmed: `Bạn đã được xác nhận tham gia ${k} «${o.title}».`,
    waitlisted: `${k[0]!.toUpperCase()}${k.slice(1)} «${o.title}» đã đủ chỗ; bạn đang trong danh sách chờ và sẽ được báo khi có chỗ.`,
    promoted: `Đã có người hủy, bạn được chuyển từ danh sách chờ sang tham gia ${k} «${o.title}».`,
    cancelled: `Đăng ký tham gia ${k} «${o.title}» của bạn đã được hủy.`,
    rejected: `Yêu cầu tham gia ${k} «${o.title}» của bạn không được phê duyệt.`,
    changed: `Lịch ${k} «${o.title}» vừa thay đổi. Lịch mới:`,
    "offering-cancelled": `${k[0]!.toUpperCase()}${k.slice(1)} «${o.title}» đã bị hủy.`,
  };
  const withSchedule = event === "confirmed" || event === "promoted" || event === "changed";
  return [`Kính gửi ${t.fullName},`, "", lead[event], ...(withSchedule ? [schedule(o)] : [])].join("\n");
}

function dedupeKey(event: NoticeEvent, o: NoticeOffering, t: NoticeTarget): string {
  if (event === "changed") return `offering:${o.id}:changed:${o.sequence}:${t.personId}`;
  if (event === "offering-cancelled") return `offering:${o.id}:cancelled-offering:${t.personId}`;
  return `offering:${o.id}:${event}:${t.registrationId}:${t.requestSeq ?? 0}`;
}

/** Writes the notification and the email of `event` for each target, inside `tx`. */
export async function sendNotices(
  tx: Tx,
  event: NoticeEvent,
  offering: NoticeOffering,
  targets: NoticeTarget[],
) {
  if (targets.length === 0) return;
  const link = `/offerings/${offering.id}`;
  const notices = targets.map((t) => ({
    personId: t.personId,
    kind: `offering.${event}`,
    title: subjectFor(event, offering),
    body: bodyFor(event, offering, t),
    link,
    dedupeKey: dedupeKey(event, offering, t),
  }));
  await notifyMany(notices, tx);
  await enqueueEmails(
    targets.map((t, i) => ({
      to: t.email,
      subject: notices[i]!.title,
      text: `${notices[i]!.body}\n\nXem chi tiết: ${link}`,
      dedupeKey: `email:${notices[i]!.dedupeKey}`,
    })),
    tx,
  );
}

/**
 * Tells the coordinators of a self-registering person (granted on their agency, or on the nearest agency up
 * the tree that has coordinators) that a request waits for approval: one notice and one email each.
 */
export async function notifyApprovers(
  tx: Tx,
  offering: Pick<NoticeOffering, "id" | "title" | "kind">,
  person: { fullName: string; agencyId: string },
  registration: { id: string; requestSeq: bigint },
) {
  const chain = await agencyChain(person.agencyId, tx);
  if (!chain) return 0;
  const approvers = new Map(
    (await nearestCoordinators(chain, tx, { withPerson: true })).map((c) => [c.personId!, c]),
  );
  if (approvers.size === 0) return 0;
  const k = KIND[offering.kind];
  const link = `/offerings/${offering.id}`;
  const title = `Chờ duyệt: ${person.fullName} đăng ký ${k} «${offering.title}»`;
  const body = `${person.fullName} vừa đăng ký tham gia ${k} «${offering.title}». Anh/chị vui lòng duyệt hoặc từ chối trong danh sách tham gia.`;
  const key = (personId: string) =>
    `offering:${offering.id}:approval:${registration.id}:${registration.requestSeq}:${personId}`;
  await notifyMany(
    [...approvers.keys()].map((personId) => ({
      personId,
      kind: "offering.approval",
      title,
      body,
      link,
      dedupeKey: key(personId),
    })),
    tx,
  );
  await enqueueEmails(
    [...approvers].map(([personId, a]) => ({
      to: a.email,
      subject: title,
      text: `Kính gửi ${a.fullName},\n\n${body}\n\nXem chi tiết: ${link}`,
      dedupeKey: `email:${key(personId)}`,
    })),
    tx,
  );
  return approvers.size;
}
