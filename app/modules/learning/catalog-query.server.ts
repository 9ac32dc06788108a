// The catalogue page's search params (/courses?all=1), read on the server: the page's JavaScript needs no zod.
import { z } from "zod";
import { parseSearchParams } from "~/utils/http.server";

const catalogQuery = z.object({ all: z.enum(["0", "1"]).default("0") });

/** Whether the reader asked for every course, not only the ones that fit them. */
export function wantsWholeCatalog(request: Request): boolean {
  return parseSearchParams(request, catalogQuery).all === "1";
}
