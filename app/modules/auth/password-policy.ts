// Password rules shared by the server and the browser (conform validates the set-password form on both).
import { z } from "zod";

export const newPasswordSchema = z
  .string()
  .min(10, "auth.passwordTooShort")
  .max(200, "auth.passwordTooLong")
  .refine((p) => /[A-Za-zÀ-ỹ]/.test(p) && /[0-9]/.test(p), "auth.passwordLettersDigits");

/** The invitation's "Đặt mật khẩu" form: a new password typed twice. */
export const setPasswordSchema = z
  .object({
    password: newPasswordSchema,
    confirmPassword: z.string({ error: "invite.confirmRequired" }).max(200, "auth.passwordTooLong"),
  })
  .refine((v) => v.password === v.confirmPassword, {
    path: ["confirmPassword"],
    message: "invite.passwordMismatch",
  });
