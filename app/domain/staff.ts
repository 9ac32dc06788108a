// The staff vocabulary, defined once: the categories of CBCCVC and the IT roles, with their Vietnamese names
// as they appear in spreadsheets (imports, exports, templates). Isomorphic: used by modules, forms and
// components alike (app/domain holds what both the browser and the server need).
import type { ItRole, StaffCategory } from "~/generated/prisma/enums";

export type { ItRole, StaffCategory };

export const STAFF_CATEGORIES = [
  "CAN_BO",
  "CONG_CHUC",
  "VIEN_CHUC",
  "NGUOI_LAO_DONG",
] as const satisfies readonly StaffCategory[];
export const IT_ROLES = ["NONE", "FULL_TIME", "PART_TIME"] as const satisfies readonly ItRole[];

export const STAFF_CATEGORY_LABELS: Record<StaffCategory, string> = {
  CAN_BO: "Cán bộ",
  CONG_CHUC: "Công chức",
  VIEN_CHUC: "Viên chức",
  NGUOI_LAO_DONG: "Người lao động",
};
export const IT_ROLE_LABELS: Record<ItRole, string> = {
  NONE: "Không",
  FULL_TIME: "Chuyên trách",
  PART_TIME: "Kiêm nhiệm",
};
