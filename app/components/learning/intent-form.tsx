// A one-button form that posts an intent of its page (start the quiz, recertify, mark a lesson read)
// through conform, with the page's intent schema; a refusal that belongs to no field shows above it.
import { getFormProps } from "@conform-to/react";
import { Form } from "@remix-run/react";
import type { ReactNode } from "react";
import type { z } from "zod";
import { FormError } from "~/components/field";
import { useZodForm } from "~/utils/conform";

export function IntentForm({
  schema,
  id,
  intent,
  hidden = {},
  intro,
  className,
  buttonClassName = "btn-primary",
  children,
}: {
  schema: z.ZodType;
  /** One per form of the page (conform ties its errors to it). */
  id: string;
  intent: string;
  /** Hidden fields sent with the intent (e.g. the lesson id). */
  hidden?: Record<string, string>;
  intro?: ReactNode;
  className?: string;
  buttonClassName?: string;
  /** The button's label. */
  children: ReactNode;
}) {
  const [form] = useZodForm(schema, { id, shouldValidate: "onSubmit" });
  return (
    <Form method="post" {...getFormProps(form)} className={className}>
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <FormError message={form.errors?.join(" ")} />
      {intro}
      <button type="submit" name="intent" value={intent} className={buttonClassName}>
        {children}
      </button>
    </Form>
  );
}
