import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { db } from "~/db.server";
import type { MessageKey } from "~/i18n";
import { requireActor } from "~/modules/auth/guards.server";
import { useT } from "~/utils/i18n";

export const meta: MetaFunction = () => [{ title: "Học tập của tôi — Học ATTT" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  // Only the caller's own record: the id comes from the session, never from the request.
  const person = actor.personId
    ? await db.person.findUnique({
        where: { id: actor.personId },
        select: {
          fullName: true,
          position: true,
          staffCategory: true,
          itRole: true,
          isHeadOfUnit: true,
          agency: { select: { name: true, code: true } },
        },
      })
    : null;
  return { name: actor.fullName, person };
}

export default function LearnPage() {
  const { name, person } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">{t("learn.title")}</h1>
        <p className="text-slate-600">{t("learn.hello", { name })}</p>
      </div>
      <section className="card border-dashed text-slate-700">
        <p>{t("learn.empty")}</p>
      </section>
      <section className="card">
        <h2 className="font-semibold">{t("learn.profile")}</h2>
        {person ? (
          <dl className="mt-3 grid grid-cols-1 gap-x-6 gap-y-2 text-sm sm:grid-cols-2">
            <div>
              <dt className="text-slate-500">{t("learn.agency")}</dt>
              <dd>{person.agency.name}</dd>
            </div>
            <div>
              <dt className="text-slate-500">{t("learn.position")}</dt>
              <dd>{person.position || "—"}</dd>
            </div>
            <div>
              <dt className="text-slate-500">{t("learn.category")}</dt>
              <dd>{t(`staff.${person.staffCategory}` as MessageKey)}</dd>
            </div>
            <div>
              <dt className="text-slate-500">{t("learn.itRole")}</dt>
              <dd>{t(`it.${person.itRole}` as MessageKey)}</dd>
            </div>
            {person.isHeadOfUnit ? (
              <div>
                <dt className="text-slate-500">{t("learn.head")}</dt>
                <dd>{t("common.yes")}</dd>
              </div>
            ) : null}
          </dl>
        ) : (
          <p className="mt-2 text-sm text-slate-600">{t("learn.noPerson")}</p>
        )}
      </section>
    </div>
  );
}
