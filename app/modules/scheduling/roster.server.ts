// The organiser's roster as rows for Excel/CSV: one line per registration, attendance per held session.
import { readDb } from "~/db.server";
import type { Actor } from "~/modules/auth/scope";
import { formatDateTime } from "~/utils/format";
import { formatVnDateTime } from "~/domain/scheduling-time";
import { rosterFor } from "./views.server";

const STATUS_VI = {
  PENDING_APPROVAL: "Chờ duyệt",
  CONFIRMED: "Đã xác nhận",
  WAITLISTED: "Danh sách chờ",
  CANCELLED: "Đã hủy",
  REJECTED: "Không được duyệt",
} as const;

export async function rosterExport(actor: Actor, offeringId: string) {
  // A file to download, not a write: the registrations from the replica when there is one.
  const { offering, rows } = await rosterFor(actor, offeringId, { client: await readDb() });
  const held = offering.sessions.filter((s) => !s.cancelledAt);
  const headers = [
    "STT",
    "Họ và tên",
    "Email",
    "Đơn vị",
    "Chức vụ",
    "Trạng thái",
    "Hình thức",
    "Thời điểm đăng ký",
    ...held.map((s) => `Buổi ${s.position} (${formatVnDateTime(s.startsAt)})`),
    "Điểm",
    "Kết quả",
    "Hoàn thành",
  ];
  const data = rows.map((r, i) => [
    i + 1,
    r.person.fullName,
    r.person.email,
    r.person.agency.name,
    r.person.position,
    STATUS_VI[r.status],
    r.source === "SELF" ? "Tự đăng ký" : "Được cử",
    formatDateTime(r.requestedAt),
    ...held.map((s) => {
      const a = r.attendance.find((x) => x.sessionId === s.id);
      return a ? (a.present ? "Có mặt" : "Vắng") : "";
    }),
    r.score ?? "",
    r.result ?? "",
    r.completionId ? "Hoàn thành" : "",
  ]);
  return { offering, headers, rows: data };
}
