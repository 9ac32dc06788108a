// What the offering form needs: agencies the caller may organise for, agencies for quotas, courses, and the
// form's values for an existing offering.
import { db } from "~/db.server";
import { BLANK_SESSION, type OfferingFormValues } from "~/domain/scheduling";
import { listAgencyOptions } from "~/modules/agencies/agencies.server";
import { indentedAgencyOptions } from "~/modules/agencies/options";
import type { Scope } from "~/modules/auth/scope";
import type { LoadedOffering } from "./access.server";
import { toVnInputValue } from "~/domain/scheduling-time";

export async function offeringFormOptions(scope: Scope) {
  const [mine, all, courses] = await Promise.all([
    listAgencyOptions(scope),
    listAgencyOptions("ALL"),
    db.course.findMany({
      where: { active: true, currentVersionId: { not: null } },
      select: { id: true, currentVersion: { select: { title: true } } },
    }),
  ]);
  const collator = new Intl.Collator("vi");
  return {
    organiserAgencies: indentedAgencyOptions(mine),
    // Quotas go to departments and communes (depth ≤ 2), not to every unit of the tree.
    quotaAgencies: indentedAgencyOptions(all.filter((a) => a.depth <= 2)),
    courses: courses
      .map((c) => ({ id: c.id, label: c.currentVersion?.title ?? "" }))
      .sort((a, b) => collator.compare(a.label, b.label)),
  };
}

export function blankDefaults(organiserAgencyId: string): OfferingFormValues {
  return {
    kind: "DRILL",
    title: "",
    description: "",
    courseId: "",
    topics: "attt-chuyen-sau",
    audienceItRoles: ["FULL_TIME", "PART_TIME"],
    audienceTags: "",
    organiserAgencyId,
    capacity: "30",
    registrationOpensAt: "",
    registrationClosesAt: "",
    attendanceThreshold: "100",
    requiresPostTest: false,
    validityMonths: "",
    instructorEmails: "",
    quotas: [],
    sessions: [BLANK_SESSION],
  };
}

export function offeringDefaults(o: LoadedOffering): OfferingFormValues {
  return {
    kind: o.kind,
    title: o.title,
    description: o.description,
    courseId: o.courseId ?? "",
    topics: o.topics.join(", "),
    audienceItRoles: o.audienceItRoles,
    audienceTags: o.audienceTags.join(", "),
    organiserAgencyId: o.organiserAgencyId,
    capacity: String(o.capacity),
    registrationOpensAt: toVnInputValue(o.registrationOpensAt),
    registrationClosesAt: toVnInputValue(o.registrationClosesAt),
    attendanceThreshold: String(o.attendanceThreshold),
    requiresPostTest: o.requiresPostTest,
    validityMonths: o.validityMonths ? String(o.validityMonths) : "",
    instructorEmails: o.instructors.map((i) => i.person.email).join(", "),
    quotas: o.quotas.map((q) => ({ agencyId: q.agencyId, seats: String(q.seats) })),
    sessions: o.sessions
      .filter((s) => !s.cancelledAt)
      .map((s) => ({
        id: s.id,
        title: s.title,
        startsAt: toVnInputValue(s.startsAt),
        endsAt: toVnInputValue(s.endsAt),
        venue: s.venue,
        onlineUrl: s.onlineUrl ?? "",
      })),
  };
}
