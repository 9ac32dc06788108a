import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { Nominate } from "~/components/offerings/nominate";
import { OfferingRoster, OfferingSessions } from "~/components/offerings/offering-roster";
import {
  MySeat,
  OfferingDetails,
  OfferingHeading,
  OrganiserTools,
} from "~/components/offerings/offering-summary";
import { requireActor } from "~/modules/auth/guards.server";
import { offeringIntent } from "~/modules/scheduling/intents";
import { offeringPage, runOfferingIntent } from "~/modules/scheduling/offering-page.server";
import { domainErrorReply, invalidReply, parseSubmission } from "~/utils/conform.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { domainErrorData, parseSearchParams } from "~/utils/http.server";
import { getLocale, serverT } from "~/utils/i18n.server";
import { pageTitle, useT } from "~/utils/i18n";
import { uuidParam } from "~/utils/uuid.server";

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
    return await offeringPage(actor, id, { q, all: all === "1" }, getLocale(request));
  } catch (error) {
    throw domainErrorData(error, request);
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireActor(request);
  const id = uuidParam(params.offeringId);
  const submission = await parseSubmission(request, offeringIntent, { disableAutoCoercion: true });
  if (submission.status !== "success") return invalidReply(submission);
  try {
    const done = await runOfferingIntent(actor, id, submission.value);
    return redirectWithFlash(`/offerings/${id}`, {
      kind: "success",
      message: serverT(request)(done.key, done.params),
    });
  } catch (error) {
    return domainErrorReply(submission, error, request);
  }
}

export default function OfferingPage() {
  const d = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const t = useT();
  const o = d.offering;
  return (
    <div className="space-y-5">
      <Link to="/offerings" className="text-sm text-red-800 hover:underline">
        ← {t("off.title")}
      </Link>
      <OfferingHeading offering={o} />
      {/* Each form shows its own refusal (its intent and row): the reply is matched to it. */}
      <div className="grid gap-4 md:grid-cols-3">
        <OfferingDetails offering={o} counts={d.counts} />
        <MySeat page={d} />
      </div>
      <OfferingSessions sessions={o.sessions} />
      {d.organiser ? <OrganiserTools offering={o} /> : null}
      {d.coordinator && o.status === "OPEN" ? (
        <Nominate q={d.q} all={d.all} nominees={d.nominees} searchSchema={query} />
      ) : null}
      {d.coordinator || d.organiser ? (
        <OfferingRoster page={d} reply={reply} schema={offeringIntent} />
      ) : null}
    </div>
  );
}
