// The offering form (new and edit) → the service's input. Instructors come as emails and are resolved here;
// zod in schema.ts checks everything else.
import { db } from "~/db.server";
import { DomainError } from "~/utils/errors";
import { textProblem } from "~/utils/zod-text";
import type { OfferingInput } from "./schema";

const list = (form: FormData, key: string) => form.getAll(key).map(String);
const words = (v: FormDataEntryValue | null) =>
  String(v ?? "")
    .split(/[\s,;]+/)
    .map((s) => s.trim())
    .filter(Boolean);

export async function offeringFormInput(form: FormData): Promise<OfferingInput> {
  const starts = list(form, "sessionStartsAt");
  const sessions = starts.map((startsAt, i) => ({
    id: list(form, "sessionId")[i] ?? "",
    title: list(form, "sessionTitle")[i] ?? "",
    startsAt,
    endsAt: list(form, "sessionEndsAt")[i] ?? "",
    venue: list(form, "sessionVenue")[i] ?? "",
    onlineUrl: list(form, "sessionOnlineUrl")[i] ?? "",
  }));
  const quotaSeats = list(form, "quotaSeats");
  const quotas = list(form, "quotaAgencyId")
    .map((agencyId, i) => ({ agencyId, seats: quotaSeats[i] ?? "" }))
    .filter((q) => q.agencyId && q.seats !== "");
  const emails = words(form.get("instructorEmails")).map((e) => e.toLowerCase());
  const instructors = emails.length
    ? await db.person.findMany({
        // An email with a NUL or control character cannot be anyone's; it is reported as not found.
        where: { email: { in: emails.filter((e) => textProblem(e) === null) } },
        select: { id: true, email: true },
      })
    : [];
  const missing = emails.filter((e) => !instructors.some((p) => p.email === e));
  if (missing.length)
    throw new DomainError("scheduling.instructorEmailsUnknown", {
      params: { emails: missing.join(", ") },
      field: "instructorEmails",
    });
  return {
    kind: String(form.get("kind") ?? "") as "CLASS",
    title: String(form.get("title") ?? ""),
    description: String(form.get("description") ?? ""),
    courseId: String(form.get("courseId") ?? ""),
    topics: words(form.get("topics")),
    audienceItRoles: list(form, "audienceItRoles") as ("FULL_TIME" | "PART_TIME")[],
    audienceTags: words(form.get("audienceTags")),
    organiserAgencyId: String(form.get("organiserAgencyId") ?? ""),
    capacity: String(form.get("capacity") ?? "") as unknown as number,
    registrationOpensAt: String(form.get("registrationOpensAt") ?? ""),
    registrationClosesAt: String(form.get("registrationClosesAt") ?? ""),
    attendanceThreshold: String(form.get("attendanceThreshold") ?? "100") as unknown as number,
    requiresPostTest: form.get("requiresPostTest") === "true",
    validityMonths: String(form.get("validityMonths") ?? "") as unknown as number,
    instructorIds: instructors.map((p) => p.id),
    quotas: quotas as unknown as { agencyId: string; seats: number }[],
    sessions,
  };
}
