// The page a single sign-on ends on when it does not sign anyone in: what happened, in words that never say
// whether an account exists, and the way back to the login page.
import { Link } from "@remix-run/react";
import type { MessageKey } from "~/i18n";
import { useT } from "~/utils/i18n";

export type OidcFailureReason = "unknown" | "inactive" | "failed" | "unreachable";

const MESSAGE: Record<OidcFailureReason, MessageKey> = {
  unknown: "oidc.notInStaffList",
  inactive: "oidc.inactive",
  failed: "oidc.failed",
  unreachable: "oidc.unreachable",
};

export function OidcFailure({ reason, provider }: { reason: OidcFailureReason; provider: string }) {
  const t = useT();
  return (
    <div className="mx-auto mt-8 max-w-lg">
      <div className="card p-6" data-oidc-failure={reason}>
        <h1 className="text-xl font-semibold text-slate-900">{t("oidc.failedTitle")}</h1>
        <p role="alert" className="mt-4 rounded-md border border-red-300 bg-red-50 px-3 py-2 text-red-800">
          {t(MESSAGE[reason])}
        </p>
        <p className="mt-3 text-sm text-slate-600">{t("oidc.provider", { provider })}</p>
        <Link to="/login" className="btn-primary mt-6">
          {t("oidc.backToLogin")}
        </Link>
      </div>
    </div>
  );
}
