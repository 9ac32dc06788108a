// A random national-ish set for the figure equality tests, generated set-based in SQL: a root, 20
// departments, 200 units, `people` people with random filter fields (some inactive), ~2.5 completions each
// (some with two topics, some dated after now, expiries spread around now) and six targets whose filters
// cover every kind (categories, heads, IT roles, tags, several topics, a narrower subtree).
import { LONG_TX, db } from "~/db.server";
import { makeAgency, makePlan, makeTarget, type TargetOverrides } from "../../fixtures/factories";

export const RANDOM_TOPICS = ["t-a", "t-b", "t-c", "t-d", "t-e", "t-unrelated"];

export async function buildRandomTargetsWorld(people: number, seed = 0.42) {
  const root = await makeAgency({ code: "RND", name: "Toàn quốc (ngẫu nhiên)", kind: "GROUP" });
  const plan = await makePlan({ documentNumber: "RND/KH", agencyId: root.id });
  await db.$transaction(async (tx) => {
    await tx.$executeRawUnsafe(`SELECT setseed(${seed})`);
    await tx.$executeRawUnsafe(
      `INSERT INTO "Agency" (id, code, name, kind, "parentId", path, depth, "updatedAt")
       SELECT x.id, 'RND.S' || x.g, 'Sở ' || x.g, 'DEPARTMENT', $1::uuid, $2 || x.id || '/', 1, now()
       FROM (SELECT gen_random_uuid() AS id, g FROM generate_series(1, 20) g) x`,
      root.id,
      root.path,
    );
    await tx.$executeRawUnsafe(
      `INSERT INTO "Agency" (id, code, name, kind, "parentId", path, depth, "updatedAt")
       SELECT x.id, 'RND.U' || x.g, 'Phòng ' || x.g, 'UNIT', d.id, d.path || x.id || '/', 2, now()
       FROM (SELECT gen_random_uuid() AS id, g FROM generate_series(1, 200) g) x
       JOIN "Agency" d ON d.code = 'RND.S' || (1 + x.g % 20)`,
    );
    await tx.$executeRawUnsafe(
      `INSERT INTO "Person" (id, "fullName", email, "agencyId", "staffCategory", "isHeadOfUnit", "itRole", tags, active, "updatedAt")
       SELECT gen_random_uuid(), 'Ngẫu nhiên ' || x.g, 'rnd' || x.g || '@rnd.gov.vn', a.ids[1 + floor(x.r1 * cardinality(a.ids))::int],
         (ARRAY['CAN_BO','CONG_CHUC','VIEN_CHUC','NGUOI_LAO_DONG'])[1 + floor(x.r2 * 4)::int]::"StaffCategory",
         x.r3 < 0.05,
         (CASE WHEN x.r4 < 0.04 THEN 'FULL_TIME' WHEN x.r4 < 0.1 THEN 'PART_TIME' ELSE 'NONE' END)::"ItRole",
         CASE WHEN x.r5 < 0.05 THEN ARRAY['ir', 'khac'] WHEN x.r5 < 0.1 THEN ARRAY['ir'] WHEN x.r5 < 0.15 THEN ARRAY['khac'] ELSE ARRAY[]::text[] END,
         x.r6 > 0.05, now()
       FROM (SELECT g, random() r1, random() r2, random() r3, random() r4, random() r5, random() r6
             FROM generate_series(1, $1::int) g) x
       CROSS JOIN (SELECT array_agg(id ORDER BY code) AS ids FROM "Agency" WHERE code LIKE 'RND.%') a`,
      people,
    );
    // Per person 0–4 completions; 10 % with two topics; 2 % dated after now; expiries spread over ±1 year.
    await tx.$executeRawUnsafe(
      `INSERT INTO "Completion" (id, "personId", topics, source, "completedAt", "validUntil")
       SELECT gen_random_uuid(), x.id,
         CASE WHEN x.r2 < 0.1 THEN ARRAY[($1::text[])[1 + floor(x.r1 * 6)::int], ($1::text[])[1 + floor(x.r3 * 6)::int]]
              ELSE ARRAY[($1::text[])[1 + floor(x.r1 * 6)::int]] END,
         'ONLINE', x.d,
         CASE WHEN x.r4 < 0.3 THEN NULL ELSE x.d + x.r5 * interval '500 days' END
       FROM (
         SELECT p.id, random() r1, random() r2, random() r3, random() r4, random() r5,
           CASE WHEN random() < 0.02 THEN now() + random() * interval '30 days'
                ELSE now() - random() * interval '400 days' END AS d
         FROM "Person" p JOIN "Agency" a ON a.id = p."agencyId" AND a.code LIKE 'RND.%'
         CROSS JOIN generate_series(1, 4) n
         WHERE random() < 0.62
       ) x`,
      RANDOM_TOPICS,
    );
  }, LONG_TX);
  const dept = await db.agency.findFirstOrThrow({ where: { code: "RND.S3" } });
  const t = (code: string, data: Omit<TargetOverrides, "planId">) =>
    makeTarget({
      planId: plan.id,
      code,
      title: code,
      deadline: new Date("2027-12-31"),
      targetPercent: 80,
      ...data,
    });
  await t("R1", { staffCategories: ["CAN_BO", "CONG_CHUC", "VIEN_CHUC"], topics: ["t-a"] });
  await t("R2", { headOfUnitOnly: true, topics: ["t-b", "t-c"] });
  await t("R3", { itRoles: ["FULL_TIME", "PART_TIME"], topics: ["t-c"] });
  await t("R4", { tags: ["ir"], topics: ["t-d", "t-e"] });
  await t("R5", { topics: ["t-e"] });
  await t("R6", {
    agencyId: dept.id,
    staffCategories: ["CONG_CHUC"],
    tags: ["ir", "khac"],
    topics: ["t-a", "t-b"],
  });
  return { root, plan };
}
