// The one definition of a valid class or drill (lớp tập huấn / diễn tập): the forms and the service share it.
import { z } from "zod";
import { IT_ROLES } from "~/domain/staff";
import { isUuid } from "~/utils/uuid";
import type { MessageKey } from "~/i18n";
import { decimalInt, multilineText, tagList, text } from "~/utils/zod-text";
import { formatVnDateTime, parseVnDateTime, selfOverlap } from "./scheduling-time";

export const OFFERING_KINDS = ["CLASS", "DRILL"] as const;
export const MAX_SESSIONS = 30;

const uuid = (message: MessageKey) => z.string({ error: message }).trim().refine(isUuid, message);

/** Vietnam wall-clock "yyyy-mm-ddThh:mm" → Date (a Date passes through, for services and tests). */
const vnDateTime = (message: MessageKey) =>
  z.union([z.string(), z.date()], { error: message }).transform((v, ctx) => {
    if (v instanceof Date) return v;
    const d = parseVnDateTime(v);
    if (!d) {
      ctx.addIssue({ code: "custom", message });
      return z.NEVER;
    }
    return d;
  });

const optionalVnDateTime = (message: MessageKey) =>
  z
    .union([z.literal(""), z.null(), vnDateTime(message)])
    .optional()
    .transform((v) => (v instanceof Date ? v : null));

const httpUrl = text()
  .max(500, "scheduling.urlTooLong")
  .refine((s) => s === "" || /^https?:\/\/[^\s]+$/i.test(s), "scheduling.urlScheme")
  .transform((s) => s || null);

export const sessionInputSchema = z
  .object({
    id: z
      .string()
      .trim()
      .nullish()
      .transform((s) => (s && isUuid(s) ? s.toLowerCase() : null)),
    title: text().max(200, "scheduling.sessionTitleTooLong").default(""),
    startsAt: vnDateTime("scheduling.startsAtInvalid"),
    endsAt: vnDateTime("scheduling.endsAtInvalid"),
    venue: text().max(300, "scheduling.venueTooLong").default(""),
    onlineUrl: httpUrl.nullish().transform((v) => v ?? null),
  })
  .superRefine((s, ctx) => {
    if (s.endsAt.getTime() <= s.startsAt.getTime())
      ctx.addIssue({
        code: "custom",
        path: ["endsAt"],
        message: "scheduling.endBeforeStart",
      });
    if (!s.venue && !s.onlineUrl)
      ctx.addIssue({
        code: "custom",
        path: ["venue"],
        message: "scheduling.venueRequired",
      });
  });

export const quotaInputSchema = z.object({
  agencyId: uuid("scheduling.quotaAgencyInvalid"),
  seats: decimalInt("scheduling.quotaInteger", {
    min: [0, "scheduling.quotaNegative"],
    max: [10_000, "scheduling.quotaTooLarge"],
  }),
});

/** A typed list ("a, b c") or a list already → the list. */
const words = (v: unknown) =>
  typeof v === "string"
    ? v
        .split(/[\s,;]+/)
        .map((s) => s.trim())
        .filter(Boolean)
    : v;
/** One ticked checkbox posts a single value, several post a list. */
const itRole = z.enum(IT_ROLES, { error: "people.itRoleInvalid" });
/** A checkbox posts "true" (or "on") when ticked and nothing otherwise. */
const checkbox = (v: unknown) =>
  v === "true" || v === "on" ? true : v === undefined || v === "" ? false : v;

/** What an offering is made of, in the service's terms and in the form's (which posts strings). */
const offeringShape = {
  kind: z.enum(OFFERING_KINDS, { error: "scheduling.kindRequired" }),
  title: text().min(1, "scheduling.titleRequired").max(200, "scheduling.titleTooLong"),
  description: multilineText().max(4000, "scheduling.descriptionTooLong").default(""),
  courseId: z
    .union([z.literal(""), z.null(), uuid("scheduling.courseInvalid")])
    .optional()
    .transform((v) => v || null),
  topics: z.preprocess(words, tagList(100, "scheduling.topicTooLong").default([])),
  audienceItRoles: z
    .union([itRole.transform((r) => [r]), z.array(itRole)], { error: "people.itRoleInvalid" })
    .default([]),
  audienceTags: z.preprocess(words, tagList(60, "people.tagTooLong").default([])),
  organiserAgencyId: uuid("scheduling.organiserRequired"),
  capacity: decimalInt("scheduling.capacityInteger", {
    min: [1, "scheduling.capacityMin"],
    max: [10_000, "scheduling.capacityMax"],
  }),
  registrationOpensAt: optionalVnDateTime("scheduling.opensAtInvalid"),
  registrationClosesAt: optionalVnDateTime("scheduling.closesAtInvalid"),
  attendanceThreshold: decimalInt("scheduling.attendanceInteger", {
    min: [1, "scheduling.attendanceRange"],
    max: [100, "scheduling.attendanceRange"],
  }).default(100),
  requiresPostTest: z.preprocess(checkbox, z.boolean().default(false)),
  validityMonths: z
    .union([z.literal(""), z.null(), decimalInt().pipe(z.number().min(1).max(120))], {
      error: "scheduling.validityRange",
    })
    .optional()
    .transform((v) => (typeof v === "number" ? v : null)),
  quotas: z.array(quotaInputSchema).max(300).default([]),
  // prefault, not default: a form without any session still meets the min(1) check.
  sessions: z
    .array(sessionInputSchema)
    .min(1, "scheduling.sessionRequired")
    .max(MAX_SESSIONS, "scheduling.tooManySessions")
    .prefault([]),
};

type OfferingRulesInput = {
  sessions: SessionData[];
  registrationOpensAt: Date | null;
  registrationClosesAt: Date | null;
  quotas: { agencyId: string; seats: number }[];
  capacity: number;
};

/** The rules across fields: sessions apart, the window the right way round, quotas within the capacity. */
function offeringRules(v: OfferingRulesInput, ctx: z.RefinementCtx) {
  const clash = selfOverlap(v.sessions);
  if (clash)
    ctx.addIssue({
      code: "custom",
      path: ["sessions"],
      message: "scheduling.sessionsOverlap",
      params: { first: formatVnDateTime(clash[0].startsAt), second: formatVnDateTime(clash[1].startsAt) },
    });
  if (v.registrationOpensAt && v.registrationClosesAt && v.registrationClosesAt <= v.registrationOpensAt)
    ctx.addIssue({
      code: "custom",
      path: ["registrationClosesAt"],
      message: "scheduling.closesBeforeOpens",
    });
  const agencies = v.quotas.map((q) => q.agencyId.toLowerCase());
  if (new Set(agencies).size !== agencies.length)
    ctx.addIssue({
      code: "custom",
      path: ["quotas"],
      message: "scheduling.quotaDuplicate",
    });
  const reserved = v.quotas.reduce((sum, q) => sum + q.seats, 0);
  if (reserved > v.capacity)
    ctx.addIssue({
      code: "custom",
      path: ["quotas"],
      message: "scheduling.quotasOverCapacity",
      params: { reserved, capacity: v.capacity },
    });
}

/** The service's input: instructors by id. */
export const offeringInputSchema = z
  .object({
    ...offeringShape,
    instructorIds: z
      .array(uuid("scheduling.instructorInvalid"))
      .max(20, "scheduling.tooManyInstructors")
      .default([])
      .transform((ids) => [...new Set(ids.map((s) => s.toLowerCase()))]),
  })
  .superRefine(offeringRules);

/**
 * The offering form (new and edit), parsed without conform's coercion (the fields read their own strings):
 * instructors typed as emails, which the action turns into people within the organiser's reach.
 */
export const offeringFormSchema = z
  .object({
    ...offeringShape,
    instructorEmails: text().max(2000, "scheduling.instructorEmailsTooLong").default(""),
  })
  .superRefine(offeringRules);

/** The form's values as the inputs show them (times as Vietnam wall clock text). */
export type OfferingFormValues = {
  kind: (typeof OFFERING_KINDS)[number];
  title: string;
  description: string;
  courseId: string;
  topics: string;
  audienceItRoles: string[];
  audienceTags: string;
  organiserAgencyId: string;
  capacity: string;
  registrationOpensAt: string;
  registrationClosesAt: string;
  attendanceThreshold: string;
  requiresPostTest: boolean;
  validityMonths: string;
  instructorEmails: string;
  quotas: { agencyId: string; seats: string }[];
  sessions: SessionFormValues[];
};
export type SessionFormValues = {
  id: string;
  title: string;
  startsAt: string;
  endsAt: string;
  venue: string;
  onlineUrl: string;
};
export const BLANK_SESSION: SessionFormValues = {
  id: "",
  title: "",
  startsAt: "",
  endsAt: "",
  venue: "",
  onlineUrl: "",
};

export type OfferingInput = z.input<typeof offeringInputSchema>;
export type OfferingFormData = z.output<typeof offeringFormSchema>;
export type OfferingData = z.output<typeof offeringInputSchema>;
export type SessionData = z.output<typeof sessionInputSchema>;

export function parseOrThrow<S extends z.ZodType>(
  schema: S,
  input: unknown,
  onError: (issue: z.core.$ZodIssue, field?: string) => never,
): z.output<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  // Sessions show their own errors (sessions.2.venue); an item of another list shows at the list (topics).
  const field = issue.path[0] === "sessions" ? issue.path.join(".") : String(issue.path[0] ?? "");
  return onError(issue, field || undefined);
}

/** A posted list: one value comes as a string, several as an array, none as nothing. */
export const postedList = <T extends z.ZodType>(item: T) =>
  z.union([item.transform((v) => [v]), z.array(item)]).default([]);

export const registrationId = uuid("scheduling.registrationNotFound");

/** The organiser's result of one participant (drill score and verdict, post-test), one form per row. */
export const resultIntentSchema = z.object({
  intent: z.literal("result"),
  registrationId,
  score: z
    .union([
      z.literal(""),
      decimalInt("scheduling.scoreRange", {
        min: [0, "scheduling.scoreRange"],
        max: [1000, "scheduling.scoreRange"],
      }),
    ])
    .default("")
    .transform((v) => (v === "" ? null : v)),
  result: text()
    .max(200, "scheduling.resultTooLong")
    .default("")
    .transform((s) => s || null),
  postTestPassed: z
    .enum(["", "true", "false"], { error: "validation.invalid" })
    .default("")
    .transform((v) => (v === "" ? null : v === "true")),
});
