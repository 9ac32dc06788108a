// The sign-out form (POST /logout) through conform, checked by the action alone with its (empty) schema: the
// account menu's "Đăng xuất" and a pending sign-in's "Hủy đăng nhập". Works with JavaScript off.
import { getFormProps } from "@conform-to/react";
import { Form } from "@remix-run/react";
import type { ReactNode } from "react";
import { usePostForm } from "~/utils/conform-post";

export function LogoutForm({
  id,
  buttonClassName,
  reloadDocument,
  children,
}: {
  id: string;
  buttonClassName: string;
  /** A full page load afterwards (the pending sign-in's pages keep no client state worth keeping). */
  reloadDocument?: boolean;
  children: ReactNode;
}) {
  const [form] = usePostForm({ id });
  return (
    <Form method="post" action="/logout" reloadDocument={reloadDocument} {...getFormProps(form)}>
      <button type="submit" className={buttonClassName}>
        {children}
      </button>
    </Form>
  );
}
