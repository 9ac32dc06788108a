// A labelled form control with its error message wired for screen readers (aria-invalid, aria-describedby).
import type { ReactNode } from "react";

export type ControlProps = {
  id: string;
  name: string;
  className: string;
  "aria-invalid": true | undefined;
  "aria-describedby": string | undefined;
};

/** What Field needs of conform's field metadata (fields.x from useZodForm). */
export type ConformFieldLike = { name: string; errors?: string[] };

export function Field({
  field,
  id: idProp,
  name: nameProp,
  label,
  error: errorProp,
  hint,
  className,
  children,
}: {
  /** conform's field (fields.x): gives the name and the first error. Or pass name and error. */
  field?: ConformFieldLike;
  /** The control's id when the name is not unique on the page (a form per table row): conform's field.id. */
  id?: string;
  name?: string;
  label: ReactNode;
  error?: string;
  hint?: ReactNode;
  className?: string;
  /** Renders the control with the props that tie it to the label, the hint and the error. */
  children: (props: ControlProps) => ReactNode;
}) {
  const name = field?.name ?? nameProp ?? "";
  const id = idProp ?? name;
  const error = field?.errors?.[0] ?? errorProp;
  const described = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ");
  return (
    <div className={className}>
      <label htmlFor={id} className="label">
        {label}
      </label>
      {children({
        id,
        name,
        className: "input",
        "aria-invalid": error ? true : undefined,
        "aria-describedby": described || undefined,
      })}
      {hint ? (
        <p id={`${id}-hint`} className="mt-1 text-xs text-slate-500">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={`${id}-error`} className="field-error">
          {error}
        </p>
      ) : null}
    </div>
  );
}

/** The alert shown above a form for an error that belongs to no single field. */
export function FormError({
  message,
  className = "",
  id,
}: {
  message?: string;
  className?: string;
  /** For a group of controls that names this error with aria-describedby. */
  id?: string;
}) {
  if (!message) return null;
  return (
    <p
      id={id}
      role="alert"
      className={`rounded-md border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-800 ${className}`}
    >
      {message}
    </p>
  );
}
