// The office (/office): placeholder until the office issue lands its screens.
#include "i18n.hpp"
#include "modes.hpp"
#include "widgets.hpp"

namespace diemquet::ui {

namespace {
class OfficeUi : public ModeUi {
 public:
  void frame(bool) override {
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(ImGui::GetIO().DisplaySize);
    ImGui::Begin("office", nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoSavedSettings);
    text("office.title", "DiemQuet", theme::kText, fonts().bold);
    ImGui::End();
  }
};
}  // namespace

std::unique_ptr<ModeUi> makeOfficeUi(StationSession&) { return std::make_unique<OfficeUi>(); }

}  // namespace diemquet::ui
