// A new password and its repeat (invitation, reset link, password change): both "new-password" for
// password managers, the account's address alongside so they save it under the right name.
import type { ReactNode } from "react";
import { type ConformFieldLike, Field } from "~/components/field";
import { useT } from "~/utils/i18n";

export function PasswordPair({
  password,
  confirm,
  hint,
  email,
}: {
  password: ConformFieldLike;
  confirm: ConformFieldLike;
  hint?: ReactNode;
  /** The account's address, for password managers (a hidden username field). */
  email?: string;
}) {
  const t = useT();
  return (
    <>
      {email ? <input type="hidden" name="username" autoComplete="username" value={email} /> : null}
      <Field field={password} label={t("password.new")} hint={hint}>
        {(props) => <input {...props} type="password" autoComplete="new-password" required />}
      </Field>
      <Field field={confirm} label={t("password.confirm")}>
        {(props) => <input {...props} type="password" autoComplete="new-password" required />}
      </Field>
    </>
  );
}
