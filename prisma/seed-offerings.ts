// Demo classes and drills for IT specialists (issue 6). Idempotent: offerings are found by title and
// organiser, registrations by (offering, person); IT roles are set on the same people on every run.
import { db } from "../app/db.server.ts";
import { parseVnDateTime } from "../app/domain/scheduling-time.ts";
import { DEMO_ACCOUNTS } from "./demo-accounts.ts";

const ORGANISER = "20.SKHCN";
const STAFFED = ["20.SKHCN", "20.STC"];
/** IT specialists wanted per agency: a few booked by the seed, the rest free for demos and the e2e test. */
const SPECIALISTS_PER_AGENCY = 8;
const at = (s: string) => parseVnDateTime(s)!;

const OFFERINGS = [
  {
    kind: "DRILL" as const,
    title: "Diễn tập ứng cứu sự cố an toàn thông tin mạng năm 2026",
    description:
      "Diễn tập thực chiến theo kịch bản tấn công mã độc tống tiền vào hệ thống thông tin của tỉnh; phối hợp giữa đội ứng cứu sự cố của tỉnh và các sở, ngành.",
    capacity: 20,
    sessions: [
      {
        title: "Phổ biến kịch bản",
        startsAt: "2026-12-10T08:00",
        endsAt: "2026-12-10T11:30",
        venue: "Hội trường Sở Khoa học và Công nghệ",
      },
      {
        title: "Diễn tập thực chiến",
        startsAt: "2026-12-11T08:00",
        endsAt: "2026-12-11T17:00",
        venue: "Trung tâm giám sát an toàn thông tin (SOC) tỉnh",
      },
    ],
    bookedPerAgency: 2,
  },
  {
    kind: "CLASS" as const,
    title: "Lớp bồi dưỡng chuyên sâu về an toàn thông tin",
    description:
      "Giám sát an toàn thông tin, phân tích log, xử lý sự cố và bảo đảm an toàn hệ thống theo cấp độ.",
    capacity: 30,
    sessions: [
      {
        title: "Giám sát và phân tích log",
        startsAt: "2026-12-15T08:00",
        endsAt: "2026-12-15T11:30",
        venue: "Phòng họp tầng 3, Sở Khoa học và Công nghệ",
      },
      {
        title: "Bảo đảm an toàn hệ thống theo cấp độ",
        startsAt: "2026-12-16T08:00",
        endsAt: "2026-12-16T11:30",
        venue: "Phòng họp tầng 3, Sở Khoa học và Công nghệ",
      },
      {
        title: "Thực hành xử lý sự cố",
        startsAt: "2026-12-17T13:30",
        endsAt: "2026-12-17T17:00",
        venue: "",
        onlineUrl: "https://hop.langson.gov.vn/attt-chuyen-sau",
      },
    ],
    bookedPerAgency: 1,
  },
];

/** Deterministic IT specialists in the agency's subtree: existing ones first, then (by email) a few more. */
async function ensureSpecialists(code: string): Promise<{ id: string; agencyId: string }[]> {
  const agency = await db.agency.findUnique({ where: { code } });
  if (!agency) return [];
  const demoEmails = DEMO_ACCOUNTS.map((a) => a.email as string);
  const people = await db.person.findMany({
    where: { active: true, agency: { path: { startsWith: agency.path } }, email: { notIn: demoEmails } },
    select: { id: true, agencyId: true, itRole: true, isHeadOfUnit: true, email: true },
    orderBy: { email: "asc" },
  });
  const it = people.filter((p) => p.itRole !== "NONE");
  const candidates = people.filter((p) => p.itRole === "NONE" && !p.isHeadOfUnit);
  const missing = candidates.slice(0, Math.max(0, SPECIALISTS_PER_AGENCY - it.length));
  for (const [i, p] of missing.entries())
    await db.person.update({ where: { id: p.id }, data: { itRole: i % 2 ? "PART_TIME" : "FULL_TIME" } });
  // One order on every run (by email), so a re-run books the same people and adds nothing.
  return [...it, ...missing]
    .sort((a, b) => (a.email < b.email ? -1 : 1))
    .map((p) => ({ id: p.id, agencyId: p.agencyId }));
}

export async function seedOfferings(): Promise<string> {
  const organiser = await db.agency.findUnique({ where: { code: ORGANISER } });
  if (!organiser) return "";
  const staff = await Promise.all(STAFFED.map(ensureSpecialists));
  const coordinator = await db.user.findUnique({ where: { email: "daotao.skhcn@langson.gov.vn" } });
  let created = 0;
  let booked = 0;
  let offset = 0;
  for (const spec of OFFERINGS) {
    let offering = await db.classOffering.findFirst({
      where: { title: spec.title, organiserAgencyId: organiser.id },
    });
    if (!offering) {
      created++;
      offering = await db.classOffering.create({
        data: {
          kind: spec.kind,
          title: spec.title,
          description: spec.description,
          topics: ["attt-chuyen-sau"],
          audienceItRoles: ["FULL_TIME", "PART_TIME"],
          organiserAgencyId: organiser.id,
          createdById: coordinator?.id ?? null,
          capacity: spec.capacity,
          registrationClosesAt: at("2026-12-05T17:00"),
          validityMonths: 24,
          status: "OPEN",
          sessions: {
            create: spec.sessions.map((s, i) => ({
              position: i + 1,
              title: s.title,
              startsAt: at(s.startsAt),
              endsAt: at(s.endsAt),
              venue: s.venue,
              onlineUrl: "onlineUrl" in s ? s.onlineUrl : null,
            })),
          },
        },
      });
    }
    // Different people per offering, so the demo shows more than one name everywhere.
    const people = staff.flatMap((list) => list.slice(offset, offset + spec.bookedPerAgency));
    offset += spec.bookedPerAgency;
    for (const p of people) {
      const exists = await db.registration.findUnique({
        where: { offeringId_personId: { offeringId: offering.id, personId: p.id } },
      });
      if (exists) continue;
      booked++;
      await db.registration.create({
        data: {
          offeringId: offering.id,
          personId: p.id,
          agencyId: p.agencyId,
          status: "CONFIRMED",
          source: "NOMINATED",
          requestedById: coordinator?.id ?? null,
          decidedAt: new Date(),
          confirmedAt: new Date(),
        },
      });
    }
  }
  const specialists = staff.reduce((n, list) => n + list.length, 0);
  return `Lớp tập huấn / diễn tập: ${created} mới, ${booked} lượt đăng ký mẫu, ${specialists} cán bộ CNTT ở ${STAFFED.join(", ")}.`;
}
