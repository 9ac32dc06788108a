// Defect 14 of issue 10: README called the reviewer read-only. The role descriptions live once in
// app/domain/auth.ts; README must say the same, and the descriptions must agree with the guards.
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { translate } from "~/i18n";
import { ROLE_DESCRIPTIONS } from "~/domain/auth";
import { type Actor, manageScope, phishingScope, viewScope } from "~/modules/auth/scope";
import { canManagePlan } from "~/modules/targets/manage";

const readme = readFileSync(path.resolve(import.meta.dirname, "../../README.md"), "utf8");

function actor(role: Actor["grants"][number]["role"]): Actor {
  return {
    userId: "u",
    email: "x@test.vn",
    personId: null,
    fullName: "X",
    locale: "vi",
    mustChangePassword: false,
    grants: [{ role, agencyId: "a", agencyPath: "/p/" }],
  };
}

describe("role descriptions", () => {
  it("cover every role, in both locales", () => {
    expect(ROLE_DESCRIPTIONS.map((d) => d.role).sort()).toEqual([
      "ADMIN",
      "COORDINATOR",
      "LEARNER",
      "PHISHING_MANAGER",
      "REVIEWER",
    ]);
    for (const d of ROLE_DESCRIPTIONS)
      for (const key of [d.scope, ...d.may, ...d.mayNot])
        for (const locale of ["vi", "en"] as const) expect(translate(locale, key)).not.toBe(key);
  });

  it("README's table says what the accounts page says", () => {
    expect(readme).not.toMatch(/read-only/i);
    for (const d of ROLE_DESCRIPTIONS) {
      const row = readme.split("\n").find((l) => l.includes(`(\`${d.role}\`)`));
      expect(row, d.role).toBeDefined();
      for (const key of [d.scope, ...d.may, ...d.mayNot]) expect(row).toContain(translate("vi", key));
    }
  });

  it("agree with the guards: reviewers manage plans, coordinators manage people, neither both", () => {
    expect(canManagePlan(actor("REVIEWER"), "/p/q/")).toBe(true);
    expect(canManagePlan(actor("COORDINATOR"), "/p/q/")).toBe(false);
    expect(manageScope(actor("REVIEWER"))).toEqual([]);
    expect(manageScope(actor("COORDINATOR"))).toEqual(["/p/"]);
    expect(viewScope(actor("REVIEWER"))).toEqual(["/p/"]);
    expect(manageScope(actor("ADMIN"))).toBe("ALL");
  });

  it("a drill manager runs drills in their subtree only, and manages no people", () => {
    expect(phishingScope(actor("PHISHING_MANAGER"))).toEqual(["/p/"]);
    expect(manageScope(actor("PHISHING_MANAGER"))).toEqual([]);
    expect(phishingScope(actor("COORDINATOR"))).toEqual([]);
    expect(phishingScope(actor("ADMIN"))).toBe("ALL");
  });
});
