import { type ActionFunctionArgs, redirect } from "@remix-run/node";
import { z } from "zod";
import { LANG_COOKIE } from "~/utils/i18n.server";
import { safeRedirect } from "~/utils/forms";
import { readForm } from "~/utils/read-form.server";

const schema = z.object({ locale: z.enum(["vi", "en"]), redirectTo: z.string().optional() });

export async function loader() {
  throw redirect("/");
}

export async function action({ request }: ActionFunctionArgs) {
  const parsed = schema.safeParse(Object.fromEntries(await readForm(request)));
  const locale = parsed.success ? parsed.data.locale : "vi";
  const to = safeRedirect(parsed.success ? parsed.data.redirectTo : undefined, "/");
  return redirect(to, {
    headers: { "Set-Cookie": `${LANG_COOKIE}=${locale}; Path=/; SameSite=Lax; Max-Age=31536000` },
  });
}
