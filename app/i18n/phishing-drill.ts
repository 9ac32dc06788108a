// Strings of the drill's public pages (teachable page, thank-you page, 404), the repeat-clicker escalation
// and the admin's kill switch.
export const phishingDrill = {
  vi: {
    "phishingDrill.teach.heading": "Đây là thư giả lập của đơn vị bạn",
    "phishingDrill.teach.intro":
      "Thư bạn vừa mở là một bài diễn tập do đơn vị tổ chức để giúp mọi người nhận biết thư lừa đảo. Không có thông tin nào bạn nhập được lưu lại.",
    "phishingDrill.teach.picture": "Thư bạn đã nhận",
    "phishingDrill.teach.pictureTitle": "Hình ảnh thư giả lập, các dấu hiệu được đánh số",
    "phishingDrill.teach.subject": "Tiêu đề",
    "phishingDrill.teach.from": "Người gửi",
    "phishingDrill.teach.flags": "Các dấu hiệu nhận biết",
    "phishingDrill.teach.advice": "Lời khuyên",
    "phishingDrill.teach.course": "Khóa học bồi dưỡng thêm",
    "phishingDrill.teach.courseAssigned":
      "Khóa học dưới đây đã được giao cho bạn, hạn hoàn thành {due}. Học ngay để nhớ lâu hơn.",
    "phishingDrill.teach.courseLink": "Vào khóa học",
    "phishingDrill.report.title": "Cảm ơn bạn đã báo cáo",
    "phishingDrill.report.body":
      "Thư này là một bài diễn tập của đơn vị bạn. Bạn đã làm đúng: báo cáo thư đáng ngờ giúp cả đơn vị an toàn hơn.",
    "phishingDrill.notFound.title": "Không tìm thấy trang",
    "phishingDrill.notFound.body": "Liên kết không hợp lệ hoặc đã hết hạn.",
    "phishingDrill.escalate.subject": "Cán bộ nhấp vào thư giả lập lần nữa: {name}",
    "phishingDrill.escalate.greeting": "Kính gửi {name},",
    "phishingDrill.escalate.body":
      "{name} ({email}) đã nhấp vào liên kết trong thư giả lập của đợt diễn tập “{campaign}”, sau khi đã nhấp ở một đợt trước. Đề nghị đồng chí trao đổi và hướng dẫn thêm cho cán bộ này.",
    "phishingDrill.kill.title": "Diễn tập thư giả lập",
    "phishingDrill.kill.running": "Diễn tập đang được phép gửi thư.",
    "phishingDrill.kill.killed": "Đã dừng khẩn cấp mọi diễn tập từ {at}.",
    "phishingDrill.kill.envOff":
      "Biến môi trường PHISHING_ENABLED=false đang tắt mọi diễn tập trên máy chủ này.",
    "phishingDrill.kill.stop": "Dừng khẩn cấp mọi diễn tập",
    "phishingDrill.kill.resume": "Cho phép lại",
    "phishingDrill.kill.stopHelp":
      "Không gửi thêm thư nào; thư diễn tập đang chờ trong hàng đợi được rút lại. Khi cho phép lại, các thư đó được gửi tiếp.",
    "phishingDrill.kill.stopped": "Đã dừng khẩn cấp mọi diễn tập.",
    "phishingDrill.kill.resumed": "Đã cho phép diễn tập trở lại.",
    "phishingDrill.kill.badIntent": "Thao tác không hợp lệ.",
  },
  en: {
    "phishingDrill.teach.heading": "This is a simulated email from your organisation",
    "phishingDrill.teach.intro":
      "The email you just opened is a drill run by your organisation to help everyone recognise phishing. Nothing you typed was stored.",
    "phishingDrill.teach.picture": "The email you received",
    "phishingDrill.teach.pictureTitle": "Picture of the simulated email, warning signs numbered",
    "phishingDrill.teach.subject": "Subject",
    "phishingDrill.teach.from": "From",
    "phishingDrill.teach.flags": "Warning signs",
    "phishingDrill.teach.advice": "Advice",
    "phishingDrill.teach.course": "Follow-up course",
    "phishingDrill.teach.courseAssigned":
      "The course below has been assigned to you, due {due}. Take it now while it is fresh.",
    "phishingDrill.teach.courseLink": "Open the course",
    "phishingDrill.report.title": "Thank you for reporting",
    "phishingDrill.report.body":
      "This email was a drill by your organisation. You did the right thing: reporting suspicious mail keeps everyone safer.",
    "phishingDrill.notFound.title": "Page not found",
    "phishingDrill.notFound.body": "The link is invalid or has expired.",
    "phishingDrill.escalate.subject": "Simulated phishing clicked again: {name}",
    "phishingDrill.escalate.greeting": "Dear {name},",
    "phishingDrill.escalate.body":
      "{name} ({email}) clicked the link in the simulated email of the drill “{campaign}”, having clicked in an earlier drill too. Please talk it through with them.",
    "phishingDrill.kill.title": "Phishing drills",
    "phishingDrill.kill.running": "Drills may send email.",
    "phishingDrill.kill.killed": "Every drill was stopped in an emergency at {at}.",
    "phishingDrill.kill.envOff":
      "The PHISHING_ENABLED=false environment variable stops every drill on this server.",
    "phishingDrill.kill.stop": "Emergency stop of every drill",
    "phishingDrill.kill.resume": "Allow again",
    "phishingDrill.kill.stopHelp":
      "No more email is sent; drill emails waiting in the outbox are withdrawn. Allowing again sends them after all.",
    "phishingDrill.kill.stopped": "Every drill was stopped.",
    "phishingDrill.kill.resumed": "Drills are allowed again.",
    "phishingDrill.kill.badIntent": "Invalid action.",
  },
} as const;
