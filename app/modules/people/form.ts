// The add/edit person form: HTML fields → the shape personInputSchema validates (checkbox, comma-separated
// tags, and an always-present staff code whose empty value means "no code"). Shared by the server action and
// the browser (conform's parseWithZod, with its own coercion off: this schema reads the raw strings).
import { z } from "zod";
import { personInputSchema } from "./schema";

const first = (v: unknown): string => {
  const one = Array.isArray(v) ? v[0] : v;
  return typeof one === "string" ? one : "";
};

export function personFormInput(raw: Record<string, unknown>) {
  return {
    fullName: first(raw.fullName),
    email: first(raw.email),
    agencyId: first(raw.agencyId),
    staffCategory: first(raw.staffCategory),
    position: first(raw.position),
    isHeadOfUnit: first(raw.isHeadOfUnit) === "true",
    itRole: first(raw.itRole),
    tags: first(raw.tags)
      .split(/[,;]/)
      .map((s) => s.trim())
      .filter(Boolean),
    staffCode: first(raw.staffCode),
  };
}

// The tags box is one field: a problem with one tag ("tags[1]") is reported on "tags", next to the box.
const tagsField = z.array(z.string()).transform((tags, ctx) => {
  const parsed = personInputSchema.shape.tags.safeParse(tags);
  if (parsed.success) return parsed.data;
  for (const issue of parsed.error.issues)
    ctx.addIssue({ ...issue, path: [] } as unknown as z.core.$ZodRawIssue);
  return z.NEVER;
});

export const personFormSchema = z.preprocess(
  (raw) => personFormInput(raw && typeof raw === "object" ? (raw as Record<string, unknown>) : {}),
  personInputSchema.extend({ tags: tagsField }),
);

/** parseWithZod options for this form (formatError is added by the caller, in its locale). */
export const PERSON_FORM = { schema: personFormSchema, disableAutoCoercion: true } as const;
