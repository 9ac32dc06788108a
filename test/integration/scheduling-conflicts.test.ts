// Double bookings, instructors, sessions across midnight, quotas, audience and scope — each refused or
// accepted as the rules say, with a message that names the other offering and its time.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { createOffering, updateOffering } from "~/modules/scheduling/offerings.server";
import { nominate } from "~/modules/scheduling/seats.server";
import { action as offeringAction } from "~/routes/offerings.$offeringId._index";
import { loader as offeringLoader } from "~/routes/offerings.$offeringId._index";
import { makePerson } from "../fixtures/factories";
import { coordinatorOf, itSpecialist, makeOffering } from "./helpers/scheduling-world";
import { buildWorld, call, get, post } from "./helpers/world";

let w: Awaited<ReturnType<typeof buildWorld>>;
let coordA: ReturnType<typeof coordinatorOf>;
beforeAll(async () => {
  w = await buildWorld();
  coordA = coordinatorOf(w.a);
});

const DAY1 = "2026-11-10";

/** Coordinator A's edit of a one-session drill of A: that session moved to [startsAt, endsAt]. */
const editDrill = (
  o: { id: string; title: string },
  sessionId: string,
  startsAt: string,
  endsAt: string,
  extra: { capacity?: number; instructorIds?: string[] } = {},
) =>
  updateOffering(coordA, o.id, {
    kind: "DRILL",
    title: o.title,
    organiserAgencyId: w.a.id,
    capacity: 10,
    instructorIds: [],
    ...extra,
    sessions: [{ id: sessionId, startsAt, endsAt, venue: "Phòng họp" }],
  });

describe("person double-booked", () => {
  it("refuses an overlapping booking, naming the other offering and its time", async () => {
    const p = await itSpecialist(w.a.id, "Phạm Văn Trùng");
    const first = await makeOffering(coordA, w.a.id, [[`${DAY1}T08:00`, `${DAY1}T11:00`]], {
      title: "Lớp A",
    });
    const second = await makeOffering(coordA, w.a.id, [[`${DAY1}T10:30`, `${DAY1}T12:00`]], {
      title: "Lớp B",
    });
    expect((await nominate(coordA, first.id, p.id)).status).toBe("CONFIRMED");
    await expect(nominate(coordA, second.id, p.id)).rejects.toMatchObject({
      status: 409,
      message:
        "Phạm Văn Trùng đã đăng ký «Lớp A» lúc 10/11/2026 08:00–11:00, trùng với buổi 10/11/2026 10:30–12:00 của lớp này.",
    });
    expect(await db.registration.count({ where: { personId: p.id } })).toBe(1);
  });

  it("accepts adjacent sessions (touching ends do not overlap)", async () => {
    const p = await itSpecialist(w.a.id);
    const first = await makeOffering(coordA, w.a.id, [["2026-11-11T08:00", "2026-11-11T10:00"]]);
    const second = await makeOffering(coordA, w.a.id, [["2026-11-11T10:00", "2026-11-11T12:00"]]);
    expect((await nominate(coordA, first.id, p.id)).status).toBe("CONFIRMED");
    expect((await nominate(coordA, second.id, p.id)).status).toBe("CONFIRMED");
  });

  it("a waitlisted booking also blocks the time; a cancelled one does not", async () => {
    const [p, q] = [await itSpecialist(w.a.id), await itSpecialist(w.a.id)];
    const full = await makeOffering(coordA, w.a.id, [["2026-11-12T08:00", "2026-11-12T10:00"]], {
      capacity: 1,
    });
    const other = await makeOffering(coordA, w.a.id, [["2026-11-12T09:00", "2026-11-12T11:00"]]);
    await nominate(coordA, full.id, q.id);
    expect((await nominate(coordA, full.id, p.id)).status).toBe("WAITLISTED");
    await expect(nominate(coordA, other.id, p.id)).rejects.toMatchObject({ status: 409 });
    await db.registration.updateMany({ where: { personId: p.id }, data: { status: "CANCELLED" } });
    expect((await nominate(coordA, other.id, p.id)).status).toBe("CONFIRMED");
  });
});

describe("instructors", () => {
  it("refuses an instructor teaching two overlapping offerings", async () => {
    const teacher = await makePerson({ agencyId: w.a.id, fullName: "Đỗ Thị Giảng" });
    await makeOffering(coordA, w.a.id, [["2026-11-13T08:00", "2026-11-13T11:00"]], {
      title: "Lớp sáng",
      instructorIds: [teacher.id],
    });
    await expect(
      makeOffering(coordA, w.a.id, [["2026-11-13T09:00", "2026-11-13T10:00"]], {
        title: "Lớp trùng",
        instructorIds: [teacher.id],
      }),
    ).rejects.toMatchObject({
      status: 409,
      message:
        "Giảng viên Đỗ Thị Giảng đang là giảng viên của «Lớp sáng» lúc 13/11/2026 08:00–11:00, trùng với buổi 13/11/2026 09:00–10:00 của lớp này.",
    });
    expect(await db.classOffering.count({ where: { title: "Lớp trùng" } })).toBe(0);
    // Afternoon is free.
    await makeOffering(coordA, w.a.id, [["2026-11-13T13:00", "2026-11-13T16:00"]], {
      instructorIds: [teacher.id],
    });
  });

  it("refuses booking an instructor as a participant of an overlapping offering, and the reverse", async () => {
    const teacher = await itSpecialist(w.a.id, "Vũ Văn Dạy");
    await makeOffering(coordA, w.a.id, [["2026-11-14T08:00", "2026-11-14T11:00"]], {
      title: "Lớp Vũ dạy",
      instructorIds: [teacher.id],
    });
    const other = await makeOffering(coordA, w.a.id, [["2026-11-14T10:00", "2026-11-14T12:00"]]);
    await expect(nominate(coordA, other.id, teacher.id)).rejects.toThrow(
      /đang là giảng viên của «Lớp Vũ dạy»/,
    );
    const learner = await itSpecialist(w.a.id, "Hà Văn Học");
    const booked = await makeOffering(coordA, w.a.id, [["2026-11-15T08:00", "2026-11-15T11:00"]], {
      title: "Lớp Hà học",
    });
    await nominate(coordA, booked.id, learner.id);
    await expect(
      makeOffering(coordA, w.a.id, [["2026-11-15T09:00", "2026-11-15T10:00"]], {
        instructorIds: [learner.id],
      }),
    ).rejects.toThrow(/Giảng viên Hà Văn Học đã đăng ký «Lớp Hà học»/);
  });

  it("moving a session onto an instructor's other class is refused on edit", async () => {
    const teacher = await makePerson({ agencyId: w.a.id });
    await makeOffering(coordA, w.a.id, [["2026-11-16T08:00", "2026-11-16T11:00"]], {
      instructorIds: [teacher.id],
    });
    const o = await makeOffering(coordA, w.a.id, [["2026-11-16T13:00", "2026-11-16T15:00"]], {
      instructorIds: [teacher.id],
    });
    const s = await db.classSession.findFirstOrThrow({ where: { offeringId: o.id } });
    await expect(
      editDrill(o, s.id, "2026-11-16T10:00", "2026-11-16T12:00", { instructorIds: [teacher.id] }),
    ).rejects.toMatchObject({ status: 409 });
    expect((await db.classSession.findUniqueOrThrow({ where: { id: s.id } })).startsAt.toISOString()).toBe(
      "2026-11-16T06:00:00.000Z",
    );
  });
});

describe("editing an offering's sessions", () => {
  it("refuses to move a session onto a participant's other booking, and keeps the old time", async () => {
    const p = await itSpecialist(w.a.id, "Trịnh Văn Dời");
    const other = await makeOffering(coordA, w.a.id, [["2026-11-17T08:00", "2026-11-17T11:00"]], {
      title: "Lớp buổi sáng",
    });
    const o = await makeOffering(coordA, w.a.id, [["2026-11-17T13:00", "2026-11-17T15:00"]]);
    await nominate(coordA, other.id, p.id);
    await nominate(coordA, o.id, p.id);
    const s = await db.classSession.findFirstOrThrow({ where: { offeringId: o.id } });
    const edit = (startsAt: string, endsAt: string) => editDrill(o, s.id, startsAt, endsAt);
    await expect(edit("2026-11-17T10:00", "2026-11-17T12:00")).rejects.toMatchObject({
      status: 409,
      field: "sessions",
      message: expect.stringMatching(
        /^Không thể đổi lịch: Trịnh Văn Dời đã đăng ký «Lớp buổi sáng» lúc 17\/11\/2026 08:00/,
      ),
    });
    expect((await db.classSession.findUniqueOrThrow({ where: { id: s.id } })).startsAt.toISOString()).toBe(
      "2026-11-17T06:00:00.000Z",
    );
    // Right after the morning class is fine.
    await expect(edit("2026-11-17T11:00", "2026-11-17T12:00")).resolves.toBeTruthy();
    // Capacity cannot drop below the confirmed seats (here: 1).
    await expect(
      editDrill(o, s.id, "2026-11-17T11:00", "2026-11-17T12:00", { capacity: 0 }),
    ).rejects.toMatchObject({ field: "capacity" });
  });
});

describe("Vietnam time and midnight", () => {
  it("stores 22:00–02:00 Vietnam time as 15:00Z–19:00Z and it clashes with 01:00–03:00 the next day", async () => {
    const p = await itSpecialist(w.a.id);
    const night = await makeOffering(coordA, w.a.id, [["2026-11-20T22:00", "2026-11-21T02:00"]], {
      title: "Trực đêm",
    });
    const s = await db.classSession.findFirstOrThrow({ where: { offeringId: night.id } });
    expect(s.startsAt.toISOString()).toBe("2026-11-20T15:00:00.000Z");
    expect(s.endsAt.toISOString()).toBe("2026-11-20T19:00:00.000Z");
    const early = await makeOffering(coordA, w.a.id, [["2026-11-21T01:00", "2026-11-21T03:00"]]);
    const after = await makeOffering(coordA, w.a.id, [["2026-11-21T02:00", "2026-11-21T04:00"]]);
    await nominate(coordA, night.id, p.id);
    await expect(nominate(coordA, early.id, p.id)).rejects.toThrow(/«Trực đêm» lúc 20\/11\/2026 22:00–02:00/);
    expect((await nominate(coordA, after.id, p.id)).status).toBe("CONFIRMED");
  });

  it("refuses a session that ends before it starts", async () => {
    await expect(
      makeOffering(coordA, w.a.id, [["2026-11-22T10:00", "2026-11-22T09:00"]]),
    ).rejects.toMatchObject({
      status: 400,
      message: "Thời gian kết thúc phải sau thời gian bắt đầu.",
    });
  });
});

describe("quota, audience, scope", () => {
  it("refuses beyond an agency's quota (confirmed + pending of its subtree)", async () => {
    const o = await makeOffering(coordA, w.a.id, [["2026-11-25T08:00", "2026-11-25T10:00"]], {
      quotas: [{ agencyId: w.a.id, seats: 2 }],
    });
    const [p1, p2, p3] = [
      await itSpecialist(w.a.id),
      await itSpecialist(w.a1.id),
      await itSpecialist(w.a1.id),
    ];
    await nominate(coordA, o.id, p1.id);
    await nominate(coordA, o.id, p2.id);
    await expect(nominate(coordA, o.id, p3.id)).rejects.toMatchObject({
      status: 409,
      message: "Sở Khoa học và Công nghệ đã dùng hết 2 chỉ tiêu của lớp này (đã có 2 người đăng ký/được cử).",
    });
    // Agency B has no quota of its own: only the capacity limits it.
    const pb = await itSpecialist(w.b.id);
    expect((await nominate(coordinatorOf(w.b), o.id, pb.id)).status).toBe("CONFIRMED");
  });

  it("refuses someone outside the audience with a clear message", async () => {
    const o = await makeOffering(coordA, w.a.id, [["2026-11-26T08:00", "2026-11-26T10:00"]], {
      audienceItRoles: ["FULL_TIME"],
      audienceTags: ["doi-ung-cuu-su-co"],
    });
    const plain = await makePerson({ agencyId: w.a.id, fullName: "Lý Văn Thường" });
    await expect(nominate(coordA, o.id, plain.id)).rejects.toMatchObject({
      status: 409,
      message:
        "Lý Văn Thường không thuộc đối tượng của lớp này (chỉ dành cho cán bộ chuyên trách CNTT, nhóm doi-ung-cuu-su-co).",
    });
    const team = await itSpecialist(w.a.id, undefined, { tags: ["doi-ung-cuu-su-co"] });
    expect((await nominate(coordA, o.id, team.id)).status).toBe("CONFIRMED");
  });

  it("route: a coordinator cannot nominate a person outside their subtree (404), a learner cannot nominate (403)", async () => {
    const o = await makeOffering(coordA, w.a.id, [["2026-11-27T08:00", "2026-11-27T10:00"]]);
    const outsider = await itSpecialist(w.b.id);
    const mine = await itSpecialist(w.a1.id);
    const url = `/offerings/${o.id}`;
    const params = { offeringId: o.id };
    const refused = await call(
      offeringAction,
      post(url, w.coordA.cookie, { intent: "nominate", personId: outsider.id }),
      params,
    );
    expect(refused.status).toBe(404);
    const learner = await call(
      offeringAction,
      post(url, w.learner.cookie, { intent: "nominate", personId: mine.id }),
      params,
    );
    expect([403, 404]).toContain(learner.status);
    expect(await db.registration.count({ where: { offeringId: o.id } })).toBe(0);
    const ok = await call(
      offeringAction,
      post(url, w.coordA.cookie, { intent: "nominate", personId: mine.id, personName: "x" }),
      params,
    );
    expect(ok.status).toBe(302);
    expect(
      await db.registration.count({ where: { offeringId: o.id, personId: mine.id, status: "CONFIRMED" } }),
    ).toBe(1);
    // Coordinator B sees the offering but only B's people in the roster.
    const page = await call(offeringLoader, get(url, w.coordB.cookie), params);
    expect(page.status).toBe(200);
    expect((page.data as { roster: unknown[] }).roster).toHaveLength(0);
  });

  it("only an organiser may create for an agency (403 outside scope)", async () => {
    await expect(
      createOffering(coordA, {
        kind: "CLASS",
        title: "Lớp của sở khác",
        organiserAgencyId: w.b.id,
        capacity: 5,
        sessions: [{ startsAt: "2026-11-28T08:00", endsAt: "2026-11-28T10:00", venue: "P1" }],
      }),
    ).rejects.toMatchObject({ status: 403 });
  });
});
