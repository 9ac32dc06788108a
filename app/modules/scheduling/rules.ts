// Pure rules of classes and drills: who the audience is, which registrations hold a seat, when attendance
// completes. Shared by the services, the pages and the unit tests.
import type { ItRole, RegistrationStatus } from "~/generated/prisma/enums";
import { type Locale, type MessageKey, type MessageRef, translate } from "~/i18n";

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

/** "cán bộ chuyên trách / kiêm nhiệm CNTT, nhóm doi-ung-cuu-su-co" as a message, for refusals in any locale. */
export function audienceRef(rule: AudienceRule): MessageRef {
  const roles = rule.audienceItRoles.map((r): MessageRef => ({ key: `scheduling.role.${r}` as MessageKey }));
  const [a, b, c] = roles;
  const it: MessageRef | null = !a
    ? null
    : {
        key: "scheduling.audienceIt",
        params: {
          roles: c
            ? { key: "scheduling.rolesTriple", params: { a, b: b!, c } }
            : b
              ? { key: "scheduling.rolesPair", params: { a, b } }
              : a,
        },
      };
  const tags: MessageRef | null = rule.audienceTags.length
    ? { key: "scheduling.audienceTags", params: { tags: rule.audienceTags.join(", ") } }
    : null;
  if (it && tags) return { key: "scheduling.audienceBoth", params: { it, tags } };
  return it ?? tags ?? { key: "scheduling.audienceEveryone" };
}

/** The audience as text, for the offering page. */
export function audienceLabel(rule: AudienceRule, locale: Locale = "vi"): string {
  const ref = audienceRef(rule);
  return translate(locale, ref.key, ref.params);
}

/** Attendance meets the threshold: present sessions / held (non-cancelled) sessions ≥ threshold %. */
export function attendanceMet(present: number, held: number, thresholdPercent: number): boolean {
  if (held <= 0) return false;
  return present * 100 >= thresholdPercent * held;
}
