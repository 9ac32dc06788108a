// The page of an emailed link that can no longer be used (used, replaced, expired or mistyped): says which,
// and where to ask for a new one.
import { Link } from "@remix-run/react";
import type { MessageKey } from "~/i18n";
import { useT } from "~/utils/i18n";
import { AuthCard, BackToLogin } from "./auth/auth-card";

const REASON: Record<"used" | "expired" | "invalid", MessageKey> = {
  used: "recovery.link.used",
  expired: "recovery.link.expired",
  invalid: "recovery.link.invalid",
};

export function LinkGone({
  reason,
  again,
}: {
  reason: "used" | "expired" | "invalid";
  again: { to: string; label: string };
}) {
  const t = useT();
  return (
    <AuthCard title={t("recovery.link.title")}>
      <p
        role="alert"
        className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900"
      >
        {t(REASON[reason])}
      </p>
      <BackToLogin>
        <p>
          <Link to={again.to} className="text-red-800 underline">
            {again.label}
          </Link>
        </p>
      </BackToLogin>
    </AuthCard>
  );
}
