import { type LoaderFunctionArgs, redirect } from "@remix-run/node";
import { getActor } from "~/modules/auth/guards.server";
import { homePath } from "~/modules/auth/scope";

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await getActor(request);
  throw redirect(actor ? homePath(actor) : "/login");
}
