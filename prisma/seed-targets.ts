// Demo plans and targets (the real targets of the Lạng Sơn 2022 plan), demo completions and snapshots.
// Idempotent: plans are upserted by (document number, agency), targets by (plan, code), completions carry an
// externalRef "MAU-…" unique per person, and month-end snapshots are only taken where missing.
import { db } from "../app/db.server.ts";
import type { CompletionSource, StaffCategory } from "../app/generated/prisma/enums.ts";
import { endOfVnDay, startOfVnDay } from "../app/utils/vn-calendar.ts";
import { ensureMonthlySnapshots } from "../app/modules/targets/snapshots.server.ts";
import { rng } from "./demo-names.ts";

const CBCCVC: StaffCategory[] = ["CAN_BO", "CONG_CHUC", "VIEN_CHUC"];

// The five targets of the 2022 plan (kế hoạch phát triển Chính quyền số và bảo đảm ATTT mạng, Lạng Sơn 2022).
const TARGETS = [
  {
    code: "ATTT-CB",
    title: "100% CBCCVC được phổ biến kiến thức cơ bản về an toàn thông tin",
    staffCategories: CBCCVC,
    topics: ["attt-co-ban"],
    targetPercent: 100,
  },
  {
    code: "ATTT-LD",
    title: "100% người đứng đầu cơ quan, đơn vị được phổ biến, quán triệt về an toàn thông tin",
    headOfUnitOnly: true,
    topics: ["attt-lanh-dao"],
    targetPercent: 100,
  },
  {
    code: "ATTT-CNTT",
    title: "100% cán bộ chuyên trách, kiêm nhiệm CNTT được đào tạo, bồi dưỡng về an toàn thông tin",
    itRoles: ["FULL_TIME", "PART_TIME"] as ("FULL_TIME" | "PART_TIME")[],
    topics: ["attt-chuyen-sau"],
    targetPercent: 100,
  },
  {
    code: "KNS-CB",
    title: "50% CBCCVC được bồi dưỡng kỹ năng số cơ bản",
    staffCategories: CBCCVC,
    topics: ["ky-nang-so-co-ban"],
    targetPercent: 50,
  },
  {
    code: "PTDL",
    title: "25% CBCCVC được bồi dưỡng kỹ năng phân tích, khai thác dữ liệu",
    staffCategories: CBCCVC,
    topics: ["phan-tich-du-lieu"],
    targetPercent: 25,
  },
];

async function upsertPlan(p: {
  documentNumber: string;
  title: string;
  year: number;
  period: string;
  agencyId: string;
  startsAt: Date;
  deadline: Date;
  active: boolean;
}) {
  const { deadline, ...data } = p;
  const plan = await db.trainingPlan.upsert({
    where: { documentNumber_agencyId: { documentNumber: p.documentNumber, agencyId: p.agencyId } },
    update: {},
    create: { ...data, issuer: "UBND tỉnh Lạng Sơn" },
  });
  let created = 0;
  for (const [position, t] of TARGETS.entries()) {
    const exists = await db.target.findUnique({ where: { planId_code: { planId: plan.id, code: t.code } } });
    if (exists) continue;
    await db.target.create({ data: { ...t, planId: plan.id, position: position + 1, deadline } });
    created++;
  }
  return { plan, created };
}

/** Completion share per topic (before each agency's own pace is applied). */
const SHARE: Record<string, number> = {
  "attt-co-ban": 0.62,
  "attt-lanh-dao": 0.7,
  "attt-chuyen-sau": 0.5,
  "ky-nang-so-co-ban": 0.38,
  "phan-tich-du-lieu": 0.18,
};

async function seedCompletions(now: Date): Promise<number> {
  const already = await db.completion.count({ where: { externalRef: { startsWith: "MAU-" } } });
  if (already > 0) return 0;
  const people = await db.person.findMany({
    where: { email: { endsWith: "@langson.gov.vn" }, active: true },
    select: { id: true, agencyId: true, staffCategory: true, isHeadOfUnit: true, itRole: true },
    orderBy: { email: "asc" },
  });
  const courses = new Map(
    (await db.course.findMany({ select: { id: true, code: true } })).map((c) => [c.code, c.id]),
  );
  const rand = rng(20260101);
  // Each agency has its own pace, so the dashboard's "worst first" has something to show.
  const pace = new Map<string, number>();
  const from = startOfVnDay([2026, 1, 5]).getTime();
  const until = Math.min(now.getTime(), endOfVnDay([2026, 12, 20]).getTime());
  const rows = [];
  for (const p of people) {
    if (!pace.has(p.agencyId)) pace.set(p.agencyId, 0.3 + rand() * 1.3);
    const k = pace.get(p.agencyId)!;
    const cbccvc = p.staffCategory !== "NGUOI_LAO_DONG";
    const eligible: string[] = [];
    if (cbccvc) eligible.push("attt-co-ban", "ky-nang-so-co-ban", "phan-tich-du-lieu");
    if (p.isHeadOfUnit) eligible.push("attt-lanh-dao");
    if (p.itRole !== "NONE") eligible.push("attt-chuyen-sau");
    for (const topic of eligible) {
      if (rand() >= Math.min(0.98, SHARE[topic] * k)) continue;
      const completedAt = new Date(from + rand() * (until - from));
      const r = rand();
      const source: CompletionSource =
        topic === "attt-chuyen-sau"
          ? r < 0.5
            ? "CLASS"
            : r < 0.75
              ? "DRILL"
              : "IMPORTED"
          : r < 0.85
            ? "ONLINE"
            : "IMPORTED";
      // A few certificates ran out during the year: they no longer count.
      const expired = rand() < 0.06;
      const validUntil = expired
        ? new Date(completedAt.getTime() + (60 + rand() * 90) * 86400_000)
        : new Date(completedAt.getTime() + 2 * 365 * 86400_000);
      rows.push({
        personId: p.id,
        courseId: source === "ONLINE" ? (courses.get(topic) ?? null) : null,
        topics: [topic],
        source,
        completedAt,
        validUntil,
        externalRef: `MAU-${topic}-${rows.length + 1}`,
        note: source === "IMPORTED" ? "Chứng nhận nhập từ đơn vị đào tạo khác (dữ liệu mẫu)" : "Dữ liệu mẫu",
      });
    }
  }
  for (let i = 0; i < rows.length; i += 2000)
    await db.completion.createMany({ data: rows.slice(i, i + 2000), skipDuplicates: true });
  return rows.length;
}

export async function seedTargets(): Promise<string> {
  const province = await db.agency.findUnique({ where: { code: "20" } });
  if (!province) return "";
  const now = new Date();
  // The generated staff joined their agencies when the seed first ran; give them a history from the
  // 2025 reorganisation (01/07/2025) so figures "as of" earlier 2026 dates (the trend line) see them.
  const since = startOfVnDay([2025, 7, 1]);
  await db.membership.updateMany({
    where: { reason: "SEED", startedAt: { gt: since }, endedAt: null },
    data: { startedAt: since },
  });
  const p2022 = await upsertPlan({
    // The real document number of the 2022 plan is not known here: a placeholder, to be replaced.
    documentNumber: "…/KH-UBND (2022)",
    title: "Kế hoạch phát triển Chính quyền số và bảo đảm an toàn thông tin mạng tỉnh Lạng Sơn",
    year: 2022,
    period: "năm 2022",
    agencyId: province.id,
    startsAt: startOfVnDay([2022, 1, 1]),
    deadline: endOfVnDay([2022, 12, 31]),
    active: false,
  });
  const p2026 = await upsertPlan({
    documentNumber: "…/KH-UBND (2026, dữ liệu mẫu)",
    title: "Kế hoạch phát triển Chính quyền số và bảo đảm an toàn thông tin mạng tỉnh Lạng Sơn năm 2026",
    year: 2026,
    period: "năm 2026",
    agencyId: province.id,
    startsAt: startOfVnDay([2026, 1, 1]),
    deadline: endOfVnDay([2026, 12, 31]),
    active: true,
  });
  const completions = await seedCompletions(now);
  const snapshots = await ensureMonthlySnapshots(now);
  const targets = p2022.created + p2026.created;
  return `Chỉ tiêu: 2 kế hoạch, ${targets} chỉ tiêu mới, ${completions} kết quả đào tạo mẫu, ${snapshots} số liệu chốt tự động.`;
}
