// Staff (cán bộ) errors and validation messages.
export const people = {
  vi: {
    "people.emailRequired": "Vui lòng nhập email.",
    "people.emailTooLong": "Email quá dài.",
    "people.emailInvalid": "Email không hợp lệ.",
    "people.nameRequired": "Vui lòng nhập họ và tên.",
    "people.nameTooLong": "Họ và tên tối đa {maximum} ký tự.",
    "people.agencyRequired": "Vui lòng chọn đơn vị.",
    "people.categoryRequired": "Vui lòng chọn đối tượng (cán bộ, công chức, viên chức, người lao động).",
    "people.positionTooLong": "Chức vụ tối đa {maximum} ký tự.",
    "people.itRoleInvalid": "Vai trò CNTT không hợp lệ.",
    "people.tagTooLong": "Mỗi nhãn tối đa {maximum} ký tự.",
    "people.tooManyTags": "Tối đa {maximum} nhãn.",
    "people.notFound": "Không tìm thấy cán bộ này trong phạm vi của bạn.",
    "people.emailTaken": "Email này đã được dùng cho một cán bộ khác.",
    "people.agencyNotFound": "Không tìm thấy đơn vị đã chọn.",
    "people.agencyForbidden": "Bạn không có quyền quản lý cán bộ của đơn vị này.",
    "people.agencyInactive": "Đơn vị này đã ngừng hoạt động (đã sáp nhập hoặc giải thể).",
    "people.importNoScope": "Bạn không có quyền nhập danh sách cán bộ.",
    "people.importNotFound": "Không tìm thấy lượt nhập tệp này.",
    "people.importApplied": "Tệp này đã được nhập rồi. Muốn nhập lại, hãy tải tệp lên lại để kiểm tra.",
    "people.importHasErrors": "Tệp còn lỗi nên chưa thể nhập; hãy sửa tệp rồi tải lên lại.",
    "people.importChanged":
      "Dữ liệu vừa bị thay đổi trong lúc nhập (ví dụ có người khác thêm cùng email). Hãy tải tệp lên lại để kiểm tra.",
    "people.importFileProblem": "{reason}",
    "people.agencyOutOfScope": "Không tìm thấy đơn vị này trong phạm vi của bạn.",
    "people.fileEmpty": "Tệp rỗng: không có dữ liệu nào.",
    "people.fileTooLarge":
      "Tệp quá lớn ({size} MB); chỉ nhận tệp tối đa 5 MB. Hãy chia thành nhiều tệp nhỏ hơn.",
    "people.fileType": "Chỉ nhận tệp Excel (.xlsx) hoặc CSV (.csv).",
    "people.fileXls":
      "Tệp .xls (Excel 97–2003) không được hỗ trợ. Trong Excel, hãy chọn Lưu thành → Excel Workbook (.xlsx) rồi tải lên lại.",
    "people.fileCsvEncoding":
      "Không đọc được tệp CSV: tệp không phải văn bản mã UTF-8 (có thể là tệp nhị phân hoặc mã khác). Trong Excel, hãy chọn Lưu thành → CSV UTF-8 (Comma delimited) (*.csv).",
    "people.fileXlsxCorrupt":
      "Không đọc được tệp Excel (.xlsx): tệp bị hỏng hoặc không phải định dạng .xlsx.",
    "people.fileXlsxTooBig":
      "Tệp Excel chứa quá nhiều dữ liệu khi giải nén; hãy chia thành nhiều tệp nhỏ hơn (tối đa 50.000 dòng).",
    "people.rowExpectedColumns": "Các cột bắt buộc: {required}; không bắt buộc: {optional}.",
    "people.rowHeader": "Dòng tiêu đề không đúng mẫu: thiếu cột {columns}.",
    "people.rowDuplicateHeader": 'Dòng tiêu đề có hai cột "{label}".',
    "people.rowHeaderOnly": "Tệp chỉ có dòng tiêu đề, chưa có dòng dữ liệu cán bộ nào.",
    "people.rowTooMany": "Tệp có hơn {max} dòng dữ liệu; hãy chia thành nhiều tệp nhỏ hơn.",
    "people.rowFormula":
      'Ô bắt đầu bằng "{first}" trông như công thức Excel; hệ thống không nhận công thức (để tránh mã độc khi mở tệp). Hãy nhập giá trị thuần, không có "{first}" ở đầu.',
    "people.rowCellTooLong": "Ô quá dài (tối đa {max} ký tự).",
    "people.rowNameMissing": "Thiếu họ và tên.",
    "people.rowNameTooLong": "Họ và tên quá dài (tối đa {max} ký tự).",
    "people.rowEmailMissing": "Thiếu email.",
    "people.rowEmailInvalid": 'Email "{value}" không hợp lệ.',
    "people.rowEmailDuplicate": 'Email "{value}" bị trùng: xuất hiện ở cả dòng {first} và dòng {again}.',
    "people.rowAgencyMissing": "Thiếu mã đơn vị.",
    "people.rowStaffMissing": "Thiếu đối tượng: ghi Cán bộ, Công chức, Viên chức hoặc Người lao động.",
    "people.rowStaffInvalid":
      'Đối tượng "{value}" không hợp lệ: ghi Cán bộ, Công chức, Viên chức hoặc Người lao động.',
    "people.rowPositionTooLong": "Chức vụ quá dài (tối đa {max} ký tự).",
    "people.rowHeadInvalid": 'Giá trị "{value}" không hợp lệ: ghi "có" hoặc "không" (hoặc x / để trống).',
    "people.rowItInvalid": 'Vai trò CNTT "{value}" không hợp lệ: ghi Không, Chuyên trách hoặc Kiêm nhiệm.',
    "people.rowTagsInvalid":
      "Tối đa {maxTags} nhãn, mỗi nhãn tối đa {maxTag} ký tự, cách nhau bởi dấu ; hoặc dấu phẩy.",
    "people.rowBirthInvalid": 'Ngày sinh "{value}" không hợp lệ: ghi theo ngày/tháng/năm, ví dụ 17/05/1990.',
    "people.planAgencyUnknown": 'Không tìm thấy đơn vị đang hoạt động có mã "{code}".',
    "people.planAgencyOutOfScope": 'Đơn vị "{code}" nằm ngoài phạm vi bạn được quản lý.',
    "people.planEmailElsewhere": "Email đã được dùng ở đơn vị khác.",
    "people.importMoreErrors": "Còn {count} lỗi khác không hiển thị; hãy sửa các lỗi trên rồi kiểm tra lại.",
  },
  en: {
    "people.emailRequired": "Please enter an email address.",
    "people.emailTooLong": "The email address is too long.",
    "people.emailInvalid": "The email address is not valid.",
    "people.nameRequired": "Please enter the full name.",
    "people.nameTooLong": "The full name may have at most {maximum} characters.",
    "people.agencyRequired": "Please choose an agency.",
    "people.categoryRequired":
      "Please choose a staff category (cán bộ, công chức, viên chức, người lao động).",
    "people.positionTooLong": "The position may have at most {maximum} characters.",
    "people.itRoleInvalid": "The IT role is not valid.",
    "people.tagTooLong": "Each tag may have at most {maximum} characters.",
    "people.tooManyTags": "At most {maximum} tags.",
    "people.notFound": "This person was not found within your scope.",
    "people.emailTaken": "This email address is already used by another person.",
    "people.agencyNotFound": "The chosen agency was not found.",
    "people.agencyForbidden": "You may not manage the staff of this agency.",
    "people.agencyInactive": "This agency is no longer active (merged or dissolved).",
    "people.importNoScope": "You may not import staff lists.",
    "people.importNotFound": "This import was not found.",
    "people.importApplied":
      "This file has already been imported. To import again, upload the file again to check it.",
    "people.importHasErrors":
      "The file still has errors and cannot be imported; fix the file and upload it again.",
    "people.importChanged":
      "The data changed during the import (for example someone added the same email). Upload the file again to check it.",
    "people.importFileProblem": "{reason}",
    "people.agencyOutOfScope": "This agency was not found within your scope.",
    "people.fileEmpty": "The file is empty: it holds no data.",
    "people.fileTooLarge":
      "The file is too large ({size} MB); files of at most 5 MB are accepted. Split it into smaller files.",
    "people.fileType": "Only Excel (.xlsx) or CSV (.csv) files are accepted.",
    "people.fileXls":
      ".xls files (Excel 97–2003) are not supported. In Excel, choose Save As → Excel Workbook (.xlsx) and upload again.",
    "people.fileCsvEncoding":
      "The CSV file cannot be read: it is not UTF-8 text (it may be binary or another encoding). In Excel, choose Save As → CSV UTF-8 (Comma delimited) (*.csv).",
    "people.fileXlsxCorrupt": "The Excel file (.xlsx) cannot be read: it is damaged or not in .xlsx format.",
    "people.fileXlsxTooBig":
      "The Excel file holds too much data once unpacked; split it into smaller files (at most 50,000 rows).",
    "people.rowExpectedColumns": "Required columns: {required}; optional: {optional}.",
    "people.rowHeader": "The header row does not match the template: missing column {columns}.",
    "people.rowDuplicateHeader": 'The header row has two "{label}" columns.',
    "people.rowHeaderOnly": "The file has only the header row and no staff rows yet.",
    "people.rowTooMany": "The file has more than {max} data rows; split it into smaller files.",
    "people.rowFormula":
      'The cell starts with "{first}" and looks like an Excel formula; formulas are not accepted (to avoid malicious content when the file is opened). Enter a plain value without "{first}" at the start.',
    "people.rowCellTooLong": "The cell is too long (at most {max} characters).",
    "people.rowNameMissing": "The full name is missing.",
    "people.rowNameTooLong": "The full name is too long (at most {max} characters).",
    "people.rowEmailMissing": "The email is missing.",
    "people.rowEmailInvalid": 'The email "{value}" is not valid.',
    "people.rowEmailDuplicate":
      'The email "{value}" is repeated: it appears on both line {first} and line {again}.',
    "people.rowAgencyMissing": "The agency code is missing.",
    "people.rowStaffMissing":
      "The staff category is missing: write Cán bộ, Công chức, Viên chức or Người lao động.",
    "people.rowStaffInvalid":
      'The staff category "{value}" is not valid: write Cán bộ, Công chức, Viên chức or Người lao động.',
    "people.rowPositionTooLong": "The position is too long (at most {max} characters).",
    "people.rowHeadInvalid": 'The value "{value}" is not valid: write "có" or "không" (or x / leave empty).',
    "people.rowItInvalid": 'The IT role "{value}" is not valid: write Không, Chuyên trách or Kiêm nhiệm.',
    "people.rowTagsInvalid":
      "At most {maxTags} tags of at most {maxTag} characters each, separated by ; or commas.",
    "people.rowBirthInvalid": 'The birth date "{value}" is not valid: write day/month/year, e.g. 17/05/1990.',
    "people.planAgencyUnknown": 'No active agency has the code "{code}".',
    "people.planAgencyOutOfScope": 'The agency "{code}" is outside the scope you manage.',
    "people.planEmailElsewhere": "The email is already used in another agency.",
    "people.importMoreErrors": "{count} more errors are not shown; fix the errors above and check again.",
  },
} as const;
