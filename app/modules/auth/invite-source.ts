// Who to invite to sign in, as the pages name it (URL parameters of the confirmation page, hidden fields of
// its form, the people list's "invite the selected" form). Pure: that form checks it in the browser too.
import { z } from "zod";
import { peopleQuerySchema } from "~/modules/people/query";
import { isUuid } from "~/utils/uuid";

/** A page of the people list holds at most 200 rows; a forged request cannot name more than this. */
export const MAX_SELECTED = 1_000;

const uuid = z.string().refine(isUuid, "invite.sourceInvalid");
const filterFields = peopleQuerySchema.pick({
  q: true,
  agency: true,
  sub: true,
  status: true,
  account: true,
});

/** Who to invite, as the pages name it (URL parameters of the confirmation page, hidden fields of its form). */
export const inviteSourceSchema = z.discriminatedUnion("mode", [
  z.object({
    mode: z.literal("selected"),
    id: z.array(uuid).min(1, "invite.noneSelected").max(MAX_SELECTED, "invite.tooManySelected"),
  }),
  z.object({ mode: z.literal("filter"), ...filterFields.shape }),
  z.object({ mode: z.literal("subtree"), agency: uuid }),
  z.object({ mode: z.literal("import"), importId: uuid }),
  z.object({ mode: z.literal("assignment"), assignmentId: uuid }),
]);
export type InviteSource = z.infer<typeof inviteSourceSchema>;

/** The source from URL parameters (a repeated `id` becomes a list), or the first problem with them. */
export function readInviteSource(params: URLSearchParams) {
  const raw: Record<string, unknown> = {};
  for (const [k, v] of params.entries()) if (k !== "id") raw[k] = v;
  raw.id = params.getAll("id");
  return inviteSourceSchema.safeParse(raw);
}

/** The same source as URL parameters (for the confirmation page's hidden fields and links back). */
export function inviteSourceParams(source: InviteSource): [string, string][] {
  const { mode, ...rest } = source;
  const out: [string, string][] = [["mode", mode]];
  for (const [k, v] of Object.entries(rest)) {
    if (Array.isArray(v)) for (const item of v) out.push([k, String(item)]);
    else if (v !== undefined && v !== "") out.push([k, String(v)]);
  }
  return out;
}
