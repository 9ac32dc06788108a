// A hand-built agency tree with 40 people and their completions, for the target figure tests. Every value the
// tests expect is worked out by hand from the tables below (see targets-figures.test.ts).
//
//   P  UBND tỉnh Thử (PROVINCE)            own: p1 p2 p3
//   ├─ S1 Sở Một (DEPARTMENT)              own: s1a s1b s1c s1d
//   │  ├─ U1 Phòng Một (UNIT)              own: u1a u1b u1c u1d u1e
//   │  └─ U2 Phòng Hai (UNIT)              own: u2a u2b u2c u2d u2e   → merged into U1 by the test
//   ├─ G  UBND các xã (GROUP)
//   │  ├─ X1 Xã Một (COMMUNE)              own: x1a x1b x1c x1d x1e x1f x1g   (x1f moves to S2 on 01/08/2026)
//   │  └─ X2 Xã Hai (COMMUNE)              own: x2a x2b x2c x2d x2e x2f x2g
//   └─ S2 Sở Hai (DEPARTMENT)              own: s2a s2b s2c s2d s2e s2f s2g s2h s2i
import { db } from "~/db.server";
import type { CompletionSource, ItRole, StaffCategory } from "~/generated/prisma/enums";
import { endOfVnDay } from "~/utils/vn-calendar";
import { makeAgency, makePlan, makeTarget, type TargetOverrides } from "../fixtures/factories";

/** A moment on a Vietnamese calendar day (09:00 in Hà Nội unless a time is given). */
export const vn = (day: string, time = "09:00") => new Date(`${day}T${time}:00+07:00`);

export const START = vn("2026-01-01", "00:00");
export const END = endOfVnDay([2026, 12, 31]);
export const AS_OF_A = endOfVnDay([2026, 9, 30]);
export const AS_OF_B = endOfVnDay([2026, 6, 30]);

type P = [
  key: string,
  agency: string,
  cat: "CB" | "CC" | "VC" | "LD",
  head?: 1 | 0,
  it?: ItRole,
  tags?: string[],
  active?: boolean,
];
const CAT: Record<string, StaffCategory> = {
  CB: "CAN_BO",
  CC: "CONG_CHUC",
  VC: "VIEN_CHUC",
  LD: "NGUOI_LAO_DONG",
};
const IR = ["doi-ung-cuu-su-co"];

export const PEOPLE: P[] = [
  ["p1", "P", "CC", 1],
  ["p2", "P", "CC"],
  ["p3", "P", "LD"],
  ["s1a", "S1", "CC", 1],
  ["s1b", "S1", "VC", 0, "FULL_TIME", IR],
  ["s1c", "S1", "CC"],
  ["s1d", "S1", "LD"],
  ["u1a", "U1", "CC", 1],
  ["u1b", "U1", "VC"],
  ["u1c", "U1", "VC", 0, "PART_TIME"],
  ["u1d", "U1", "CC"],
  ["u1e", "U1", "CB", 0, "NONE", ["khac"]],
  ["u2a", "U2", "CC", 1],
  ["u2b", "U2", "CC", 0, "PART_TIME", IR],
  ["u2c", "U2", "VC"],
  ["u2d", "U2", "CC", 0, "NONE", [], false],
  ["u2e", "U2", "VC", 0, "NONE", ["doi-ung-cuu-su-co", "khac"]],
  ["x1a", "X1", "CB", 1],
  ["x1b", "X1", "CB"],
  ["x1c", "X1", "CC"],
  ["x1d", "X1", "CC", 0, "PART_TIME"],
  ["x1e", "X1", "LD"],
  ["x1f", "X1", "CC"],
  ["x1g", "X1", "VC"],
  ["x2a", "X2", "CB", 1],
  ["x2b", "X2", "CB"],
  ["x2c", "X2", "CC"],
  ["x2d", "X2", "CC"],
  ["x2e", "X2", "VC", 0, "FULL_TIME", IR],
  ["x2f", "X2", "CC", 0, "NONE", [], false],
  ["x2g", "X2", "LD"],
  ["s2a", "S2", "CC", 1],
  ["s2b", "S2", "CC"],
  ["s2c", "S2", "VC"],
  ["s2d", "S2", "VC"],
  ["s2e", "S2", "VC", 0, "FULL_TIME"],
  ["s2f", "S2", "CC"],
  ["s2g", "S2", "LD"],
  ["s2h", "S2", "CC", 0, "NONE", IR],
  ["s2i", "S2", "CC"],
];

type C = [person: string, topics: string[], source: CompletionSource, completedAt: Date, validUntil?: Date];
export const COMPLETIONS: C[] = [
  // attt-co-ban (T1)
  ["p1", ["attt-co-ban"], "ONLINE", vn("2026-02-10"), vn("2028-02-10")],
  ["p3", ["attt-co-ban"], "ONLINE", vn("2026-03-01")], // LD: outside T1's audience
  ["s1a", ["attt-co-ban"], "CLASS", vn("2026-03-15")],
  ["s1c", ["attt-co-ban"], "ONLINE", vn("2026-05-01"), vn("2026-09-01")], // expired by A
  ["u1a", ["attt-co-ban"], "IMPORTED", vn("2026-01-20")],
  ["u1b", ["attt-co-ban"], "ONLINE", vn("2026-07-15")], // after B
  ["u2a", ["attt-co-ban"], "ONLINE", vn("2026-04-01")],
  ["u2c", ["attt-co-ban"], "DRILL", vn("2026-06-01")],
  ["u2d", ["attt-co-ban"], "ONLINE", vn("2026-02-01")], // inactive person
  ["x1a", ["attt-co-ban"], "ONLINE", vn("2026-02-01")],
  ["x1b", ["attt-co-ban"], "ONLINE", vn("2026-10-15")], // after A, counts only live
  ["x1f", ["attt-co-ban"], "ONLINE", vn("2026-03-01")],
  ["x2a", ["attt-co-ban"], "IMPORTED", vn("2026-05-05")],
  ["x2c", ["attt-co-ban"], "ONLINE", vn("2026-05-05")],
  ["x2c", ["attt-co-ban"], "ONLINE", vn("2026-06-06")], // a second one: still one person
  ["s2a", ["attt-co-ban"], "CLASS", vn("2026-06-10")],
  ["s2b", ["attt-co-ban"], "ONLINE", vn("2026-09-30", "12:00")], // the last day of A still counts
  ["s2c", ["attt-co-ban"], "ONLINE", vn("2026-01-10"), vn("2026-06-01")], // expired before B
  // attt-lanh-dao (T2)
  ["p1", ["attt-lanh-dao"], "ONLINE", vn("2026-03-01")],
  ["u1a", ["attt-lanh-dao"], "IMPORTED", vn("2026-08-01")],
  ["u2a", ["attt-lanh-dao"], "ONLINE", vn("2026-05-01")],
  ["x2a", ["attt-lanh-dao"], "ONLINE", vn("2026-02-01"), vn("2026-07-01")], // valid at B, expired at A
  ["s2a", ["attt-lanh-dao"], "CLASS", vn("2026-04-04")],
  ["s1b", ["attt-lanh-dao"], "ONLINE", vn("2026-02-02")], // not a head
  // attt-chuyen-sau (T3, T5)
  ["s1b", ["attt-chuyen-sau"], "CLASS", vn("2026-04-01")],
  ["u2b", ["attt-chuyen-sau"], "DRILL", vn("2026-08-20")],
  ["x2e", ["attt-chuyen-sau"], "CLASS", vn("2026-03-03"), vn("2026-08-31")],
  ["s2e", ["attt-chuyen-sau"], "IMPORTED", vn("2026-06-15")],
  // ky-nang-so-co-ban (T4)
  ["p2", ["ky-nang-so-co-ban"], "ONLINE", vn("2026-03-03")],
  ["u1d", ["ky-nang-so-co-ban"], "ONLINE", vn("2026-07-01")],
  ["x1c", ["ky-nang-so-co-ban"], "ONLINE", vn("2026-02-01")],
  ["x1d", ["ky-nang-so-co-ban"], "ONLINE", vn("2026-04-01")],
  ["s2d", ["ky-nang-so-co-ban"], "ONLINE", vn("2026-05-01")],
  ["s2f", ["ky-nang-so-co-ban"], "ONLINE", vn("2026-08-08")],
  ["x2g", ["ky-nang-so-co-ban"], "ONLINE", vn("2026-03-03")], // LD
  // phan-tich-du-lieu (T5)
  ["u2e", ["phan-tich-du-lieu"], "ONLINE", vn("2026-10-05")], // after A
];

export async function buildTargetsWorld() {
  const P = await makeAgency({ code: "P", name: "UBND tỉnh Thử", kind: "PROVINCE" });
  const S1 = await makeAgency({ code: "S1", name: "Sở Một", kind: "DEPARTMENT", parent: P });
  const U1 = await makeAgency({ code: "U1", name: "Phòng Một", kind: "UNIT", parent: S1 });
  const U2 = await makeAgency({ code: "U2", name: "Phòng Hai", kind: "UNIT", parent: S1 });
  const G = await makeAgency({ code: "G", name: "UBND các xã", kind: "GROUP", parent: P });
  const X1 = await makeAgency({ code: "X1", name: "Xã Một", kind: "COMMUNE", parent: G });
  const X2 = await makeAgency({ code: "X2", name: "Xã Hai", kind: "COMMUNE", parent: G });
  const S2 = await makeAgency({ code: "S2", name: "Sở Hai", kind: "DEPARTMENT", parent: P });
  const agencies = { P, S1, U1, U2, G, X1, X2, S2 };
  const people: Record<string, string> = {};
  for (const [key, agency, cat, head, it, tags, active] of PEOPLE) {
    const agencyId = agencies[agency as keyof typeof agencies].id;
    const moved = key === "x1f";
    const person = await db.person.create({
      data: {
        fullName: `Cán bộ ${key}`,
        email: `${key}@thu.gov.vn`,
        agencyId: moved ? S2.id : agencyId,
        staffCategory: CAT[cat],
        isHeadOfUnit: head === 1,
        itRole: it ?? "NONE",
        tags: tags ?? [],
        active: active ?? true,
        memberships: {
          create: moved
            ? [
                { agencyId, startedAt: START, endedAt: vn("2026-08-01", "00:00"), reason: "TEST" },
                { agencyId: S2.id, startedAt: vn("2026-08-01", "00:00"), reason: "MOVED" },
              ]
            : [{ agencyId, startedAt: START, reason: "TEST" }],
        },
      },
    });
    people[key] = person.id;
  }
  await db.completion.createMany({
    data: COMPLETIONS.map(([key, topics, source, completedAt, validUntil], i) => ({
      personId: people[key],
      topics,
      source,
      completedAt,
      validUntil: validUntil ?? null,
      externalRef: source === "IMPORTED" ? `GCN-${i}` : null,
    })),
  });
  const plan = await makePlan({ documentNumber: "01/KH-THU", agencyId: P.id, startsAt: START });
  const CBCCVC: StaffCategory[] = ["CAN_BO", "CONG_CHUC", "VIEN_CHUC"];
  const t = (code: string, data: Omit<TargetOverrides, "planId">) =>
    makeTarget({
      planId: plan.id,
      code,
      title: code,
      position: Number(code.slice(1)),
      deadline: END,
      ...data,
    });
  const T1 = await t("T1", { staffCategories: CBCCVC, topics: ["attt-co-ban"], targetPercent: 100 });
  const T2 = await t("T2", { headOfUnitOnly: true, topics: ["attt-lanh-dao"], targetPercent: 100 });
  const T3 = await t("T3", {
    itRoles: ["FULL_TIME", "PART_TIME"],
    topics: ["attt-chuyen-sau"],
    targetPercent: 100,
  });
  const T4 = await t("T4", { staffCategories: CBCCVC, topics: ["ky-nang-so-co-ban"], targetPercent: 50 });
  const T5 = await t("T5", {
    agencyId: S1.id,
    tags: ["doi-ung-cuu-su-co"],
    topics: ["attt-chuyen-sau", "phan-tich-du-lieu"],
    targetPercent: 75,
    deadline: endOfVnDay([2026, 6, 30]),
  });
  return { agencies, people, plan, targets: { T1, T2, T3, T4, T5 } };
}
