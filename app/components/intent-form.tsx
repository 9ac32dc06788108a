// The one-button form of the app: it posts one intent of its page's action (start the quiz, approve a
// registration, stop a target) through conform. Its fields are hidden, so only the action checks them (with
// the page's intent schema): no schema in the browser, hence no zod in the pages that only have such buttons.
// A refusal of the post (the action's conform reply to this intent and this row) shows as a FormError next
// to the button, which names it with aria-describedby.
import { getFormProps } from "@conform-to/react";
import { Form, useActionData } from "@remix-run/react";
import type { ReactNode } from "react";
import { FormError } from "~/components/field";
import { asReply, replyFor } from "~/components/form-reply";
import { usePostForm } from "~/utils/conform-post";

export type IntentFormProps = {
  /** One per form of the page (conform ties its errors to it). */
  id: string;
  intent: string;
  /** Hidden fields naming what the button acts on (a row's id): the action's reply is matched on them. */
  row?: Record<string, string>;
  /** Other hidden fields sent with the intent. */
  hidden?: Record<string, string>;
  intro?: ReactNode;
  className?: string;
  buttonClassName?: string;
  /** The button's accessible name when its text alone is ambiguous ("Duyệt Nguyễn Văn A"). */
  buttonLabel?: string;
  /** Asked in a confirm() before the post (JavaScript off: posted at once). */
  confirm?: string;
  disabled?: boolean;
  encType?: "multipart/form-data";
  /** The button's text. */
  children: ReactNode;
};

export function IntentForm({
  id,
  intent,
  row = {},
  hidden = {},
  intro,
  className,
  buttonClassName = "btn-primary",
  buttonLabel,
  confirm,
  disabled,
  encType,
  children,
}: IntentFormProps) {
  const reply = replyFor(asReply(useActionData()), { intent, ...row });
  const [form] = usePostForm({ id, lastResult: reply });
  // Every message: the intent's fields are hidden, so an error of one of them is the post's refusal too.
  const message = [...new Set(Object.values(form.allErrors).flat())].join(" ") || undefined;
  const errorId = form.errorId;
  return (
    <Form method="post" encType={encType} {...getFormProps(form)} className={className}>
      {Object.entries({ ...row, ...hidden }).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      {intro}
      <button
        type="submit"
        name="intent"
        value={intent}
        className={buttonClassName}
        aria-label={buttonLabel}
        aria-describedby={message ? errorId : undefined}
        disabled={disabled}
        onClick={
          confirm
            ? (e) => {
                if (!window.confirm(confirm)) e.preventDefault();
              }
            : undefined
        }
      >
        {children}
      </button>
      <FormError id={errorId} message={message} className="mt-2" />
    </Form>
  );
}
