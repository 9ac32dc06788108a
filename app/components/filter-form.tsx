// A GET filter, search or paging form through conform: the schema is the one the loader reads its search
// params with (passed by the route: components do not import modules), so a value the loader would refuse
// shows next to its box instead of being dropped. It stays a plain GET form: the URL is the state, and it
// works with JavaScript off.
import { getFormProps } from "@conform-to/react";
import { Form } from "@remix-run/react";
import type { ReactNode } from "react";
import type { z } from "zod";
import { useZodForm } from "~/utils/conform";

/** A filter's first error by its search param's name. */
export type FilterErrors = (name: string) => string | undefined;

export function FilterForm({
  schema,
  id,
  action,
  className,
  role,
  children,
}: {
  schema: z.ZodType;
  /** The form's id when something outside it names it (the `form` attribute of a row's checkbox). */
  id?: string;
  action?: string;
  className?: string;
  role?: "search";
  children: ReactNode | ((errorOf: FilterErrors) => ReactNode);
}) {
  const [form, fields] = useZodForm(schema, { id, shouldValidate: "onSubmit" });
  const errorOf: FilterErrors = (name) =>
    (fields as Record<string, { errors?: string[] } | undefined>)[name]?.errors?.[0];
  return (
    <Form method="get" action={action} {...getFormProps(form)} className={className} role={role}>
      {typeof children === "function" ? children(errorOf) : children}
    </Form>
  );
}
