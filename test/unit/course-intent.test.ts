// The course page's hand reader of its one-field form agrees with the schema it stands in for.
import { parseWithZod } from "@conform-to/zod/v4";
import { describe, expect, it } from "vitest";
import { courseIntent, readCourseIntent } from "~/modules/learning/page-intents.server";

const form = (...pairs: [string, string][]) => {
  const f = new FormData();
  for (const [k, v] of pairs) f.append(k, v);
  return f;
};

describe("readCourseIntent", () => {
  it("reads what the schema accepts, and refuses what it refuses", () => {
    const cases = [
      form(["intent", "start"]),
      form(["intent", "renew"]),
      form(["intent", "start"], ["other", "x"]),
      form(),
      form(["intent", ""]),
      form(["intent", "delete"]),
      form(["intent", "start"], ["intent", "start"]),
      form(["Intent", "start"]),
    ];
    for (const f of cases) {
      const parsed = parseWithZod(f, { schema: courseIntent });
      expect(readCourseIntent(f)).toEqual(parsed.status === "success" ? parsed.value : null);
    }
    expect(readCourseIntent(form(["intent", "start"]))).toEqual({ intent: "start" });
    expect(readCourseIntent(form(["intent", "x"]))).toBeNull();
  });
});
