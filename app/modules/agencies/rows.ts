// An agency as raw SQL and tree code read it: the type, its column list and its Prisma select, in one place.
import type { AgencyKind } from "~/generated/prisma/enums";
import { prismaSelect, type RowColumns, selectList } from "~/utils/sql-columns";

export type AgencyRow = {
  id: string;
  code: string;
  name: string;
  kind: AgencyKind;
  type: string | null;
  parentId: string | null;
  path: string;
  depth: number;
};

const AGENCY_COLUMNS: RowColumns<AgencyRow> = {
  id: "::text",
  code: "",
  name: "",
  kind: "::text",
  type: "",
  parentId: "::text",
  path: "",
  depth: "",
};

/** `SELECT ${Prisma.raw(agencyColumns("a"))} FROM "Agency" a` fills an AgencyRow. */
export const agencyColumns = (alias: string) => selectList(AGENCY_COLUMNS, alias);
/** The same columns for `db.agency.findMany({ select: AGENCY_ROW_SELECT })`. */
export const AGENCY_ROW_SELECT = prismaSelect(AGENCY_COLUMNS);
