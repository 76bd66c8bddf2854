#include "i18n.hpp"

namespace diemquet::ui {

namespace {

Lang g_lang = Lang::Vi;

struct Entry {
  Str key;
  const char* vi;
  const char* en;
};

// Each entry names its key, so entries can be added anywhere, in any order.
const Entry kStrings[] = {
    {Str::AppName, "DiemQuet", "DiemQuet"},
    {Str::NavScan, "Quét", "Scan"},
    {Str::MakePass, "Tạo thẻ khách (mã QR)", "Make a visitor pass (QR)"},
    {Str::PassTitle, "Thẻ khách", "Visitor pass"},
    {Str::PassHint, "Khách chụp ảnh hoặc in thẻ này, lần sau chỉ cần quét.", "The visitor photographs or prints this pass and is scanned next time."},
    {Str::PassDownload, "Tải thẻ để in", "Download to print"},
    {Str::Done, "Xong", "Done"},
    {Str::Confirm, "Xác nhận", "Confirm"},
    // The visitor page (visitor_ui.cpp)
    {Str::VisitorNoKeyRing, "Chưa xác minh được áp phích: máy chưa tải khoá xác minh. Hãy bật mạng và mở lại trang này một lần.", "Cannot verify the poster yet: this phone has no verification keys. Go online and open this page once."},
    {Str::VisitorMalformed, "Đây không phải mã QR áp phích DiemQuet hợp lệ. Hãy quét lại mã trên áp phích.", "This is not a valid DiemQuet poster code. Scan the poster again."},
    {Str::VisitorUnknownKey, "Áp phích này không do hệ thống DiemQuet cấp. Đừng khai báo tại đây, hãy báo nhân viên.", "This poster was not issued by DiemQuet. Do not check in here; tell the staff."},
    {Str::VisitorForged, "Áp phích đã bị sửa hoặc giả mạo. Đừng khai báo tại đây, hãy báo nhân viên.", "This poster was altered or forged. Do not check in here; tell the staff."},
    {Str::VisitorRevoked, "Áp phích này đã bị thu hồi. Hãy hỏi nhân viên mã mới.", "This poster was withdrawn. Ask the staff for the new one."},
    {Str::VisitorNotYetValid, "Áp phích này chưa đến ngày hiệu lực.", "This poster is not valid yet."},
    {Str::VisitorExpired, "Áp phích này đã hết hạn. Hãy hỏi nhân viên mã mới.", "This poster has expired. Ask the staff for the new one."},
    {Str::VisitorNoPoster, "Hãy quét mã QR trên áp phích của địa điểm bằng camera điện thoại.", "Scan the venue poster's QR code with your phone camera."},
    {Str::VisitorOfflineHint, "Máy đang ngoại tuyến.", "This phone is offline."},
    {Str::VisitorTitle, "Khai báo vào/ra", "Check in / out"},
    {Str::VisitorOnline, "Trực tuyến", "Online"},
    {Str::VisitorOffline, "Ngoại tuyến — vẫn khai báo được, sẽ gửi sau", "Offline — you can still check in; it is sent later"},
    {Str::VisitorScanPoint, "Điểm quét: ", "Scan point: "},
    {Str::VisitorPhoneNeeded, "Vui lòng nhập số điện thoại để cơ quan y tế liên hệ khi cần.", "Please enter a phone number so health officers can reach you."},
    {Str::VisitorTravelNeeded, "Vui lòng ghi nơi đã đến.", "Please say where you travelled from."},
    {Str::VisitorName, "Họ và tên", "Full name"},
    {Str::VisitorNamePlaceholder, "VD: Nguyễn Văn An", "e.g. Nguyen Van An"},
    {Str::VisitorPhone, "Số điện thoại", "Phone number"},
    {Str::VisitorCccd, "Số CCCD (không bắt buộc)", "CCCD number (optional)"},
    {Str::VisitorSymptoms, "Trong 14 ngày qua bạn có triệu chứng nào? (chạm để chọn)", "Any symptoms in the last 14 days? (tap to select)"},
    {Str::VisitorContactQ, "Tiếp xúc gần với ca bệnh trong 14 ngày?", "Close contact with a case in 14 days?"},
    {Str::VisitorNo, "Không", "No"},
    {Str::VisitorYes, "Có", "Yes"},
    {Str::VisitorTravelQ, "Đi về từ tỉnh/thành khác trong 14 ngày?", "Back from another province in 14 days?"},
    {Str::VisitorFromWhere, "Từ đâu?", "From where?"},
    {Str::VisitorFromPlaceholder, "VD: Đà Nẵng", "e.g. Da Nang"},
    {Str::VisitorPrivacy, "Thông tin chỉ lưu trên máy này và gửi cho cơ quan y tế qua địa điểm. Lần sau không cần nhập lại.", "Stored on this phone and sent to health officers through the venue. Next time you need not type it again."},
    {Str::VisitorCheckIn, "Khai báo vào", "Check in"},
    {Str::VisitorCheckOut, "Khai báo ra", "Check out"},
    {Str::VisitorFix, "Vui lòng sửa các ô báo đỏ.", "Please fix the fields in red."},
    {Str::VisitorFixMany, "Vui lòng sửa {n} ô báo đỏ.", "Please fix the {n} fields in red."},
    {Str::VisitorSaving, "Đang lưu…", "Saving…"},
    {Str::VisitorSaveFailed, "Không lưu được. Hãy thử lại.", "Could not save. Try again."},
    {Str::VisitorSavedIn, "Đã khai báo VÀO lúc ", "Checked IN at "},
    {Str::VisitorSavedOut, "Đã khai báo RA lúc ", "Checked OUT at "},
    {Str::VisitorPending, "Chờ gửi: ", "Waiting to send: "},
    {Str::VisitorSymFever, "Sốt", "Fever"},
    {Str::VisitorSymCough, "Ho", "Cough"},
    {Str::VisitorSymBreath, "Khó thở", "Short of breath"},
    {Str::VisitorSymThroat, "Đau họng", "Sore throat"},
    {Str::VisitorSymTaste, "Mất vị giác/khứu giác", "Loss of taste/smell"},
    // Exposure alerts and the visitor's own history (visitor_history.cpp)
    {Str::VisitorAlertTitle, "CẢNH BÁO: bạn có thể đã tiếp xúc với ca bệnh", "ALERT: you may have been exposed to a case"},
    {Str::VisitorAlertWhere, "Bạn đã ở: ", "You were at: "},
    {Str::VisitorAlertWindow, "Thời gian có ca bệnh tại đây: ", "Time a case was there: "},
    {Str::VisitorAlertPrivate, "Việc so khớp chỉ diễn ra trên điện thoại này; không có gì được gửi đi.", "Matched on this phone only; nothing was sent anywhere."},
    {Str::VisitorNoAlerts, "Không có cảnh báo cho những nơi bạn đã đến. Cập nhật lúc ", "No exposure alerts for the places you visited. Checked at "},
    {Str::VisitorListRefused, "Danh sách cảnh báo vừa nhận bị sửa hoặc giả mạo nên đã bị bỏ qua.", "The alert list just received was altered or forged and was ignored."},
    {Str::VisitorHistory, "Lịch sử của tôi", "My history"},
    {Str::VisitorHistoryEmpty, "Chưa có lần khai báo nào trên máy này.", "No check-ins on this phone yet."},
    {Str::VisitorHistoryKeep, "Chỉ lưu trên máy này {n} ngày rồi tự xoá.", "Kept on this phone only, deleted after {n} days."},
    {Str::VisitorHistoryExport, "Tải lịch sử về máy (CSV)", "Download my history (CSV)"},
    {Str::VisitorDirIn, "Vào", "In"},
    {Str::VisitorDirOut, "Ra", "Out"},
    {Str::VisitorReport, "Báo cáo vi phạm", "Report a violation"},
    {Str::ScanHint, "Đưa mã QR trên thẻ CCCD, thẻ BHYT hoặc thẻ khách vào khung", "Hold the QR on a CCCD, BHYT or visitor card inside the frame"},
    {Str::CameraStart, "Bật camera", "Start camera"},
    {Str::CameraStarting, "Đang mở camera…", "Opening the camera…"},
    // Kiosk station (screen_kiosk.cpp): read by visitors a metre away, then by staff
    {Str::KioskInstructions, "Đưa mã QR trên CCCD, thẻ BHYT hoặc thẻ khách vào trước camera", "Hold the QR code of your CCCD, BHYT card or visitor pass up to the camera"},
    {Str::KioskNoTap, "Không cần bấm gì: máy tự ghi VÀO hoặc RA.", "No need to tap anything: it records IN or OUT by itself."},
    {Str::KioskSavedIn, "ĐÃ VÀO", "CHECKED IN"},
    {Str::KioskSavedOut, "ĐÃ RA", "CHECKED OUT"},
    {Str::KioskRepeat, "Bạn vừa quét rồi. Nếu cần ghi RA, hãy gọi nhân viên.", "Already scanned. To check out now, call the staff."},
    {Str::KioskRejected, "Không đọc được mã này. Hãy thử lại, hoặc gọi nhân viên.", "This code cannot be read. Try again, or call the staff."},
    {Str::KioskExit, "Nhân viên: thoát kiosk", "Staff: leave the kiosk"},
    {Str::KioskPin, "Mã PIN (4–8 chữ số)", "PIN (4–8 digits)"},
    {Str::KioskPinWrong, "Sai mã PIN.", "Wrong PIN."},
    {Str::KioskPinWait, "Sai quá nhiều lần. Thử lại sau {n} giây.", "Too many wrong PINs. Try again in {n} seconds."},
    {Str::KioskLeave, "Thoát kiosk", "Leave the kiosk"},
    {Str::KioskSetupTitle, "Chế độ kiosk (khách tự quét)", "Kiosk mode (visitors scan themselves)"},
    {Str::KioskSetupHint, "Màn hình chỉ còn camera và hướng dẫn lớn; cài đặt và danh sách bị ẩn, màn hình luôn sáng. Cần mã PIN để thoát.", "The screen shows only the camera and large instructions; settings and lists are hidden and the screen stays on. The PIN is needed to leave."},
    {Str::KioskStart, "Bật chế độ kiosk", "Start kiosk mode"},
    {Str::KioskPinInvalid, "Mã PIN phải gồm 4 đến 8 chữ số.", "The PIN must be 4 to 8 digits."},
    {Str::CameraDenied, "Chưa được phép dùng camera. Hãy cho phép camera trong cài đặt trình duyệt, hoặc nhập tay.", "Camera permission was refused. Allow the camera in the browser settings, or enter by hand."},
    {Str::CameraUnavailable, "Máy này không có camera dùng được. Hãy nhập tay.", "No usable camera on this device. Enter by hand."},
    {Str::CameraError, "Camera bị lỗi. Thử bật lại hoặc nhập tay.", "The camera failed. Try again or enter by hand."},
    {Str::SwitchCamera, "Đổi camera", "Switch camera"},
    {Str::Torch, "Đèn", "Light"},
    {Str::FlipDirection, "Đổi chiều", "Flip direction"},
    {Str::ScanRepeat, "Đã quét", "Already scanned"},
    {Str::ManualRepeat, "Đã nhập rồi", "Already entered"},
    // The scan screen's quiet line once the save band and its undo are gone (kSaveLineMs):
    // "Lần quét trước: N. V. An · VÀO 07:02", not a green band a keeper takes for a new scan.
    {Str::ScanLast, "Lần quét trước", "Last scan"},
    // …after a refused code's band: nothing saved, and no name (nobody was).
    {Str::ScanLastRefused, "mã không dùng được · không lưu", "code not usable · not saved"},
    // …after a poster's band (its offer to bind is not left up for the next morning).
    {Str::ScanLastPoster, "áp phích của địa điểm", "a venue poster"},
    // …after a card read while the station was not set up: whom it could not save.
    {Str::ScanLastNotSetUp, "không lưu, máy chưa cài đặt", "not saved, station not set up"},
    // Today's and the manual form's quiet line once the save line and its undo are gone:
    // "Lần lưu trước: N. V. An · VÀO 07:02".
    {Str::SavedLast, "Lần lưu trước", "Last saved"},
    {Str::RecordOutNow, "Ghi RA ngay", "Record OUT now"},
    {Str::RecordInNow, "Ghi VÀO lại", "Record IN again"},
    {Str::CheckedOut, "ĐÃ RA", "CHECKED OUT"},
    // After the server's venue-wide timeline turned an offline "in" into the way out: why it is
    // "out" (the person had come in through another gate), without naming a direction again.
    {Str::CorrectedByOtherGate, "đã vào ở cổng khác", "entered at another gate"},
    // The same, when the person had come in at this very scan point on another staff phone
    // (two phones at one gate): "another gate" would send staff looking for a gate that was not.
    {Str::CorrectedOnOtherPhone, "đã vào trên máy khác", "entered on another phone"},
    // A repeat of an entry another phone at this scan point made ("Đã quét: … · VÀO 08:27 · trên máy khác").
    {Str::OnOtherPhone, "trên máy khác", "on another phone"},
    {Str::ShowCard, "Xem thẻ", "Show card"},
    {Str::HideCard, "Ẩn thẻ", "Hide card"},
    {Str::BirthYear, "Năm sinh", "Born"},
    {Str::ScanPoster, "Đây là áp phích địa điểm, không phải thẻ cá nhân.", "This is a venue poster, not a personal card."},
    // Said on Scan before any card (the hint to hold up a card misled people into scanning
    // visitors who were never saved), and after one: how to set up from right here.
    {Str::ScanNotConfigured, "Máy chưa cài đặt nên chưa lưu lượt quét nào. Quét mã QR trên áp phích của địa điểm, hoặc mở Cài đặt.", "This station is not set up, so no scan is saved. Scan the venue poster's QR code, or open Settings."},
    // Binding a station to a venue poster (screen_binding.cpp)
    {Str::BindTitle, "Gắn theo áp phích", "Bind to a poster"},
    {Str::BindHint, "Quét áp phích của địa điểm ở màn hình Quét, hoặc nhập mã địa điểm in dưới mã QR (vd. 34M-FPJ).", "Scan the venue poster on the Scan screen, or type the venue code printed under its QR code (e.g. 34M-FPJ)."},
    {Str::BindPaste, "Mã địa điểm hoặc liên kết áp phích", "Venue code or poster link"},
    {Str::BindButton, "Gắn máy theo áp phích", "Bind this station"},
    {Str::BindOffer, "Gắn máy vào điểm quét này", "Bind this station to this scan point"},
    {Str::BindScanned, "Áp phích hợp lệ", "Genuine poster"},
    {Str::BindDone, "Đã gắn máy vào", "Station bound to"},
    {Str::BindNoCode,
     "Chưa có mã đăng ký: lượt quét chỉ lưu trên máy này cho đến khi nhập mã ở mục “Đồng bộ với máy chủ” "
     "trong Cài đặt.",
     "No enrollment code yet: check-ins stay on this phone until a code is entered under “Server sync” in "
     "Settings."},
    {Str::BindUnchanged, "Cài đặt của máy không thay đổi.", "The station's settings were not changed."},
    {Str::BindStorage, "Không lưu được vào bộ nhớ máy. Hãy thử lại.", "Could not save on this device. Try again."},
    {Str::BindNoKeyRing, "Chưa xác minh được áp phích: máy chưa tải khoá xác minh. Hãy bật mạng một lần rồi thử lại.", "Cannot verify the poster yet: this station has no verification keys. Go online once and try again."},
    {Str::BindMalformed, "Đây không phải liên kết áp phích DiemQuet hợp lệ (thiếu hoặc sai một phần).", "This is not a valid DiemQuet poster link (a part is missing or wrong)."},
    {Str::BindUnknownKey, "Áp phích không do hệ thống DiemQuet cấp (khoá ký lạ).", "This poster was not issued by DiemQuet (unknown signing key)."},
    {Str::BindForged, "Áp phích đã bị sửa hoặc giả mạo.", "This poster was altered or forged."},
    {Str::BindRevoked, "Áp phích đã bị thu hồi. Hãy in áp phích mới.", "This poster was withdrawn. Print a new one."},
    {Str::BindNotYetValid, "Áp phích chưa đến ngày hiệu lực.", "This poster is not valid yet."},
    {Str::BindExpired, "Áp phích đã hết hạn. Hãy in áp phích mới.", "This poster has expired. Print a new one."},
    {Str::BindCodeOffline, "Cần có mạng để tra mã địa điểm. Hoặc quét mã QR trên áp phích.", "Looking up a venue code needs the network. Or scan the poster's QR code."},
    {Str::BindCodeUnknown, "Không có áp phích nào mang mã này. Kiểm tra lại mã in dưới mã QR.", "No poster has this code. Check the code printed under the QR code."},
    {Str::BindCodeAmbiguous, "Mã này trùng với địa điểm khác. Hãy quét mã QR trên áp phích.", "This code belongs to several venues. Scan the poster's QR code instead."},
    {Str::PosterBadIds, "Chưa tạo được áp phích: mã điểm quét không hợp lệ. Hãy báo người quản trị máy chủ.", "Posters cannot be made: a scan point id is invalid. Tell the server administrator."},
    {Str::PosterDownload, "Tải áp phích (PDF)", "Download posters (PDF)"},
    {Str::PosterHint, "Áp phích để khách tự khai báo: một trang A4 cho mỗi điểm quét.", "Posters for visitors' self check-in: one A4 page per scan point."},
    {Str::PosterDownloading, "Đang tải áp phích…", "Downloading posters…"},
    {Str::PosterDownloaded, "Đã tải áp phích về máy. In khổ A4, đúng kích thước.", "Posters downloaded. Print on A4 at actual size."},
    {Str::PosterOffline, "Không có mạng. Hãy thử lại khi có mạng.", "No network. Try again when online."},
    {Str::PosterNotAllowed, "Máy chưa được phép tải áp phích của địa điểm này. Hãy đăng ký lại máy.", "This station may not download this venue's posters. Enroll it again."},
    {Str::PosterServerError, "Máy chủ báo lỗi; thử lại sau.", "The server reported an error; try again later."},
    {Str::ScanRefusedNotSetUp, "Mã này không dùng được. Máy cũng chưa cài đặt nên chưa lưu được ai: bấm Mở Cài đặt.",
     "This code cannot be used. The station is not set up yet either, so nobody can be saved: tap Open Settings."},
    {Str::ScanMangled, "Máy quét làm mất dấu tiếng Việt. Hãy quét bằng camera, hoặc đặt máy quét sang chế độ UTF-8.", "The scanner dropped the Vietnamese accents. Scan with the camera, or set the scanner to UTF-8."},
    {Str::ScanBroken, "Mã QR trên thẻ bị hỏng hoặc sai định dạng. Hãy nhập tay.", "The card's QR is damaged or malformed. Enter by hand."},
    {Str::CardName, "Họ tên", "Name"},
    {Str::CardId, "Số thẻ", "Card number"},
    {Str::CardOldId, "Số CMND cũ", "Old ID number"},
    {Str::CardBirth, "Ngày sinh", "Date of birth"},
    {Str::CardSex, "Giới tính", "Sex"},
    {Str::CardAddress, "Địa chỉ", "Address"},
    {Str::CardIssued, "Ngày cấp", "Issued"},
    {Str::CardExpiry, "Hết hạn", "Expires"},
    {Str::CardValid, "Giá trị sử dụng", "Valid"},
    {Str::CardClinic, "Nơi đăng ký KCB", "Registered clinic"},
    {Str::CardWarning, "Cần kiểm tra", "Check"},
    {Str::BhytExpired, "Thẻ BHYT đã hết hạn từ", "BHYT card expired on"},
    {Str::CccdExpired, "CCCD đã hết hạn từ", "ID card expired on"},
    {Str::KindCccd, "CCCD", "CCCD"},
    {Str::KindBhyt, "BHYT", "Health insurance"},
    {Str::KindPcCovid, "PC-Covid", "PC-Covid"},
    {Str::KindVisitor, "Thẻ khách", "Visitor pass"},
    {Str::UseManual, "Nhập tay", "Enter by hand"},
    {Str::CloseDay, "Đóng ngày (cho tất cả ra)", "Close the day (check everyone out)"},
    {Str::CloseDayConfirm, "Ghi RA cho tất cả người còn ở trong?", "Check out everyone still inside?"},
    {Str::CloseDayDone, "Đã đóng ngày", "Day closed"},
    {Str::CloseDayCount, "{n} người được ghi RA", "{n} checked out"},
    {Str::NobodyInside, "Không còn ai ở trong.", "Nobody is inside."},
    // "Đang ở trong" counts people let in on the gate's other phones; this phone can check out
    // only those it let in (it has no names for the others): the question says so.
    {Str::CloseDayHere, "Ghi RA cho {n} người vào qua máy này? Người vào qua máy khác do máy đó ghi RA.",
     "Check out the {n} let in on this phone? Those let in on other phones are checked out there."},
    {Str::CloseDayOthersOnly, "Người còn ở trong đều vào qua máy khác: máy đó ghi RA cho họ.",
     "Everyone inside came in on other phones: check them out there."},
    {Str::Cancel, "Huỷ", "Cancel"},
    {Str::NavToday, "Hôm nay", "Today"},
    {Str::NavManual, "Nhập tay", "Manual"},
    {Str::NavSettings, "Cài đặt", "Settings"},
    {Str::SyncTitle, "Đồng bộ với máy chủ", "Server sync"},
    {Str::EnrollCode, "Mã đăng ký (văn phòng cấp)", "Enrollment code (from the office)"},
    {Str::EnrollConnect, "Kết nối máy chủ", "Connect to server"},
    {Str::Enrolling, "Đang kết nối…", "Connecting…"},
    {Str::EnrollBadFormat, "Mã đăng ký gồm 12 chữ và số, dạng XXXX-XXXX-XXXX.", "The code is 12 letters and digits: XXXX-XXXX-XXXX."},
    {Str::EnrollInvalid, "Mã sai, đã dùng hoặc đã hết hạn. Xin văn phòng mã mới.", "Wrong, used or expired code. Ask the office for a new one."},
    {Str::EnrollOffline, "Không có mạng. Kết nối mạng rồi thử lại.", "No network. Connect and try again."},
    {Str::EnrollServerError, "Máy chủ đang lỗi. Thử lại sau ít phút.", "The server has a problem. Try again in a few minutes."},
    {Str::EnrollStorage, "Không lưu được vào bộ nhớ máy. Thử lại.", "Could not save on this device. Try again."},
    {Str::EnrollDone, "Xong! Lượt quét sẽ tự gửi lên máy chủ.", "Done: check-ins now go to the server by themselves."},
    {Str::Enrolled, "Đã kết nối máy chủ", "Connected to the server"},
    {Str::NotEnrolled, "Chưa kết nối máy chủ: lượt quét chỉ lưu trên máy này.", "Not connected to a server: check-ins stay on this phone."},
    {Str::ChooseScanPoint, "Máy này ở điểm quét:", "This phone is at scan point:"},
    {Str::SyncNow, "Đồng bộ ngay", "Sync now"},
    {Str::SyncOfflineHold, "Đang ngoại tuyến — lượt quét chờ trên máy, sẽ gửi khi có mạng.",
     "Offline — check-ins wait on this phone and are sent when the network returns."},
    {Str::Syncing, "Đang gửi", "Sending"},
    {Str::LastSync, "Đồng bộ lần cuối", "Last sync"},
    {Str::Never, "chưa lần nào", "never"},
    {Str::SyncRejected, "Máy chủ từ chối", "Refused by the server"},
    {Str::RetentionInfo, "Lượt quét đã đồng bộ được tự xoá khỏi máy sau {d} ngày.",
     "Synced check-ins are deleted from this phone after {d} days."},
    {Str::RetentionOldUnsynced,
     "Cảnh báo: {n} lượt quét đã quá {d} ngày nhưng chưa đồng bộ. Máy chỉ xoá chúng sau khi máy chủ đã nhận: "
     "hãy kết nối mạng và bấm “Đồng bộ ngay”.",
     "Warning: {n} check-ins are older than {d} days but not synced. They are deleted only once the server has "
     "them: connect to the network and press “Sync now”."},
    {Str::SyncOffline, "Không có mạng, sẽ tự gửi lại khi có mạng.", "No network; will send again when online."},
    {Str::SyncServerError, "Máy chủ đang lỗi, sẽ tự thử lại.", "The server has a problem; will retry by itself."},
    {Str::SyncStorage, "Lỗi bộ nhớ máy, sẽ thử lại.", "Storage error on this phone; will retry."},
    {Str::SyncReenroll, "Máy chủ không nhận máy này nữa. Nhập mã đăng ký mới.", "The server no longer accepts this phone. Enter a new enrollment code."},
    {Str::SyncRefused, "Máy chủ từ chối dữ liệu, sẽ thử lại sau.", "The server refused the data; will retry later."},
    {Str::Online, "Trực tuyến", "Online"},
    {Str::Offline, "Ngoại tuyến", "Offline"},
    // The top-bar pill when the phone has a network but scans do not reach a server.
    {Str::ConnLocalOnly, "Chỉ trên máy", "Phone only"},
    // Enrolled, but no answer from the server since the page started (a reload where it does not
    // answer said "Trực tuyến" on an answer from before).
    {Str::ConnConnecting, "Đang kết nối…", "Connecting…"},
    {Str::ConnServerTrouble, "Lỗi máy chủ", "Server issue"},
    {Str::ConnNeedsCode, "Cần mã mới", "New code needed"},
    {Str::InsideNow, "Đang ở trong", "Inside now"},
    // Two phones at one gate: "Đang ở trong" counts the people the others let in (the server's
    // answer names nobody, so the list below cannot show them); offline, as of its last answer.
    {Str::InsideViaOtherPhones, "{n} người vào qua máy khác", "{n} came in on other phones"},
    {Str::PresenceAsOf, "theo máy chủ lúc {t}", "as the server said at {t}"},
    {Str::InToday, "Vào hôm nay", "In today"},
    {Str::OutToday, "Ra hôm nay", "Out today"},
    {Str::RecentTitle, "{n} lượt gần nhất", "Latest entries: {n}"},
    {Str::RecentTitleNone, "Lượt gần nhất", "Latest entries"},
    {Str::NoEntries, "Chưa có lượt nào.", "No entries yet."},
    {Str::DirIn, "VÀO", "IN"},
    {Str::DirOut, "RA", "OUT"},
    {Str::Undone, "đã huỷ", "undone"},
    // Said once, where the next step is (the top bar says only "Chưa cài đặt").
    {Str::NotConfigured, "Chưa chọn địa điểm và điểm quét. Mở Cài đặt, nhập mã đăng ký văn phòng cấp hoặc quét áp phích của địa điểm.",
     "No venue and scan point chosen yet. Open Settings and enter the enrollment code from the office, or scan the venue's poster."},
    {Str::NotSetUp, "Chưa cài đặt", "Not set up"},
    {Str::GoToSettings, "Mở Cài đặt", "Open Settings"},
    {Str::ManualTitle, "Khai báo nhập tay", "Manual check-in"},
    {Str::FieldName, "Họ và tên", "Full name"},
    {Str::FieldCccd, "Số CCCD (12 số)", "CCCD number (12 digits)"},
    {Str::FieldPhone, "Điện thoại", "Phone"},
    {Str::FieldTime, "Giờ", "Time"},
    {Str::IdHint, "Cần số CCCD hoặc số điện thoại.", "A CCCD or a phone number is needed."},
    {Str::Direction, "Chiều", "Direction"},
    {Str::Save, "Lưu", "Save"},
    {Str::Saving, "Đang lưu…", "Saving…"},
    {Str::Saved, "Đã lưu", "Saved"},
    {Str::SaveFailed, "Không lưu được. Hãy thử lại.", "Could not save. Please try again."},
    {Str::FixBelow, "Sửa ô báo đỏ bên dưới.", "Fix what is marked in red below."},
    // The same refusal seen from Today, where the fields are not: where they are.
    {Str::FixInManual, "Sửa ô báo đỏ ở mục Nhập tay.", "Fix what is marked in red under Manual."},
    {Str::NotSaved, "CHƯA LƯU", "NOT SAVED"},
    {Str::Undo, "Hoàn tác", "Undo"},
    {Str::UndoDone, "Đã huỷ lượt vừa rồi", "Last entry undone"},
    {Str::SettingsTitle, "Cài đặt", "Settings"},
    {Str::VenueName, "Tên địa điểm", "Venue name"},
    {Str::ScanPointName, "Điểm quét", "Scan point"},
    {Str::Language, "Ngôn ngữ", "Language"},
    {Str::RepeatWindow, "Quét lại trong (phút)", "Re-scan window (minutes)"},
    {Str::RepeatWindowHint, "Thẻ quét lại trong khoảng này chỉ báo \"Đã quét\", không ghi RA.",
     "A card shown again within this time shows \"Already scanned\" and is not checked out."},
    {Str::RepeatWindowBad, "Nhập số phút từ 0 đến 60.", "Enter 0 to 60 minutes."},
    {Str::DeviceId, "Mã thiết bị", "Device id"},
    {Str::SaveSettings, "Lưu cài đặt", "Save settings"},
    {Str::SettingsSaved, "Đã lưu cài đặt", "Settings saved"},
    {Str::VenueRequired, "Vui lòng nhập tên địa điểm.", "Please enter the venue name."},
    {Str::ScanPointRequired, "Vui lòng nhập tên điểm quét.", "Please enter the scan point name."},
    {Str::PendingSync, "Chờ đồng bộ", "Waiting to sync"},
    {Str::StoredOnDevice, "Lưu trên máy", "Stored on this phone"},
    {Str::DamagedRecords, "Bản ghi hỏng đã bỏ qua", "Damaged records skipped"},
    {Str::NewEntry, "+ Nhập tay", "+ Manual entry"},
    {Str::VenueNamePlaceholder, "VD: Chợ Bến Thành", "e.g. Ben Thanh Market"},
    {Str::ScanPointPlaceholder, "VD: Cổng chính", "e.g. Main gate"},
    {Str::NamePlaceholder, "VD: Nguyễn Văn An", "e.g. Nguyen Van An"},
    {Str::TimePlaceholder, "bây giờ", "now"},
    {Str::Loading, "Đang tải…", "Loading…"},
    // Office (wasm/ui/office_*.cpp)
    {Str::OfficeTitle, "Văn phòng quản lý", "Office"},
    {Str::OfficeLogin, "Đăng nhập", "Log in"},
    {Str::OfficeUsername, "Tên đăng nhập", "Username"},
    {Str::OfficePassword, "Mật khẩu", "Password"},
    {Str::OfficeLoginFailed, "Sai tên đăng nhập hoặc mật khẩu.", "Wrong username or password."},
    {Str::OfficeTooMany, "Đăng nhập sai quá nhiều lần; thử lại sau 15 phút.", "Too many failed logins; try again in 15 minutes."},
    {Str::OfficeNetworkError, "Không kết nối được máy chủ.", "Cannot reach the server."},
    {Str::OfficeServerError, "Máy chủ báo lỗi; thử lại.", "The server reported an error; try again."},
    {Str::OfficeLogout, "Đăng xuất", "Log out"},
    {Str::OfficeTabReport, "Báo cáo", "Report"},
    {Str::OfficeTabViolations, "Phản ánh", "Issues"},
    {Str::OfficeTabTrace, "Truy vết", "Tracing"},
    {Str::OfficeTabVenues, "Cơ sở", "Venues"},
    {Str::OfficePrevWeek, "« Tuần trước", "« Previous"},
    {Str::OfficeNextWeek, "Tuần sau »", "Next »"},
    {Str::OfficeWeekLabel, "Tuần {n}", "Week {n}"},
    {Str::OfficeWeekAxis, "Tuần", "Week"},  // under the 8-week chart's week numbers
    // In place of the 8-week chart when every week is 0 (it was a large empty box).
    {Str::OfficeTrendNone, "Chưa có lượt quét trong 8 tuần qua", "No scans in the last 8 weeks"},
    // The staff cell of an area whose venues declared no staff (as the venue rows say).
    {Str::OfficeStaffNotDeclared, "chưa khai báo", "not declared"},
    {Str::OfficeArea, "Địa bàn", "Area"},
    {Str::OfficeVenues, "Cơ sở", "Venues"},
    {Str::OfficeWithPoster, "Có poster", "Poster"},
    {Str::OfficeWithScan, "Có quét", "Scanned"},
    {Str::OfficeScans, "Lượt quét", "Scans"},
    {Str::OfficeStaffColumn, "Nhân viên", "Staff"},  // the area table's staff column
    {Str::OfficePerStaff, "Lượt/NV", "Per staff"},
    {Str::OfficeNonComplying, "Chưa tuân thủ", "Not complying"},
    {Str::OfficeMoreNonComplying, "… và {n} cơ sở khác: tải XLSX hoặc CSV để xem đủ.", "… and {n} more venues: download the XLSX or CSV for all of them."},
    {Str::OfficeTrend, "Lượt quét 8 tuần", "Scans, 8 weeks"},
    {Str::OfficeExportXlsx, "Tải XLSX", "XLSX"},
    {Str::OfficeExportCsv, "Tải CSV", "CSV"},
    {Str::OfficeUpdatedAt, "Cập nhật lúc", "Updated at"},
    // {d}: today's date (a fixed example went stale).
    {Str::OfficeDateFormat, "Ngày chưa đúng. Nhập ngày/tháng/năm, ví dụ {d}.", "Not a date. Type day/month/year, e.g. {d}."},
    // An empty "Từ ngày" is not a wrong date: its grey example read as a date typed and refused.
    {Str::OfficeFromEmpty, "Nhập ngày bắt đầu.", "Type the start date."},
    {Str::OfficeDateOrder, "\"Đến ngày\" phải sau \"Từ ngày\".", "\"To\" must not be before \"From\"."},
    {Str::OfficeDateRange, "Khoảng ngày phải từ 1 đến 62 ngày.", "The range must be 1 to 62 days."},
    {Str::OfficeRefresh, "Làm mới", "Refresh"},
    {Str::OfficePrint, "Bản in", "Print"},
    {Str::OfficeRemind, "Ghi nhắc nhở", "Record reminder"},
    {Str::OfficeReminders, "Số lần nhắc", "Reminders"},
    {Str::OfficeRemindNote, "Ghi nhắc nhở chỉ lưu lại lần nhắc, không gửi gì cho cơ sở.",
     "Record reminder only keeps a count; nothing is sent to the venue."},
    {Str::OfficeReminderRecorded, "Đã ghi. Hãy gọi điện hoặc đến nhắc cơ sở.", "Recorded. Call or visit the venue to remind them."},
    // A non-complying venue's week: its scans beside its staff ("(12/3)" said nothing).
    {Str::OfficeScansOfStaff, "{a} lượt quét / {b} nhân viên", "{a} scans / {b} staff"},
    {Str::OfficeScansStaffUndeclared, "{a} lượt quét / chưa khai báo số nhân viên", "{a} scans / staff not declared"},
    {Str::OfficeSuspend, "Đề nghị đình chỉ", "Suspension proposed"},
    {Str::OfficeNoScans, "Không có lượt quét", "No scans"},
    {Str::OfficeLowScans, "Lượt quét ít hơn số nhân viên", "Fewer scans than staff"},
    {Str::OfficeOpenViolation, "Có phản ánh chưa xử lý", "Open complaint"},
    // A venue registered in the week without a scan yet: not "Không có lượt quét" (session 16).
    {Str::OfficeNewlyRegistered, "Mới đăng ký", "Newly registered"},
    {Str::OfficeNewlyRegisteredNote, "Đăng ký trong tuần, chưa có lượt quét: chưa tính là chưa tuân thủ.",
     "Registered in the week, no scans yet: not counted as not complying."},
    {Str::OfficeOnlyNewVenues, "Các cơ sở trong tuần đều mới đăng ký (xem dưới).",
     "Every venue in the week is newly registered (see below)."},
    {Str::OfficeAllComply, "Tất cả cơ sở đều tuân thủ.", "Every venue complies."},
    {Str::OfficeNoVenuesInWeek, "Chưa có cơ sở nào trong tuần này.", "No venues registered in this week."},
    // The report's table by area, after the venues to act on; the areas with no venue are one
    // line that opens ("168 xã/phường chưa có cơ sở": a province on the 2025 map).
    {Str::OfficeByArea, "Theo địa bàn", "By area"},
    {Str::OfficeEmptyWards, "{n} xã/phường chưa có cơ sở", "{n} wards/communes without venues"},
    {Str::OfficeEmptyAreas, "{n} địa bàn chưa có cơ sở", "{n} areas without venues"},
    {Str::OfficeShowList, "Xem", "Show"},
    {Str::OfficeHideList, "Ẩn", "Hide"},
    {Str::OfficeShowAllNonComplying, "Xem cả {n} cơ sở chưa tuân thủ", "Show all {n} venues not complying"},
    {Str::OfficeNoViolations, "Không có phản ánh đang chờ.", "No open complaints."},
    {Str::OfficeResolve, "Đánh dấu đã xử lý", "Mark resolved"},
    {Str::OfficeResolveNote, "Ghi chú xử lý", "Resolution note"},
    {Str::OfficeNoteRequired, "Cần ghi chú.", "A note is needed."},
    // A complaint taken by phone (office_complaint.cpp)
    {Str::OfficeComplaintByPhone, "Ghi phản ánh nhận qua điện thoại", "Record a complaint taken by phone"},
    {Str::OfficeComplaintClose, "Đóng", "Close"},
    {Str::OfficeComplaintVenue, "Cơ sở bị phản ánh", "Venue complained about"},
    {Str::OfficeComplaintVenueHint, "Gõ tên, ví dụ: Chợ Bến Thành", "Type a name, e.g. Cho Ben Thanh"},
    {Str::OfficeComplaintNoVenue, "Không có cơ sở nào trong địa bàn mang tên này.", "No venue of your area has this name."},
    {Str::OfficeComplaintKind, "Loại phản ánh", "Kind of complaint"},
    {Str::OfficeComplaintNote, "Ghi chú (không bắt buộc)", "Note (optional)"},
    {Str::OfficeComplaintSend, "Ghi phản ánh", "Record complaint"},
    {Str::OfficeComplaintChooseVenue, "Hãy gõ tên và chọn cơ sở bị phản ánh.", "Type the name and choose the venue."},
    {Str::OfficeComplaintChooseKind, "Hãy chọn loại phản ánh.", "Choose the kind of complaint."},
    {Str::OfficeComplaintRecorded, "Đã ghi phản ánh về:", "Complaint recorded about:"},
    {Str::OfficeKindNoPoster, "Không có poster", "No poster"},
    {Str::OfficeKindWrongInfo, "Sai thông tin", "Wrong information"},
    {Str::OfficeKindCannotScan, "Không quét được", "Cannot be scanned"},
    {Str::OfficeKindStaff, "Nhân viên không kiểm tra", "Staff not checking"},
    {Str::OfficeReporterPublic, "Người dân gửi", "Sent by a citizen"},
    {Str::OfficeReporterOfficer, "Cán bộ ", "Officer "},
    {Str::OfficeMinutesShort, "phút", "min"},
    {Str::OfficeTraceId, "Số CCCD, BHYT hoặc điện thoại", "CCCD, BHYT or phone number"},
    {Str::OfficeFrom, "Từ ngày (ngày/tháng/năm)", "From (day/month/year)"},
    {Str::OfficeTo, "Đến ngày (trống: cùng ngày)", "To (empty: same day)"},
    {Str::OfficeMargin, "Tính thêm trước và sau (phút)", "Also count before and after (minutes)"},
    {Str::OfficeMarginNote, "Ai ở cơ sở trong số phút này trước khi người cần tra cứu đến hoặc sau khi rời đi cũng được tính là tiếp xúc.",
     "Anyone at the venue this many minutes before the person arrived or after they left counts as a contact too."},
    {Str::OfficeMarginBad, "Nhập số phút từ 0 đến 1440, ví dụ 30.", "Type minutes from 0 to 1440, e.g. 30."},
    {Str::OfficeReason, "Lý do tra cứu (bắt buộc, được ghi lại)", "Reason (required, recorded)"},
    {Str::OfficeReasonRequired, "Cần nêu lý do tra cứu.", "State the reason for the lookup."},
    {Str::OfficeBadInput, "Thông tin chưa đúng.", "Check the fields."},
    {Str::OfficeRunTrace, "Truy vết", "Trace"},
    {Str::OfficeVisits, "Nơi đã đến", "Places visited"},
    {Str::OfficeContacts, "Người tiếp xúc", "Contacts"},
    {Str::OfficeEstimatedTime, "(~): giờ ước tính, vì không quét lượt vào hoặc lượt ra.", "(~): estimated time, as no entry or exit was scanned."},
    {Str::OfficeNoResults, "Không có kết quả.", "No results."},
    // Exposure alerts published from a trace (office_exposures.cpp)
    {Str::OfficeExposurePublish, "Cảnh báo khách đã ở đây", "Alert visitors who were here"},
    {Str::OfficeExposureAllPoints, "Mọi điểm quét", "Every scan point"},
    {Str::OfficeExposureAdvice, "Lời khuyên cho khách (ngắn)", "Advice for visitors (short)"},
    {Str::OfficeExposureAdviceRequired, "Viết một lời khuyên ngắn cho khách (tối đa 600 ký tự, một đoạn).",
     "Write a short advice for visitors (at most 600 characters, one paragraph)."},
    {Str::OfficeExposureAdviceDefault, "Hãy tự theo dõi sức khỏe 14 ngày. Nếu sốt, ho, khó thở: gọi trạm y tế phường.", "Watch your health for 14 days. With fever, cough or breathlessness, call the ward health station."},
    {Str::OfficeExposureSend, "Công bố cảnh báo", "Publish the alert"},
    {Str::OfficeExposurePublished, "Đã công bố. Điện thoại của khách tự so khớp khi mở trang khai báo.", "Published. Visitors' phones match it themselves when they open the check-in page."},
    {Str::OfficeExposures, "Cảnh báo đã công bố", "Published alerts"},
    {Str::OfficeExposureWithdraw, "Rút lại", "Withdraw"},
    {Str::OfficeExposureWithdrawn, "đã rút lại", "withdrawn"},
    {Str::OfficeStaffPhones, "Khách do nhân viên quét thẻ: {a} người có SĐT (gọi điện báo), {b} người không có SĐT.", "Visitors scanned by staff: {a} with a phone number (call them), {b} without."},
    {Str::OfficeExposureNone, "Chưa công bố cảnh báo nào.", "No alerts published yet."},
    {Str::OfficeRegisterVenue, "Đăng ký cơ sở", "Register a venue"},
    {Str::OfficeImportVenues, "Nhập danh sách từ tệp Excel/CSV", "Import a list from an Excel/CSV file"},
    {Str::OfficeVenueName, "Tên cơ sở", "Venue name"},
    {Str::OfficeVenueNameRequired, "Vui lòng nhập tên cơ sở.", "Please enter the venue name."},
    {Str::OfficeStaffRequired, "Nhập số nhân viên (một số, vd. 12).", "Enter the number of staff (a number, e.g. 12)."},
    {Str::OfficeAddress, "Địa chỉ (số nhà, đường)", "Street address"},
    {Str::OfficeWard, "Phường/xã", "Ward"},
    {Str::AreaSearchHint, "Gõ tên, ví dụ: Bến Nghé", "Type a name, e.g. Ben Nghe"},
    {Str::OfficeChooseWard, "Chọn phường/xã: gõ tên rồi chạm vào kết quả.", "Choose the ward: type its name, then tap a result."},
    {Str::AreaNoMatch, "Không tìm thấy. Thử gõ ít chữ hơn.", "Nothing found. Try fewer letters."},
    {Str::OfficeCategory, "Loại hình (2666/QĐ-BYT)", "Kind (2666/QĐ-BYT)"},
    {Str::OfficeChoose, "Chọn", "Choose"},
    // Venue kinds of decision 2666/QĐ-BYT (office_venues.cpp), in the order of its list
    {Str::CatRestaurant, "Nhà hàng, quán ăn", "Restaurant"},
    {Str::CatOffice, "Văn phòng, cơ quan", "Office"},
    {Str::CatFactory, "Nhà máy, xí nghiệp", "Factory"},
    {Str::CatHotel, "Khách sạn, nhà nghỉ", "Hotel"},
    {Str::CatBar, "Quán bar, vũ trường", "Bar, nightclub"},
    {Str::CatKaraoke, "Karaoke", "Karaoke"},
    {Str::CatMassage, "Massage, spa", "Massage, spa"},
    {Str::CatGym, "Phòng tập thể thao", "Gym"},
    {Str::CatMeeting, "Hội nghị, sự kiện", "Meetings, events"},
    {Str::CatHospital, "Bệnh viện, phòng khám", "Hospital, clinic"},
    {Str::CatApartment, "Chung cư", "Apartment building"},
    {Str::CatSchool, "Trường học", "School"},
    {Str::CatBusStation, "Bến xe", "Bus station"},
    {Str::CatPublicTransport, "Phương tiện công cộng", "Public transport"},
    {Str::CatShoppingCentre, "Trung tâm thương mại", "Shopping centre"},
    {Str::CatMarket, "Chợ", "Market"},
    {Str::CatEssentialShop, "Cửa hàng thiết yếu", "Essential shop"},
    {Str::CatFuneral, "Tang lễ", "Funeral"},
    {Str::CatWedding, "Đám cưới", "Wedding"},
    {Str::CatTouristSite, "Điểm du lịch", "Tourist site"},
    {Str::CatReligiousSite, "Cơ sở tôn giáo", "Religious site"},
    {Str::CatOther, "Khác", "Other"},
    {Str::OfficeStaff, "Số nhân viên", "Staff count"},
    {Str::OfficePhone, "Điện thoại cơ sở", "Venue phone"},
    {Str::OfficeScanPoints, "Điểm quét, cách nhau bởi dấu phẩy", "Scan points, comma-separated"},
    {Str::OfficeRegister, "Đăng ký", "Register"},
    {Str::OfficeRegistered, "Đã đăng ký", "Registered"},
    {Str::OfficeIssueCode, "Cấp mã đăng ký thiết bị", "Issue a device enrollment code"},
    {Str::OfficeCodeHint, "Mã dùng một lần, hết hạn sau 72 giờ:", "One-time code, valid 72 hours:"},
    {Str::OfficeCodeNextSteps,
     "Trên máy của cơ sở, mở trang quét (địa chỉ này, bỏ /office), vào Cài đặt, nhập mã vào ô Mã đăng ký rồi bấm "
     "Kết nối máy chủ. Sau đó, cũng trong Cài đặt, bấm Tải áp phích (PDF) để in mã QR dán ở mỗi điểm quét. Cơ sở "
     "không có máy: tải áp phích ở mục Áp phích của cơ sở, đầu thẻ này.",
     "On the venue's device, open the scanning page (this address without /office), go to Settings, enter the code "
     "under Enrollment code and tap Connect to server. Then, in Settings too, tap Download posters (PDF) to print "
     "the QR code for each scan point. A venue without a device: download its posters under A venue's posters, at "
     "the top of this tab."},
    // A venue's posters printed at the office (office_posters.cpp), from the API's error codes.
    {Str::OfficePostersTitle, "Áp phích của cơ sở", "A venue's posters"},
    {Str::OfficePostersHint,
     "Cơ sở báo mất áp phích, hoặc chủ cơ sở đến xã xin in: tìm cơ sở rồi tải về để in khổ A4 (mỗi điểm quét một "
     "trang). Mã QR vẫn như bản đã dán.",
     "A venue lost its poster, or its owner came to the office: find the venue and download its posters to print on "
     "A4 (one page per scan point). The QR codes stay those already posted."},
    {Str::OfficePostersVenue, "Cơ sở cần in áp phích", "Venue to print posters for"},
    {Str::OfficePostersChooseVenue, "Hãy chọn cơ sở trong danh sách trước.", "Choose the venue in the list first."},
    {Str::OfficePostersDone, "Đã tải áp phích của", "Posters downloaded for"},
    {Str::OfficePostersPrint, "In khổ A4, đúng kích thước.", "Print on A4 at actual size."},
    {Str::OfficePostersNoScanPoints, "Cơ sở chưa có điểm quét nên chưa có áp phích. Hãy thêm điểm quét trước.",
     "The venue has no scan point yet, so no poster. Add a scan point first."},
    {Str::OfficePostersRejected, "Xã đã từ chối đăng ký của cơ sở này: không in áp phích.",
     "The commune rejected this venue's registration: no posters."},
    {Str::OfficePostersOutsideArea, "Cơ sở này không thuộc địa bàn của bạn.", "This venue is outside your area."},
    {Str::OfficePostersNotFound, "Không tìm thấy cơ sở này trên máy chủ.", "This venue is not on the server."},
    // Officers of the areas inside one's own (office_officers.cpp)
    {Str::OfficeTabOfficers, "Cán bộ", "Officers"},
    // A commune officer has no officers tab: whom to ask instead (nothing said it).
    {Str::OfficeAskAbove,
     "Thêm cán bộ, đặt lại mật khẩu hay khóa tài khoản: nhờ cán bộ cấp trên (quận/huyện hoặc tỉnh/thành).",
     "To add an officer, reset a password or disable an account, ask the officers above you (district or province)."},
    {Str::OfficeOfficersTitle, "Cán bộ các địa bàn trực thuộc", "Officers of the areas under you"},
    {Str::OfficeOfficersNone, "Chưa có tài khoản cán bộ nào.", "No officer accounts yet."},
    {Str::OfficeOfficerAdd, "Thêm cán bộ", "Add an officer"},
    {Str::OfficeOfficerArea, "Địa bàn phụ trách", "Area in charge"},
    {Str::OfficeOfficerCreate, "Tạo tài khoản", "Create the account"},
    {Str::OfficeOfficerActive, "Đang hoạt động", "Active"},
    {Str::OfficeOfficerDisabled, "Đã khóa", "Disabled"},
    {Str::OfficeOfficerDisable, "Khóa", "Disable"},
    {Str::OfficeOfficerEnable, "Mở khóa", "Enable"},
    {Str::OfficeOfficerReset, "Đặt lại mật khẩu", "Reset password"},
    {Str::OfficeOfficerConfirm, "Chạm lần nữa để xác nhận", "Tap again to confirm"},
    {Str::OfficeCancel, "Thôi", "Cancel"},
    {Str::OfficeOfficerCreated, "Đã tạo tài khoản", "Account created"},
    {Str::OfficeOfficerNewPassword, "Mật khẩu mới của", "New password of"},
    {Str::OfficeOfficerPasswordOnce, "Mật khẩu chỉ hiện một lần: ghi lại và trao tận tay cán bộ.",
     "The password is shown only once: write it down and hand it to the officer."},
    {Str::OfficeUsernameRule, "Tên đăng nhập: 3 đến 64 chữ thường không dấu, số, dấu . _ -",
     "Username: 3 to 64 of a-z, 0-9, . _ -"},
    {Str::OfficeUsernameTaken, "Tên đăng nhập này đã có người dùng.", "That username is taken."},
    {Str::OfficeOutsideArea, "Chỉ tạo được cán bộ cho địa bàn trực thuộc mình.",
     "You can add officers only for areas under yours."},
    {Str::OfficeChooseArea, "Chọn địa bàn: gõ tên rồi chạm vào kết quả.", "Choose the area: type its name, then tap a result."},
    {Str::OfficeOfficerDone, "Xong", "Done"},
    // Self-registered venues awaiting review (office_verify.cpp)
    {Str::OfficeVerifyTitle, "Cơ sở tự đăng ký chờ xác nhận", "Self-registered venues to review"},
    {Str::OfficeVerifySameAs, "Trùng tên hoặc địa chỉ với:", "Same name or address as:"},
    {Str::OfficeVerifyConfirm, "Xác nhận", "Confirm"},
    {Str::OfficeVerifyReject, "Từ chối", "Reject"},
    {Str::OfficeVerifyReason, "Lý do từ chối (được ghi lại)", "Reason for rejecting (recorded)"},
    {Str::OfficeVerifyReasonRequired, "Cần nêu lý do từ chối.", "State the reason."},
    {Str::OfficeVerifyConfirmed, "Đã xác nhận cơ sở.", "Venue confirmed."},
    {Str::OfficeVerifyRejected, "Đã từ chối đăng ký.", "Registration rejected."},
    {Str::OfficeReportUnverified, "cơ sở tự đăng ký chưa được xác minh (xem thẻ Cơ sở)",
     "self-registered venues not yet verified (see Venues)"},
    {Str::OfficeDownloaded, "Đã tải xuống.", "Downloaded."},
    // The office's language switch: the code of the language it switches to.
    {Str::OfficeOtherLanguage, "EN", "VI"},
    {Str::StorageChecking, "Lưu trữ bền vững: đang kiểm tra…", "Persistent storage: checking…"},
    {Str::StoragePersistent, "Lưu trữ bền vững: đã bật", "Persistent storage: on"},
    {Str::StorageNotPersistent, "Lưu trữ bền vững: chưa bật", "Persistent storage: off"},
    {Str::StorageExplain,
     "Khi chưa bật, trình duyệt có thể xoá dữ liệu khi máy đầy bộ nhớ. Safari (iPhone) xoá dữ liệu của trang "
     "không dùng trong 7 ngày, trừ khi đã thêm vào Màn hình chính. Hãy đồng bộ thường xuyên.",
     "When off, the browser may delete the data when the phone runs out of space. Safari (iPhone) deletes the "
     "data of sites not used for 7 days unless added to the Home Screen. Sync often."},
    {Str::StorageAsk, "Bật lưu trữ bền vững", "Turn on persistent storage"},
    {Str::InstallTitle, "Cài lên màn hình chính", "Install on the home screen"},
    {Str::InstallIos,
     "Trên iPhone: mở trang này bằng Safari, chạm nút Chia sẻ (ô vuông có mũi tên lên), chọn \"Thêm vào MH chính\", "
     "rồi mở DiemQuet từ biểu tượng mới.",
     "On iPhone: open this page in Safari, tap Share (the square with an up arrow), choose \"Add to Home Screen\", "
     "then open DiemQuet from the new icon."},
    {Str::InstallOther,
     "Mở menu của trình duyệt, chọn \"Cài đặt ứng dụng\" hoặc \"Thêm vào màn hình chính\": DiemQuet mở toàn màn hình "
     "và dữ liệu được giữ lâu hơn.",
     "Open the browser's menu and choose \"Install app\" or \"Add to Home screen\": DiemQuet opens full screen "
     "and its data is kept longer."},
};

// The table indexed by key, built once; a missing entry shows its key's number, never crashes.
const Entry* const* byKey() {
  static const Entry* index[size_t(Str::Count_)] = {};
  static bool built = false;
  if (!built) {
    for (const Entry& e : kStrings) index[size_t(e.key)] = &e;
    built = true;
  }
  return index;
}

}  // namespace

void setLanguage(Lang lang) { g_lang = lang; }
Lang language() { return g_lang; }

const char* tr(Str s) { return trIn(s, g_lang); }

const char* trIn(Str s, Lang lang) {
  const Entry* e = size_t(s) < size_t(Str::Count_) ? byKey()[size_t(s)] : nullptr;
  if (!e) return "?";
  return lang == Lang::Vi ? e->vi : e->en;
}

bool allStringsPresent() {
  for (size_t i = 0; i < size_t(Str::Count_); ++i)
    if (!byKey()[i]) return false;
  return true;
}

const char* errorText(ErrorKind kind) {
  bool vi = g_lang == Lang::Vi;
  switch (kind) {
    case ErrorKind::EmptyName: return vi ? "Vui lòng nhập họ tên." : "Please enter the name.";
    case ErrorKind::NameTooLong: return vi ? "Họ tên quá dài (tối đa 80 ký tự)." : "Name too long (80 characters at most).";
    case ErrorKind::NameSymbols:
      return vi ? "Họ tên chỉ gồm chữ cái, không dùng biểu tượng hay emoji." : "A name has letters only: no symbols or emoji.";
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
