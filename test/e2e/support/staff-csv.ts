// The staff list the import tests upload: 20 people with names that need diacritics and the Vietnamese sort.
export const IMPORT_NAMES = [
  "Hoàng Thị Ngọc Ánh",
  "Nông Văn Thắng",
  "Lăng Thị Huyền",
  "Triệu Đức Mạnh",
  "Vi Văn Quyết",
  "Lục Thị Hoà",
  "Hứa Minh Tuấn",
  "Đinh Thị Thuỷ",
  "Mã Văn Đông",
  "Chu Thị Lụa",
  "Tô Hữu Nghĩa",
  "Dương Thị Yến",
  "Bế Văn Toàn",
  "Lý Thị Xuân",
  "Hà Quang Vinh",
  "Ngô Thị Ước",
  "Phùng Văn Khải",
  "Lương Thị Ơn",
  "Đàm Văn Trường",
  "Quách Thị Ngần",
];

export type StaffRow = {
  fullName: string;
  email: string;
  agencyCode: string;
  category?: string;
  itRole?: string;
};

/** A CSV in the import's template (header row, BOM, CRLF) with one line per row. */
export function staffCsv(rows: StaffRow[]): string {
  const header = "Họ và tên,Email,Mã đơn vị,Đối tượng,Chức vụ,Người đứng đầu,Vai trò CNTT,Nhãn";
  const lines = rows.map(
    (r) =>
      `${r.fullName},${r.email},${r.agencyCode},${r.category ?? "Công chức"},Chuyên viên,không,${r.itRole ?? "Không"},`,
  );
  return "\uFEFF" + [header, ...lines].join("\r\n") + "\r\n";
}
