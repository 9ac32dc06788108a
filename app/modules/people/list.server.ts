// The people list: scoped, filtered, diacritic-insensitive search, Vietnamese name order, paged.
import { personInScopeSql } from "~/modules/auth/scope.server";
import { type Db, db } from "~/db.server";
import { Prisma } from "~/generated/prisma/client";
import type { ItRole, StaffCategory } from "~/generated/prisma/enums";
import type { Scope } from "~/modules/auth/scope";
import { type Paged, pageRequest, pageSlice } from "~/utils/paging";
import { escapeLike, foldVietnamese } from "~/utils/text";
import { isUuid } from "~/utils/uuid";
import { PEOPLE_SORT_COLUMNS } from "./query";
import { personColumns, type PersonRow } from "./rows";

export { PEOPLE_SORT_COLUMNS };
export type PeopleSort = (typeof PEOPLE_SORT_COLUMNS)[number] | `-${(typeof PEOPLE_SORT_COLUMNS)[number]}`;
/** The most rows one call may ask for (the Excel export); pages of the list itself stop at MAX_PAGE_SIZE. */
export const MAX_LIST_ROWS = 50_000;
/** Sign-in status (cột "Tài khoản"): never invited, invited but not yet signed in, has signed in. */
export type AccountStatus = "none" | "invited" | "activated";

export type ListPeopleInput = {
  scope: Scope;
  q?: string;
  agencyId?: string;
  includeSubagencies?: boolean;
  active?: boolean;
  staffCategory?: StaffCategory;
  itRole?: ItRole;
  account?: AccountStatus;
  sort?: PeopleSort;
  page?: number;
  pageSize?: number;
  /** The replica for exports (readDb()); the primary by default. */
  client?: Db;
};

export type PersonListRow = PersonRow & {
  active: boolean;
  invitedAt: Date | null;
  /** The person's account has signed in at least once (đã kích hoạt). */
  activated: boolean;
  createdAt: Date;
  updatedAt: Date;
  agency: { id: string; code: string; name: string; path: string };
};

// sortKey is built to be compared byte by byte, so name order says COLLATE "C" explicitly: PGlite defaults
// to C, but a PostgreSQL database created with en_US.UTF-8 would otherwise reorder the key's characters.
// The id breaks ties so paging never shows a person twice or skips one.
const ORDER: Record<PeopleSort, Prisma.Sql> = {
  name: Prisma.sql`p."sortKey" COLLATE "C" ASC, p.id ASC`,
  "-name": Prisma.sql`p."sortKey" COLLATE "C" DESC, p.id DESC`,
  email: Prisma.sql`p.email COLLATE "C" ASC`,
  "-email": Prisma.sql`p.email COLLATE "C" DESC`,
  updated: Prisma.sql`p."updatedAt" ASC, p.id ASC`,
  "-updated": Prisma.sql`p."updatedAt" DESC, p.id DESC`,
};

/**
 * SQL condition on person `p` for a caller's scope (agency paths matched as prefixes). Agency conditions
 * are semi-joins on the 300-row agency table, so the person scan needs no join and the page is joined last.
 */

/** Person `p` has an account that has signed in at least once. */
export const ACTIVATED_SQL = Prisma.sql`EXISTS (SELECT 1 FROM "User" u WHERE u."personId" = p.id AND u."lastLoginAt" IS NOT NULL)`;

const ACCOUNT_SQL: Record<AccountStatus, Prisma.Sql> = {
  activated: ACTIVATED_SQL,
  invited: Prisma.sql`(p."invitedAt" IS NOT NULL AND NOT ${ACTIVATED_SQL})`,
  none: Prisma.sql`(p."invitedAt" IS NULL AND NOT ${ACTIVATED_SQL})`,
};

/** The list's filters as SQL conditions on person `p` (the invitations reuse them for "all results"). */
export function peopleConditions(input: Omit<ListPeopleInput, "sort" | "page" | "pageSize">): Prisma.Sql[] {
  const where = [personInScopeSql(input.scope)];
  if (input.agencyId !== undefined) {
    // A malformed id cannot name an agency; answering "nothing" beats a database cast error.
    if (!isUuid(input.agencyId)) where.push(Prisma.sql`FALSE`);
    else if (input.includeSubagencies === false)
      where.push(Prisma.sql`p."agencyId" = ${input.agencyId}::uuid`);
    else {
      where.push(Prisma.sql`p."agencyId" IN (SELECT a.id FROM "Agency" a
        WHERE a.path LIKE (SELECT s.path || '%' FROM "Agency" s WHERE s.id = ${input.agencyId}::uuid))`);
    }
  }
  const q = foldVietnamese(input.q ?? "");
  if (q) {
    // Substring of the folded text: "nguyen van an" finds "Nguyễn Văn An"; the agency's searchText carries
    // its former codes, so an old code of a merged agency still lists its people.
    const pattern = `%${escapeLike(q)}%`;
    where.push(Prisma.sql`(p."searchText" LIKE ${pattern}
      OR p."agencyId" IN (SELECT a.id FROM "Agency" a WHERE a."searchText" LIKE ${pattern}))`);
  }
  if (input.active !== undefined) where.push(Prisma.sql`p.active = ${input.active}`);
  if (input.staffCategory)
    where.push(Prisma.sql`p."staffCategory" = ${input.staffCategory}::"StaffCategory"`);
  if (input.itRole) where.push(Prisma.sql`p."itRole" = ${input.itRole}::"ItRole"`);
  if (input.account) where.push(ACCOUNT_SQL[input.account]);
  return where;
}

type RawRow = Omit<PersonListRow, "agency"> & { agencyCode: string; agencyName: string; agencyPath: string };

export async function listPeople(input: ListPeopleInput): Promise<Paged<PersonListRow>> {
  const paging = pageRequest(input, 25, MAX_LIST_ROWS);
  const { skip, take } = pageSlice(paging);
  const where = Prisma.join(peopleConditions(input), " AND ");
  const order = ORDER[input.sort ?? "name"] ?? ORDER.name;
  const client = input.client ?? db;
  const [rows, count] = await Promise.all([
    client.$queryRaw<RawRow[]>`
      SELECT ${Prisma.raw(personColumns("p"))}, p.active, p."invitedAt", p.activated, p."createdAt", p."updatedAt",
             a.code AS "agencyCode", a.name AS "agencyName", a.path AS "agencyPath"
      FROM (SELECT p.*, ${ACTIVATED_SQL} AS activated FROM "Person" p WHERE ${where} ORDER BY ${order} LIMIT ${take} OFFSET ${skip}) p
      JOIN "Agency" a ON a.id = p."agencyId"
      ORDER BY ${order}`,
    client.$queryRaw<{ total: number }[]>`SELECT count(*)::int AS total FROM "Person" p WHERE ${where}`,
  ]);
  return {
    ...paging,
    total: count[0]?.total ?? 0,
    rows: rows.map(({ agencyCode, agencyName, agencyPath, ...p }) => ({
      ...p,
      agency: { id: p.agencyId, code: agencyCode, name: agencyName, path: agencyPath },
    })),
  };
}
