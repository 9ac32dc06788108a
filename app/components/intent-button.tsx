// A one-button form posting an intent of the page's action (and the id of the row it acts on, if any).
import { Form } from "@remix-run/react";
import type { ReactNode } from "react";

export function IntentButton({
  intent,
  id,
  className,
  children,
}: {
  intent: string;
  id?: string;
  className: string;
  children: ReactNode;
}) {
  return (
    <Form method="post">
      {id ? <input type="hidden" name="id" value={id} /> : null}
      <button type="submit" name="intent" value={intent} className={className}>
        {children}
      </button>
    </Form>
  );
}
