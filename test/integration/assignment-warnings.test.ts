// Creating an assignment through the form's action: a due date in the past is refused (with its reason),
// and a preview warns when people of the audience already hold a current assignment of the same course,
// naming those assignments; creating anyway works, but only with the preview that was seen.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { translate } from "~/i18n";
import { createAssignment } from "~/modules/assignments/assignments.server";
import { vnToday } from "~/modules/assignments/form";
import { action } from "~/routes/assignments.new";
import { makeCourseVersion } from "../fixtures/courses";
import { buildWorld, call, post } from "./helpers/world";

const DAY = 86_400_000;
let w: Awaited<ReturnType<typeof buildWorld>>;
let courseId: string;
let earlierId: string;

type Reply = { status?: string; error?: Record<string, string[] | null> };
type Preview = {
  count: number;
  token: string;
  overlap: {
    people: number;
    assignments: { assignmentId: string; title: string; assignedAt: Date; dueFrom: Date; people: number }[];
  };
};
/** A preview (with the form's reply), or the reply alone when the form was refused. */
type Out = { result: Reply; preview: Preview | null; stale: boolean } | (Reply & { preview?: undefined });
const replyOf = (out: Out): Reply => ("result" in out ? out.result : out);

const submit = async (fields: Record<string, string>) => {
  const res = await call(action, post("/assignments/new", w.coordA.cookie, fields));
  return { status: res.status, out: res.data as Out, response: res.response };
};
const assignmentCount = () => db.assignment.count({ where: { courseId } });
const isoDay = (d: Date) => vnToday(d);
const dmy = (iso: string) => iso.split("-").reverse().join("/");

beforeAll(async () => {
  w = await buildWorld();
  courseId = (await makeCourseVersion({ topics: ["canh-bao"] })).course.id;
  // An earlier assignment of the same course to A's subtree: An (A), Bình (A1) and the coordinator.
  const earlier = await createAssignment(
    [w.a.path],
    { courseId, agencyId: w.a.id, dueAt: isoDay(new Date(Date.now() + 20 * DAY)), title: "Đợt 1 năm 2026" },
    w.coordA.user.id,
  );
  earlierId = earlier.id;
});

describe("a due date in the past", () => {
  it("is refused on preview and on confirm, with the reason, and nothing is created", async () => {
    const before = await assignmentCount();
    const yesterday = isoDay(new Date(Date.now() - DAY));
    for (const dueAt of [yesterday, dmy(yesterday), "2020-01-31"])
      for (const intent of ["preview", "confirm"]) {
        const { status, out } = await submit({ intent, courseId, agencyId: w.a1.id, dueAt });
        expect(status, `${intent} ${dueAt}`).toBe(400);
        expect(replyOf(out).error?.dueAt, `${intent} ${dueAt}`).toEqual([translate("vi", "asg.err.pastDue")]);
        expect(out.preview ?? null).toBeNull();
      }
    expect(await assignmentCount()).toBe(before);
  });

  it("today and later are accepted, in either date format", async () => {
    const today = isoDay(new Date());
    for (const dueAt of [today, dmy(today)]) {
      const { status, out } = await submit({ intent: "preview", courseId, agencyId: w.a1.id, dueAt });
      expect(status, dueAt).toBe(200);
      expect(out.preview?.count, dueAt).toBe(1);
    }
  });

  it("an impossible date is a format error, not a 500", async () => {
    const { status, out } = await submit({
      intent: "preview",
      courseId,
      agencyId: w.a1.id,
      dueAt: "31/02/2027",
    });
    expect(status).toBe(400);
    expect(replyOf(out).error?.dueAt).toEqual([translate("vi", "asg.err.dueAtFormat")]);
  });
});

describe("the same course already assigned to overlapping people", () => {
  it("the preview says how many, in which assignment, assigned and due when", async () => {
    const { status, out } = await submit({
      intent: "preview",
      courseId,
      agencyId: w.a1.id,
      includeSubagencies: "on",
      dueDays: "30",
    });
    expect(status).toBe(200);
    expect(out.preview?.count).toBe(1); // Bình
    expect(out.preview?.overlap.people).toBe(1);
    const [o] = out.preview!.overlap.assignments;
    expect(o.assignmentId).toBe(earlierId);
    expect(o.title).toBe("Đợt 1 năm 2026");
    expect(o.people).toBe(1);
    expect(isoDay(new Date(o.assignedAt))).toBe(isoDay(new Date()));
    expect(isoDay(new Date(o.dueFrom))).toBe(isoDay(new Date(Date.now() + 20 * DAY)));
  });

  it("counts people named by email too", async () => {
    const { status, out } = await submit({
      intent: "preview",
      courseId,
      agencyId: "",
      emails: "AN@a.vn",
      dueDays: "30",
    });
    expect(status).toBe(200);
    expect(out.preview?.count).toBe(1);
    expect(out.preview?.overlap.people).toBe(1);
  });

  it("no warning for another course; an agency outside the scope is refused", async () => {
    const other = (await makeCourseVersion({ topics: ["khac"] })).course.id;
    const a = await submit({ intent: "preview", courseId: other, agencyId: w.a1.id, dueDays: "30" });
    expect(a.out.preview?.overlap).toEqual({ people: 0, assignments: [] });
    const b = await submit({ intent: "preview", courseId, agencyId: w.b.id, dueDays: "30" });
    // B is outside coordinator A's scope: refused before any warning.
    expect(b.status).toBe(403);
  });

  it("creating anyway works with the preview's token; without it the preview is shown again", async () => {
    const fields = { courseId, agencyId: w.a1.id, includeSubagencies: "on", dueDays: "30" };
    const before = await assignmentCount();
    const unseen = await submit({ ...fields, intent: "confirm" });
    expect(unseen.status).toBe(200);
    expect("stale" in unseen.out && unseen.out.stale).toBe(true);
    expect(unseen.out.preview?.overlap.people).toBe(1);
    expect(await assignmentCount()).toBe(before);

    const { out } = await submit({ ...fields, intent: "preview" });
    const created = await submit({ ...fields, intent: "confirm", previewToken: out.preview!.token });
    expect(created.status).toBe(302);
    expect(await assignmentCount()).toBe(before + 1);
    // The next preview counts both earlier assignments.
    const again = await submit({ ...fields, intent: "preview" });
    expect(again.out.preview?.overlap.assignments).toHaveLength(2);
    expect(again.out.preview?.overlap.people).toBe(1);
  });
});
