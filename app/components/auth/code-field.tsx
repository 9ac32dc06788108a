// The one input for an authenticator or recovery code (sign-in's second step, enrolment, the security page).
import type { ReactNode } from "react";
import { type ConformFieldLike, Field } from "~/components/field";

export function CodeField({
  field,
  label,
  hint,
  digitsOnly = false,
}: {
  field: ConformFieldLike;
  label: ReactNode;
  hint?: ReactNode;
  /** Only an authenticator's six digits (not a recovery code): a numeric keypad on phones. */
  digitsOnly?: boolean;
}) {
  return (
    <Field field={field} label={label} hint={hint}>
      {(props) =>
        digitsOnly ? (
          <input {...props} inputMode="numeric" autoComplete="one-time-code" className="input max-w-40" />
        ) : (
          <input {...props} autoComplete="one-time-code" autoCapitalize="none" spellCheck={false} />
        )
      }
    </Field>
  );
}
