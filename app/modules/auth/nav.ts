// The main menu for a signed-in person, from their roles: one entry per page they may open.
import type { MessageKey } from "~/i18n";
import { type Actor, hasRole, isAdmin, phishingReportScope } from "./scope";

export type NavItem = { to: string; label: MessageKey };

export function navFor(actor: Actor): NavItem[] {
  const nav: NavItem[] = [];
  const manages = hasRole(actor, "COORDINATOR") || isAdmin(actor);
  if (hasRole(actor, "LEARNER")) {
    nav.push(
      { to: "/learn", label: "nav.learn" },
      { to: "/courses", label: "nav.catalog" },
      { to: "/offerings", label: "nav.offerings" },
    );
    // Staff reach it from their learner home (/learn): their menu is full at 1280 px.
    if (!staffRole(actor)) nav.push({ to: "/report-phish", label: "nav.reportPhish" });
  }
  if (manages) {
    nav.push(
      { to: "/people", label: "nav.people" },
      { to: "/people/import", label: "nav.import" },
      { to: "/assignments", label: "nav.assignments" },
    );
    // Organisers and nominating coordinators need the classes even without a learner record.
    if (!nav.some((i) => i.to === "/offerings")) nav.push({ to: "/offerings", label: "nav.offerings" });
  }
  if (hasRole(actor, "REVIEWER") && !manages) nav.push({ to: "/people", label: "nav.people" });
  if (hasRole(actor, "REVIEWER") || manages) {
    nav.push({ to: "/targets", label: "nav.targets" }, { to: "/reports", label: "nav.reports" });
  }
  // Drill managers run the phishing drills of their subtree. Admins reach the drills, the queue and the kill
  // switch from /admin (their menu is full at 1280 px).
  if (hasRole(actor, "PHISHING_MANAGER")) nav.push({ to: "/phishing", label: "nav.phishing" });
  // The IT queue of reported suspicious mail: drill managers and coordinators.
  const reportScope = phishingReportScope(actor);
  if (!isAdmin(actor) && (reportScope === "ALL" || reportScope.length > 0))
    nav.push({ to: "/phishing/reports", label: "nav.phishReports" });
  // One entry: the administration page links agencies, accounts and the audit log.
  if (isAdmin(actor)) nav.push({ to: "/admin", label: "nav.admin" });
  return nav;
}

/** Whether the actor holds any role beyond learning. */
function staffRole(actor: Actor): boolean {
  return actor.grants.some((g) => g.role !== "LEARNER");
}

/** The person's roles, most powerful first, as the account menu lists them. */
export function rolesOf(actor: Actor) {
  return (["ADMIN", "COORDINATOR", "PHISHING_MANAGER", "REVIEWER", "LEARNER"] as const).filter((r) =>
    hasRole(actor, r),
  );
}
