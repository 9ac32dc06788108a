// A labelled form control with its error message wired for screen readers (aria-invalid, aria-describedby).
import type { ReactNode } from "react";

export type ControlProps = {
  id: string;
  name: string;
  className: string;
  "aria-invalid": true | undefined;
  "aria-describedby": string | undefined;
};

export function Field({
  name,
  label,
  error,
  hint,
  className,
  children,
}: {
  name: string;
  label: ReactNode;
  error?: string;
  hint?: ReactNode;
  className?: string;
  /** Renders the control with the props that tie it to the label, the hint and the error. */
  children: (props: ControlProps) => ReactNode;
}) {
  const described = [hint ? `${name}-hint` : null, error ? `${name}-error` : null].filter(Boolean).join(" ");
  return (
    <div className={className}>
      <label htmlFor={name} className="label">
        {label}
      </label>
      {children({
        id: name,
        name,
        className: "input",
        "aria-invalid": error ? true : undefined,
        "aria-describedby": described || undefined,
      })}
      {hint ? (
        <p id={`${name}-hint`} className="mt-1 text-xs text-slate-500">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={`${name}-error`} className="field-error">
          {error}
        </p>
      ) : null}
    </div>
  );
}

/** The alert shown above a form for an error that belongs to no single field. */
export function FormError({ message, className = "" }: { message?: string; className?: string }) {
  if (!message) return null;
  return (
    <p
      role="alert"
      className={`rounded-md border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-800 ${className}`}
    >
      {message}
    </p>
  );
}
