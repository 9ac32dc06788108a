// The reader's locale's messages for the browser (app/i18n/script.server.ts): a resource route, no page.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { localeScriptResponse } from "~/i18n/script.server";
import { notFound } from "~/utils/http.server";

export function loader({ params }: LoaderFunctionArgs) {
  return localeScriptResponse(params.file ?? "") ?? notFound();
}
