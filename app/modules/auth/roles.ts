// What each role may do, said once: the accounts page (admin.users) renders it through i18n keys, and a unit
// test keeps README's table in step. The guards are the truth; each line names the guard that makes it so.
import type { MessageKey } from "~/i18n";
import type { Role } from "~/generated/prisma/enums";

export type RoleDescription = {
  role: Role;
  /** Where the role applies: the granted agency's subtree, the whole system, or the person's own records. */
  scope: MessageKey;
  may: readonly MessageKey[];
  mayNot: readonly MessageKey[];
};

export const ROLE_DESCRIPTIONS: readonly RoleDescription[] = [
  {
    // requireLearner / requireActor: own person id only.
    role: "LEARNER",
    scope: "roles.LEARNER.scope",
    may: ["roles.LEARNER.learn", "roles.LEARNER.offerings"],
    mayNot: ["roles.LEARNER.not"],
  },
  {
    // requireManager (manageScope = COORDINATOR subtrees) and requireViewer for reading targets.
    role: "COORDINATOR",
    scope: "roles.COORDINATOR.scope",
    may: [
      "roles.COORDINATOR.people",
      "roles.COORDINATOR.assign",
      "roles.COORDINATOR.offerings",
      "roles.COORDINATOR.targets",
    ],
    mayNot: ["roles.COORDINATOR.not"],
  },
  {
    // requireViewer (viewScope) to read; canManagePlan (modules/targets/manage.ts) for plans, targets, snapshots.
    role: "REVIEWER",
    scope: "roles.REVIEWER.scope",
    may: ["roles.REVIEWER.read", "roles.REVIEWER.plans"],
    mayNot: ["roles.REVIEWER.not"],
  },
  {
    // isAdmin: scope "ALL" in every guard, plus requireAdmin pages.
    role: "ADMIN",
    scope: "roles.ADMIN.scope",
    may: ["roles.ADMIN.all", "roles.ADMIN.agencies", "roles.ADMIN.accounts"],
    mayNot: [],
  },
];
