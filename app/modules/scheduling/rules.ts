// Pure rules of classes and drills: who the audience is, which registrations hold a seat, when attendance
// completes. Shared by the services, the pages and the unit tests.
import type { ItRole, RegistrationStatus } from "~/generated/prisma/enums";
import { IT_ROLE_LABELS } from "~/modules/people/schema";

/**
 * Registrations that block the person's time: a pending or waitlisted request may become a seat at any
 * moment (approval, promotion), so it must not collide with another booking either.
 */
export const ACTIVE_STATUSES = [
  "PENDING_APPROVAL",
  "CONFIRMED",
  "WAITLISTED",
] as const satisfies readonly RegistrationStatus[];

/** Registrations that use an agency's quota (decided in the brief: confirmed and pending ones). */
export const QUOTA_STATUSES = [
  "PENDING_APPROVAL",
  "CONFIRMED",
] as const satisfies readonly RegistrationStatus[];

export type AudienceRule = { audienceItRoles: readonly ItRole[]; audienceTags: readonly string[] };

/** Empty lists mean "anyone"; both filters must hold (IT role in the list, and at least one shared tag). */
export function matchesAudience(
  person: { itRole: ItRole; tags: readonly string[] },
  rule: AudienceRule,
): boolean {
  if (rule.audienceItRoles.length > 0 && !rule.audienceItRoles.includes(person.itRole)) return false;
  if (rule.audienceTags.length > 0 && !rule.audienceTags.some((t) => person.tags.includes(t))) return false;
  return true;
}

/** "cán bộ Chuyên trách / Kiêm nhiệm CNTT, nhóm doi-ung-cuu-su-co" — for refusal messages and the page. */
export function audienceLabel(rule: AudienceRule): string {
  const parts: string[] = [];
  if (rule.audienceItRoles.length)
    parts.push(`cán bộ ${rule.audienceItRoles.map((r) => IT_ROLE_LABELS[r].toLowerCase()).join(" / ")} CNTT`);
  if (rule.audienceTags.length) parts.push(`nhóm ${rule.audienceTags.join(", ")}`);
  return parts.length ? parts.join(", ") : "mọi cán bộ";
}

/** Attendance meets the threshold: present sessions / held (non-cancelled) sessions ≥ threshold %. */
export function attendanceMet(present: number, held: number, thresholdPercent: number): boolean {
  if (held <= 0) return false;
  return present * 100 >= thresholdPercent * held;
}
