// Attendance → Completion (exactly one, removed when corrected), post-tests, notices written once per event,
// and the personal calendar feed.
import ICAL from "ical.js";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { markAttendance, recordResult } from "~/modules/scheduling/attendance.server";
import { rotateFeedToken, revokeFeed } from "~/modules/scheduling/calendar.server";
import { cancelOffering, updateOffering } from "~/modules/scheduling/offerings.server";
import { cancelRegistration, nominate } from "~/modules/scheduling/seats.server";
import { loader as feedLoader } from "~/routes/calendar.$token";
import { makeAgencyTree, makePerson } from "../fixtures/factories";
import { coordinatorOf, itSpecialist, makeOffering } from "./helpers/scheduling-world";
import { action as offeringAction, loader as offeringLoader } from "~/routes/offerings.$offeringId._index";
import { loader as icsLoader } from "~/routes/offerings.$offeringId.ics";
import { loader as xlsxLoader } from "~/routes/offerings.$offeringId.roster[.]xlsx";
import { loader as csvLoader } from "~/routes/offerings.$offeringId.roster[.]csv";
import { loader as signInLoader } from "~/routes/offerings.$offeringId.sign-in";
import { action as editAction } from "~/routes/offerings.$offeringId.edit";
import { buildWorld, call, get, signedInAccount, post } from "./helpers/world";

let tree: Awaited<ReturnType<typeof makeAgencyTree>>;
let coord: ReturnType<typeof coordinatorOf>;
beforeAll(async () => {
  tree = await makeAgencyTree("ATT");
  coord = coordinatorOf(tree.a);
});

const TWO_DAYS: [string, string][] = [
  ["2026-10-05T08:00", "2026-10-05T11:30"],
  ["2026-10-06T13:30", "2026-10-06T17:00"],
];

async function setup(overrides: Parameters<typeof makeOffering>[3] = {}) {
  const o = await makeOffering(coord, tree.a.id, TWO_DAYS, { validityMonths: 24, ...overrides });
  const sessions = await db.classSession.findMany({
    where: { offeringId: o.id },
    orderBy: { position: "asc" },
  });
  const p = await itSpecialist(tree.a.id);
  const r = await nominate(coord, o.id, p.id);
  return { o, sessions, p, r };
}

const mark = (offeringId: string, sessionId: string, registrationId: string, present: boolean) =>
  markAttendance(
    coord,
    offeringId,
    sessionId,
    [{ registrationId, present }],
    new Date("2026-10-07T00:00:00Z"),
  );

describe("attendance and completion", () => {
  it("threshold met → one DRILL completion with topics and validUntil; marking again does not duplicate", async () => {
    const { o, sessions, p, r } = await setup();
    await mark(o.id, sessions[0]!.id, r.registrationId, true);
    expect(await db.completion.count({ where: { personId: p.id } })).toBe(0); // 1 of 2 < 100 %
    expect(await mark(o.id, sessions[1]!.id, r.registrationId, true)).toMatchObject({ created: 1 });
    expect(await mark(o.id, sessions[1]!.id, r.registrationId, true)).toMatchObject({
      created: 0,
      unchanged: 1,
    });
    const completions = await db.completion.findMany({ where: { personId: p.id } });
    expect(completions).toHaveLength(1);
    const c = completions[0]!;
    expect(c).toMatchObject({ source: "DRILL", topics: ["attt-chuyen-sau"], courseId: null });
    expect(c.completedAt.toISOString()).toBe("2026-10-06T10:00:00.000Z"); // last session end, 17:00 +07
    expect(c.validUntil?.toISOString()).toBe("2028-10-06T10:00:00.000Z");
    expect((await db.registration.findUniqueOrThrow({ where: { id: r.registrationId } })).completionId).toBe(
      c.id,
    );
  });

  it("a correction below the threshold removes the completion; a 50 % threshold completes with one session", async () => {
    const { o, sessions, p, r } = await setup();
    await mark(o.id, sessions[0]!.id, r.registrationId, true);
    await mark(o.id, sessions[1]!.id, r.registrationId, true);
    expect(await mark(o.id, sessions[1]!.id, r.registrationId, false)).toMatchObject({ removed: 1 });
    expect(await db.completion.count({ where: { personId: p.id } })).toBe(0);
    expect(
      (await db.registration.findUniqueOrThrow({ where: { id: r.registrationId } })).completionId,
    ).toBeNull();

    const half = await setup({ attendanceThreshold: 50, kind: "CLASS" });
    await mark(half.o.id, half.sessions[0]!.id, half.r.registrationId, true);
    expect(await db.completion.findMany({ where: { personId: half.p.id } })).toMatchObject([
      { source: "CLASS" },
    ]);
  });

  it("a required post-test holds the completion back until passed (or the linked course is completed online)", async () => {
    const { o, sessions, p, r } = await setup({ requiresPostTest: true });
    await mark(o.id, sessions[0]!.id, r.registrationId, true);
    await mark(o.id, sessions[1]!.id, r.registrationId, true);
    expect(await db.completion.count({ where: { personId: p.id } })).toBe(0);
    expect(
      await recordResult(coord, o.id, r.registrationId, { score: 85, result: "Đạt", postTestPassed: true }),
    ).toBe("created");
    expect(await db.completion.findFirst({ where: { personId: p.id } })).toMatchObject({
      score: 85,
      source: "DRILL",
    });
    expect(
      await recordResult(coord, o.id, r.registrationId, {
        score: 40,
        result: "Chưa đạt",
        postTestPassed: false,
      }),
    ).toBe("removed");
    expect(await db.completion.count({ where: { personId: p.id } })).toBe(0);
  });

  it("attendance only for confirmed people, only by the organiser", async () => {
    const { o, sessions } = await setup({ capacity: 1 });
    const waiting = await itSpecialist(tree.a.id);
    const w = await nominate(coord, o.id, waiting.id);
    expect(w.status).toBe("WAITLISTED");
    await expect(mark(o.id, sessions[0]!.id, w.registrationId, true)).rejects.toMatchObject({ status: 409 });
    await expect(markAttendance(coordinatorOf(tree.b), o.id, sessions[0]!.id, [])).rejects.toMatchObject({
      status: 403,
    });
  });
});

describe("notices", () => {
  it("confirm, promote, change and cancel each write one notification and one email, once", async () => {
    const { o, sessions, p, r } = await setup({ capacity: 1 });
    const q = await itSpecialist(tree.a.id);
    const waiting = await nominate(coord, o.id, q.id);
    const key = (k: string) =>
      db.notification.count({ where: { dedupeKey: { startsWith: `offering:${o.id}:${k}` } } });
    const mails = (k: string) =>
      db.outboxEmail.count({ where: { dedupeKey: { startsWith: `email:offering:${o.id}:${k}` } } });
    expect([await key("confirmed"), await mails("confirmed")]).toEqual([1, 1]);
    expect([await key("waitlisted"), await mails("waitlisted")]).toEqual([1, 1]);
    await cancelRegistration(coord, r.registrationId);
    await cancelRegistration(coord, r.registrationId);
    expect([await key("cancelled:"), await mails("cancelled:")]).toEqual([1, 1]);
    expect([await key("promoted"), await mails("promoted")]).toEqual([1, 1]);
    const email = await db.outboxEmail.findFirstOrThrow({
      where: { dedupeKey: { startsWith: `email:offering:${o.id}:promoted` } },
    });
    expect(email.to).toBe(q.email);
    expect(email.subject).toBe(`Đã có chỗ (từ danh sách chờ): ${o.title}`);
    expect(email.text).toContain("05/10/2026 08:00–11:30");

    const edit = {
      kind: "DRILL" as const,
      title: o.title,
      organiserAgencyId: tree.a.id,
      capacity: 1,
      audienceItRoles: ["FULL_TIME" as const],
      sessions: [
        {
          id: sessions[0]!.id,
          startsAt: "2026-10-05T08:30",
          endsAt: "2026-10-05T11:30",
          venue: "Hội trường tầng 3",
        },
        {
          id: sessions[1]!.id,
          startsAt: "2026-10-06T13:30",
          endsAt: "2026-10-06T17:00",
          venue: "Hội trường tầng 3",
        },
      ],
    };
    const changed = await updateOffering(coord, o.id, edit);
    expect(changed).toMatchObject({ changed: true, offering: { sequence: 1 } });
    expect(await updateOffering(coord, o.id, edit)).toMatchObject({
      changed: false,
      offering: { sequence: 1 },
    });
    expect(await db.notification.count({ where: { dedupeKey: `offering:${o.id}:changed:1:${q.id}` } })).toBe(
      1,
    );
    expect(await db.notification.count({ where: { dedupeKey: `offering:${o.id}:changed:1:${p.id}` } })).toBe(
      0,
    ); // cancelled
    await cancelOffering(coord, o.id);
    await cancelOffering(coord, o.id);
    expect(
      await db.notification.count({ where: { dedupeKey: `offering:${o.id}:cancelled-offering:${q.id}` } }),
    ).toBe(1);
    expect(
      await db.outboxEmail.count({
        where: { dedupeKey: `email:offering:${o.id}:cancelled-offering:${q.id}` },
      }),
    ).toBe(1);
    expect(waiting.status).toBe("WAITLISTED");
  });
});

describe("calendar feed", () => {
  it("lists the person's confirmed sessions and the ones they teach; 404 for a wrong or revoked token", async () => {
    const { o, p } = await setup();
    const full = await makeOffering(coord, tree.a.id, [["2026-10-09T08:00", "2026-10-09T09:00"]], {
      capacity: 1,
      title: "Lớp đầy",
    });
    await nominate(coord, full.id, (await itSpecialist(tree.a.id)).id);
    await nominate(coord, full.id, p.id); // waitlisted: not in the feed
    const teacher = await makePerson({ agencyId: tree.a.id });
    const taught = await makeOffering(coord, tree.a.id, [["2026-10-12T08:00", "2026-10-12T09:00"]], {
      instructorIds: [teacher.id],
      title: "Lớp giảng",
    });

    const token = await rotateFeedToken(p.id, null);
    const res = await call(feedLoader, new Request(`http://localhost/calendar/${token}.ics`), {
      token: `${token}.ics`,
    });
    expect(res.status).toBe(200);
    expect(res.response!.headers.get("content-type")).toContain("text/calendar");
    const comp = new ICAL.Component(ICAL.parse(await res.response!.text()));
    const events = comp.getAllSubcomponents("vevent").map((e) => new ICAL.Event(e));
    expect(events.map((e) => e.summary)).toEqual([`${o.title} — Buổi 1`, `${o.title} — Buổi 2`]);
    expect(events[0]!.startDate.toJSDate().toISOString()).toBe("2026-10-05T01:00:00.000Z");

    const teacherToken = await rotateFeedToken(teacher.id, null);
    const tr = await call(feedLoader, new Request("http://localhost/x"), { token: `${teacherToken}.ics` });
    expect(await tr.response!.text()).toContain(`SUMMARY:${taught.title}`);

    const wrong = await call(feedLoader, new Request("http://localhost/x"), {
      token: `${"a".repeat(32)}.ics`,
    });
    expect(wrong.status).toBe(404);
    const rotated = await rotateFeedToken(p.id, null);
    expect(
      (await call(feedLoader, new Request("http://localhost/x"), { token: `${token}.ics` })).status,
    ).toBe(404);
    await revokeFeed(p.id, null);
    expect(
      (await call(feedLoader, new Request("http://localhost/x"), { token: `${rotated}.ics` })).status,
    ).toBe(404);
    const stored = await db.calendarFeed.findUniqueOrThrow({ where: { personId: p.id } });
    expect(stored.tokenHash).not.toContain(rotated);
  });
});

describe("routes", () => {
  it("self-registration and approval through the page; exports and the sign-in sheet for the organiser only", async () => {
    const w = await buildWorld();
    const learnerPerson = await db.person.findUniqueOrThrow({ where: { email: "learner@test.vn" } });
    await db.person.update({ where: { id: learnerPerson.id }, data: { itRole: "PART_TIME" } });
    const o = await makeOffering(coordinatorOf(w.a), w.a.id, [["2026-10-20T08:00", "2026-10-20T10:00"]], {
      title: "Lớp qua trang",
    });
    const url = `/offerings/${o.id}`;
    const params = { offeringId: o.id };

    const postAs = async (cookie: string, fields: Record<string, string>) =>
      (await call(offeringAction, post(url, cookie, fields), params)).status;

    expect(await postAs(w.learner.cookie, { intent: "register" })).toBe(302);
    const reg = await db.registration.findFirstOrThrow({
      where: { offeringId: o.id, personId: learnerPerson.id },
    });
    expect(reg).toMatchObject({ status: "PENDING_APPROVAL", source: "SELF" });
    // Coordinator B does not cover the learner: the registration does not exist for them.
    const approve = { intent: "approve", registrationId: reg.id };
    expect(await postAs(w.coordB.cookie, approve)).toBe(404);
    expect(await postAs(w.coordA.cookie, approve)).toBe(302);
    expect((await db.registration.findUniqueOrThrow({ where: { id: reg.id } })).status).toBe("CONFIRMED");
    const page = await call(offeringLoader, get(url, w.learner.cookie), params);
    expect(page.data).toMatchObject({ me: { status: "CONFIRMED" }, roster: [] });

    for (const loader of [xlsxLoader, csvLoader, signInLoader]) {
      expect((await call(loader, get(url, w.coordA.cookie), params)).status).toBe(200);
      expect((await call(loader, get(url, w.coordB.cookie), params)).status).toBe(403);
      // The learner holds a seat, so sees the offering, but exports are the organiser's.
      expect((await call(loader, get(url, w.learner.cookie), params)).status).toBe(403);
    }
    const text = await (await call(csvLoader, get(url, w.coordA.cookie), params)).response!.text();
    expect(text).toContain(learnerPerson.fullName);
    expect((await call(icsLoader, get(url, w.learner.cookie), params)).status).toBe(200);
    // A learner outside the audience, without a registration, does not see it at all.
    const other = await signedInAccount({
      email: "other-learner@test.vn",
      grants: [{ role: "LEARNER" }],
      agencyId: w.b.id,
    });
    expect((await call(icsLoader, get(url, other.cookie), params)).status).toBe(404);
  });

  it("the edit form keeps session ids, cancels a dropped session and raises the sequence", async () => {
    const coordCookie = (
      await signedInAccount({
        email: "edit-coord@test.vn",
        grants: [{ role: "COORDINATOR", agencyId: tree.a.id }],
        agencyId: tree.a.id,
      })
    ).cookie;
    const { o, sessions, p } = await setup();
    const url = `/offerings/${o.id}/edit`;
    const form = new URLSearchParams({
      kind: "DRILL",
      title: "Tên mới",
      organiserAgencyId: tree.a.id,
      capacity: "10",
      attendanceThreshold: "100",
      topics: "attt-chuyen-sau",
      instructorEmails: "",
    });
    form.append("audienceItRoles", "FULL_TIME");
    for (const [k, v] of [
      ["sessions[0].id", sessions[0]!.id],
      ["sessions[0].startsAt", "2026-10-05T09:00"],
      ["sessions[0].endsAt", "2026-10-05T11:30"],
      ["sessions[0].title", ""],
      ["sessions[0].venue", "Phòng 2"],
      ["sessions[0].onlineUrl", ""],
    ])
      form.append(k!, v!);
    const res = await call(
      editAction,
      new Request(`http://localhost${url}`, {
        method: "POST",
        headers: {
          cookie: coordCookie,
          "content-type": "application/x-www-form-urlencoded",
          origin: "http://localhost",
        },
        body: form,
      }),
      { offeringId: o.id },
    );
    expect(res.status).toBe(302);
    const after = await db.classOffering.findUniqueOrThrow({
      where: { id: o.id },
      include: { sessions: { orderBy: { position: "asc" } } },
    });
    expect(after).toMatchObject({ title: "Tên mới", sequence: 1 });
    expect(after.sessions.map((s) => [s.id, s.startsAt.toISOString(), s.cancelledAt !== null])).toEqual([
      [sessions[0]!.id, "2026-10-05T02:00:00.000Z", false],
      [sessions[1]!.id, sessions[1]!.startsAt.toISOString(), true],
    ]);
    expect(await db.notification.count({ where: { dedupeKey: `offering:${o.id}:changed:1:${p.id}` } })).toBe(
      1,
    );
    const bad = await call(
      editAction,
      post(url, coordCookie, {
        kind: "DRILL",
        title: "x",
        organiserAgencyId: tree.a.id,
        capacity: "10",
        "sessions[0].startsAt": "2026-10-05T09:00",
        "sessions[0].endsAt": "2026-10-05T08:00",
        "sessions[0].venue": "P",
      }),
      { offeringId: o.id },
    );
    expect(bad).toMatchObject({
      status: 400,
      data: { error: { "sessions[0].endsAt": ["Thời gian kết thúc phải sau thời gian bắt đầu."] } },
    });
  });
});
