// The forms of "Báo cáo thư đáng ngờ" (shared by the page and its action): the paste form and the queue's
// intents. Messages are keys of app/i18n/phishing-reports.ts.
import { z } from "zod";

/** The largest paste accepted (headers or the whole source of one email), in UTF-8 bytes. */
export const PASTE_MAX_BYTES = 64 * 1024;

const byteLength = (s: string) => new TextEncoder().encode(s).length;

export const pasteReportSchema = z.object({
  source: z
    .string({ error: "phishReport.sourceRequired" })
    .trim()
    .min(1, "phishReport.sourceRequired")
    .refine((s) => byteLength(s) <= PASTE_MAX_BYTES, "phishReport.sourceTooLarge"),
});

export const reportQueueIntent = z.discriminatedUnion("intent", [
  // Needs the report in the caller's phishingReportScope (checked by markReportReviewed).
  z.object({ intent: z.literal("review") }),
]);
