// /offerings/<id>/ics — the offering's sessions as an iCalendar file, for anyone who may see the offering.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireActor } from "~/modules/auth/guards.server";
import { uuidParam } from "~/utils/uuid.server";
import { visibleOffering } from "~/modules/scheduling/access.server";
import { icsResponse, offeringIcs } from "~/modules/scheduling/calendar.server";
import { domainErrorData } from "~/utils/http.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const id = uuidParam(params.offeringId);
  try {
    const { offering } = await visibleOffering(actor, id);
    return icsResponse(offeringIcs(offering), `lop-${id.slice(0, 8)}.ics`);
  } catch (error) {
    throw domainErrorData(error, request);
  }
}
