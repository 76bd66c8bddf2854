// Office: register a venue of the officer's area (name, street address, ward, kind of decision
// 2666/QĐ-BYT, staff count, phone, scan points) and issue a device enrollment code for it.
#include <imgui.h>

#include <algorithm>
#include <cstdlib>
#include <optional>
#include <utility>

#include "area_picker.hpp"
#include "i18n.hpp"
#include "office_state.hpp"
#include "services.hpp"
#include "text.hpp"
#include "widgets.hpp"

namespace diemquet::ui::office {

namespace {

// The API's ids of the kinds of decision 2666/QĐ-BYT, and what officers read for them.
struct Category {
  const char* id;
  Str name;
};
const Category kCategories[] = {
    {"restaurant", Str::CatRestaurant}, {"office", Str::CatOffice}, {"factory", Str::CatFactory},
    {"hotel", Str::CatHotel}, {"bar", Str::CatBar}, {"karaoke", Str::CatKaraoke}, {"massage", Str::CatMassage},
    {"gym", Str::CatGym}, {"meeting", Str::CatMeeting}, {"hospital", Str::CatHospital},
    {"apartment", Str::CatApartment}, {"school", Str::CatSchool}, {"bus_station", Str::CatBusStation},
    {"public_transport", Str::CatPublicTransport}, {"shopping_centre", Str::CatShoppingCentre},
    {"market", Str::CatMarket}, {"essential_shop", Str::CatEssentialShop}, {"funeral", Str::CatFuneral},
    {"wedding", Str::CatWedding}, {"tourist_site", Str::CatTouristSite}, {"religious_site", Str::CatReligiousSite},
    {"other", Str::CatOther}};
constexpr int kCategoryCount = int(sizeof kCategories / sizeof kCategories[0]);

struct VenuesScreen {
  // No staff count by default: a "0" left as it was made every such venue "staff not declared"
  // in the reports, which count scans against staff.
  std::string name, address, staff, phone, points = "Cổng chính";
  int category = 0;
  bool choosingCategory = false;  // the list of kinds is open
  AreaPicker ward;  // searched within the officer's area
  // Messages as keys, worded when drawn (they follow a language switch).
  std::optional<Str> nameError, staffError, error;
  std::string registeredId, registeredName, code;
  int64_t registeredAtMs = 0;  // the office's clock when the last registration was answered
  bool busy = false;
  bool revealCode = false;  // a new code arrived: scroll it into view
  // A venue was registered: scroll "Đã đăng ký" into view (it lands below the fold), on two
  // frames: on the first, the new lines are not yet counted in how far the screen may scroll.
  int revealDone = 0;
  // Where "Đăng ký" was on the screen (its bottom, px) when tapped: the finger is still there, and
  // a double tap's second tap must not find "Cấp mã đăng ký thiết bị" under it.
  float registerTappedBottom = 0;
  // "Đăng ký" refused the form: scroll to what to fix (at 360×740 the name's error was above the
  // screen and the ward's below it, and the tap seemed to do nothing).
  enum class Reveal { None, Name, Banner } reveal = Reveal::None;
} g_f;

// How long after "Cấp mã" appears a tap on it is the late second tap of a double tap on "Đăng ký".
constexpr int64_t kSecondTapMs = 1000;

}  // namespace

// The area picker's requests through the officer's session (shared with the other screens).
AreaFetch areaFetch(OfficeState& s) {
  return
      [&s](const client::AreaSearch& search, std::function<void(bool, const std::vector<client::AreaChoice>&)> done) {
        s.client.searchAreas(
            search, [done](const client::OfficeResult<std::vector<client::AreaChoice>>& r) { done(r.ok(), r.value); });
      };
}

AreaFetch venueFetch(OfficeState& s) {
  constexpr size_t kVenuesShown = 6;  // a phone's screen of choices; typing more narrows them
  return
      [&s](const client::AreaSearch& search, std::function<void(bool, const std::vector<client::AreaChoice>&)> done) {
        s.client.findVenues(search.query, [done](const client::OfficeResult<std::vector<client::VenueFound>>& r) {
          std::vector<client::AreaChoice> found;
          for (const auto& v : r.value) {
            if (found.size() == kVenuesShown) break;
            found.push_back({v.id, v.name});
          }
          done(r.ok(), found);
        });
      };
}

namespace {

std::vector<std::string> splitPoints(const std::string& s) {
  std::vector<std::string> out;
  std::string cur;
  for (char c : s + ",") {
    if (c == ',') {
      while (!cur.empty() && cur.front() == ' ') cur.erase(cur.begin());
      while (!cur.empty() && cur.back() == ' ') cur.pop_back();
      if (!cur.empty()) out.push_back(cur);
      cur.clear();
    } else {
      cur += c;
    }
  }
  return out;
}

// After "Đăng ký": nothing of the registered venue is left for the next one (its phone, staff
// count and scan points stayed, and the next venue was registered with them). The ward stays
// only when it is the officer's own area (a commune officer registers every venue in it).
void clearVenueFields(const OfficeState& s) {
  const VenuesScreen fresh;
  g_f.name = fresh.name;
  g_f.address = fresh.address;
  g_f.staff = fresh.staff;
  g_f.phone = fresh.phone;
  g_f.points = fresh.points;
  g_f.category = fresh.category;
  g_f.choosingCategory = false;
  if (g_f.ward.code != s.areaCode) g_f.ward.clear();
}

}  // namespace

void drawVenues(OfficeState& s) {
  if (g_f.ward.within != s.areaCode) {
    g_f.ward.within = s.areaCode;
    g_f.ward.clear();
  }
  text("office.venues.title", tr(Str::OfficeRegisterVenue), theme::kText, fonts().bold);
  // A list of many venues: the import page (web/venue-import.html), where a file can be picked.
  if (button("office.venues.import", tr(Str::OfficeImportVenues), ButtonStyle::Secondary))
    services().openPage("/office/nhap-co-so");
  if (g_f.reveal == VenuesScreen::Reveal::Name) {
    g_f.reveal = VenuesScreen::Reveal::None;
    ImGui::SetScrollHereY(0.0f);
  }
  textField("office.venues.name", tr(Str::OfficeVenueName), g_f.name, platform::InputMode::Text, "Quán Phở Hòa",
            trIf(g_f.nameError));
  textField("office.venues.address", tr(Str::OfficeAddress), g_f.address, platform::InputMode::Text, "12 Lê Lợi", nullptr);
  areaPicker("office.venues.ward", tr(Str::OfficeWard), g_f.ward, areaFetch(s));
  // Kind: its name in the officer's language; a tap opens every kind as a list, one tap picks
  // (it cycled through English ids: 14 taps to reach "market").
  text("office.venues.category.label", tr(Str::OfficeCategory), theme::kMuted);
  if (button("office.venues.category", tr(kCategories[g_f.category].name), ButtonStyle::Secondary))
    g_f.choosingCategory = !g_f.choosingCategory;
  if (g_f.choosingCategory) {
    float half = (ImGui::GetContentRegionAvail().x - 6) / 2;
    for (int i = 0; i < kCategoryCount; ++i) {
      if (i % 2) ImGui::SameLine(0, 6);
      std::string id = std::string("office.venues.category.") + kCategories[i].id;
      if (button(id.c_str(), tr(kCategories[i].name), i == g_f.category ? ButtonStyle::Primary : ButtonStyle::Secondary, half, 48)) {
        g_f.category = i;
        g_f.choosingCategory = false;
      }
    }
  }
  // No example in the empty field: a grey "5" read as a value already typed.
  if (textField("office.venues.staff", tr(Str::OfficeStaff), g_f.staff, platform::InputMode::Numeric, "",
                trIf(g_f.staffError)))
    g_f.staffError.reset();
  textField("office.venues.phone", tr(Str::OfficePhone), g_f.phone, platform::InputMode::Tel, "0281234567", nullptr);
  textField("office.venues.points", tr(Str::OfficeScanPoints), g_f.points, platform::InputMode::Text,
            "Cổng chính, Cửa sau", nullptr);
  ImGui::Dummy(ImVec2(1, 4));
  // The second tap of a double tap lands on the form the first one just registered and emptied:
  // it is no new venue, and "enter the venue's name" would hide that it was registered. Told by
  // the emptied name within 5 s of the phone's clock (frames can be slow on a busy phone).
  const bool justRegistered = !g_f.registeredId.empty() && g_f.name.empty() && s.nowMs - g_f.registeredAtMs < 5000;
  if (button("office.venues.register", g_f.busy ? tr(Str::Loading) : tr(Str::OfficeRegister)) && !g_f.busy &&
      !justRegistered) {
    g_f.registerTappedBottom = ImGui::GetItemRectMax().y;
    g_f.nameError = text::squeezeSpaces(g_f.name).empty() ? std::optional(Str::OfficeVenueNameRequired) : std::nullopt;
    const std::string staff = text::squeezeSpaces(g_f.staff);
    const bool staffOk = !staff.empty() && staff.size() <= 6 && text::isAllDigits(staff) && std::atoi(staff.c_str()) <= 100000;
    g_f.staffError = staffOk ? std::nullopt : std::optional(Str::OfficeStaffRequired);
    g_f.error.reset();  // a ward chosen since: its message goes
    if (g_f.ward.code.empty()) g_f.error = Str::OfficeChooseWard;
    g_f.reveal = g_f.nameError ? VenuesScreen::Reveal::Name : g_f.error ? VenuesScreen::Reveal::Banner : VenuesScreen::Reveal::None;
    s.changed = true;
    if (!g_f.error && !g_f.nameError && !g_f.staffError) {
      g_f.busy = true;
      client::NewVenue venue;
      venue.name = g_f.name;
      venue.address = g_f.address;
      venue.ward = g_f.ward.code;
      venue.category = kCategories[g_f.category].id;
      venue.staffCount = std::atoi(staff.c_str());
      venue.phone = g_f.phone;
      venue.scanPoints = splitPoints(g_f.points);
      s.client.registerVenue(venue, [&s](const client::OfficeResult<client::RegisteredVenue>& r) {
        g_f.busy = false;
        if (!r.ok()) {
          g_f.error = failureKey(r);
          return;
        }
        g_f.registeredId = r.value.id;
        g_f.registeredName = r.value.name;
        g_f.registeredAtMs = s.nowMs;
        g_f.revealDone = 2;
        g_f.code.clear();
        clearVenueFields(s);
      });
    }
  }
  if (g_f.error) {
    banner("office.venues.error", tr(*g_f.error), theme::kDanger);
    if (g_f.reveal == VenuesScreen::Reveal::Banner) {
      g_f.reveal = VenuesScreen::Reveal::None;
      ImGui::SetScrollHereY(1.0f);
    }
  }
  if (g_f.registeredId.empty()) return;
  ImGui::Dummy(ImVec2(1, 6));
  text("office.venues.done", std::string(tr(Str::OfficeRegistered)) + ": " + g_f.registeredName + " (" + g_f.registeredId + ")",
       theme::kIn, fonts().bold);
  // The second tap of a double tap on "Đăng ký" can come after the answer, where "Cấp mã" may now
  // be (at the screen's bottom there is no room below the finger): for kSecondTapMs after the
  // button appears a tap on it is taken for that second tap and does nothing, as the station's
  // "Hoàn tác" does after "Ghi RA ngay". A tap the officer means comes later and issues the code.
  const bool issue = button("office.venues.code", tr(Str::OfficeIssueCode), ButtonStyle::Primary) &&
                     s.nowMs - g_f.registeredAtMs > kSecondTapMs;
  // At 360×740 the emptied form was all the officer saw after "Đăng ký": the line saying it was
  // registered, and the next step's button, were below the screen. Scrolled so "Cấp mã" starts
  // just below where "Đăng ký" was, or higher when that would put it past the screen's bottom
  // edge ("Đăng ký" tapped at the very bottom left it half out of view): the whole button and
  // "Đã đăng ký" above it are in view.
  if (g_f.revealDone > 0) {
    --g_f.revealDone;
    const float below = g_f.registerTappedBottom + 8;  // a finger's edge past the old button
    const float bottom = ImGui::GetWindowPos().y + ImGui::GetWindowHeight() - ImGui::GetStyle().WindowPadding.y;
    const float top = std::min(below, bottom - ImGui::GetItemRectSize().y);
    ImGui::SetScrollY(std::max(0.0f, ImGui::GetScrollY() + ImGui::GetItemRectMin().y - top));
  }
  if (issue && !g_f.busy) {
    g_f.busy = true;
    s.client.issueEnrollmentCode(g_f.registeredId, [](const client::OfficeResult<std::string>& r) {
      g_f.busy = false;
      if (!r.ok()) {
        g_f.error = failureKey(r);
        return;
      }
      g_f.code = r.value;
      g_f.revealCode = true;
    });
  }
  if (!g_f.code.empty()) {
    text("office.venues.code.hint", tr(Str::OfficeCodeHint), theme::kMuted);
    text("office.venues.code.value", g_f.code, theme::kText, fonts().big);
    // Where the code goes, and that the posters come from there (a new officer looked for them
    // here); a venue with no device gets them from the office, at the top of this tab.
    text("office.venues.code.next", tr(Str::OfficeCodeNextSteps), theme::kMuted);
    // The code is what the officer came for: scroll it into view once (it lands below the fold).
    if (std::exchange(g_f.revealCode, false)) ImGui::SetScrollHereY(1.0f);
  }
}

}  // namespace diemquet::ui::office
