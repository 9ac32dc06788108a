import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import {
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useLoaderData,
  useRouteLoaderData,
} from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { useKeepFormOnExpiry } from "~/components/keep-form-on-expiry";
import { FlashBanner } from "~/components/layout/flash-banner";
import { Header } from "~/components/layout/header";
import { getAuth } from "~/modules/auth/guards.server";
import { navFor, rolesOf } from "~/modules/auth/nav";
import { readFlash } from "~/utils/flash.server";
import { localeScriptUrl } from "~/i18n/script.server";
import { getLocale } from "~/utils/i18n.server";
import { useNonce } from "~/utils/nonce";
import styles from "~/tailwind.css";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: styles },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export const meta: MetaFunction = () => [{ title: "Học ATTT" }];

export async function loader({ request }: LoaderFunctionArgs) {
  // The unread badge comes with the session lookup (one query for the caller, app/modules/auth/session.server).
  const auth = await getAuth(request);
  const locale = getLocale(request);
  const { flash, setCookie } = await readFlash(request);
  return data(
    {
      locale,
      // The browser's copy of this locale's messages (a cached script; the bundle carries none).
      messagesUrl: localeScriptUrl(locale),
      flash,
      user: auth
        ? {
            name: auth.actor.fullName,
            email: auth.actor.email,
            roles: rolesOf(auth.actor),
            unread: auth.unreadNotifications,
          }
        : null,
      nav: auth ? navFor(auth.actor) : [],
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
        {/* Before the app's modules (they run after the document is parsed): they translate with it. */}
        <script nonce={nonce} src={rootData?.messagesUrl ?? `/i18n/${rootData?.locale ?? "vi"}.js`} />
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

function RootHeader() {
  // The root's data, or none when the root loader itself failed (then only the way home shows).
  return <Header data={useRouteLoaderData<typeof loader>("root") ?? undefined} />;
}

export default function App() {
  useKeepFormOnExpiry();
  const { flash } = useLoaderData<typeof loader>();
  return (
    <>
      <RootHeader />
      <main className="mx-auto max-w-7xl px-4 py-6">
        <FlashBanner flash={flash} />
        <Outlet />
      </main>
    </>
  );
}

// Every route's errors end here (403, 404, 500): keep the header and its navigation around the message.
export function ErrorBoundary() {
  return (
    <>
      <RootHeader />
      <main className="mx-auto max-w-7xl px-4 py-6">
        <GeneralErrorBoundary />
      </main>
    </>
  );
}
