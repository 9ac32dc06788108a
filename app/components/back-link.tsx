// The "← Back" link above a detail or form page.
import { Link } from "@remix-run/react";
import { useT } from "~/utils/i18n";

export function BackLink({ to }: { to: string }) {
  const t = useT();
  return (
    <Link to={to} className="text-sm text-red-800 hover:underline">
      ← {t("common.back")}
    </Link>
  );
}
