// The "send me a link" forms (forgot password, sign-in by email): one email field, checked in the browser
// and again by the action.
import { z } from "zod";
import { text } from "~/utils/zod-text";

export const linkRequestSchema = z.object({
  email: text("recovery.emailRequired")
    .min(1, "recovery.emailRequired")
    .max(254, "people.emailInvalid")
    .toLowerCase()
    .pipe(z.email("people.emailInvalid")),
});
