// A GET filter of selects only (the dashboard's plan, target and kind of agency): its values come from the
// options, so the browser has nothing to check and the page ships no zod (FilterForm checks typed boxes with
// the loader's schema). The loader still refuses a hand-edited URL with a clear message (400).
import { getFormProps } from "@conform-to/react";
import { Form } from "@remix-run/react";
import type { ReactNode } from "react";
import { usePostForm } from "~/utils/conform-post";

export function SelectFilterForm({ className, children }: { className?: string; children: ReactNode }) {
  const [form] = usePostForm();
  return (
    <Form method="get" {...getFormProps(form)} className={className}>
      {children}
    </Form>
  );
}
