// The visitor page (/v): placeholder until the posters issue lands its screens.
#include "i18n.hpp"
#include "modes.hpp"
#include "widgets.hpp"

namespace diemquet::ui {

namespace {
class VisitorUi : public ModeUi {
 public:
  void frame(bool) override {
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(ImGui::GetIO().DisplaySize);
    ImGui::Begin("visitor", nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoSavedSettings);
    text("visitor.title", "DiemQuet", theme::kText, fonts().bold);
    ImGui::End();
  }
};
}  // namespace

std::unique_ptr<ModeUi> makeVisitorUi(StationSession&) { return std::make_unique<VisitorUi>(); }

}  // namespace diemquet::ui
