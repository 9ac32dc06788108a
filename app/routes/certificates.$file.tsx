import type { LoaderFunctionArgs } from "@remix-run/node";
import { publicOrigin } from "~/env.server";
import { requireActor } from "~/modules/auth/guards.server";
import { certificateForPerson, certificatePdf } from "~/modules/learning/certificates.server";
import { notFound } from "~/utils/http.server";

/** /certificates/<code>.pdf — only the holder may download it; anyone may verify it at /verify/<code>. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const match = /^([0-9A-Z]{6,20})\.pdf$/i.exec(params.file ?? "");
  if (!match || !actor.personId) notFound("learning.certificateNotFound");
  const cert = await certificateForPerson(actor.personId, match[1]);
  if (!cert) notFound("learning.certificateNotFound");
  const origin = publicOrigin(request);
  const pdf = await certificatePdf(cert.code, `${origin}/verify/${cert.code}`);
  return new Response(pdf as unknown as BodyInit, {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": `attachment; filename="chung-nhan-${cert.code}.pdf"`,
      "Cache-Control": "private, no-store",
    },
  });
}
