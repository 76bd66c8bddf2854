#include "i18n.hpp"

namespace diemquet::ui {

namespace {

Lang g_lang = Lang::Vi;

struct Entry {
  const char* vi;
  const char* en;
};

// Indexed by Str; keep in the enum's order.
const Entry kStrings[] = {
    {"DiemQuet", "DiemQuet"},
    {"Hôm nay", "Today"},
    {"Nhập tay", "Manual"},
    {"Cài đặt", "Settings"},
    {"Trực tuyến", "Online"},
    {"Ngoại tuyến", "Offline"},
    {"Đang ở trong", "Inside now"},
    {"Vào hôm nay", "In today"},
    {"Ra hôm nay", "Out today"},
    {"20 lượt gần nhất", "Last 20 entries"},
    {"Chưa có lượt nào.", "No entries yet."},
    {"VÀO", "IN"},
    {"RA", "OUT"},
    {"đã huỷ", "undone"},
    {"Chưa chọn địa điểm và điểm quét.", "No venue and scan point chosen yet."},
    {"Mở Cài đặt", "Open Settings"},
    {"Khai báo nhập tay", "Manual check-in"},
    {"Họ và tên", "Full name"},
    {"Số CCCD (12 số)", "CCCD number (12 digits)"},
    {"Số điện thoại", "Phone number"},
    {"Giờ (để trống = bây giờ)", "Time (empty = now)"},
    {"Cần số CCCD hoặc số điện thoại.", "A CCCD or a phone number is needed."},
    {"Chiều", "Direction"},
    {"Lưu", "Save"},
    {"Đang lưu…", "Saving…"},
    {"Đã lưu", "Saved"},
    {"Không lưu được. Hãy thử lại.", "Could not save. Please try again."},
    {"Hoàn tác", "Undo"},
    {"Đã huỷ lượt vừa rồi", "Last entry undone"},
    {"Cài đặt", "Settings"},
    {"Tên địa điểm", "Venue name"},
    {"Điểm quét", "Scan point"},
    {"Ngôn ngữ", "Language"},
    {"Mã thiết bị", "Device id"},
    {"Lưu cài đặt", "Save settings"},
    {"Đã lưu cài đặt", "Settings saved"},
    {"Vui lòng nhập tên địa điểm.", "Please enter the venue name."},
    {"Vui lòng nhập tên điểm quét.", "Please enter the scan point name."},
    {"Chờ đồng bộ", "Waiting to sync"},
    {"Lưu trên máy", "Stored on this phone"},
    {"Bản ghi hỏng đã bỏ qua", "Damaged records skipped"},
    {"+ Nhập tay", "+ Manual entry"},
    {"VD: Chợ Bến Thành", "e.g. Ben Thanh Market"},
    {"VD: Cổng chính", "e.g. Main gate"},
    {"VD: Nguyễn Văn An", "e.g. Nguyen Van An"},
    {"VD: 07:30", "e.g. 07:30"},
    {"Đang tải…", "Loading…"},
};
static_assert(sizeof(kStrings) / sizeof(kStrings[0]) == size_t(Str::Count_), "one entry per Str");

}  // namespace

void setLanguage(Lang lang) { g_lang = lang; }
Lang language() { return g_lang; }

const char* tr(Str s) {
  const Entry& e = kStrings[size_t(s)];
  return g_lang == Lang::Vi ? e.vi : e.en;
}

const char* errorText(ErrorKind kind) {
  bool vi = g_lang == Lang::Vi;
  switch (kind) {
    case ErrorKind::EmptyName: return vi ? "Vui lòng nhập họ tên." : "Please enter the name.";
    case ErrorKind::NameTooLong: return vi ? "Họ tên quá dài (tối đa 80 ký tự)." : "Name too long (80 characters at most).";
    case ErrorKind::InvalidCccd: return vi ? "Số CCCD phải có đúng 12 chữ số." : "A CCCD number has exactly 12 digits.";
    case ErrorKind::InvalidPhone:
      return vi ? "Số điện thoại không đúng (ví dụ 0901234567)." : "Invalid phone number (e.g. 0901234567).";
    case ErrorKind::MissingIdentity: return vi ? "Cần số CCCD hoặc số điện thoại." : "A CCCD or a phone number is needed.";
    case ErrorKind::FutureTime: return vi ? "Giờ không được ở tương lai." : "The time cannot be in the future.";
    case ErrorKind::InvalidTime: return vi ? "Giờ phải có dạng HH:MM, ví dụ 07:30." : "Time must be HH:MM, e.g. 07:30.";
    case ErrorKind::InvalidText: return vi ? "Có ký tự không hợp lệ." : "Contains characters that are not allowed.";
    case ErrorKind::NotConfigured:
      return vi ? "Chưa chọn địa điểm. Vào Cài đặt trước." : "Choose the venue in Settings first.";
    case ErrorKind::Storage: return vi ? "Lỗi lưu trữ trên máy." : "Storage error on this phone.";
    case ErrorKind::Unsupported: return vi ? "Mã QR không được hỗ trợ." : "Unsupported QR code.";
    default: return vi ? "Dữ liệu không hợp lệ." : "Invalid input.";
  }
}

}  // namespace diemquet::ui
