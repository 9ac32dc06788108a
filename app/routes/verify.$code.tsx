import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { verifyCertificate } from "~/modules/learning/certificates.server";
import { formatDate } from "~/utils/format";
import { useT, pageTitle } from "~/utils/i18n";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "title.verify") }];

/** Public: anyone holding the code (or scanning the QR) can confirm the certificate, without signing in. */
export async function loader({ params }: LoaderFunctionArgs) {
  const code = (params.code ?? "").slice(0, 40);
  const cert = await verifyCertificate(code);
  return data({ code, cert }, { status: cert ? 200 : 404 });
}

export default function VerifyPage() {
  const { code, cert } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <div className="mx-auto max-w-xl space-y-4">
      <h1 className="text-2xl font-semibold">{t("verify.title")}</h1>
      {cert ? (
        <div className={`card border-2 ${cert.valid ? "border-green-500" : "border-amber-500"}`}>
          <p className={`text-xl font-semibold ${cert.valid ? "text-green-700" : "text-amber-700"}`}>
            {cert.valid ? `✓ ${t("verify.valid")}` : t("verify.expired")}
          </p>
          <dl className="mt-3 grid grid-cols-3 gap-2 text-sm">
            <dt className="text-slate-500">{t("verify.holder")}</dt>
            <dd className="col-span-2 font-medium">{cert.fullName}</dd>
            <dt className="text-slate-500">{t("verify.agency")}</dt>
            <dd className="col-span-2">{cert.agencyName}</dd>
            <dt className="text-slate-500">{t("verify.course")}</dt>
            <dd className="col-span-2">{cert.courseTitle}</dd>
            <dt className="text-slate-500">{t("verify.date")}</dt>
            <dd className="col-span-2">{formatDate(cert.completedAt)}</dd>
            {cert.validUntil ? (
              <>
                <dt className="text-slate-500">{t("verify.validUntil")}</dt>
                <dd className="col-span-2">{formatDate(cert.validUntil)}</dd>
              </>
            ) : null}
            <dt className="text-slate-500">{t("verify.code")}</dt>
            <dd className="col-span-2 font-mono">{cert.code}</dd>
          </dl>
        </div>
      ) : (
        <p className="card border-amber-300 text-slate-800">
          {t("verify.notFound")} <span className="font-mono">{code}</span>
        </p>
      )}
    </div>
  );
}
