// /offerings/<id>/sign-in — a printable sign-in sheet of the confirmed participants (organiser only).
import { type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireActor } from "~/modules/auth/guards.server";
import { uuidParam } from "~/utils/uuid.server";
import { formatVnDateTime, formatVnTime } from "~/domain/scheduling-time";
import { rosterFor } from "~/modules/scheduling/views.server";
import { domainErrorData } from "~/utils/http.server";
import { useT, pageTitle } from "~/utils/i18n";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "title.signInSheet") }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const id = uuidParam(params.offeringId);
  try {
    const { offering, rows } = await rosterFor(actor, id, { confirmedOnly: true });
    return {
      id,
      title: offering.title,
      organiser: offering.organiserAgency.name,
      sessions: offering.sessions
        .filter((s) => !s.cancelledAt)
        .map((s) => ({ startsAt: s.startsAt, endsAt: s.endsAt, venue: s.venue })),
      people: rows.map((r) => ({
        id: r.id,
        fullName: r.person.fullName,
        agency: r.person.agency.name,
        position: r.person.position,
      })),
    };
  } catch (error) {
    throw domainErrorData(error, request);
  }
}

// The app header and flash banner are hidden on paper; the sheet fills an A4 page.
const PRINT_CSS = `@media print { body > header, [role="status"], .no-print { display: none !important; } main { padding: 0 !important; max-width: none !important; } @page { size: A4; margin: 15mm; } }`;

export default function SignInSheet() {
  const d = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <div className="space-y-4 bg-white p-4 print:p-0">
      {/* As HTML, not a text child: React escapes the ">" of a text child, so the server's CSS differed from
          the browser's and hydration failed (React errors 418/425). PRINT_CSS is a constant. */}
      <style dangerouslySetInnerHTML={{ __html: PRINT_CSS }} />
      <div className="no-print flex gap-2">
        <Link to={`/offerings/${d.id}`} className="btn-secondary">
          ← {t("common.back")}
        </Link>
        <button type="button" className="btn-primary" onClick={() => window.print()}>
          {t("off.print")}
        </button>
      </div>
      <header className="space-y-1 text-center">
        <p className="text-sm uppercase">{d.organiser}</p>
        <h1 className="text-xl font-bold uppercase">Danh sách ký tên</h1>
        <p className="font-semibold">{d.title}</p>
        <p className="text-sm">
          {d.sessions
            .map(
              (s) =>
                `${formatVnDateTime(s.startsAt)}–${formatVnTime(s.endsAt)}${s.venue ? `, ${s.venue}` : ""}`,
            )
            .join("; ")}
        </p>
      </header>
      <table className="w-full border-collapse text-sm">
        <thead>
          <tr>
            <th className="w-12 border border-slate-800 px-2 py-1">STT</th>
            <th className="border border-slate-800 px-2 py-1 text-left">Họ và tên</th>
            <th className="border border-slate-800 px-2 py-1 text-left">Đơn vị</th>
            <th className="border border-slate-800 px-2 py-1 text-left">Chức vụ</th>
            <th className="w-40 border border-slate-800 px-2 py-1">Chữ ký</th>
          </tr>
        </thead>
        <tbody>
          {d.people.map((p, i) => (
            <tr key={p.id} className="h-12 break-inside-avoid">
              <td className="border border-slate-800 px-2 text-center tabular-nums">{i + 1}</td>
              <td className="border border-slate-800 px-2 font-medium">{p.fullName}</td>
              <td className="border border-slate-800 px-2">{p.agency}</td>
              <td className="border border-slate-800 px-2">{p.position}</td>
              <td className="border border-slate-800 px-2" />
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
