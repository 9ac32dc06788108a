// GET /auth/oidc/<id>/callback?code=…&state=… — the identity service sends the browser back here. Success
// signs in (completeSignIn's redirect); anything else renders a clear page (403, 400 or 502), never a 500.
import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { OidcFailure } from "~/components/oidc-failure";
import { clearFlowCookie, findOidcProvider, finishOidcSignIn } from "~/modules/auth/oidc.server";
import { clientIp, notFound } from "~/utils/http.server";
import { pageTitle } from "~/utils/i18n";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "title.oidcFailed") }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const provider = findOidcProvider(params.providerId);
  if (!provider) notFound();
  const meta = { ip: clientIp(request), userAgent: request.headers.get("user-agent") ?? undefined };
  const result = await finishOidcSignIn(provider, request, meta);
  if (result instanceof Response) return result;
  return data(
    { reason: result.reason, provider: provider.name },
    { status: result.status, headers: { "Set-Cookie": clearFlowCookie() } },
  );
}

export default function OidcCallbackFailed() {
  const { reason, provider } = useLoaderData<typeof loader>();
  return <OidcFailure reason={reason} provider={provider} />;
}
