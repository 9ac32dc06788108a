// Vietnamese text helpers shared by search, sorting and imports (pure; unit-tested).

/** Lower-case, strip diacritics (đ → d), collapse spaces: "Nguyễn Văn  An" → "nguyen van an". */
export function foldVietnamese(input: string): string {
  return input
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/đ/g, "d")
    .replace(/Đ/g, "D")
    .toLowerCase()
    .replace(/\s+/g, " ")
    .trim();
}

// The Vietnamese alphabet order used by Intl.Collator("vi"): ă and â after a, đ after d, ê after e,
// ô and ơ after o, ư after u. Tone marks only break ties (secondary strength).
const ALPHABET = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz";
const TONES: Record<string, string> = {
  "\u0300": "2",
  "\u0309": "3",
  "\u0303": "4",
  "\u0301": "5",
  "\u0323": "6",
};
// Letters that keep their accent as part of the base letter.
const BASE_MARKS: Record<string, string> = { "\u0306": "ă", "\u0302": "â", "\u031b": "ơ" };

function letters(word: string): { primary: string; tones: string } {
  let primary = "";
  let tones = "";
  const decomposed = word.toLowerCase().normalize("NFD");
  for (let i = 0; i < decomposed.length; i++) {
    const ch = decomposed[i];
    if (TONES[ch]) {
      tones = tones.slice(0, -1) + TONES[ch];
      continue;
    }
    if (BASE_MARKS[ch] && primary.length) {
      const prev = primary[primary.length - 1];
      const combined =
        prev === "a"
          ? BASE_MARKS[ch]
          : prev === "e" && ch === "\u0302"
            ? "ê"
            : prev === "o"
              ? ch === "\u0302"
                ? "ô"
                : "ơ"
              : prev === "u" && ch === "\u031b"
                ? "ư"
                : prev;
      primary = primary.slice(0, -1) + combined;
      continue;
    }
    if (/[\u0300-\u036f]/.test(ch)) continue;
    primary += ch === "đ" ? "đ" : ch;
    tones += "1";
  }
  return { primary, tones };
}

function encodePrimary(primary: string): string {
  let out = "";
  for (const ch of primary) {
    const idx = ALPHABET.indexOf(ch);
    // Letters as two-digit codes after digits and spaces; anything else keeps its code point order after them.
    if (idx >= 0) out += String.fromCharCode(0x41 + idx);
    else if (ch === " ") out += " ";
    else if (/[0-9]/.test(ch)) out += ch;
    else out += "~" + ch;
  }
  return out;
}

/** A key whose byte order ("C" collation) matches Intl.Collator("vi") on the same string. */
export function vietnameseSortKey(text: string): string {
  const words = text.replace(/\s+/g, " ").trim();
  const { primary, tones } = letters(words);
  return encodePrimary(primary) + "\u0001" + tones;
}

/** Vietnamese lists sort people by given name (the last word), then by the full name. */
export function personSortKey(fullName: string): string {
  const parts = fullName.replace(/\s+/g, " ").trim().split(" ");
  const given = parts[parts.length - 1] ?? "";
  return vietnameseSortKey(given) + "\u0002" + vietnameseSortKey(fullName);
}

export const viCollator = new Intl.Collator("vi");

/**
 * The one order of people in every list (people, assignment progress, roster, sign-in sheet, escalations):
 * by Person.sortKey (personSortKey: given name, then full name) in byte order, as `COLLATE "C"` does in SQL.
 */
export function comparePeople(a: { sortKey: string }, b: { sortKey: string }): number {
  return a.sortKey < b.sortKey ? -1 : a.sortKey > b.sortKey ? 1 : 0;
}

export function compareVietnameseNames(a: string, b: string): number {
  const ga = a.trim().split(/\s+/).pop() ?? "";
  const gb = b.trim().split(/\s+/).pop() ?? "";
  return viCollator.compare(ga, gb) || viCollator.compare(a, b);
}

/** Escape LIKE wildcards in user input. */
export function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (m) => "\\" + m);
}
