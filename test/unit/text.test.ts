import { describe, expect, it } from "vitest";
import { compareVietnameseNames, foldVietnamese, personSortKey, vietnameseSortKey } from "~/utils/text";
import { demoPerson, rng } from "../../prisma/demo-names";

describe("foldVietnamese", () => {
  it.each([
    ["Nguyễn Văn An", "nguyen van an"],
    ["ĐẶNG THỊ ĐÀO", "dang thi dao"],
    ["  Lê   Thị  Ánh ", "le thi anh"],
    ["Hoàng Ưng Ơn", "hoang ung on"],
  ])("%s → %s", (input, expected) => expect(foldVietnamese(input)).toBe(expected));

  it("treats composed and decomposed input alike", () => {
    expect(foldVietnamese("Nguye\u0302\u0303n")).toBe(foldVietnamese("Nguyễn"));
  });
});

describe("Vietnamese sort keys agree with Intl.Collator('vi')", () => {
  const byKey = (key: (s: string) => string) => (a: string, b: string) =>
    key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0;

  it("orders single words like the collator (letters ă â đ ê ô ơ ư, then tones)", () => {
    const words = [
      "an",
      "ăn",
      "ân",
      "anh",
      "ánh",
      "ảnh",
      "ba",
      "bà",
      "bả",
      "bã",
      "bá",
      "bạ",
      "da",
      "đa",
      "e",
      "ê",
      "o",
      "ô",
      "ơ",
      "u",
      "ư",
      "y",
      "ý",
    ];
    const collator = new Intl.Collator("vi");
    const shuffled = [...words].reverse();
    expect(shuffled.sort(byKey(vietnameseSortKey))).toEqual([...words].sort(collator.compare));
  });

  it("orders 2,000 generated names exactly like compareVietnameseNames", () => {
    const rand = rng(42);
    const names = Array.from({ length: 2000 }, (_, i) => demoPerson(rand, i, "x.vn", false).fullName);
    const expected = [...names].sort(compareVietnameseNames);
    const actual = [...names].sort(byKey(personSortKey));
    expect(actual).toEqual(expected);
  });
});
