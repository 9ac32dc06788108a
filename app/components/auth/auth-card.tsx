// The narrow card the signed-out pages share (emailed links, "send me a link", the second factor).
import { Link } from "@remix-run/react";
import type { ReactNode } from "react";
import { useT } from "~/utils/i18n";

export function AuthCard({ title, children }: { title: ReactNode; children: ReactNode }) {
  return (
    <div className="mx-auto mt-8 max-w-sm">
      <div className="card space-y-4 p-6">
        <h1 className="text-xl font-semibold">{title}</h1>
        {children}
      </div>
    </div>
  );
}

/** Links under the card's form, the way back to the login page last. */
export function BackToLogin({ children }: { children?: ReactNode }) {
  const t = useT();
  return (
    <div className="space-y-1 text-sm">
      {children}
      <p>
        <Link to="/login" className="text-red-800 underline">
          {t("recovery.backToLogin")}
        </Link>
      </p>
    </div>
  );
}
