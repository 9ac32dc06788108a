import { Form } from "@remix-run/react";
import { useT } from "~/utils/i18n";

/** Leaves a sign-in that waits for its second factor (the pending session ends at /logout). */
export function CancelSignIn() {
  const t = useT();
  return (
    <Form method="post" action="/logout" reloadDocument>
      <button type="submit" className="text-sm text-red-800 underline">
        {t("tf.cancelSignIn")}
      </button>
    </Form>
  );
}
