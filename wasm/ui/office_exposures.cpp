// Office: publishing and withdrawing exposure alerts (office_exposures.hpp). The window is the
// traced visit's own (start to end, as the trace estimated it); the server audits both actions.
#include "office_exposures.hpp"

#include <imgui.h>

#include <optional>

#include "i18n.hpp"
#include "text.hpp"
#include "widgets.hpp"

namespace diemquet::ui::office {

namespace {

struct PublishForm {
  int openIndex = -1;  // the visit whose form is open
  int point = 0;       // 0: every scan point, else scanPoints[point - 1]
  std::string advice;
  std::optional<Str> error;  // worded when drawn (it follows a language switch)
  int publishedIndex = -1;  // the visit just published from
  bool sending = false;
} g_form;

struct Published {
  std::vector<client::Exposure> list;
  bool loading = false, loaded = false;
  std::optional<Str> error;
} g_list;

void reload(OfficeState& s) {
  if (g_list.loading) return;
  g_list.loading = true;
  s.client.exposures([](const client::OfficeResult<std::vector<client::Exposure>>& r) {
    g_list.loading = false;
    g_list.loaded = true;
    if (r.ok()) {
      g_list.list = r.value;
      g_list.error.reset();
    } else {
      g_list.error = failureKey(r);
    }
  });
}

std::string fill(Str s, const char* slot, int n) {
  std::string t = tr(s);
  auto at = t.find(slot);
  if (at != std::string::npos) t.replace(at, std::string(slot).size(), std::to_string(n));
  return t;
}

}  // namespace

void resetPublishForm() {
  g_form = PublishForm{};
}

void drawPublishExposure(OfficeState& s, const client::TraceVisit& visit, int index, const std::string& traceReason) {
  const std::string id = "office.exposure." + std::to_string(index);
  if (g_form.publishedIndex == index) {
    text((id + ".done").c_str(), tr(Str::OfficeExposurePublished), theme::kIn);
    return;
  }
  if (g_form.openIndex != index) {
    if (button((id + ".open").c_str(), tr(Str::OfficeExposurePublish), ButtonStyle::Secondary)) {
      // The advice is for visitors, who read the alert in Vietnamese whatever the officer's
      // screen is in: the suggested text is Vietnamese (an English one went out as typed).
      g_form = PublishForm{index, 0, trIn(Str::OfficeExposureAdviceDefault, Lang::Vi), std::nullopt, g_form.publishedIndex,
                           false};
    }
    return;
  }
  const std::vector<std::string>& points = visit.scanPoints;
  // Every scan point, or one the visit was recorded at: one full-width button each (no dropdown on a phone).
  for (int p = 0; p <= int(points.size()); ++p) {
    std::string label = (g_form.point == p ? "✓ " : "") +
                        (p == 0 ? std::string(tr(Str::OfficeExposureAllPoints)) : visit.scanPointNames[p - 1]);
    if (button((id + ".point." + std::to_string(p)).c_str(), label.c_str(),
               g_form.point == p ? ButtonStyle::Primary : ButtonStyle::Secondary))
      g_form.point = p;
  }
  textField((id + ".advice").c_str(), tr(Str::OfficeExposureAdvice), g_form.advice, platform::InputMode::Text, "",
            trIf(g_form.error));
  if (button((id + ".send").c_str(), g_form.sending ? tr(Str::Loading) : tr(Str::OfficeExposureSend),
             ButtonStyle::Danger) &&
      !g_form.sending) {
    // An empty advice is said where it is typed, without asking the server ("Thông tin chưa đúng"
    // named no field).
    if (text::squeezeSpaces(g_form.advice).empty()) {
      g_form.error = Str::OfficeExposureAdviceRequired;
      return;
    }
    // The audit log keeps why: the reason the officer typed for the trace this alert comes from
    // (the form asks for none again; "trace <venue> <time>" said nothing the log lacked).
    client::ExposureDraft draft{visit.venueId, g_form.point == 0 ? std::string() : points[g_form.point - 1],
                                visit.startMs, visit.endMs, g_form.advice, traceReason};
    g_form.sending = true;
    s.client.publishExposure(draft, [&s, index](const Reply& r) {
      g_form.sending = false;
      if (r.ok()) {
        g_form.publishedIndex = index;
        g_form.openIndex = -1;
        g_list.loaded = false;
        reload(s);
      } else if (r.errorCode == "advice_required") {
        g_form.error = Str::OfficeExposureAdviceRequired;
      } else {
        g_form.error = failureKey(r);
      }
    });
  }
}

void drawStaffPhones(const client::TraceResult& traceResult) {
  std::string line = fill(Str::OfficeStaffPhones, "{a}", int(traceResult.staffWithPhone));
  auto at = line.find("{b}");
  if (at != std::string::npos) line.replace(at, 3, std::to_string(traceResult.staffWithoutPhone));
  text("office.trace.staffPhones", line, theme::kMuted);
}

void drawPublishedExposures(OfficeState& s) {
  if (!g_list.loaded) reload(s);
  ImGui::Dummy(ImVec2(1, 6));
  text("office.exposures.title", tr(Str::OfficeExposures), theme::kText, fonts().bold);
  if (g_list.error) banner("office.exposures.error", tr(*g_list.error), theme::kDanger);
  if (g_list.loaded && g_list.list.empty()) text("office.exposures.none", tr(Str::OfficeExposureNone), theme::kMuted);
  int i = 0;
  for (const client::Exposure& e : g_list.list) {
    const std::string id = "office.exposures." + std::to_string(i++);
    const bool withdrawn = e.withdrawn;
    // The scan point by its name, the window as the trace showed it ("05/12/2026 14:12 – 15:12").
    std::string line = e.venueName + (e.scanPointId.empty() ? "" : " · " + e.scanPointName) + "\n" +
                       spanLabel(e.from, false, e.until, false) +
                       (withdrawn ? " · " + std::string(tr(Str::OfficeExposureWithdrawn)) : "") + "\n" + e.advice;
    text(id.c_str(), line, withdrawn ? theme::kMuted : theme::kText);
    if (!withdrawn && button((id + ".withdraw").c_str(), tr(Str::OfficeExposureWithdraw), ButtonStyle::Secondary)) {
      s.client.withdrawExposure(e.id, [&s](const Reply& r) {
        if (!r.ok()) g_list.error = failureKey(r);
        g_list.loaded = false;
        reload(s);
      });
    }
  }
}

}  // namespace diemquet::ui::office
