// The "← Back" link above a detail or form page.
import { Link } from "@remix-run/react";
import { useT } from "~/utils/i18n";

export function BackLink({ to, label }: { to: string; label?: string }) {
  const t = useT();
  return (
    <Link to={to} className="text-sm text-red-800 hover:underline">
      ← {label ?? t("common.back")}
    </Link>
  );
}
