// The two-factor pages' forms, one zod schema each, shared by the browser (conform) and the server.
import { z } from "zod";

const code = z
  .string({ message: "twofactor.codeRequired" })
  .trim()
  .min(1, "twofactor.codeRequired")
  .max(40, "twofactor.codeTooLong");
const redirectTo = z.string().max(2000).optional();

/** The sign-in's second step: an authenticator code or a recovery code. */
export const verifyFormSchema = z.object({ code, redirectTo });

/** Enrolment: the first code from the app proves it holds the key. */
export const setupFormSchema = z.object({
  code: code.regex(/^\d{3} ?\d{3}$/, "twofactor.codeSixDigits"),
  redirectTo,
});

/** The security page: a current code confirms turning it off or new recovery codes. */
export const securityFormSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("disable"), code }),
  z.object({ intent: z.literal("regenerate"), code }),
]);
