import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { PageHeader } from "~/components/page-header";
import type { MessageKey } from "~/i18n";
import { requireDrillManager, templatePreview } from "~/modules/phishing/template-pages.server";
import { TEMPLATE_CODE_PATTERN } from "~/modules/phishing/template-schema";
import { notFound } from "~/utils/http.server";
import { pageTitle, useT } from "~/utils/i18n";
import { serverT } from "~/utils/i18n.server";

export const meta: MetaFunction<typeof loader> = ({ matches, data }) => [
  { title: pageTitle(matches, "title.phishingTemplate", { title: data?.template.title ?? "" }) },
];

// The frames run nothing (sandbox=""); the outline shows where each red flag stands in the email.
const FLAG_STYLE = "<style>[data-flag]{outline:2px dashed #dc2626;outline-offset:2px}</style>";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireDrillManager(request);
  const code = params.code ?? "";
  if (!TEMPLATE_CODE_PATTERN.test(code)) notFound("ptpl.notFound");
  const t = serverT(request);
  const template = await templatePreview(code, {
    fullName: actor.fullName,
    email: actor.email,
    agency: t("ptpl.sampleAgency"),
  });
  if (!template) notFound("ptpl.notFound");
  return { template };
}

export default function PhishingTemplatePage() {
  const { template: tpl } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <div className="space-y-4">
      <PageHeader
        back={{ to: "/phishing/templates", label: t("ptpl.back") }}
        title={tpl.title}
        intro={t("ptpl.meta", {
          code: tpl.code,
          version: tpl.version,
          difficulty: t(`ptpl.difficulty.${tpl.difficulty}` as MessageKey),
        })}
      />
      {tpl.active ? null : <p className="card text-amber-800">{t("ptpl.inactive")}</p>}
      <dl className="card grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
        <dt className="text-slate-600">{t("ptpl.from")}</dt>
        <dd>
          {tpl.senderName} &lt;{tpl.senderAddress}&gt;
        </dd>
        <dt className="text-slate-600">{t("ptpl.subject")}</dt>
        <dd>{tpl.renderedSubject}</dd>
        <dt className="text-slate-600">{t("ptpl.followUp")}</dt>
        <dd>
          {tpl.followUpCourseCode ? (
            <Link to={`/courses/${tpl.followUpCourseCode}`} className="text-red-800 hover:underline">
              {tpl.followUpCourseCode}
            </Link>
          ) : (
            "—"
          )}
        </dd>
      </dl>
      <div className="grid gap-4 lg:grid-cols-[2fr_1fr]">
        <section className="space-y-2">
          <h2 className="text-lg font-semibold">{t("ptpl.emailPreview")}</h2>
          <iframe
            title={t("ptpl.emailFrame")}
            sandbox=""
            srcDoc={FLAG_STYLE + tpl.emailHtml}
            className="h-[36rem] w-full rounded border border-slate-300 bg-white"
          />
          <details className="text-sm">
            <summary className="cursor-pointer">{t("ptpl.textVersion")}</summary>
            <pre className="mt-2 whitespace-pre-wrap rounded bg-slate-50 p-3">{tpl.emailText}</pre>
          </details>
        </section>
        <section className="space-y-2" aria-labelledby="red-flags">
          <h2 id="red-flags" className="text-lg font-semibold">
            {t("ptpl.redFlags", { count: tpl.redFlags.length })}
          </h2>
          <p className="text-sm text-slate-600">{t("ptpl.redFlagsHint")}</p>
          <ol className="list-decimal space-y-2 pl-5">
            {tpl.redFlags.map((f) => (
              <li key={f.id}>
                <strong>{f.title}</strong>
                <p className="text-sm text-slate-700">{f.explanation}</p>
              </li>
            ))}
          </ol>
        </section>
      </div>
      <section className="space-y-2">
        <h2 className="text-lg font-semibold">{t("ptpl.landingPreview")}</h2>
        <iframe
          title={t("ptpl.landingFrame")}
          sandbox=""
          srcDoc={tpl.landingHtml}
          className="h-96 w-full rounded border border-slate-300 bg-white"
        />
      </section>
      <section className="card space-y-2">
        <h2 className="text-lg font-semibold">{t("ptpl.lesson")}</h2>
        {/* Sanitised by renderMarkdown on the server. */}
        <div className="lesson-content" dangerouslySetInnerHTML={{ __html: tpl.lessonHtml }} />
      </section>
    </div>
  );
}
