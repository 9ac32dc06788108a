// The coordinator's one-click "nhắc lại": one email and one in-app notice to each overdue member, at most
// once per person per day however often the button is pressed.
import { LONG_TX, db } from "~/db.server";
import { assignmentProgress } from "~/modules/assignments/assignments.server";
import { manualReminderKey } from "~/modules/assignments/overdue.server";
import type { Scope } from "~/modules/auth/scope";
import { audit } from "~/modules/audit/audit.server";
import { enqueueEmail, notify } from "~/modules/notifications/outbox.server";
import { formatDate } from "~/utils/format";
import { vnDay } from "~/utils/vn-calendar";

export async function remindOverdue(
  scope: Scope,
  assignmentId: string,
  actorUserId: string,
): Promise<number> {
  const progress = await assignmentProgress(scope, assignmentId, {
    status: "QUA_HAN",
    q: "",
    page: 1,
    pageSize: 100_000,
  });
  const day = vnDay(new Date());
  const course = progress.assignment.courseTitle;
  await db.$transaction(async (tx) => {
    for (const r of progress.rows) {
      const key = manualReminderKey(assignmentId, r.personId, day);
      const subject = `Nhắc lại: khóa «${course}» đã quá hạn (hạn ${formatDate(r.dueAt)})`;
      const text =
        `Kính gửi ${r.fullName},\n\n` +
        `Khóa học «${course}» được giao cho anh/chị có hạn hoàn thành ngày ${formatDate(r.dueAt)} và hiện đã quá hạn. ` +
        `Đề nghị anh/chị sắp xếp thời gian hoàn thành sớm tại mục "Học tập của tôi" trên hệ thống Học ATTT.\n\n` +
        `Trân trọng,\nCán bộ phụ trách đào tạo`;
      await enqueueEmail({ to: r.email, subject, text, dedupeKey: key }, tx);
      await notify(
        { personId: r.personId, kind: "OVERDUE", title: subject, body: "", link: "/learn", dedupeKey: key },
        tx,
      );
    }
    await audit(
      {
        actorUserId,
        action: "assignment.remind",
        entityType: "Assignment",
        entityId: assignmentId,
        data: { count: progress.rows.length },
      },
      tx,
    );
    // One email and notice per overdue person: thousands on a big assignment.
  }, LONG_TX);
  return progress.rows.length;
}
