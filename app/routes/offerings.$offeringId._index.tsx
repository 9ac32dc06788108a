import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { OfferingRoster, OfferingSessions, type RosterRow } from "~/components/offering-roster";
import type { MessageKey } from "~/i18n";
import { requireActor } from "~/modules/auth/guards.server";
import { uuidParam } from "~/utils/uuid.server";
import { markAttendance, recordResult } from "~/modules/scheduling/attendance.server";
import { cancelOffering, setRegistrationOpen } from "~/modules/scheduling/offerings.server";
import { audienceLabel } from "~/modules/scheduling/rules";
import {
  cancelRegistration,
  decideRegistration,
  nominate,
  selfRegister,
} from "~/modules/scheduling/seats.server";
import { formatVnDateTime } from "~/domain/scheduling-time";
import { offeringDetail, searchNominees } from "~/modules/scheduling/views.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { formatDate } from "~/utils/format";
import { domainErrorData, parseSearchParams } from "~/utils/http.server";
import { serverT, getLocale } from "~/utils/i18n.server";
import { useT, pageTitle } from "~/utils/i18n";
import { DownloadLink } from "~/components/download-link";
import { readForm } from "~/utils/read-form.server";
import { decimalInt, text } from "~/utils/zod-text";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  {
    title:
      data && "offering" in data ? `${data.offering.title} — Học ATTT` : pageTitle(matches, "title.offering"),
  },
];

const query = z.object({ q: z.string().trim().max(100).default(""), all: z.enum(["", "1"]).default("") });

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const id = uuidParam(params.offeringId);
  const { q, all } = parseSearchParams(request, query);
  try {
    const d = await offeringDetail(actor, id);
    const o = d.offering;
    const roster: RosterRow[] = d.roster.map((r) => ({
      id: r.id,
      fullName: r.person.fullName,
      email: r.person.email,
      agencyName: r.person.agency.name,
      status: r.status,
      source: r.source,
      attendance: Object.fromEntries(r.attendance.map((a) => [a.sessionId, a.present])),
      score: r.score,
      result: r.result,
      postTestPassed: r.postTestPassed,
      completed: r.completionId !== null,
      canApprove: d.canApprove(r),
    }));
    return {
      q,
      organiser: d.organiser,
      coordinator: d.coordinator,
      eligible: d.eligible,
      teaches: d.teaches,
      counts: d.counts,
      me: d.me ? { id: d.me.id, status: d.me.status } : null,
      roster,
      all,
      nominees: d.coordinator && o.status === "OPEN" ? await searchNominees(actor, o, q, all === "1") : [],
      offering: {
        id: o.id,
        kind: o.kind,
        title: o.title,
        description: o.description,
        status: o.status,
        capacity: o.capacity,
        organiserName: o.organiserAgency.name,
        audience: audienceLabel(o, getLocale(request)),
        courseTitle: o.course?.currentVersion?.title ?? o.course?.title ?? null,
        attendanceThreshold: o.attendanceThreshold,
        requiresPostTest: o.requiresPostTest,
        opensAt: o.registrationOpensAt,
        closesAt: o.registrationClosesAt,
        instructors: o.instructors.map((i) => `${i.person.fullName} (${i.person.agency.name})`),
        quotas: o.quotas.map((q) => ({ name: q.agency.name, seats: q.seats })),
        sessions: o.sessions.map((s) => ({
          id: s.id,
          position: s.position,
          title: s.title,
          startsAt: s.startsAt,
          endsAt: s.endsAt,
          venue: s.venue,
          onlineUrl: s.onlineUrl,
          cancelled: s.cancelledAt !== null,
        })),
      },
    };
  } catch (error) {
    throw domainErrorData(error, request);
  }
}

const nullableInt = z
  .union([z.literal(""), decimalInt().pipe(z.number().min(0).max(1000))])
  .transform((v) => (v === "" ? null : v));
const resultSchema = z.object({
  score: nullableInt,
  result: text()
    .max(200)
    .transform((s) => s || null),
  postTestPassed: z.enum(["", "true", "false"]).transform((v) => (v === "" ? null : v === "true")),
});

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireActor(request);
  const id = uuidParam(params.offeringId);
  const form = await readForm(request);
  const t = serverT(request);
  const field = (k: string) => String(form.get(k) ?? "");
  const back = (message: string) => redirectWithFlash(`/offerings/${id}`, { kind: "success", message });
  try {
    switch (field("intent")) {
      case "register":
        await selfRegister(actor, id);
        return back(t("off.registered"));
      case "nominate": {
        const r = await nominate(actor, id, field("personId"));
        return back(
          t(`off.nominated.${r.status === "CONFIRMED" ? "CONFIRMED" : "WAITLISTED"}`, {
            name: field("personName"),
          }),
        );
      }
      case "approve":
      case "reject":
        await decideRegistration(actor, field("registrationId"), field("intent") === "approve");
        return back(t("off.saved"));
      case "cancel": {
        const r = await cancelRegistration(actor, field("registrationId"));
        return back(r.promoted.length ? t("off.promoted", { count: r.promoted.length }) : t("off.cancelled"));
      }
      case "attendance": {
        const present = new Set(form.getAll("present").map(String));
        const marks = form
          .getAll("registrationId")
          .map((rid) => ({ registrationId: String(rid), present: present.has(String(rid)) }));
        await markAttendance(actor, id, field("sessionId"), marks);
        return back(t("off.saved"));
      }
      case "result": {
        const parsed = resultSchema.safeParse(Object.fromEntries(form));
        if (!parsed.success)
          return { errors: { form: t("scheduling.scoreRange") } as Record<string, string> };
        await recordResult(actor, id, field("registrationId"), parsed.data);
        return back(t("off.saved"));
      }
      case "cancelOffering":
        await cancelOffering(actor, id);
        return back(t("off.saved"));
      case "open":
      case "close":
        await setRegistrationOpen(actor, id, field("intent") === "open");
        return back(t("off.saved"));
      default:
        return { errors: { form: t("http.badIntent") } as Record<string, string> };
    }
  } catch (error) {
    return domainErrorData(error, request);
  }
}

export default function OfferingPage() {
  const d = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const o = d.offering;
  const errors = (actionData && "errors" in actionData ? actionData.errors : {}) as Record<string, string>;
  const error = Object.values(errors)[0];
  const active = d.me && ["CONFIRMED", "WAITLISTED", "PENDING_APPROVAL"].includes(d.me.status);
  return (
    <div className="space-y-5">
      <Link to="/offerings" className="text-sm text-red-800 hover:underline">
        ← {t("off.title")}
      </Link>
      <div className="space-y-1">
        <p className="text-xs font-medium uppercase tracking-wide text-red-800">
          {t(`off.kind.${o.kind}` as MessageKey)} · {t(`off.status.${o.status}` as MessageKey)}
        </p>
        <h1 className="text-2xl font-semibold">{o.title}</h1>
        {o.description ? <p className="whitespace-pre-line text-slate-700">{o.description}</p> : null}
      </div>
      {error ? (
        <p role="alert" className="rounded-md border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-800">
          {error}
        </p>
      ) : null}
      <div className="grid gap-4 md:grid-cols-3">
        <dl className="card grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-sm md:col-span-2">
          <dt className="text-slate-500">{t("off.organiser")}</dt>
          <dd>{o.organiserName}</dd>
          <dt className="text-slate-500">{t("off.audience")}</dt>
          <dd>{o.audience}</dd>
          <dt className="text-slate-500">{t("off.seats")}</dt>
          <dd className="tabular-nums">
            {d.counts.confirmed}/{o.capacity}
            {d.counts.waitlisted ? ` · ${t("off.waiting")}: ${d.counts.waitlisted}` : ""}
            {d.counts.pending ? ` · ${t("off.pending")}: ${d.counts.pending}` : ""}
          </dd>
          {o.instructors.length ? (
            <>
              <dt className="text-slate-500">{t("off.instructors")}</dt>
              <dd>{o.instructors.join("; ")}</dd>
            </>
          ) : null}
          {o.courseTitle ? (
            <>
              <dt className="text-slate-500">{t("off.course")}</dt>
              <dd>{o.courseTitle}</dd>
            </>
          ) : null}
          {o.opensAt || o.closesAt ? (
            <>
              <dt className="text-slate-500">{t("off.window")}</dt>
              <dd>
                {o.opensAt ? formatVnDateTime(o.opensAt) : "…"} –{" "}
                {o.closesAt ? formatVnDateTime(o.closesAt) : "…"}
              </dd>
            </>
          ) : null}
          <dt className="text-slate-500">{t("off.threshold")}</dt>
          <dd>
            {o.attendanceThreshold}%{o.requiresPostTest ? ` · ${t("off.postTest")}` : ""}
          </dd>
          {o.quotas.length ? (
            <>
              <dt className="text-slate-500">{t("off.quota")}</dt>
              <dd>{o.quotas.map((q) => `${q.name}: ${q.seats}`).join("; ")}</dd>
            </>
          ) : null}
        </dl>
        <div className="card space-y-2 text-sm">
          <p className="font-semibold">{t("off.myStatus")}</p>
          {d.me ? <p>{t(`reg.status.${d.me.status}` as MessageKey)}</p> : null}
          {active ? (
            <Form method="post">
              <input type="hidden" name="registrationId" value={d.me!.id} />
              <button type="submit" name="intent" value="cancel" className="btn-secondary">
                {t("off.cancelMine")}
              </button>
            </Form>
          ) : o.status === "OPEN" && d.eligible && !d.teaches ? (
            <Form method="post">
              <button type="submit" name="intent" value="register" className="btn-primary">
                {t("off.register")}
              </button>
            </Form>
          ) : !d.me ? (
            <p className="text-slate-600">{t("off.notEligible", { audience: o.audience })}</p>
          ) : null}
          <DownloadLink
            href={`/offerings/${o.id}/ics`}
            kind="ics"
            className="block text-red-800 hover:underline"
          >
            {t("off.ics")}
          </DownloadLink>
        </div>
      </div>
      <OfferingSessions sessions={o.sessions} />
      {d.organiser ? (
        <div className="flex flex-wrap gap-2">
          <Link to={`/offerings/${o.id}/edit`} className="btn-secondary">
            {t("off.edit")}
          </Link>
          <DownloadLink href={`/offerings/${o.id}/roster.xlsx`} kind="xlsx" className="btn-secondary">
            {t("off.exportXlsx")}
          </DownloadLink>
          <DownloadLink href={`/offerings/${o.id}/roster.csv`} kind="csv" className="btn-secondary">
            {t("off.exportCsv")}
          </DownloadLink>
          <Link to={`/offerings/${o.id}/sign-in`} className="btn-secondary">
            {t("off.signIn")}
          </Link>
          {o.status === "OPEN" || o.status === "CLOSED" ? (
            <Form method="post" className="flex gap-2">
              <button
                type="submit"
                name="intent"
                value={o.status === "OPEN" ? "close" : "open"}
                className="btn-secondary"
              >
                {t(o.status === "OPEN" ? "off.close" : "off.open")}
              </button>
              <button
                type="submit"
                name="intent"
                value="cancelOffering"
                className="btn-danger"
                onClick={(e) => {
                  if (!confirm(t("off.confirmCancel"))) e.preventDefault();
                }}
              >
                {t("off.cancelOffering")}
              </button>
            </Form>
          ) : null}
        </div>
      ) : null}
      {d.coordinator && o.status === "OPEN" ? (
        <Nominate q={d.q} all={d.all === "1"} nominees={d.nominees} />
      ) : null}
      {d.coordinator || d.organiser ? (
        <OfferingRoster
          rows={d.roster}
          sessions={o.sessions}
          organiser={d.organiser}
          kind={o.kind}
          requiresPostTest={o.requiresPostTest}
        />
      ) : null}
    </div>
  );
}

function Nominate({
  q,
  all,
  nominees,
}: {
  q: string;
  all: boolean;
  nominees: Awaited<ReturnType<typeof loader>>["nominees"];
}) {
  const t = useT();
  return (
    <section className="card space-y-3">
      <h2 className="text-lg font-semibold">{t("off.nominate")}</h2>
      <Form method="get" className="flex flex-wrap gap-2" role="search">
        <label htmlFor="q" className="sr-only">
          {t("off.searchStaff")}
        </label>
        <input
          id="q"
          name="q"
          type="search"
          defaultValue={q}
          placeholder={t("off.searchStaff")}
          className="input w-80"
        />
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" name="all" value="1" defaultChecked={all} /> {t("off.everyone")}
        </label>
        <button type="submit" className="btn-secondary">
          {t("common.search")}
        </button>
      </Form>
      {nominees.length ? (
        <ul className="max-h-96 divide-y divide-slate-100 overflow-y-auto text-sm">
          {nominees.map((p) => (
            <li key={p.id} className="flex flex-wrap items-center gap-2 py-2">
              <span className="font-medium">{p.fullName}</span>
              <span className="text-slate-500">
                {p.position} · {p.agencyName}
              </span>
              {!p.inAudience ? (
                <span className="rounded bg-amber-50 px-2 text-xs text-amber-800">
                  {t("off.outsideAudience")}
                </span>
              ) : null}
              {p.trained ? (
                <span
                  className="rounded bg-green-50 px-2 text-xs text-green-800"
                  data-testid="already-trained"
                >
                  {p.trainedUntil
                    ? t("off.trainedUntil", { date: formatDate(p.trainedUntil) })
                    : t("off.trained")}
                </span>
              ) : null}
              {p.status ? (
                <span className="ml-auto rounded bg-slate-100 px-2 py-0.5 text-xs">
                  {t(`reg.status.${p.status}` as MessageKey)}
                </span>
              ) : null}
              {!p.status || p.status === "CANCELLED" || p.status === "REJECTED" ? (
                <Form method="post" className="ml-auto">
                  <input type="hidden" name="personId" value={p.id} />
                  <input type="hidden" name="personName" value={p.fullName} />
                  <button
                    type="submit"
                    name="intent"
                    value="nominate"
                    className="btn-primary"
                    aria-label={`${t("off.nominateBtn")} ${p.fullName}`}
                  >
                    {t("off.nominateBtn")}
                  </button>
                </Form>
              ) : null}
            </li>
          ))}
        </ul>
      ) : (
        <p className="text-sm text-slate-600">{t("off.noNominees")}</p>
      )}
    </section>
  );
}
