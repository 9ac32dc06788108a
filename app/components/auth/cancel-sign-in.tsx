import { useT } from "~/utils/i18n";
import { LogoutForm } from "./logout-form";

/** Leaves a sign-in that waits for its second factor (the pending session ends at /logout). */
export function CancelSignIn() {
  const t = useT();
  return (
    <LogoutForm id="cancel-sign-in" buttonClassName="text-sm text-red-800 underline" reloadDocument>
      {t("tf.cancelSignIn")}
    </LogoutForm>
  );
}
