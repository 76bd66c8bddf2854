#include "probe.hpp"

#include <imgui.h>
#include <imgui_internal.h>

#include <cstdio>

#include "glyph_fallback.hpp"
#include "text.hpp"
#include "theme.hpp"

namespace diemquet::ui::probe {

namespace {
std::string g_building, g_missing, g_last = "{\"frame\":0,\"items\":[],\"missing\":[],\"fallbackDrawn\":0}";
std::string g_spokenBuilding, g_spoken;
unsigned long g_frame = 0;
int g_fallbackDrawn = 0;
// Since the page loaded, so a test notices a frame it did not read: the first distinct missing
// characters (a few are enough to name the defect) and the fallback glyphs drawn.
std::string g_everMissing;
int g_everMissingCount = 0;
// Characters drawn as a box (glyph_fallback.hpp): this frame's, and the first few since the page loaded.
std::string g_boxed, g_everBoxed;
int g_everBoxedCount = 0;
long g_everFallback = 0;
bool g_first = true;
// The last press and release of the pointer (a finger's tap is one of each), as ImGui saw them.
struct Press {
  unsigned long seq = 0, frame = 0;
  float x = 0, y = 0;
  std::string id, items;
  bool thisFrame = false;
} g_press;
struct Release {
  unsigned long seq = 0, frame = 0;
  std::string id;
} g_release;

void appendEscaped(std::string& o, const std::string& s) {
  for (char c : s) {
    if (c == '"' || c == '\\') {
      o += '\\';
      o += c;
    } else if (static_cast<unsigned char>(c) < 0x20) {
      char b[8];
      std::snprintf(b, sizeof b, "\\u%04x", c);
      o += b;
    } else
      o += c;
  }
}

// Characters of `text` the body face would draw with its fallback glyph: text a widget drew
// without ui::drawable().
void checkGlyphs(const std::string& id, const std::string& text) {
  const ImFont* font = fonts().body;
  if (!font || !text::isValidUtf8(text)) return;
  for (char32_t cp : text::decodeUtf8(text)) {
    if (hasGlyph(font, cp)) continue;
    if (!g_missing.empty()) g_missing += ',';
    char b[48];
    std::snprintf(b, sizeof b, "{\"cp\":\"U+%04X\",\"id\":\"", unsigned(cp));
    g_missing += b;
    appendEscaped(g_missing, id);
    g_missing += "\",\"ch\":\"";
    std::string ch;
    text::appendUtf8(ch, cp);
    appendEscaped(g_missing, ch);
    g_missing += "\"}";
    std::string entry = g_missing.substr(g_missing.rfind("{\"cp\""));
    if (g_everMissingCount < 8 && g_everMissing.find(entry) == std::string::npos) {
      if (!g_everMissing.empty()) g_everMissing += ',';
      g_everMissing += entry;
      ++g_everMissingCount;
    }
  }
}

bool endsWith(const std::string& s, const char* tail) {
  const std::string t(tail);
  return s.size() >= t.size() && s.compare(s.size() - t.size(), t.size(), t) == 0;
}

bool spoken(const std::string& id) {
  return endsWith(id, ".title") || id.rfind("status.", 0) == 0 || endsWith(id, ".error") || id == "top.offline";
}
}  // namespace

void beginFrame() {
  g_spokenBuilding.clear();
  g_building = "{\"items\":[";
  g_missing.clear();
  g_boxed.clear();
  g_fallbackDrawn = 0;
  g_first = true;
  const ImGuiIO& io = ImGui::GetIO();
  g_press.thisFrame = io.MouseClicked[0];
  if (io.MouseClicked[0]) {
    ++g_press.seq;
    g_press.frame = g_frame + 1;
    g_press.x = io.MousePos.x;
    g_press.y = io.MousePos.y;
    g_press.id.clear();
  }
  if (io.MouseReleased[0]) {
    ++g_release.seq;
    g_release.frame = g_frame + 1;
    g_release.id.clear();
  }
}

void noteItem(const std::string& id) {
  if (g_press.thisFrame && ImGui::IsItemActivated()) g_press.id = id;
  if (ImGui::GetIO().MouseReleased[0] && ImGui::IsItemDeactivated() && ImGui::IsItemHovered()) g_release.id = id;
}

void noteBoxed(char32_t cp) {
  char b[16];
  std::snprintf(b, sizeof b, "\"U+%04X\"", unsigned(cp));
  if (g_boxed.find(b) == std::string::npos) g_boxed += (g_boxed.empty() ? "" : ",") + std::string(b);
  if (g_everBoxedCount < 8 && g_everBoxed.find(b) == std::string::npos) {
    g_everBoxed += (g_everBoxed.empty() ? "" : ",") + std::string(b);
    ++g_everBoxedCount;
  }
}

void add(const char* kind, const std::string& id, const std::string& text, float x, float y, float w, float h) {
  checkGlyphs(id, text);
  if (!text.empty() && spoken(id) && g_spokenBuilding.find(text) == std::string::npos) {
    if (!g_spokenBuilding.empty()) g_spokenBuilding += ". ";
    g_spokenBuilding += text;
  }
  if (!g_first) g_building += ',';
  g_first = false;
  g_building += "{\"kind\":\"";
  g_building += kind;
  g_building += "\",\"id\":\"";
  appendEscaped(g_building, id);
  g_building += "\",\"text\":\"";
  appendEscaped(g_building, text);
  // The vertical clip of the window it is drawn in: a widget of the scrolling body that lies
  // under a bar is clipped away there, a widget of the bar itself is not.
  float clipTop = 0, clipBottom = ImGui::GetIO().DisplaySize.y;
  if (ImGui::GetCurrentContext() && ImGui::GetCurrentContext()->CurrentWindow) {
    clipTop = ImGui::GetWindowDrawList()->GetClipRectMin().y;
    clipBottom = ImGui::GetWindowDrawList()->GetClipRectMax().y;
  }
  char geom[160];
  std::snprintf(geom, sizeof geom, "\",\"x\":%.1f,\"y\":%.1f,\"w\":%.1f,\"h\":%.1f,\"clip\":[%.1f,%.1f]}", x, y, w, h,
                clipTop, clipBottom);
  g_building += geom;
}

void scanDrawData(const ImDrawData* data) {
  if (!data) return;
  // A glyph is one quad whose first vertex has the glyph's (U0,V0) and third its (U1,V1).
  const ImVector<ImFont*>& fonts = ImGui::GetIO().Fonts->Fonts;
  for (int l = 0; l < data->CmdListsCount; ++l) {
    const ImVector<ImDrawVert>& v = data->CmdLists[l]->VtxBuffer;
    for (int i = 0; i + 2 < v.Size; ++i)
      for (const ImFont* f : fonts) {
        const ImFontGlyph* g = f->FallbackGlyph;
        if (g && v[i].uv.x == g->U0 && v[i].uv.y == g->V0 && v[i + 2].uv.x == g->U1 && v[i + 2].uv.y == g->V1) {
          ++g_fallbackDrawn;
          break;
        }
      }
  }
}

void endFrame() {
  g_everFallback += g_fallbackDrawn;
  char tail[128];
  std::snprintf(tail, sizeof tail, "],\"fallbackDrawn\":%d,\"fallbackEver\":%ld,\"frame\":%lu}", g_fallbackDrawn,
                g_everFallback, ++g_frame);
  if (g_press.thisFrame) g_press.items = g_building.substr(g_building.find('[') + 1);
  g_building += "],\"missing\":[";
  g_building += g_missing;
  g_building += "],\"missingEver\":[";
  g_building += g_everMissing;
  g_building += "],\"boxed\":[";
  g_building += g_boxed;
  g_building += "],\"boxedEver\":[";
  g_building += g_everBoxed;
  g_building += tail;
  g_building.pop_back();  // the closing brace: the last tap follows
  char tap[160];
  std::snprintf(tap, sizeof tap, ",\"press\":{\"seq\":%lu,\"frame\":%lu,\"x\":%.1f,\"y\":%.1f,\"id\":\"", g_press.seq,
                g_press.frame, g_press.x, g_press.y);
  g_building += tap;
  appendEscaped(g_building, g_press.id);
  g_building += "\",\"items\":[";
  g_building += g_press.items;
  std::snprintf(tap, sizeof tap, "]},\"release\":{\"seq\":%lu,\"frame\":%lu,\"id\":\"", g_release.seq, g_release.frame);
  g_building += tap;
  appendEscaped(g_building, g_release.id);
  g_building += "\"}}";
  g_last.swap(g_building);
  g_spoken.swap(g_spokenBuilding);
}

const std::string& lastFrameSpoken() {
  return g_spoken;
}

const std::string& lastFrameJson() {
  return g_last;
}

}  // namespace diemquet::ui::probe
