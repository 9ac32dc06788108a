// The labelled search box of a GET filter form (the companion of FilterSelect): name "q" unless told.
export function FilterSearch({
  label,
  defaultValue,
  placeholder,
  name = "q",
  hideLabel = false,
  className,
  inputClassName = "input",
  error,
}: {
  label: string;
  defaultValue?: string;
  placeholder?: string;
  name?: string;
  /** For a bar whose button already says "search": the label stays for screen readers only. */
  hideLabel?: boolean;
  className?: string;
  inputClassName?: string;
  /** The filter form's error for this box (FilterForm's errorOf). */
  error?: string;
}) {
  return (
    <div className={className}>
      <label htmlFor={name} className={hideLabel ? "sr-only" : "label"}>
        {label}
      </label>
      <input
        id={name}
        name={name}
        type="search"
        defaultValue={defaultValue}
        placeholder={placeholder}
        className={inputClassName}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${name}-error` : undefined}
      />
      <FilterError name={name} error={error} />
    </div>
  );
}

/** A filter's error under its control, named by the control's aria-describedby. */
export function FilterError({ name, error }: { name: string; error?: string }) {
  return error ? (
    <p id={`${name}-error`} className="field-error">
      {error}
    </p>
  ) : null;
}
