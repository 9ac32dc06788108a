// The one date input of the app: a text field that reads and writes dd/mm/yyyy, the format every page shows.
// <input type="date"> and "datetime-local" follow the browser's locale (mm/dd/yyyy in an English browser), so
// they are not used. The server reads the value with app/utils/vn-calendar.ts (dd/mm/yyyy, and yyyy-mm-dd
// from old links); an impossible day (31/02/2026) is a field error there.
import type { FocusEvent, InputHTMLAttributes, ReactNode } from "react";
import { Field } from "~/components/field";
import { useT } from "~/utils/i18n";
import { formatDay, formatDayTime, parseDay, parseVnDateTime } from "~/utils/vn-calendar";

/** What the browser accepts as typed (the exact day is checked on the server). */
export const DAY_PATTERN = "\\d{1,2}/\\d{1,2}/\\d{4}";
export const DAY_TIME_PATTERN = "\\d{1,2}/\\d{1,2}/\\d{4} \\d{1,2}:\\d{2}";

type DateValue = string | Date | null | undefined;

/** A day in any accepted form → "dd/mm/yyyy"; text that is not a day is kept as typed. */
export function toDayText(value: DateValue): string {
  if (!value) return "";
  if (value instanceof Date) return formatDay(value);
  const day = parseDay(value);
  return day ? formatDay(day) : value;
}

/** A Vietnam date-time in any accepted form → "dd/mm/yyyy hh:mm"; anything else is kept as typed. */
export function toDayTimeText(value: DateValue): string {
  if (!value) return "";
  if (value instanceof Date) return formatDayTime(value);
  const instant = parseVnDateTime(value);
  return instant ? formatDayTime(instant) : value;
}

type InputProps = Omit<InputHTMLAttributes<HTMLInputElement>, "type" | "defaultValue" | "value"> & {
  defaultValue?: DateValue;
};

/** A dd/mm/yyyy text input; on leaving it, "1/2/2026" or "2026-02-01" is written back as "01/02/2026". */
export function DateInput({ defaultValue, onBlur, ...props }: InputProps) {
  return (
    <input
      type="text"
      inputMode="numeric"
      autoComplete="off"
      pattern={DAY_PATTERN}
      placeholder="dd/mm/yyyy"
      maxLength={10}
      {...props}
      defaultValue={toDayText(defaultValue)}
      onBlur={(e: FocusEvent<HTMLInputElement>) => {
        const day = parseDay(e.currentTarget.value);
        if (day) e.currentTarget.value = formatDay(day);
        onBlur?.(e);
      }}
    />
  );
}

/** A "dd/mm/yyyy hh:mm" text input for Vietnam wall-clock times (class sessions, registration windows). */
export function DateTimeInput({ defaultValue, onBlur, ...props }: InputProps) {
  return (
    <input
      type="text"
      inputMode="numeric"
      autoComplete="off"
      pattern={DAY_TIME_PATTERN}
      placeholder="dd/mm/yyyy hh:mm"
      maxLength={16}
      {...props}
      defaultValue={toDayTimeText(defaultValue)}
      onBlur={(e: FocusEvent<HTMLInputElement>) => {
        const instant = parseVnDateTime(e.currentTarget.value);
        if (instant) e.currentTarget.value = formatDayTime(instant);
        onBlur?.(e);
      }}
    />
  );
}

/** A labelled DateInput with the dd/mm/yyyy hint and the field error (aria-describedby ties both). */
export function DateField({
  name,
  label,
  error,
  defaultValue,
  className,
  withTime = false,
  required,
}: {
  name: string;
  label: ReactNode;
  error?: string;
  defaultValue?: DateValue;
  className?: string;
  /** Also a time of day (Vietnam): "dd/mm/yyyy hh:mm". */
  withTime?: boolean;
  required?: boolean;
}) {
  const t = useT();
  return (
    <Field
      name={name}
      label={label}
      error={error}
      hint={t(withTime ? "date.timeHint" : "date.hint")}
      className={className}
    >
      {(props) =>
        withTime ? (
          <DateTimeInput {...props} defaultValue={defaultValue} required={required} />
        ) : (
          <DateInput {...props} defaultValue={defaultValue} required={required} />
        )
      }
    </Field>
  );
}
