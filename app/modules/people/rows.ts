// A person as raw SQL reads it (the people list, the import plan): the type and its column list, in one place.
import type { ItRole, StaffCategory } from "~/generated/prisma/enums";
import { type RowColumns, selectList } from "~/utils/sql-columns";

export type PersonRow = {
  id: string;
  fullName: string;
  email: string;
  agencyId: string;
  staffCategory: StaffCategory;
  position: string;
  isHeadOfUnit: boolean;
  itRole: ItRole;
  tags: string[];
  staffCode: string | null;
};

const PERSON_COLUMNS: RowColumns<PersonRow> = {
  id: "",
  fullName: "",
  email: "",
  agencyId: "",
  staffCategory: "::text",
  position: "",
  isHeadOfUnit: "",
  itRole: "::text",
  tags: "",
  staffCode: "",
};

/** `SELECT ${Prisma.raw(personColumns("p"))} FROM "Person" p` fills a PersonRow. */
export const personColumns = (alias: string) => selectList(PERSON_COLUMNS, alias);
