import { type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import type { MessageKey } from "~/i18n";
import { requireActor } from "~/modules/auth/guards.server";
import { type OfferingCard, listOfferings } from "~/modules/scheduling/views.server";
import { formatVnDateTime } from "~/domain/scheduling-time";
import { parseSearchParams } from "~/utils/http.server";
import { useT, pageTitle } from "~/utils/i18n";
import { listQuery, type Paged, pagingFields } from "~/utils/paging";
import { ListTable } from "~/components/targets/list-table";
import { PageHeader } from "~/components/page-header";
import { Pagination } from "~/components/pagination";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "title.offerings") }];

/** `page`/`pageSize` page the coordinator's bookings table, `upPage…` the upcoming cards, `orgPage…` the organised. */
const cardPaging = pagingFields(20);
const query = listQuery(
  {
    upPage: cardPaging.page,
    upPageSize: cardPaging.pageSize,
    orgPage: cardPaging.page,
    orgPageSize: cardPaging.pageSize,
  },
  50,
);

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const q = parseSearchParams(request, query);
  return listOfferings(actor, {
    upcoming: { page: q.upPage, pageSize: q.upPageSize },
    organised: { page: q.orgPage, pageSize: q.orgPageSize },
    bookings: { page: q.page, pageSize: q.pageSize },
  });
}

function Cards({ list, param }: { list: Paged<OfferingCard>; param: string }) {
  const t = useT();
  if (list.total === 0) return <p className="text-sm text-slate-600">{t("off.none")}</p>;
  return (
    <>
      <ul className="grid gap-3 md:grid-cols-2">
        {list.rows.map((o) => (
          <li key={o.id} className="card space-y-1">
            <p className="text-xs font-medium uppercase tracking-wide text-red-800">
              {t(`off.kind.${o.kind}` as MessageKey)} · {t(`off.status.${o.status}` as MessageKey)}
            </p>
            <Link to={`/offerings/${o.id}`} className="block font-semibold text-slate-900 hover:underline">
              {o.title}
            </Link>
            <p className="text-sm text-slate-600">
              {o.firstStart ? formatVnDateTime(o.firstStart) : "—"} · {o.organiserName}
            </p>
            <p className="text-sm">
              {t("off.seats")}:{" "}
              <span className="tabular-nums">
                {o.confirmed}/{o.capacity}
              </span>
              {o.waitlisted ? ` · ${t("off.waiting")}: ${o.waitlisted}` : ""}
              {o.myStatus ? (
                <span className="ml-2 rounded bg-slate-100 px-2 py-0.5 text-xs">
                  {t(`reg.status.${o.myStatus}` as MessageKey)}
                </span>
              ) : null}
            </p>
          </li>
        ))}
      </ul>
      <Pagination
        page={list.page}
        pageSize={list.pageSize}
        total={list.total}

        param={param}
      />
    </>
  );
}

export default function OfferingsPage() {
  const { upcoming, organised, bookings, coordinator } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <div className="space-y-6">
      <PageHeader
        title={t("off.title")}
        links={[
          { to: "/calendar", label: t("off.calendar") },
          ...(coordinator ? [{ to: "/offerings/new", label: t("off.new"), primary: true }] : []),
        ]}
      />
      <section className="space-y-2">
        <h2 className="text-lg font-semibold">{t("off.upcoming")}</h2>
        <Cards list={upcoming} param="upPage" />
      </section>
      {coordinator ? (
        <section className="space-y-2">
          <h2 className="text-lg font-semibold">{t("off.organised")}</h2>
          <Cards list={organised} param="orgPage" />
        </section>
      ) : null}
      {coordinator ? (
        <section className="space-y-2">
          <h2 className="text-lg font-semibold">{t("off.bookings")}</h2>
          {bookings.total === 0 ? (
            <p className="text-sm text-slate-600">{t("off.none")}</p>
          ) : (
            <ListTable
              label={t("off.bookings")}
              columns={[
                { label: t("off.person") },
                { label: t("off.agency"), className: "hidden md:table-cell" },
                { label: t("off.name") },
                { label: t("people.status") },
                { label: t("off.attended") },
              ]}
            >
              {bookings.rows.map((b) => (
                <tr key={b.registrationId}>
                  <td className="px-3 py-2 font-medium">{b.fullName}</td>
                  <td className="hidden px-3 py-2 md:table-cell">{b.agencyName}</td>
                  <td className="px-3 py-2">
                    <Link to={`/offerings/${b.offeringId}`} className="hover:underline">
                      {b.offeringTitle}
                    </Link>
                  </td>
                  <td className="px-3 py-2">{t(`reg.status.${b.status}` as MessageKey)}</td>
                  <td className="px-3 py-2 tabular-nums">
                    {b.attended}/{b.held}
                    {b.completed ? ` · ${t("off.completed")}` : ""}
                  </td>
                </tr>
              ))}
            </ListTable>
          )}
          <Pagination page={bookings.page} pageSize={bookings.pageSize} total={bookings.total} />
        </section>
      ) : null}
    </div>
  );
}
