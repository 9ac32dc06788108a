// The exclusion picker's search (JSON): active people of the audience's agency, inside the caller's scope.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { requireDrillManager } from "~/modules/auth/guards.server";
import { searchAudiencePeople } from "~/modules/phishing/campaigns.server";
import { domainErrorData, parseSearchParams } from "~/utils/http.server";
import { isUuid } from "~/utils/uuid";

const query = z.object({
  agencyId: z.string().default(""),
  sub: z.enum(["0", "1"]).default("1"),
  q: z.string().max(200).default(""),
});

export async function loader({ request }: LoaderFunctionArgs) {
  const { scope } = await requireDrillManager(request);
  const q = parseSearchParams(request, query);
  if (!isUuid(q.agencyId)) return { people: [] };
  try {
    const people = await searchAudiencePeople(scope, {
      agencyId: q.agencyId,
      includeSubagencies: q.sub === "1",
      q: q.q,
    });
    return { people };
  } catch (error) {
    throw domainErrorData(error, request);
  }
}
