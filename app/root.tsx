import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import {
  Form,
  Link,
  Links,
  Meta,
  NavLink,
  Outlet,
  Scripts,
  ScrollRestoration,
  useLoaderData,
  useLocation,
  useRouteLoaderData,
} from "@remix-run/react";
import { useDismissableMenu } from "~/components/dismissable-menu";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { useKeepFormOnExpiry } from "~/components/keep-form-on-expiry";
import { getActor } from "~/modules/auth/guards.server";
import { hasRole, isAdmin } from "~/modules/auth/scope";
import { unreadCount } from "~/modules/notifications/inbox.server";
import type { MessageKey } from "~/i18n";
import { readFlash } from "~/utils/flash.server";
import { getLocale } from "~/utils/i18n.server";
import { useT } from "~/utils/i18n";
import { useNonce } from "~/utils/nonce";
import styles from "~/tailwind.css";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: styles },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export const meta: MetaFunction = () => [{ title: "Học ATTT" }];

type NavItem = { to: string; label: MessageKey };

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await getActor(request);
  const locale = getLocale(request);
  const { flash, setCookie } = await readFlash(request);
  const nav: NavItem[] = [];
  const roles: string[] = [];
  if (actor) {
    if (hasRole(actor, "LEARNER")) {
      nav.push(
        { to: "/learn", label: "nav.learn" },
        { to: "/courses", label: "nav.catalog" },
        { to: "/offerings", label: "nav.offerings" },
      );
    }
    if (hasRole(actor, "COORDINATOR") || isAdmin(actor)) {
      nav.push(
        { to: "/people", label: "nav.people" },
        { to: "/people/import", label: "nav.import" },
        { to: "/assignments", label: "nav.assignments" },
      );
      // Organisers and nominating coordinators need the classes even without a learner record.
      if (!nav.some((i) => i.to === "/offerings")) nav.push({ to: "/offerings", label: "nav.offerings" });
    }
    if (hasRole(actor, "REVIEWER") && !hasRole(actor, "COORDINATOR") && !isAdmin(actor)) {
      nav.push({ to: "/people", label: "nav.people" });
    }
    if (hasRole(actor, "REVIEWER") || hasRole(actor, "COORDINATOR") || isAdmin(actor)) {
      nav.push({ to: "/targets", label: "nav.targets" }, { to: "/reports", label: "nav.reports" });
    }
    if (isAdmin(actor)) {
      // One entry: the administration page links agencies, accounts and the audit log.
      nav.push({ to: "/admin", label: "nav.admin" });
    }
    for (const r of ["ADMIN", "COORDINATOR", "REVIEWER", "LEARNER"] as const)
      if (hasRole(actor, r)) roles.push(r);
  }
  return data(
    {
      locale,
      flash,
      user: actor
        ? {
            name: actor.fullName,
            email: actor.email,
            roles,
            unread: actor.personId ? await unreadCount(actor.personId) : null,
          }
        : null,
      nav,
    },
    { headers: setCookie ? { "Set-Cookie": setCookie } : undefined },
  );
}

export function Layout({ children }: { children: React.ReactNode }) {
  const nonce = useNonce();
  const rootData = useRouteLoaderData<typeof loader>("root");
  return (
    <html lang={rootData?.locale ?? "vi"} className="h-full bg-slate-50">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body className="min-h-full font-sans text-slate-900 antialiased">
        {children}
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

function Header() {
  // The root's data, or none when the root loader itself failed (then ErrorBoundary shows MinimalHeader).
  const rootData = useRouteLoaderData<typeof loader>("root");
  if (!rootData) return <MinimalHeader />;
  return <FullHeader {...rootData} />;
}

function Brand() {
  const t = useT();
  return (
    <Link to="/" className="flex items-center gap-2" aria-label={t("appName")}>
      <img src="/favicon.svg" alt="" width={32} height={32} />
      <span className="text-lg font-bold text-red-800">{t("appName")}</span>
    </Link>
  );
}

/** When nothing is known about the caller: the way home, and nothing that needs the root's data. */
function MinimalHeader() {
  return (
    <header className="border-b-4 border-red-700 bg-white">
      <div className="mx-auto flex max-w-7xl items-center gap-4 px-4 py-3">
        <Brand />
      </div>
    </header>
  );
}

type RootData = NonNullable<ReturnType<typeof useRouteLoaderData<typeof loader>>>;

function FullHeader({ user, nav, locale }: RootData) {
  const t = useT();
  const location = useLocation();
  const menuRef = useDismissableMenu();
  return (
    <header className="border-b-4 border-red-700 bg-white">
      <div className="mx-auto flex max-w-7xl items-center gap-4 px-4 py-3">
        <Brand />
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
        <div className="ml-auto flex items-center gap-2 xl:ml-0">
          <Form method="post" action="/lang" className="inline">
            <input type="hidden" name="locale" value={locale === "vi" ? "en" : "vi"} />
            <input type="hidden" name="redirectTo" value={location.pathname + location.search} />
            <button type="submit" className="rounded px-2 py-1 text-xs text-slate-600 hover:bg-slate-100">
              {t("lang.switch")}
            </button>
          </Form>
          {user && user.unread !== null ? (
            <Link
              to="/notifications"
              className="relative flex items-center rounded-md px-2 py-1.5 pr-3 text-sm text-slate-700 hover:bg-slate-100"
              aria-label={`${t("nav.notifications")}${user.unread ? ` (${t("notif.unread", { count: user.unread })})` : ""}`}
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
              {user.unread ? (
                <span className="absolute -top-1.5 -right-1.5 min-w-5 rounded-full bg-red-700 px-1 text-center text-xs leading-5 font-semibold text-white">
                  {user.unread > 99 ? "99+" : user.unread}
                </span>
              ) : null}
            </Link>
          ) : null}
          {user ? (
            <details ref={menuRef} className="relative">
              <summary className="cursor-pointer list-none rounded-md border border-slate-300 px-3 py-1.5 text-sm">
                <span className="hidden sm:inline">{user.name}</span>
                <span className="sm:hidden">{t("nav.menu")}</span>
              </summary>
              <div className="absolute right-0 z-20 mt-2 w-64 rounded-md border border-slate-200 bg-white p-2 shadow-lg">
                <p className="px-2 text-sm font-medium">{user.name}</p>
                <p className="px-2 text-xs text-slate-500">{user.email}</p>
                <p className="px-2 pb-2 text-xs text-slate-500">
                  {user.roles.map((r) => t(`role.${r}` as MessageKey)).join(", ")}
                </p>
                <ul className="border-t border-slate-100 pt-2 xl:hidden">
                  {nav.map((item) => (
                    <li key={item.to}>
                      <Link to={item.to} className="block rounded px-2 py-1.5 text-sm hover:bg-slate-100">
                        {t(item.label)}
                      </Link>
                    </li>
                  ))}
                </ul>
                <Link to="/account/password" className="block rounded px-2 py-1.5 text-sm hover:bg-slate-100">
                  {t("nav.account")}
                </Link>
                <Link to="/account/security" className="block rounded px-2 py-1.5 text-sm hover:bg-slate-100">
                  {t("tf.security.title")}
                </Link>
                <Link to="/account/sessions" className="block rounded px-2 py-1.5 text-sm hover:bg-slate-100">
                  {t("nav.sessions")}
                </Link>
                <Form method="post" action="/logout">
                  <button
                    type="submit"
                    className="w-full rounded px-2 py-1.5 text-left text-sm text-red-700 hover:bg-red-50"
                  >
                    {t("nav.logout")}
                  </button>
                </Form>
              </div>
            </details>
          ) : null}
        </div>
      </div>
    </header>
  );
}

function FlashBanner() {
  const { flash } = useLoaderData<typeof loader>();
  if (!flash) return null;
  const colors =
    flash.kind === "error"
      ? "border-red-300 bg-red-50 text-red-800"
      : flash.kind === "success"
        ? "border-green-300 bg-green-50 text-green-800"
        : "border-sky-300 bg-sky-50 text-sky-800";
  return (
    <div role="status" className={`mb-4 rounded-md border px-4 py-3 text-sm ${colors}`}>
      {flash.message}
    </div>
  );
}

export default function App() {
  useKeepFormOnExpiry();
  return (
    <>
      <Header />
      <main className="mx-auto max-w-7xl px-4 py-6">
        <FlashBanner />
        <Outlet />
      </main>
    </>
  );
}

// Every route's errors end here (403, 404, 500): keep the header and its navigation around the message.
export function ErrorBoundary() {
  return (
    <>
      <Header />
      <main className="mx-auto max-w-7xl px-4 py-6">
        <GeneralErrorBoundary />
      </main>
    </>
  );
}
