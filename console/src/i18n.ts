// The console's strings in English and Vietnamese. A key missing from Vietnamese falls back to English.

const en = {
  'app.title': 'Social desk',
  'nav.calendar': 'Calendar',
  'nav.compose': 'Compose',
  'nav.inbox': 'Inbox',
  'nav.queue': 'Queue health',
  'nav.signOut': 'Sign out',
  'lang.label': 'Language',
  'signIn.title': 'Sign in',
  'signIn.local': 'Local sign-in: this desk runs on your machine; any name signs you in.',
  'signIn.name': 'Your name',
  'signIn.submit': 'Sign in',
  'signIn.cognito': 'Sign in with your company account',
  'calendar.week': 'Week',
  'calendar.month': 'Month',
  'calendar.previous': 'Previous',
  'calendar.next': 'Next',
  'calendar.today': 'Today',
  'calendar.filter': 'Platform',
  'calendar.all': 'All platforms',
  'calendar.empty': 'Nothing scheduled',
  'calendar.edit': 'Edit',
  'calendar.reschedule': 'Reschedule',
  'calendar.time': 'New time',
  'calendar.save': 'Save time',
  'calendar.cancel': 'Cancel',
  'calendar.rescheduled': 'Rescheduled.',
  'conflict': 'Someone changed this post since you opened it (version {theirs}, yours {yours}). Nothing was overwritten: reload it and try again.',
  'compose.title': 'Compose',
  'compose.editTitle': 'Edit post',
  'compose.text': 'Text',
  'compose.link': 'Link (optional)',
  'compose.platforms': 'Platforms',
  'compose.when': 'When',
  'compose.at': 'At a time',
  'compose.nextSlot': 'Next free slot',
  'compose.evergreen': 'Evergreen (reposted in rotation)',
  'compose.save': 'Queue post',
  'compose.saveEdit': 'Save changes',
  'compose.problems': 'Fix these before saving:',
  'compose.saved': 'Queued for {when}.',
  'compose.count': '{count} / {limit} {unit}',
  'compose.checking': 'Checking…',
  'inbox.title': 'Flagged comments',
  'inbox.empty': 'No comment is waiting for an answer.',
  'inbox.severity': 'Severity',
  'inbox.waiting': 'waiting {age}',
  'inbox.reasons': 'Why it was flagged',
  'inbox.suggested': 'Suggested calm reply (edit before sending)',
  'inbox.approve': 'Approve and send',
  'inbox.hide': 'Hide',
  'inbox.unhide': 'Show again',
  'inbox.dismiss': 'Dismiss',
  'inbox.dismissReason': 'Reason for dismissing',
  'inbox.lashOut': 'This reply reads as hostile. The desk never lashes out: rewrite it, or tick the box to send it anyway.',
  'inbox.confirmLashOut': 'I have read it and want to send it as it is',
  'inbox.answered': 'Answered',
  'inbox.stats': 'Response time: median {median}, 90th percentile {p90}; oldest waiting {oldest}',
  'inbox.unavailable': 'The comments API is not part of this desk yet.',
  'inbox.onPost': 'on post {post}',
  'queue.title': 'Queue health',
  'queue.runway': 'Runway per platform',
  'queue.days': '{days} days queued',
  'queue.problems': 'Failed and uncertain deliveries',
  'queue.none': 'Every delivery is fine.',
  'queue.confirm': 'It is on the platform',
  'queue.resend': 'It is not: send again',
  'queue.noDecisions': 'Confirm and resend are not part of this desk yet.',
  'status.QUEUED': 'queued',
  'status.PUBLISHING': 'publishing',
  'status.PUBLISHED': 'published',
  'status.PARTIALLY_PUBLISHED': 'partly published',
  'status.FAILED': 'failed',
  'status.CANCELLED': 'cancelled',
  'status.UNCERTAIN': 'UNCERTAIN',
  'status.PENDING': 'pending',
  'status.BLOCKED': 'blocked',
  'error.generic': 'Something went wrong: {message}',
  'error.signedOut': 'Your session ended; sign in again.',
};

export type Key = keyof typeof en;

const vi: Partial<Record<Key, string>> = {
  'app.title': 'Bàn mạng xã hội',
  'nav.calendar': 'Lịch',
  'nav.compose': 'Soạn bài',
  'nav.inbox': 'Hộp thư',
  'nav.queue': 'Tình trạng hàng đợi',
  'nav.signOut': 'Đăng xuất',
  'lang.label': 'Ngôn ngữ',
  'signIn.title': 'Đăng nhập',
  'signIn.local': 'Đăng nhập cục bộ: bàn này chạy trên máy của bạn; tên nào cũng đăng nhập được.',
  'signIn.name': 'Tên của bạn',
  'signIn.submit': 'Đăng nhập',
  'signIn.cognito': 'Đăng nhập bằng tài khoản công ty',
  'calendar.week': 'Tuần',
  'calendar.month': 'Tháng',
  'calendar.previous': 'Trước',
  'calendar.next': 'Sau',
  'calendar.today': 'Hôm nay',
  'calendar.filter': 'Nền tảng',
  'calendar.all': 'Mọi nền tảng',
  'calendar.empty': 'Chưa có lịch đăng',
  'calendar.edit': 'Sửa',
  'calendar.reschedule': 'Đổi giờ',
  'calendar.time': 'Giờ mới',
  'calendar.save': 'Lưu giờ',
  'calendar.cancel': 'Hủy',
  'calendar.rescheduled': 'Đã đổi giờ.',
  'conflict': 'Bài này đã được người khác sửa sau khi bạn mở (phiên bản {theirs}, của bạn {yours}). Không có gì bị ghi đè: hãy tải lại rồi thử lần nữa.',
  'compose.title': 'Soạn bài',
  'compose.editTitle': 'Sửa bài',
  'compose.text': 'Nội dung',
  'compose.link': 'Liên kết (không bắt buộc)',
  'compose.platforms': 'Nền tảng',
  'compose.when': 'Thời gian',
  'compose.at': 'Vào lúc',
  'compose.nextSlot': 'Khung giờ trống kế tiếp',
  'compose.evergreen': 'Bài thường xanh (đăng lại luân phiên)',
  'compose.save': 'Xếp hàng đăng',
  'compose.saveEdit': 'Lưu thay đổi',
  'compose.problems': 'Hãy sửa những điều này trước khi lưu:',
  'compose.saved': 'Đã xếp hàng vào {when}.',
  'compose.count': '{count} / {limit} {unit}',
  'compose.checking': 'Đang kiểm tra…',
  'inbox.title': 'Bình luận cần xem',
  'inbox.empty': 'Không có bình luận nào đang chờ trả lời.',
  'inbox.severity': 'Mức độ',
  'inbox.waiting': 'đã chờ {age}',
  'inbox.reasons': 'Lý do được đánh dấu',
  'inbox.suggested': 'Câu trả lời điềm tĩnh gợi ý (sửa trước khi gửi)',
  'inbox.approve': 'Duyệt và gửi',
  'inbox.hide': 'Ẩn',
  'inbox.unhide': 'Hiện lại',
  'inbox.dismiss': 'Bỏ qua',
  'inbox.dismissReason': 'Lý do bỏ qua',
  'inbox.lashOut': 'Câu trả lời này nghe gay gắt. Bàn không bao giờ đáp trả nóng nảy: hãy viết lại, hoặc đánh dấu ô để vẫn gửi.',
  'inbox.confirmLashOut': 'Tôi đã đọc và vẫn muốn gửi nguyên văn',
  'inbox.answered': 'Đã trả lời',
  'inbox.stats': 'Thời gian phản hồi: trung vị {median}, phân vị 90 {p90}; chờ lâu nhất {oldest}',
  'inbox.unavailable': 'Bàn này chưa có API bình luận.',
  'inbox.onPost': 'trên bài {post}',
  'queue.title': 'Tình trạng hàng đợi',
  'queue.runway': 'Số ngày còn bài theo nền tảng',
  'queue.days': 'còn {days} ngày',
  'queue.problems': 'Lượt đăng lỗi hoặc chưa rõ',
  'queue.none': 'Mọi lượt đăng đều ổn.',
  'queue.confirm': 'Đã có trên nền tảng',
  'queue.resend': 'Chưa có: gửi lại',
  'queue.noDecisions': 'Bàn này chưa có chức năng xác nhận và gửi lại.',
  'status.QUEUED': 'đang chờ',
  'status.PUBLISHING': 'đang đăng',
  'status.PUBLISHED': 'đã đăng',
  'status.PARTIALLY_PUBLISHED': 'đăng một phần',
  'status.FAILED': 'lỗi',
  'status.CANCELLED': 'đã hủy',
  'status.UNCERTAIN': 'CHƯA RÕ',
  'status.PENDING': 'đang chờ',
  'status.BLOCKED': 'bị chặn',
  'error.generic': 'Có lỗi: {message}',
  'error.signedOut': 'Phiên đã hết; hãy đăng nhập lại.',
};

export type Language = 'en' | 'vi';
const dictionaries: Record<Language, Partial<Record<Key, string>>> = { en, vi };

let current: Language = 'en';

export function setLanguage(language: Language): void {
  current = language;
}

export function language(): Language {
  return current;
}

/** The language to start with: the one chosen before, else the browser's when it is Vietnamese, else English. */
export function initialLanguage(saved: string | null, browser: readonly string[]): Language {
  if (saved === 'en' || saved === 'vi') return saved;
  return browser.some((l) => l.toLowerCase().startsWith('vi')) ? 'vi' : 'en';
}

/** The string for {@code key} in the current language, with {name} placeholders filled from {@code vars}. */
export function t(key: Key, vars: Record<string, string | number> = {}): string {
  const template = dictionaries[current][key] ?? en[key];
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}

/** Every key of the English dictionary, for the test that Vietnamese has them all. */
export const KEYS = Object.keys(en) as Key[];
export const VIETNAMESE_KEYS = Object.keys(vi) as Key[];
