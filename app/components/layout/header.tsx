// The page header: the brand, the main menu, the language switch, the notification bell and the account menu.
import { getFormProps } from "@conform-to/react";
import { Form, Link, NavLink, useLocation } from "@remix-run/react";
import type { Locale } from "~/i18n";
import type { NavItem } from "~/modules/auth/nav";
import { usePostForm } from "~/utils/conform-post";
import { useT } from "~/utils/i18n";
import { AccountMenu, type HeaderUser } from "./account-menu";

export type HeaderData = { locale: Locale; user: HeaderUser | null; nav: NavItem[] };

function Brand() {
  const t = useT();
  return (
    <Link to="/" className="flex shrink-0 items-center gap-2" aria-label={t("appName")}>
      <img src="/favicon.svg" alt="" width={32} height={32} />
      <span className="text-lg font-bold whitespace-nowrap text-red-800">{t("appName")}</span>
    </Link>
  );
}

/** The header; with no data (the root loader itself failed) only the way home, nothing that needs it. */
export function Header({ data }: { data: HeaderData | undefined }) {
  return (
    <header className="border-b-4 border-red-700 bg-white">
      <div className="mx-auto flex max-w-7xl items-center gap-4 px-4 py-3">
        <Brand />
        {data ? <FullHeader {...data} /> : null}
      </div>
    </header>
  );
}

function FullHeader({ user, nav, locale }: HeaderData) {
  const t = useT();
  return (
    <>
      <nav className="hidden flex-1 gap-0.5 xl:flex" aria-label={t("ui.mainNav")}>
        {nav.map((item) => (
          <NavLink
            key={item.to}
            to={item.to}
            end={item.to === "/people"}
            className={({ isActive }) =>
              `rounded-md px-2.5 py-2 text-sm font-medium whitespace-nowrap ${isActive ? "bg-red-50 text-red-800" : "text-slate-700 hover:bg-slate-100"}`
            }
          >
            {t(item.label)}
          </NavLink>
        ))}
      </nav>
      {/* min-w-0: the account button gives way (its name cut short) before anything overflows. */}
      <div className="ml-auto flex min-w-0 items-center gap-2 xl:ml-0">
        <LanguageSwitch locale={locale} />
        {user && user.unread !== null ? <NotificationBell unread={user.unread} /> : null}
        {user ? <AccountMenu user={user} nav={nav} /> : null}
      </div>
    </>
  );
}

function LanguageSwitch({ locale }: { locale: Locale }) {
  const t = useT();
  const location = useLocation();
  // Two hidden fields: /lang checks them (localeSwitchSchema); every page loads the header, so no zod here.
  // A full page load: the browser holds only the current locale's messages (root.tsx's locale script).
  const [form] = usePostForm({ id: "lang" });
  return (
    <Form method="post" action="/lang" reloadDocument {...getFormProps(form)} className="inline">
      <input type="hidden" name="locale" value={locale === "vi" ? "en" : "vi"} />
      <input type="hidden" name="redirectTo" value={location.pathname + location.search} />
      <button type="submit" className="rounded px-2 py-1 text-xs text-slate-600 hover:bg-slate-100">
        {t("lang.switch")}
      </button>
    </Form>
  );
}

function NotificationBell({ unread }: { unread: number }) {
  const t = useT();
  return (
    <Link
      to="/notifications"
      className="relative flex items-center rounded-md px-2 py-1.5 pr-3 text-sm text-slate-700 hover:bg-slate-100"
      aria-label={`${t("nav.notifications")}${unread ? ` (${t("notif.unread", { count: unread })})` : ""}`}
    >
      <svg
        aria-hidden="true"
        viewBox="0 0 24 24"
        className="inline h-5 w-5 fill-none stroke-current"
        strokeWidth={1.8}
        strokeLinecap="round"
        strokeLinejoin="round"
      >
        <path d="M6 8a6 6 0 1 1 12 0c0 7 3 9 3 9H3s3-2 3-9" />
        <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" />
      </svg>
      <span className="ml-1 hidden 2xl:inline">{t("nav.notifications")}</span>
      {unread ? (
        <span className="absolute -top-1.5 -right-1.5 min-w-5 rounded-full bg-red-700 px-1 text-center text-xs leading-5 font-semibold text-white">
          {unread > 99 ? "99+" : unread}
        </span>
      ) : null}
    </Link>
  );
}
