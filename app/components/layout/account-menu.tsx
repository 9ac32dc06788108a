// The signed-in person's menu: who they are, the main menu again on narrow screens, their account pages
// and the log-out button.
import { Link } from "@remix-run/react";
import { LogoutForm } from "~/components/auth/logout-form";
import { useDismissableMenu } from "~/components/dismissable-menu";
import type { MessageKey } from "~/i18n";
import type { NavItem } from "~/modules/auth/nav";
import { useT } from "~/utils/i18n";

export type HeaderUser = { name: string; email: string; roles: readonly string[]; unread: number | null };

const ACCOUNT_PAGES = [
  { to: "/account/password", label: "nav.account" },
  { to: "/account/security", label: "tf.security.title" },
  { to: "/account/sessions", label: "nav.sessions" },
] as const satisfies NavItem[];

const item = "block rounded px-2 py-1.5 text-sm hover:bg-slate-100";

export function AccountMenu({ user, nav }: { user: HeaderUser; nav: NavItem[] }) {
  const t = useT();
  const menuRef = useDismissableMenu();
  return (
    <details ref={menuRef} className="relative min-w-0">
      {/* A long name is cut short with an ellipsis (beside the logo and the menu); the title shows it whole. */}
      <summary
        className="cursor-pointer list-none rounded-md border border-slate-300 px-3 py-1.5 text-sm"
        title={user.name}
      >
        <span className="hidden max-w-40 truncate sm:block">{user.name}</span>
        <span className="sm:hidden">{t("nav.menu")}</span>
      </summary>
      <div className="absolute right-0 z-20 mt-2 w-64 rounded-md border border-slate-200 bg-white p-2 shadow-lg">
        <p className="px-2 text-sm font-medium break-words">{user.name}</p>
        <p className="px-2 text-xs text-slate-500">{user.email}</p>
        <p className="px-2 pb-2 text-xs text-slate-500">
          {user.roles.map((r) => t(`role.${r}` as MessageKey)).join(", ")}
        </p>
        <ul className="border-t border-slate-100 pt-2 xl:hidden">
          {nav.map((i) => (
            <li key={i.to}>
              <Link to={i.to} className={item}>
                {t(i.label)}
              </Link>
            </li>
          ))}
        </ul>
        {ACCOUNT_PAGES.map((i) => (
          <Link key={i.to} to={i.to} className={item}>
            {t(i.label)}
          </Link>
        ))}
        <LogoutForm
          id="logout"
          buttonClassName="w-full rounded px-2 py-1.5 text-left text-sm text-red-700 hover:bg-red-50"
        >
          {t("nav.logout")}
        </LogoutForm>
      </div>
    </details>
  );
}
