// The recovery codes just created, as a text file to keep (only while they are still shown, see the page).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireActor } from "~/modules/auth/guards.server";
import { recoveryCodesFromCookie } from "~/modules/auth/two-factor-pages.server";
import { notFound } from "~/utils/http.server";
import { serverT } from "~/utils/i18n.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireActor(request, { allowPasswordChange: true });
  const codes = recoveryCodesFromCookie(request, actor.userId);
  if (!codes) notFound();
  const t = serverT(request);
  const text = [
    t("tf.codes.fileTitle"),
    t("tf.codes.fileAccount", { email: actor.email }),
    t("tf.codes.fileHelp"),
    "",
    ...codes,
    "",
  ].join("\r\n");
  return new Response(text, {
    headers: {
      "Content-Type": "text/plain; charset=utf-8",
      "Content-Disposition": 'attachment; filename="hoc-attt-ma-khoi-phuc.txt"',
      "Cache-Control": "no-store",
    },
  });
}
