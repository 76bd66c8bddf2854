#include "report_words.hpp"

namespace diemquet::server::office {

namespace {

const ReportWords kVi{
    "vi",
    "Báo cáo tuân thủ",
    "Báo cáo",
    "In",
    {"Mã", "Địa bàn", "Cấp", "Cơ sở", "Có poster", "Có lượt quét", "Lượt quét", "Nhân viên", "Lượt quét/nhân viên",
     "Chưa tuân thủ", "Đề nghị đình chỉ", "Phản ánh", "Mới đăng ký"},
    {"Mã cơ sở", "Tên", "Loại", "Phường/Xã", "Nhân viên", "Lượt quét", "Vấn đề", "Số lần nhắc", "Phản ánh chưa xử lý",
     "Đề nghị đình chỉ", "Địa chỉ"},
    {"Tuần", "Lượt quét", "Cơ sở có lượt quét"},
    "Cơ sở chưa tuân thủ",
    "Xu hướng 8 tuần",
    {"Tong hop", "Chua tuan thu", "Xu huong 8 tuan", "Moi dang ky"},
    "Tỉnh/TP",
    "Quận/Huyện",
    "Phường/Xã",
    "Không có lượt quét",
    "Lượt quét ít hơn số nhân viên",
    "Có phản ánh chưa xử lý",
    "xã/phường chưa có cơ sở",
    "địa bàn chưa có cơ sở",
    "chưa khai báo",
    "Chưa có lượt quét trong 8 tuần qua",
    "Mới đăng ký",
    "Cơ sở mới đăng ký (chưa tính là chưa tuân thủ)",
};

const ReportWords kEn{
    "en",
    "Compliance report",
    "Report",
    "Print",
    {"Code", "Area", "Level", "Venues", "With poster", "With scans", "Scans", "Staff", "Scans per staff member",
     "Not complying", "Suspension proposed", "Complaints", "Newly registered"},
    {"Venue code", "Name", "Kind", "Ward/commune", "Staff", "Scans", "Problem", "Reminders", "Open complaints",
     "Suspension proposed", "Address"},
    {"Week", "Scans", "Venues with scans"},
    "Venues not complying",
    "8-week trend",
    {"Summary", "Not complying", "8-week trend", "Newly registered"},
    "Province/city",
    "District",
    "Ward/commune",
    "No scans",
    "Fewer scans than staff",
    "Open complaint",
    "wards/communes without venues",
    "areas without venues",
    "not declared",
    "No scans in the last 8 weeks",
    "Newly registered",
    "Newly registered venues (not counted as not complying)",
};

}  // namespace

const ReportWords& reportWords(ExportLang lang) {
  return lang == ExportLang::En ? kEn : kVi;
}

const char* levelName(const ReportWords& w, AreaLevel level) {
  return level == AreaLevel::Province ? w.province : level == AreaLevel::District ? w.district : w.ward;
}

const char* problemName(const ReportWords& w, const std::string& problem) {
  if (problem == "no_scans") return w.noScans;
  if (problem == "low_scans") return w.lowScans;
  if (problem == "open_violation") return w.openViolation;
  if (problem == "newly_registered") return w.newlyRegistered;
  return "";
}

}  // namespace diemquet::server::office
