// The two forms of the page header, shared by the browser and their actions: sign out (nothing to send, so a
// post always parses and logging out always works) and switch the language (which locale, and the page to
// come back to). Both are plain posts that work with JavaScript off.
import { z } from "zod";
import { LOCALES } from "~/i18n";

/** POST /logout (the account menu, and "cancel sign-in" of a sign-in waiting for its second factor). */
export const logoutSchema = z.object({});

/** POST /lang. */
export const localeSwitchSchema = z.object({
  locale: z.enum(LOCALES as ["vi", "en"], { error: "validation.invalid" }),
  redirectTo: z.string().optional(),
});
