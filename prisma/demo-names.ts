// Deterministic generator of realistic Vietnamese staff for the demo and benchmarks (same seed, same people).

const FAMILY = [
  ["Nguyễn", 31],
  ["Trần", 11],
  ["Lê", 9],
  ["Phạm", 7],
  ["Hoàng", 5],
  ["Vi", 4],
  ["Lương", 3],
  ["Vũ", 3],
  ["Đặng", 2],
  ["Bùi", 2],
  ["Đỗ", 2],
  ["Hồ", 1],
  ["Ngô", 2],
  ["Dương", 2],
  ["Lý", 1],
  ["Nông", 4],
  ["Lăng", 2],
  ["Chu", 2],
  ["Hà", 2],
  ["Mã", 1],
  ["Triệu", 2],
  ["Đinh", 1],
  ["Tô", 1],
  ["Lục", 1],
  ["Hứa", 1],
] as const;
const MIDDLE_M = [
  "Văn",
  "Đức",
  "Minh",
  "Quang",
  "Hữu",
  "Công",
  "Thành",
  "Xuân",
  "Tiến",
  "Mạnh",
  "Duy",
  "Ngọc",
];
const MIDDLE_F = ["Thị", "Thu", "Ngọc", "Thanh", "Hồng", "Minh", "Phương", "Thùy", "Kim", "Diệu", "Hải"];
const GIVEN_M = [
  "An",
  "Anh",
  "Bình",
  "Cường",
  "Dũng",
  "Đạt",
  "Đông",
  "Giang",
  "Hải",
  "Hiếu",
  "Hoàng",
  "Hùng",
  "Huy",
  "Khánh",
  "Kiên",
  "Lâm",
  "Long",
  "Mạnh",
  "Nam",
  "Nghĩa",
  "Phong",
  "Phúc",
  "Quân",
  "Quyết",
  "Sơn",
  "Tài",
  "Thắng",
  "Thành",
  "Toàn",
  "Trung",
  "Tuấn",
  "Tùng",
  "Việt",
  "Vinh",
  "Vũ",
  "Ánh",
  "Ấn",
  "Ước",
];
const GIVEN_F = [
  "An",
  "Anh",
  "Ánh",
  "Bích",
  "Chi",
  "Dung",
  "Duyên",
  "Giang",
  "Hà",
  "Hạnh",
  "Hằng",
  "Hiền",
  "Hoa",
  "Hồng",
  "Huệ",
  "Hương",
  "Lan",
  "Linh",
  "Loan",
  "Mai",
  "Nga",
  "Ngọc",
  "Nhung",
  "Oanh",
  "Phương",
  "Quỳnh",
  "Thảo",
  "Thu",
  "Thủy",
  "Trang",
  "Tuyết",
  "Vân",
  "Yến",
  "Ơn",
  "Út",
];
const POSITIONS = [
  ["Chuyên viên", 40],
  ["Chuyên viên chính", 10],
  ["Cán sự", 6],
  ["Văn thư", 3],
  ["Kế toán", 4],
  ["Phó Trưởng phòng", 6],
  ["Trưởng phòng", 4],
  ["Nhân viên", 8],
  ["Giáo viên", 8],
  ["Bác sĩ", 4],
  ["Kỹ sư", 3],
] as const;
const ASCII: Record<string, string> = { đ: "d" };

/** Mulberry32: small, fast, seeded PRNG. */
export function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function weighted<T extends readonly (readonly [string, number])[]>(rand: () => number, items: T): string {
  const total = items.reduce((s, [, w]) => s + w, 0);
  let r = rand() * total;
  for (const [v, w] of items) {
    r -= w;
    if (r < 0) return v;
  }
  return items[0][0];
}

const pick = <T>(rand: () => number, xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];

export function asciiSlug(s: string): string {
  return s
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[đ]/g, (m) => ASCII[m] ?? m)
    .replace(/[^a-z0-9]+/g, ".")
    .replace(/^\.|\.$/g, "");
}

export type DemoPerson = {
  fullName: string;
  email: string;
  staffCategory: "CAN_BO" | "CONG_CHUC" | "VIEN_CHUC" | "NGUOI_LAO_DONG";
  position: string;
  isHeadOfUnit: boolean;
  itRole: "NONE" | "FULL_TIME" | "PART_TIME";
  tags: string[];
};

/** The i-th person of a deterministic population; `domain` e.g. "langson.gov.vn". */
export function demoPerson(
  rand: () => number,
  index: number,
  domain: string,
  isCommune: boolean,
): DemoPerson {
  const female = rand() < 0.52;
  const family = weighted(rand, FAMILY);
  const middle = pick(rand, female ? MIDDLE_F : MIDDLE_M);
  const given = pick(rand, female ? GIVEN_F : GIVEN_M);
  const fullName = `${family} ${middle} ${given}`;
  const email = `${asciiSlug(given)}.${asciiSlug(family)}${asciiSlug(middle).slice(0, 1)}.${index}@${domain}`;
  const r = rand();
  const staffCategory = isCommune
    ? r < 0.3
      ? "CAN_BO"
      : r < 0.85
        ? "CONG_CHUC"
        : "NGUOI_LAO_DONG"
    : r < 0.05
      ? "CAN_BO"
      : r < 0.55
        ? "CONG_CHUC"
        : r < 0.93
          ? "VIEN_CHUC"
          : "NGUOI_LAO_DONG";
  const position = weighted(rand, POSITIONS);
  const it = rand();
  const itRole = it < 0.02 ? "FULL_TIME" : it < 0.07 ? "PART_TIME" : "NONE";
  const tags = itRole !== "NONE" && rand() < 0.3 ? ["doi-ung-cuu-su-co"] : [];
  return { fullName, email, staffCategory, position, isHeadOfUnit: false, itRole, tags };
}
