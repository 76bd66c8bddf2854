// One request at a time: typing while a search is in flight sends the latest text when the
// answer arrives, so a fast typist never sees the answer to an older query last.
#include "area_picker.hpp"

#include "i18n.hpp"
#include "widgets.hpp"

namespace diemquet::ui {

namespace {

constexpr size_t kShown = 8;

void send(AreaPicker& p, const AreaFetch& fetch) {
  p.asked = p.query;
  p.waiting = true;
  AreaPicker* picker = &p;  // pickers live in the screens' static state
  fetch(client::AreaSearch{p.query, p.level, p.within, int(kShown)},
        [picker, fetch](bool ok, const std::vector<client::AreaChoice>& found) {
          picker->waiting = false;
          if (picker->query != picker->asked && !picker->code.empty()) return;
          if (picker->query != picker->asked) {  // typed on meanwhile: ask again
            if (picker->query.size() >= 2) send(*picker, fetch);
            return;
          }
          picker->results = ok ? found : std::vector<client::AreaChoice>{};
          picker->noMatch = ok && picker->results.empty();
        });
}

}  // namespace

bool areaPicker(const char* id, const char* label, AreaPicker& p, const AreaFetch& fetch, const char* error,
                const char* hint, const char* noMatch) {
  const std::string base(id);
  if (!p.code.empty()) {
    // The choice, shown in full; a tap searches again.
    text((base + ".label").c_str(), label, theme::kMuted);
    if (button((base + ".chosen").c_str(), p.label.c_str(), ButtonStyle::Secondary)) {
      p.code.clear();
      p.label.clear();
    }
    return false;
  }
  if (textField((base + ".q").c_str(), label, p.query, platform::InputMode::Text, hint ? hint : tr(Str::AreaSearchHint), error)) {
    p.noMatch = false;
    if (p.query.size() < 2)
      p.results.clear();
    else if (!p.waiting)
      send(p, fetch);
  }
  if (p.noMatch) text((base + ".none").c_str(), noMatch ? noMatch : tr(Str::AreaNoMatch), theme::kMuted);
  for (size_t i = 0; i < p.results.size(); ++i) {
    const std::string code = p.results[i].code, name = p.results[i].label;
    if (button((base + ".r" + std::to_string(i)).c_str(), name.c_str(), ButtonStyle::Quiet)) {
      p.code = code;
      p.label = name;
      p.results.clear();
      return true;
    }
  }
  return false;
}

}  // namespace diemquet::ui
