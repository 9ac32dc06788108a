// The quiz form's pure helpers: field filtering before conform, sheet conversion, unanswered positions.
import { describe, expect, it } from "vitest";
import { quizFields, sheetFromForm, sheetToFields, unansweredPositions } from "~/domain/quiz";

const A = "0b7f3c1e-1111-4222-8333-444455556666";
const B = "0b7f3c1e-1111-4222-8333-444455557777";

describe("quiz form", () => {
  it("keeps only the intent and q.<uuid> fields, so odd names never reach conform's path parser", () => {
    const form = new FormData();
    form.append("intent", "review");
    form.append(`q.${A}`, "1");
    form.append("q..x[", "2");
    form.append("__proto__", "3");
    form.append(`q.${B}.extra`, "0");
    expect([...quizFields(form).entries()]).toEqual([
      ["intent", "review"],
      [`q.${A}`, "1"],
    ]);
  });

  it("turns choices into numbers, and anything else into NaN for the module to refuse", () => {
    expect(sheetFromForm({ [A]: "2", [B]: ["0", "3"] })).toEqual({ [A]: [2], [B]: [0, 3] });
    expect(sheetFromForm({ [A]: "x" })[A][0]).toBeNaN();
    expect(sheetFromForm(undefined)).toEqual({});
  });

  it("writes a sheet back as the page's fields", () => {
    expect(sheetToFields("save", { [A]: [0, 2], [B]: [] }).toString()).toBe(
      new URLSearchParams([
        ["intent", "save"],
        [`q.${A}`, "0"],
        [`q.${A}`, "2"],
      ]).toString(),
    );
  });

  it("lists the positions of questions with no choice", () => {
    expect(unansweredPositions([A, B, "c"], { [A]: [1], [B]: [] })).toEqual([2, 3]);
  });
});
