// The labelled search box of a GET filter form (the companion of FilterSelect): name "q" unless told.
export function FilterSearch({
  label,
  defaultValue,
  placeholder,
  name = "q",
  hideLabel = false,
  className,
  inputClassName = "input",
}: {
  label: string;
  defaultValue?: string;
  placeholder?: string;
  name?: string;
  /** For a bar whose button already says "search": the label stays for screen readers only. */
  hideLabel?: boolean;
  className?: string;
  inputClassName?: string;
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
      />
    </div>
  );
}
