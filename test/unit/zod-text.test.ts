// The shared text and number building blocks (issue 10, defect 12).
import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { decimalInt, multilineText, tagList, text, textProblem } from "~/utils/zod-text";

const first = (r: { success: boolean; error?: z.ZodError }) => r.error?.issues[0]?.message;

describe("text()", () => {
  const title = text().min(1, "Vui lòng nhập tên.").max(10, "Quá dài.");

  it("stores NFC, without zero-width characters, with single spaces", () => {
    expect(title.parse("  Lớp\u200b   học\ufeff ".normalize("NFD"))).toBe("Lớp học");
  });

  it("a title of only zero-width spaces is empty", () => {
    expect(first(title.safeParse("\u200b\u200b\u2060"))).toBe("Vui lòng nhập tên.");
  });

  it.each([
    ["NUL", "a\u0000b"],
    ["C0", "a\u0001b"],
    ["ESC", "\u001b[31m"],
    ["tab inside one line", "a\tb"],
    ["line break inside one line", "a\nb"],
    ["DEL", "a\u007f"],
    ["C1", "a\u0085b"],
    ["C1 CSI", "a\u009bb"],
  ])("refuses %s", (_label, value) => {
    expect(first(title.safeParse(value))).toBe("text.control");
  });

  it("refuses U+FFFD (bytes that were not UTF-8) and lone surrogates", () => {
    expect(first(title.safeParse("a\ufffdb"))).toBe("text.encoding");
    expect(first(title.safeParse("a\ud800b"))).toBe("text.encoding");
    expect(title.parse("😀")).toBe("😀");
  });

  it("refuses what is not a string", () => {
    expect(title.safeParse(["a", "b"]).success).toBe(false);
    expect(title.safeParse(5).success).toBe(false);
  });
});

describe("multilineText()", () => {
  const body = multilineText().max(100, "Quá dài.");
  it("keeps line breaks and tabs, as LF", () => {
    expect(body.parse("Dòng 1\r\n\tDòng 2\rDòng 3")).toBe("Dòng 1\n\tDòng 2\nDòng 3");
  });
  it("refuses other controls", () => {
    expect(first(body.safeParse("a\u0000b"))).toBe("text.control");
    expect(first(body.safeParse("a\u0085b"))).toBe("text.control");
  });
});

describe("tagList()", () => {
  it("cleans each tag, drops empties and repeats, refuses a bad one", () => {
    const tags = tagList(20, "people.tagTooLong");
    expect(tags.parse(["an toàn", " an toàn ", "\u200b", "so"])).toEqual(["an toàn", "so"]);
    expect(tags.safeParse(["a\u0000"]).success).toBe(false);
  });
});

describe("decimalInt()", () => {
  const capacity = decimalInt("scheduling.capacityInteger", {
    min: [1, "scheduling.capacityMin"],
    max: [100, "scheduling.capacityMax"],
  });
  it("reads plain decimal digits", () => {
    expect(capacity.parse("25")).toBe(25);
    expect(capacity.parse(" 7 ")).toBe(7);
    expect(capacity.parse(25)).toBe(25);
  });
  it.each(["0x10", "1e3", "1.5", "", " ", "abc", "١٢", "0b11", "Infinity"])("refuses %j", (value) => {
    expect(first(capacity.safeParse(value))).toBe("scheduling.capacityInteger");
  });
  it("keeps the range messages", () => {
    expect(first(capacity.safeParse("0"))).toBe("scheduling.capacityMin");
    expect(first(capacity.safeParse("-1"))).toBe("scheduling.capacityMin");
    expect(first(capacity.safeParse("101"))).toBe("scheduling.capacityMax");
  });
});

describe("textProblem()", () => {
  it("says what is wrong, or null", () => {
    expect(textProblem("Nguyễn Văn An")).toBeNull();
    expect(textProblem("a\nb", true)).toBeNull();
    expect(textProblem("a\nb")).toBe("text.control");
  });
});
