// GET /auth/oidc/<id>/start?returnTo=… — where the login page sends an address of a province with single
// sign-on: a new flow, then the province's identity service. Only a failed discovery renders here.
import { data, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { OidcFailure } from "~/components/oidc-failure";
import { getActor } from "~/modules/auth/guards.server";
import { findOidcProvider, startOidcSignIn } from "~/modules/auth/oidc.server";
import { homePath } from "~/modules/auth/scope";
import { notFound } from "~/utils/http.server";
import { pageTitle } from "~/utils/i18n";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "title.oidcFailed") }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const provider = findOidcProvider(params.providerId);
  if (!provider) notFound();
  const actor = await getActor(request);
  if (actor) return redirect(homePath(actor));
  const started = await startOidcSignIn(provider, request);
  if (started.ok) return redirect(started.url, { headers: { "Set-Cookie": started.cookie } });
  return data({ reason: started.reason, provider: provider.name }, { status: started.status });
}

export default function OidcStartFailed() {
  const { reason, provider } = useLoaderData<typeof loader>();
  return <OidcFailure reason={reason} provider={provider} />;
}
