// The quiz form's pure helpers: field filtering before conform, the answers route's reader, sheet
// conversion, unanswered positions.
import { describe, expect, it } from "vitest";
import {
  MAX_CHOICES,
  MAX_QUESTIONS,
  quizFields,
  readQuizPost,
  sheetFromForm,
  sheetToFields,
  unansweredPositions,
} from "~/domain/quiz";

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

  const form = (entries: [string, string][]) => {
    const f = new FormData();
    for (const [k, v] of entries) f.append(k, v);
    return f;
  };

  it("reads the answers route's post: the intent and each question's choices as numbers", () => {
    const sent = { [A]: [0, 2], [B]: [1] };
    expect(readQuizPost(form([...sheetToFields("save", sent).entries()]))).toEqual({
      intent: "save",
      sheet: sent,
    });
    const post = readQuizPost(
      form([
        ["intent", "submit"],
        [`q.${A}`, "0"],
        [`q.${A}`, "2"],
        [`q.${B}`, "1"],
        ["q..x[", "2"],
        ["other", "x"],
      ]),
    );
    expect(post).toEqual({ intent: "submit", sheet: { [A]: [0, 2], [B]: [1] } });
    expect(readQuizPost(form([["intent", "save"]]))).toEqual({ intent: "save", sheet: {} });
  });

  it("refuses a post that is not the quiz form: intent missing, unknown or twice, a choice not a small number", () => {
    expect(readQuizPost(form([[`q.${A}`, "1"]]))).toBeNull();
    expect(readQuizPost(form([["intent", "grade"]]))).toBeNull();
    expect(
      readQuizPost(
        form([
          ["intent", "save"],
          ["intent", "submit"],
        ]),
      ),
    ).toBeNull();
    for (const bad of ["x", "", "-1", "1.5", "100", " 1"])
      expect(
        readQuizPost(
          form([
            ["intent", "save"],
            [`q.${A}`, bad],
          ]),
        ),
      ).toBeNull();
  });

  it("refuses more choices per question or more questions than a paper can have", () => {
    const choices = Array.from({ length: MAX_CHOICES + 1 }, (): [string, string] => [`q.${A}`, "1"]);
    expect(readQuizPost(form([["intent", "save"], ...choices]))).toBeNull();
    expect(readQuizPost(form([["intent", "save"], ...choices.slice(1)]))?.sheet[A]).toHaveLength(MAX_CHOICES);
    const questions = Array.from({ length: MAX_QUESTIONS + 1 }, (_, i): [string, string] => [
      `q.${A.slice(0, -4)}${String(i).padStart(4, "0")}`,
      "0",
    ]);
    expect(readQuizPost(form([["intent", "save"], ...questions]))).toBeNull();
    expect(Object.keys(readQuizPost(form([["intent", "save"], ...questions.slice(1)]))!.sheet)).toHaveLength(
      MAX_QUESTIONS,
    );
  });
});
