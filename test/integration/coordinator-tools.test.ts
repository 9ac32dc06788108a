// The coordinator's tools through their routes, on a real database: a person's training record (scoped,
// read-only for reviewers) and the cross-assignment overdue list with its bulk actions and exports.
import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { createAssignment } from "~/modules/assignments/assignments.server";
import { login } from "~/modules/auth/auth.server";
import { hashPassword } from "~/modules/auth/password.server";
import { readFlash } from "~/utils/flash.server";
import * as overdueRoute from "~/routes/assignments.overdue";
import * as overdueXlsx from "~/routes/assignments.overdue[.]xlsx";
import * as overdueCsv from "~/routes/assignments.overdue[.]csv";
import * as personRoute from "~/routes/people.$personId";
import { makeCourseVersion } from "../fixtures/courses";
import { buildWorld, call, get, makePerson } from "./helpers/world";

type World = Awaited<ReturnType<typeof buildWorld>>;
let w: World;
let overdueCourse: { id: string; title: string };
let soonCourse: { id: string; title: string };
let learnerPersonId: string;
let coordAPersonId: string;

type Row = { memberId: string; personId: string; fullName: string; courseTitle: string; status: string };
type Page = { list: { rows: Row[]; total: number; page: number; pageSize: number } };

const DAY = 86_400_000;

function postForm(url: string, cookie: string, pairs: [string, string][]) {
  return new Request(`http://localhost${url}`, {
    method: "POST",
    headers: { cookie, "content-type": "application/x-www-form-urlencoded", origin: "http://localhost" },
    body: new URLSearchParams(pairs),
  });
}

async function flashOf(response: Response | null) {
  const cookie = response?.headers.get("set-cookie")?.split(";")[0] ?? "";
  return (await readFlash(new Request("http://localhost/", { headers: { cookie } }))).flash?.message;
}

async function listFor(cookie: string, query = "") {
  const r = await call(overdueRoute.loader, get(`/assignments/overdue${query}`, cookie));
  return { status: r.status, data: r.data as Page };
}

const memberOf = async (personId: string, courseId: string) =>
  (
    await db.assignmentMember.findFirstOrThrow({
      where: { personId, assignment: { courseId } },
      select: { id: true },
    })
  ).id;

const outboxTo = (email: string) => db.outboxEmail.findMany({ where: { to: email } });

beforeAll(async () => {
  w = await buildWorld();
  learnerPersonId = w.learner.user.personId!;
  coordAPersonId = w.coordA.user.personId!;
  // The coordinator of A has signed in before; the learner has an account never used.
  await db.user.update({ where: { id: w.coordA.user.id }, data: { lastLoginAt: new Date() } });
  overdueCourse = (await makeCourseVersion({ title: "ATTT cơ bản", topics: ["attt-co-ban"] })).course;
  soonCourse = (await makeCourseVersion({ title: "Kỹ năng số", topics: ["ky-nang-so"] })).course;
  const now = new Date();
  // One assignment across both departments, long overdue; one in A due in three days.
  await createAssignment(
    "ALL",
    {
      courseId: overdueCourse.id,
      personIds: [w.personA.id, w.personA1.id, w.personB.id, learnerPersonId, coordAPersonId],
      dueAt: new Date(now.getTime() - 10 * DAY),
    },
    w.admin.user.id,
  );
  await createAssignment(
    [w.a.path],
    { courseId: soonCourse.id, agencyId: w.a.id, dueAt: new Date(now.getTime() + 3 * DAY) },
    w.coordA.user.id,
  );
});

describe("overdue list across assignments", () => {
  it("lists only the caller's people, overdue by default, filterable by sub-unit, course and state", async () => {
    const a = await listFor(w.coordA.cookie);
    expect(a.status).toBe(200);
    const names = a.data.list.rows.map((r) => r.fullName).sort();
    expect(names).toEqual(
      ["Nguyễn Văn An", "Trần Thị Bình", "Tài khoản coord-a@test.vn", "Tài khoản learner@test.vn"].sort(),
    );
    expect(a.data.list.rows.every((r) => r.status === "QUA_HAN" && r.courseTitle === "ATTT cơ bản")).toBe(
      true,
    );

    const b = await listFor(w.coordB.cookie);
    expect(b.data.list.rows.map((r) => r.fullName)).toEqual(["Lê Văn Cường"]);

    const sub = await listFor(w.coordA.cookie, `?agencyId=${w.a1.id}`);
    expect(sub.data.list.rows.map((r) => r.fullName)).toEqual(["Trần Thị Bình"]);
    // Another department's agency is not a filter a coordinator of A may use.
    expect((await listFor(w.coordA.cookie, `?agencyId=${w.b.id}`)).status).toBe(404);

    const soon = await listFor(w.coordA.cookie, `?state=DUE_SOON&courseId=${soonCourse.id}`);
    expect(soon.data.list.total).toBe(4);
    expect(soon.data.list.rows.every((r) => r.courseTitle === "Kỹ năng số")).toBe(true);
    expect(
      (await listFor(w.coordA.cookie, `?state=DUE_SOON&courseId=${overdueCourse.id}`)).data.list.total,
    ).toBe(0);
    expect((await listFor(w.coordA.cookie, `?state=NOT_STARTED`)).data.list.total).toBe(4);

    const paged = await listFor(w.coordA.cookie, `?pageSize=3&page=2`);
    expect(paged.data.list).toMatchObject({ total: 4, page: 2, pageSize: 3 });
    expect(paged.data.list.rows).toHaveLength(1);

    // Reviewers and learners have no access to the coordinator's tool.
    expect((await listFor(w.reviewer.cookie)).status).toBe(403);
    expect((await listFor(w.learner.cookie)).status).toBe(403);
  });

  it("reminds a selection, never anyone outside the scope even with forged ids, once per day", async () => {
    const forged = await memberOf(w.personB.id, overdueCourse.id);
    const mine = await memberOf(w.personA.id, overdueCourse.id);
    const res = await call(
      overdueRoute.action,
      postForm("/assignments/overdue", w.coordA.cookie, [
        ["intent", "remind"],
        ["target", "selected"],
        ["state", "OVERDUE"],
        ["ids", forged],
        ["ids", mine],
      ]),
    );
    expect(res.status).toBe(302);
    expect(await flashOf(res.response)).toBe("Đã gửi nhắc nhở tới 1 người (0 người đã được nhắc hôm nay).");
    expect(await outboxTo("an@a.vn")).toHaveLength(1);
    expect(await outboxTo("cuong@b.vn")).toHaveLength(0);
    expect(await db.notification.count({ where: { personId: w.personA.id } })).toBe(1);
    expect(await db.notification.count({ where: { personId: w.personB.id } })).toBe(0);

    // Only a forged id: nothing happens.
    const onlyForged = await call(
      overdueRoute.action,
      postForm("/assignments/overdue", w.coordA.cookie, [
        ["intent", "remind"],
        ["target", "selected"],
        ["ids", forged],
      ]),
    );
    expect(await flashOf(onlyForged.response)).toBe(
      "Đã gửi nhắc nhở tới 0 người (0 người đã được nhắc hôm nay).",
    );
    expect(await outboxTo("cuong@b.vn")).toHaveLength(0);
  });

  it("'all results' honours the filter, and reminding again the same day sends nothing more", async () => {
    const res = await call(
      overdueRoute.action,
      postForm("/assignments/overdue", w.coordA.cookie, [
        ["intent", "remind"],
        ["target", "all"],
        ["agencyId", w.a1.id],
        ["state", "OVERDUE"],
      ]),
    );
    expect(await flashOf(res.response)).toBe("Đã gửi nhắc nhở tới 1 người (0 người đã được nhắc hôm nay).");
    expect(res.response?.headers.get("location")).toBe(`/assignments/overdue?agencyId=${w.a1.id}`);
    expect(await outboxTo("binh@a1.vn")).toHaveLength(1);
    expect(await outboxTo("an@a.vn")).toHaveLength(1);

    const again = await call(
      overdueRoute.action,
      postForm("/assignments/overdue", w.coordA.cookie, [
        ["intent", "remind"],
        ["target", "all"],
        ["state", "OVERDUE"],
      ]),
    );
    expect(await flashOf(again.response)).toBe("Đã gửi nhắc nhở tới 2 người (2 người đã được nhắc hôm nay).");
    for (const email of ["an@a.vn", "binh@a1.vn", "learner@test.vn", "coord-a@test.vn"])
      expect(await outboxTo(email)).toHaveLength(1);
    expect(await outboxTo("cuong@b.vn")).toHaveLength(0);
  });

  it("refuses an empty selection and an unknown intent with a message, changing nothing", async () => {
    const before = await db.outboxEmail.count();
    const empty = await call(
      overdueRoute.action,
      postForm("/assignments/overdue", w.coordA.cookie, [
        ["intent", "remind"],
        ["target", "selected"],
      ]),
    );
    expect(empty.status).toBe(400);
    expect(JSON.stringify(empty.data)).toContain("Chưa chọn dòng nào");
    const bogus = await call(
      overdueRoute.action,
      postForm("/assignments/overdue", w.coordA.cookie, [
        ["intent", "delete-everything"],
        ["target", "all"],
      ]),
    );
    expect(bogus.status).toBe(400);
    // "All results" of another department's unit: not found, nobody there is reminded.
    const elsewhere = await call(
      overdueRoute.action,
      postForm("/assignments/overdue", w.coordA.cookie, [
        ["intent", "remind"],
        ["target", "all"],
        ["agencyId", w.b.id],
      ]),
    );
    expect(elsewhere.status).toBe(404);
    expect(await db.outboxEmail.count()).toBe(before);
  });

  it("invites the people of the rows who never signed in, through the one invitation of the app", async () => {
    const res = await call(
      overdueRoute.action,
      postForm("/assignments/overdue", w.coordA.cookie, [
        ["intent", "invite"],
        ["target", "all"],
        ["state", "OVERDUE"],
      ]),
    );
    // An, Bình and the learner have never signed in; coord-a has. Cường (another department) is not listed.
    expect(await flashOf(res.response)).toBe(
      "Đã gửi lời mời đăng nhập tới 3 người chưa kích hoạt tài khoản; 1 người đã kích hoạt; 0 người đăng nhập qua hệ thống của tỉnh.",
    );
    const invites = (await outboxTo("learner@test.vn")).filter((e) => e.dedupeKey.startsWith("invite:"));
    expect(invites).toHaveLength(1);
    expect(invites[0]!.text).toMatch(/\/invite\/\S+/);
    expect(await db.authToken.count({ where: { kind: "INVITE", personId: learnerPersonId } })).toBe(1);
    expect((await outboxTo("coord-a@test.vn")).filter((e) => e.dedupeKey.startsWith("invite:"))).toHaveLength(
      0,
    );
    expect((await outboxTo("cuong@b.vn")).filter((e) => e.dedupeKey.startsWith("invite:"))).toHaveLength(0);
  });

  it("records each sign-in, so 'never signed in' does not depend on sessions that expire", async () => {
    const p = await makePerson({ fullName: "Hà Thị Mới", email: "moi@a.vn", agencyId: w.a.id });
    const user = await db.user.create({
      data: { email: p.email, personId: p.id, passwordHash: await hashPassword("MatKhau@2026") },
    });
    expect(user.lastLoginAt).toBeNull();
    expect((await login(p.email, "MatKhau@2026", { ip: "127.0.0.9" })).ok).toBe(true);
    await db.session.deleteMany({ where: { userId: user.id } });
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).lastLoginAt).not.toBeNull();
  });

  it("exports the same rows as XLSX and CSV, for the filter or a selection inside the scope", async () => {
    const xlsx = await call(
      overdueXlsx.loader,
      get(`/assignments/overdue.xlsx?agencyId=${w.a.id}`, w.coordA.cookie),
    );
    expect(xlsx.status).toBe(200);
    expect(xlsx.response!.headers.get("content-type")).toContain("spreadsheetml");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await xlsx.response!.arrayBuffer());
    const sheet = wb.worksheets[0]!;
    expect(sheet.getRow(1).getCell(2).value).toBe("Họ và tên");
    const names: string[] = [];
    sheet.eachRow((row, n) => {
      if (n > 1) names.push(String(row.getCell(2).value));
    });
    expect(names.sort()).toEqual(
      ["Nguyễn Văn An", "Trần Thị Bình", "Tài khoản coord-a@test.vn", "Tài khoản learner@test.vn"].sort(),
    );

    const forged = await memberOf(w.personB.id, overdueCourse.id);
    const mine = await memberOf(w.personA1.id, overdueCourse.id);
    const csv = await call(
      overdueCsv.loader,
      get(
        `/assignments/overdue.csv?intent=export-csv&target=selected&ids=${forged}&ids=${mine}`,
        w.coordA.cookie,
      ),
    );
    expect(csv.status).toBe(200);
    const text = await csv.response!.text();
    const lines = text
      .replace(/^\uFEFF/, "")
      .trim()
      .split("\r\n");
    expect(lines[0]).toBe("STT,Họ và tên,Email,Đơn vị,Khóa học,Trạng thái,Hạn,Số ngày quá hạn");
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatch(
      /^1,Trần Thị Bình,binh@a1\.vn,Trung tâm Công nghệ thông tin,ATTT cơ bản,Quá hạn,\d{2}\/\d{2}\/\d{4},1[01]$/,
    );
    expect(text).not.toContain("cuong@b.vn");

    const none = await call(
      overdueCsv.loader,
      get(`/assignments/overdue.csv?target=selected`, w.coordA.cookie),
    );
    expect(none.status).toBe(400);
    expect((await call(overdueCsv.loader, get(`/assignments/overdue.csv`, w.reviewer.cookie))).status).toBe(
      403,
    );
  });
});

describe("person training record", () => {
  it("shows assignments, completions, certificates, classes and attempts, within the scope only", async () => {
    const { course, version } = await makeCourseVersion({
      title: "ATTT cho lãnh đạo",
      topics: ["attt-lanh-dao"],
    });
    const enrollment = await db.enrollment.create({
      data: { personId: w.personA.id, versionId: version.id, courseId: course.id, completedAt: new Date() },
    });
    const attempt = await db.quizAttempt.create({
      data: {
        enrollmentId: enrollment.id,
        personId: w.personA.id,
        versionId: version.id,
        number: 1,
        items: [],
        status: "GRADED",
        submittedAt: new Date("2026-03-02T03:00:00Z"),
        score: 90,
        passed: true,
      },
    });
    const completion = await db.completion.create({
      data: {
        personId: w.personA.id,
        courseId: course.id,
        versionId: version.id,
        topics: ["attt-lanh-dao"],
        source: "ONLINE",
        completedAt: new Date("2026-03-02T03:00:00Z"),
        validUntil: new Date("2028-03-02T03:00:00Z"),
        attemptId: attempt.id,
        score: 90,
        certificate: { create: { code: "ABC123XYZ" } },
      },
    });
    await db.completion.create({
      data: {
        personId: w.personA.id,
        topics: ["attt-co-ban"],
        source: "IMPORTED",
        completedAt: new Date("2024-01-10T03:00:00Z"),
        validUntil: new Date("2025-01-10T03:00:00Z"),
        externalRef: "CC-2024-17",
        note: "Chứng chỉ ATTT cơ bản (Sở TT&TT)",
      },
    });
    const offering = await db.classOffering.create({
      data: {
        kind: "DRILL",
        title: "Diễn tập ứng cứu sự cố 2026",
        organiserAgencyId: w.a.id,
        capacity: 20,
        sessions: {
          create: {
            position: 1,
            startsAt: new Date("2026-05-10T01:00:00Z"),
            endsAt: new Date("2026-05-10T04:00:00Z"),
          },
        },
      },
    });
    await db.registration.create({
      data: {
        offeringId: offering.id,
        personId: w.personA.id,
        agencyId: w.a.id,
        status: "CONFIRMED",
        source: "NOMINATED",
      },
    });

    const res = await call(personRoute.loader, get(`/people/${w.personA.id}`, w.coordA.cookie), {
      personId: w.personA.id,
    });
    expect(res.status).toBe(200);
    const d = res.data as {
      canManage: boolean;
      record: {
        assignments: { courseTitle: string; status: string }[];
        completions: {
          title: string;
          source: string;
          valid: boolean;
          certificateCode: string | null;
          id: string;
        }[];
        registrations: { title: string; status: string; kind: string }[];
        attempts: { courseTitle: string; score: number | null; passed: boolean | null }[];
      };
    };
    expect(d.canManage).toBe(true);
    expect(d.record.assignments.map((a) => [a.courseTitle, a.status])).toEqual([
      ["ATTT cơ bản", "QUA_HAN"],
      ["Kỹ năng số", "CHUA_BAT_DAU"],
    ]);
    expect(d.record.completions.map((c) => [c.title, c.source, c.valid, c.certificateCode])).toEqual([
      ["ATTT cho lãnh đạo", "ONLINE", true, "ABC123XYZ"],
      ["Chứng chỉ ATTT cơ bản (Sở TT&TT)", "IMPORTED", false, null],
    ]);
    expect(d.record.completions[0]!.id).toBe(completion.id);
    expect(d.record.registrations).toEqual([
      expect.objectContaining({ title: "Diễn tập ứng cứu sự cố 2026", status: "CONFIRMED", kind: "DRILL" }),
    ]);
    expect(d.record.attempts).toEqual([
      expect.objectContaining({ courseTitle: "ATTT cho lãnh đạo", score: 90, passed: true }),
    ]);
    // Outcomes only: no question, option or answer reaches the page.
    expect(JSON.stringify(d.record)).not.toMatch(/Giải thích bí mật|answers|items/);

    // Another department's coordinator: 404, as if the person did not exist.
    const other = await call(personRoute.loader, get(`/people/${w.personA.id}`, w.coordB.cookie), {
      personId: w.personA.id,
    });
    expect(other.status).toBe(404);

    // The province reviewer reads the record but may not change anything.
    const review = await call(personRoute.loader, get(`/people/${w.personB.id}`, w.reviewer.cookie), {
      personId: w.personB.id,
    });
    expect(review.status).toBe(200);
    expect((review.data as { canManage: boolean }).canManage).toBe(false);
    const change = await call(
      personRoute.action,
      postForm(`/people/${w.personB.id}`, w.reviewer.cookie, [["intent", "deactivate"]]),
      { personId: w.personB.id },
    );
    expect(change.status).toBe(403);
    expect((await db.person.findUniqueOrThrow({ where: { id: w.personB.id } })).active).toBe(true);
    expect(
      (
        await call(personRoute.loader, get(`/people/${w.personA.id}`, w.learner.cookie), {
          personId: w.personA.id,
        })
      ).status,
    ).toBe(403);
  });
});
