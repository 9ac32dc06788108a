import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { adminOverview } from "~/modules/audit/log.server";
import { requireAdmin } from "~/modules/auth/guards.server";
import { useT, pageTitle } from "~/utils/i18n";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "title.admin") }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request);
  return adminOverview();
}

export default function AdminHome() {
  const stats = useLoaderData<typeof loader>();
  const t = useT();
  const cards = [
    { label: t("admin.agencies"), value: stats.agencies, to: "/admin/agencies" },
    { label: t("admin.people"), value: stats.people, to: "/people" },
    { label: t("admin.users"), value: stats.users, to: "/admin/users" },
    { label: t("admin.sessions"), value: stats.sessions, to: "/admin/audit" },
  ];
  return (
    <div>
      <h1 className="text-2xl font-semibold">{t("admin.title")}</h1>
      <div className="mt-4 grid grid-cols-2 gap-4 md:grid-cols-4">
        {cards.map((c) => (
          <Link key={c.label} to={c.to} className="card hover:border-red-300">
            <p className="text-sm text-slate-600">{c.label}</p>
            <p className="mt-1 text-3xl font-semibold">{c.value.toLocaleString("vi-VN")}</p>
          </Link>
        ))}
      </div>
      <h2 className="mt-6 text-lg font-semibold">{t("nav.phishing")}</h2>
      <ul className="mt-2 space-y-1">
        <li>
          <Link to="/phishing" className="font-medium text-red-800 underline">
            {t("phc.title")}
          </Link>
        </li>
        <li>
          <Link to="/phishing/reports" className="font-medium text-red-800 underline">
            {t("nav.phishReports")}
          </Link>
        </li>
        <li>
          <Link to="/admin/phishing" className="font-medium text-red-700 underline">
            {t("phishingDrill.kill.title")}
          </Link>
        </li>
      </ul>
    </div>
  );
}
