// The one definition of a drill campaign's settings (đợt diễn tập): conform checks it in the browser, the
// action parses it again, and campaigns.server.ts takes its output. Messages are i18n keys
// (app/i18n/phishing-campaigns.ts). What needs the database (the agency is in the caller's scope, the
// templates are current, the excluded people are in the audience) is checked by the service.
import { z } from "zod";
import { IT_ROLES, STAFF_CATEGORIES } from "~/domain/staff";
import { MAX_TAG } from "~/domain/people";
import { isUuid } from "~/utils/uuid";
import { daysBetween, isoDay, parseDay, todayVn } from "~/utils/vn-calendar";
import { commaList, decimalInt, tagList, text } from "~/utils/zod-text";
import { MAX_WINDOW_DAYS, workingIntervals } from "./campaign-schedule";

export const LANDINGS = ["FORM", "TEACH"] as const;
export const MAX_EXCLUDED = 5000;
export const MAX_TEMPLATES = 20;

const uuid = z.string().trim().toLowerCase().refine(isUuid, "phc.err.idInvalid");

/** "dd/mm/yyyy" (or "yyyy-mm-dd") → "yyyy-mm-dd"; the key names the field in the message. */
const day = (required: "phc.err.startRequired" | "phc.err.endRequired") =>
  z.string({ error: required }).transform((v, ctx) => {
    const parsed = parseDay(v);
    if (!parsed) {
      ctx.addIssue({ code: "custom", message: v.trim() ? "phc.err.dayFormat" : required });
      return z.NEVER;
    }
    return isoDay(parsed);
  });

const percent = decimalInt("phc.err.percent", { min: [0, "phc.err.percent"], max: [100, "phc.err.percent"] })
  .optional()
  .transform((v) => v ?? null);

const fields = {
  name: text("phc.err.nameRequired").min(1, "phc.err.nameRequired").max(200, "phc.err.nameTooLong"),
  agencyId: uuid.pipe(z.string({ error: "phc.err.agencyRequired" })),
  includeSubagencies: z.boolean().default(false),
  staffCategories: z.array(z.enum(STAFF_CATEGORIES)).max(STAFF_CATEGORIES.length).default([]),
  itRoles: z.array(z.enum(IT_ROLES)).max(IT_ROLES.length).default([]),
  headOfUnitOnly: z.boolean().default(false),
  tags: z.preprocess(commaList, tagList(MAX_TAG, "people.tagTooLong")).default([]),
  excludedPersonIds: z
    .array(uuid)
    .max(MAX_EXCLUDED, "phc.err.tooManyExcluded")
    .default([])
    .transform((ids) => [...new Set(ids)]),
  templateVersionIds: z
    .array(uuid, { error: "phc.err.templateRequired" })
    .min(1, "phc.err.templateRequired")
    .max(MAX_TEMPLATES, "phc.err.tooManyTemplates")
    .transform((ids) => [...new Set(ids)]),
  windowStart: day("phc.err.startRequired"),
  windowEnd: day("phc.err.endRequired"),
  landing: z.enum(LANDINGS, { error: "phc.err.landing" }).default("FORM"),
  trackOpens: z.boolean().default(false),
  followUpCourseId: uuid.pipe(z.string({ error: "phc.err.courseRequired" })),
  followUpDueDays: decimalInt("phc.err.dueDays", {
    min: [1, "phc.err.dueDays"],
    max: [365, "phc.err.dueDays"],
  }).default(14),
  maxPerMinute: decimalInt("phc.err.rate", {
    min: [1, "phc.err.rate"],
    max: [10_000, "phc.err.rate"],
  }).default(60),
  clickRateTarget: percent,
  reportRateTarget: percent,
};

/** The settings alone (no intent): what the service stores. */
export function campaignSettingsSchema(now: Date = new Date()) {
  return z.object(fields).superRefine((v, ctx) => checkWindow(v, ctx, now));
}

function checkWindow(
  v: { windowStart: string; windowEnd: string },
  ctx: z.core.$RefinementCtx,
  now: Date,
): void {
  const { windowStart: start, windowEnd: end } = v;
  if (end < start) {
    ctx.addIssue({ code: "custom", path: ["windowEnd"], message: "phc.err.endBeforeStart" });
    return;
  }
  if (start < todayVn(now)) {
    ctx.addIssue({ code: "custom", path: ["windowStart"], message: "phc.err.startPast" });
    return;
  }
  if (daysBetween(start, end) > MAX_WINDOW_DAYS) {
    ctx.addIssue({
      code: "custom",
      path: ["windowEnd"],
      message: "phc.err.windowTooLong",
      params: { days: MAX_WINDOW_DAYS },
    });
    return;
  }
  if (workingIntervals(parseDay(start)!, parseDay(end)!, now).length === 0)
    ctx.addIssue({ code: "custom", path: ["windowEnd"], message: "phc.err.noWorkingHours" });
}

/**
 * The new/edit form: "preview" shows whom the drill reaches (nothing written), "save" stores the draft.
 * Checked while typing there is no submitter: read as a preview.
 */
export function campaignFormSchema(now: Date = new Date()) {
  return z
    .discriminatedUnion("intent", [
      z.object({ intent: z.literal("preview").default("preview"), ...fields }),
      z.object({ intent: z.literal("save"), ...fields }),
    ])
    .superRefine((v, ctx) => checkWindow(v, ctx, now));
}

export type CampaignSettings = z.output<ReturnType<typeof campaignSettingsSchema>>;
export type CampaignForm = z.output<ReturnType<typeof campaignFormSchema>>;
