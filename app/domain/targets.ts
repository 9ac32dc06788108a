// Forms of plans, targets and snapshots: one zod schema each, shared by the form components (checked in the
// browser) and the actions (checked again), with message keys shown next to the fields. Isomorphic and pure.
import { z } from "zod";
import { IT_ROLES, STAFF_CATEGORIES } from "~/domain/staff";
import type { MessageKey } from "~/i18n";
import { dayProblem, endOfVnDay, parseDay, startOfVnDay } from "~/utils/vn-calendar";
import { decimalInt, text } from "~/utils/zod-text";

/** Reporting periods a snapshot may be taken at; CUSTOM is any past day. */
export const SNAPSHOT_PERIODS = ["Q1", "H1", "Q3", "YEAR", "CUSTOM"] as const;
export type SnapshotPeriodChoice = (typeof SNAPSHOT_PERIODS)[number];

// The dashboard's words, in a module without zod (the dashboard page's components import them from there).
export { FIGURE_STATUSES, type FigureStatus, formatPercent, VIEW_KINDS } from "./target-figures";

/** Targets list the IT roles that count first. */
export const TARGET_IT_ROLES = [...IT_ROLES.slice(1), IT_ROLES[0]];

const checkbox = z.preprocess((v) => v === "on" || v === "true" || v === true, z.boolean());

// A typed day: dd/mm/yyyy (or yyyy-mm-dd); "31/02/2026" gets its own message, not the format one.
const day = (message: MessageKey) =>
  text(message).superRefine((s, ctx) => {
    if (parseDay(s) === null) ctx.addIssue({ code: "custom", ...(s ? dayProblem(s, message) : { message }) });
  });

const list = (v: unknown) => (Array.isArray(v) ? v : v === undefined || v === null || v === "" ? [] : [v]);

export const snapshotFormSchema = z
  .object({
    plan: z.string().uuid("targets.planInvalid"),
    period: z.enum(SNAPSHOT_PERIODS, { error: "targets.periodRequired" }),
    year: decimalInt("targets.yearInvalid", {
      min: [2000, "targets.yearInvalid"],
      max: [2100, "targets.yearInvalid"],
    }),
    date: text().optional().default(""),
    label: text().max(120, "targets.labelTooLong").optional().default(""),
  })
  .superRefine((v, ctx) => {
    if (v.period === "CUSTOM" && parseDay(v.date) === null)
      ctx.addIssue({
        code: "custom",
        path: ["date"],
        ...(v.date ? dayProblem(v.date) : { message: "targets.dateFormat" }),
      });
  });

export const planFormSchema = z.object({
  documentNumber: text().min(1, "targets.documentNumberRequired").max(80, "targets.documentNumberTooLong"),
  title: text().min(1, "targets.planTitleRequired").max(300, "targets.planTitleTooLong"),
  issuer: text().min(1, "targets.issuerRequired").max(200, "targets.issuerTooLong"),
  year: decimalInt("targets.yearInvalid", {
    min: [2000, "targets.yearInvalid"],
    max: [2100, "targets.yearInvalid"],
  }),
  period: text().max(60, "targets.periodTooLong").optional().default(""),
  agencyId: z.string().uuid("people.agencyRequired"),
  startsAt: day("targets.startsAtFormat").transform((s) => startOfVnDay(parseDay(s)!)),
  active: checkbox,
});
export type PlanForm = z.infer<typeof planFormSchema>;

export const targetFormSchema = z.object({
  code: text()
    .min(1, "targets.codeRequired")
    .max(40, "targets.codeTooLong")
    .regex(/^[A-Za-z0-9._-]+$/, "targets.codeFormat"),
  title: text().min(1, "targets.titleRequired").max(300, "targets.titleTooLong"),
  position: decimalInt("targets.positionInvalid", {
    min: [0, "targets.positionInvalid"],
    max: [999, "targets.positionInvalid"],
  }).default(0),
  agencyId: z.preprocess(
    (v) => (v === "" ? null : v),
    z.string().uuid("assignments.agencyInvalid").nullable().default(null),
  ),
  staffCategories: z.preprocess(
    list,
    z.array(z.enum(STAFF_CATEGORIES, { error: "assignments.categoryInvalid" })),
  ),
  itRoles: z.preprocess(list, z.array(z.enum(IT_ROLES, { error: "people.itRoleInvalid" }))),
  headOfUnitOnly: checkbox,
  tags: z.preprocess(
    (v) =>
      typeof v === "string"
        ? v
            .split(/[,;]/)
            .map((s) => s.trim())
            .filter(Boolean)
        : list(v),
    z.array(text().max(60, "targets.tagTooLong")).max(10, "people.tooManyTags"),
  ),
  topics: z.preprocess(
    list,
    z.array(text().min(1).max(100, "targets.topicTooLong")).min(1, "targets.topicRequired"),
  ),
  targetPercent: decimalInt("targets.percentNumber", {
    min: [1, "targets.percentRange"],
    max: [100, "targets.percentRange"],
  }),
  deadline: day("targets.deadlineFormat").transform((s) => endOfVnDay(parseDay(s)!)),
});
export type TargetForm = z.infer<typeof targetFormSchema>;
