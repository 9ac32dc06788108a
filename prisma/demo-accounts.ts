// The demo logins printed by `npm start`: one per role. For demonstrations only, never for production.
export const DEMO_ACCOUNTS = [
  {
    role: "ADMIN",
    email: "quantri@langson.gov.vn",
    password: "QuanTri@2026",
    fullName: "Hoàng Văn Quản",
    agencyCode: "20.SKHCN",
    position: "Chuyên viên CNTT",
  },
  {
    role: "COORDINATOR",
    email: "daotao.skhcn@langson.gov.vn",
    password: "DaoTao@2026",
    fullName: "Lương Thị Thu Hà",
    agencyCode: "20.SKHCN",
    position: "Chuyên viên phụ trách đào tạo",
  },
  {
    role: "REVIEWER",
    email: "sonoivu@langson.gov.vn",
    password: "NoiVu@2026",
    fullName: "Nông Văn Bình",
    agencyCode: "20.SNV",
    position: "Phó Trưởng phòng Công chức, viên chức",
  },
  {
    role: "LEARNER",
    email: "hocvien@langson.gov.vn",
    password: "HocVien@2026",
    fullName: "Nguyễn Văn An",
    agencyCode: "20.SKHCN",
    position: "Chuyên viên",
  },
] as const;
