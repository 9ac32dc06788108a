// /learn/drills — the signed-in person's own drill emails: campaign, date, template, what they did and when.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { BackLink } from "~/components/back-link";
import { DrillHistory } from "~/components/phishing/drill-history";
import { requireLearner } from "~/modules/auth/guards.server";
import { personDrillHistory } from "~/modules/phishing/results.server";
import { pageTitle, useT } from "~/utils/i18n";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "title.learnDrills") }];

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireLearner(request);
  return { rows: await personDrillHistory(actor.personId) };
}

export default function MyDrillsPage() {
  const { rows } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <div className="space-y-4">
      <BackLink to="/learn" />
      <h1 className="text-2xl font-semibold">{t("phr.history.title")}</h1>
      <p className="text-slate-600">{t("phr.mine.intro")}</p>
      <DrillHistory rows={rows} />
    </div>
  );
}
