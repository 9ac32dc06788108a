import { isRouteErrorResponse, Link, useRouteError } from "@remix-run/react";
import { useT } from "~/utils/i18n";
import { isMessageKey, type MessageKey, type MessageParams } from "~/i18n";

const KNOWN = new Set([400, 401, 403, 404, 405, 413, 429, 500]);

/** One friendly page per HTTP status; the server's own message is shown, in the reader's locale, when it has one. */
export function GeneralErrorBoundary() {
  const error = useRouteError();
  const t = useT();
  let status = 500;
  let detail: string | null = null;
  if (isRouteErrorResponse(error)) {
    status = error.status;
    const d = error.data as unknown;
    if (d && typeof d === "object" && "messageKey" in d && isMessageKey(d.messageKey))
      detail = t(d.messageKey, "params" in d ? (d.params as MessageParams) : undefined);
    else if (d && typeof d === "object" && "message" in d && typeof d.message === "string")
      detail = d.message;
  } else if (typeof document === "undefined") {
    console.error(error);
  }
  const key = `error.${KNOWN.has(status) ? status : status >= 500 ? 500 : 400}` as MessageKey;
  return (
    <div className="mx-auto max-w-xl py-16 text-center" role="alert">
      <p className="text-5xl font-bold text-red-700">{status}</p>
      <h1 className="mt-4 text-xl font-semibold text-slate-900">{t(key)}</h1>
      {detail && status < 500 ? <p className="mt-2 text-slate-600">{detail}</p> : null}
      <Link to="/" className="btn-primary mt-8">
        {t("error.home")}
      </Link>
    </div>
  );
}
