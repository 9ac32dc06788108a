// The two upload → preview → confirm pages (people.import, targets.completions.import) and what each posts:
// the file to check ("preview", the upload form), then what identifies the checked file ("apply"). Both
// intents need the same permission (requireManager with a scope), so there is no map to consult.
import { z } from "zod";
import { uploadSchema } from "~/domain/imports";

/** The people import keeps the checked rows in a PeopleImport draft: confirming names it. */
export const peopleImportIntent = z.discriminatedUnion("intent", [
  uploadSchema,
  z.object({ intent: z.literal("apply"), importId: z.string().uuid("people.importIdInvalid") }),
]);

/** The completions import keeps nothing: confirming sends the checked file back (base64), checked again. */
export const completionsImportIntent = z.discriminatedUnion("intent", [
  uploadSchema,
  z.object({ intent: z.literal("apply"), fileName: z.string(), content: z.string() }),
]);
