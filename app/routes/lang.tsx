import { type ActionFunctionArgs, redirect } from "@remix-run/node";
import { localeSwitchSchema } from "~/domain/session-forms";
import { parseSubmission } from "~/utils/conform.server";
import { LANG_COOKIE } from "~/utils/i18n.server";
import { safeRedirect } from "~/utils/forms";

export async function loader() {
  throw redirect("/");
}

export async function action({ request }: ActionFunctionArgs) {
  // The header's switch (conform, localeSwitchSchema); a forged post still gets a page, never an error.
  const submission = await parseSubmission(request, localeSwitchSchema);
  const value = submission.status === "success" ? submission.value : undefined;
  const locale = value?.locale ?? "vi";
  const to = safeRedirect(value?.redirectTo, "/");
  return redirect(to, {
    headers: { "Set-Cookie": `${LANG_COOKIE}=${locale}; Path=/; SameSite=Lax; Max-Age=31536000` },
  });
}
