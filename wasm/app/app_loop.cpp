// The main loop every face shares (app_loop.hpp): fonts at the device pixel ratio, frames
// drawn only when something changed, the aria-live summary of the screen.
#include "app_loop.hpp"

#include <emscripten.h>
#include <imgui.h>

#include <algorithm>
#include <cstring>
#include <string>
#include <vector>

#include "app_fonts.hpp"
#include "code_warmup.hpp"
#include "draw_surface.hpp"
#include "frame_packer.hpp"
#include "imgui_impl_html5.hpp"
#include "platform.hpp"
#include "probe.hpp"
#include "text_input.hpp"
#include "theme.hpp"
#include "widgets.hpp"

namespace diemquet::app {

namespace {

struct Loop {
  std::unique_ptr<ui::ModeUi> ui;
  FaceHooks hooks;
  uint64_t drawnVersion = 0;
  bool drawnOnline = true;
  int framesToDraw = 2;
  double lastDraw = 0;
  double saveSeenAt = 0;  // when the current save in flight was first seen (0: none)
  float fontDpr = 0;
  std::string spoken;      // what the aria-live region says of the screen
  double fontAtlasMs = 0;  // the last font atlas build and upload (web/loader.js reports it)
  uint64_t shownHash = 0;  // the draw data on the canvas now (0: nothing presented yet)
  // Frames built (ImGui only) and frames presented (sent to be drawn): dq_frame_stats().
  uint64_t built = 0, presented = 0;
  double presentMs = 0;  // on this thread: packing and posting (the drawing is the worker's)
  std::vector<uint32_t> packed;  // the last frame presented, packed (frame_packer.hpp)
  bool framesStarted = false;    // dq_start_frames: the main loop runs
  // The first steps that did work (the first frames), in ms each: where a
  // start's long tasks go (dq_frame_stats, bench/web/profile-start.mjs).
  uint64_t steps = 0;
  std::vector<double> firstStepsMs;
};
Loop g_loop;

// The atlas baked off the main thread (web/font-baker.js runs this module in a worker): the
// bytes stay valid until the next bake.
std::string g_baked;

// The one texture on the drawing surface: the font atlas's (no id: not on it yet).
const ImTextureID kFontTexture = reinterpret_cast<ImTextureID>(static_cast<intptr_t>(1));

// The font texture is made anew once the fonts change.
void forgetFontTexture() {
  ImGui::GetIO().Fonts->SetTexID(nullptr);
}

// The atlas's alpha, built here, to the drawing surface (a bake's goes there from the page's
// loader: dq_use_baked_fonts). Its texture is
// the one every command draws with: its id is 1. ImGui's OpenGL backend uploaded it as RGBA
// (4 bytes a texel, all white but the alpha) after a copy loop on the main thread.
void sendFontTexture() {
  ImFontAtlas* atlas = ImGui::GetIO().Fonts;
  unsigned char* alpha = nullptr;
  int width = 0, height = 0;
  atlas->GetTexDataAsAlpha8(&alpha, &width, &height);
  platform::drawSurfaceFont(alpha, width, height);
  atlas->SetTexID(kFontTexture);
}

// The fonts at the device pixel ratio (app_fonts.hpp); the atlas is built and sent by the
// next frame, unless a bake already filled it.
void loadFonts(float dpr) {
  registerFonts(dpr);
  forgetFontTexture();
  g_loop.fontDpr = dpr;
}

// A fingerprint of everything a frame would put on the canvas: the display, every vertex,
// index and draw command. Equal fingerprints draw equal pixels, so that frame is not presented.
uint64_t drawDataHash(const ImDrawData* d) {
  uint64_t h = 0x9E3779B97F4A7C15ull;
  auto mix = [&h](const void* p, size_t bytes) {
    const auto* c = static_cast<const unsigned char*>(p);
    size_t i = 0;
    for (; i + 8 <= bytes; i += 8) {
      uint64_t w;
      std::memcpy(&w, c + i, 8);
      h = (h ^ w) * 0x100000001B3ull;
      h ^= h >> 29;
    }
    for (; i < bytes; ++i) h = (h ^ c[i]) * 0x100000001B3ull;
  };
  mix(&d->DisplaySize, sizeof d->DisplaySize);
  mix(&d->FramebufferScale, sizeof d->FramebufferScale);
  for (int n = 0; n < d->CmdListsCount; ++n) {
    const ImDrawList* l = d->CmdLists[n];
    mix(l->VtxBuffer.Data, size_t(l->VtxBuffer.Size) * sizeof(ImDrawVert));
    mix(l->IdxBuffer.Data, size_t(l->IdxBuffer.Size) * sizeof(ImDrawIdx));
    for (const ImDrawCmd& c : l->CmdBuffer) {
      mix(&c.ClipRect, sizeof c.ClipRect);
      const auto tex = reinterpret_cast<uintptr_t>(c.TextureId);
      mix(&tex, sizeof tex);
      const uint32_t counts[3] = {c.VtxOffset, c.IdxOffset, c.ElemCount};
      mix(counts, sizeof counts);
    }
  }
  return h == 0 ? 1 : h;
}

void buildFrame() {
  bool ticked = g_loop.ui->tick();
  const bool pointer = platform::imguiHtml5TakeActivity(), typed = platform::textFieldTakeActivity();  // take both
  bool activity = pointer || typed || ticked;
  bool online = platform::isOnline();
  if (g_loop.hooks.tick) g_loop.hooks.tick(online);
  const uint64_t version = g_loop.hooks.version ? g_loop.hooks.version() : 0;
  // Draw only when something changed: every frame costs the phone's battery, and a frame
  // drawn while a save commits delays the commit. Input needs a few frames (press, release,
  // hover settling); a state change needs two; a screen that animates asks for up to 20
  // frames/s (the camera's live view is the page's own <video>, never drawn here);
  // otherwise twice a second (the clock, a blinking caret, banners that expire).
  double t = emscripten_get_now();
  if (activity) g_loop.framesToDraw = std::max(g_loop.framesToDraw, 4);
  if (version != g_loop.drawnVersion || online != g_loop.drawnOnline)
    g_loop.framesToDraw = std::max(g_loop.framesToDraw, 2);
  if ((g_loop.ui->animating() && t - g_loop.lastDraw >= 50) || t - g_loop.lastDraw > 500)
    g_loop.framesToDraw = std::max(g_loop.framesToDraw, 1);
  // While a save is in flight nothing is drawn, for up to kSaveHoldMs: its commit completes
  // sooner without a frame competing for the CPU (a software-rendered frame costs more than the
  // commit), and a few-ms "saving" state needs no frame of its own. Frames asked for meanwhile
  // are drawn after; a slower commit shows "saving" once the hold ends.
  constexpr double kSaveHoldMs = 250;
  if (g_loop.hooks.savesInFlight && g_loop.hooks.savesInFlight() > 0) {
    if (g_loop.saveSeenAt == 0) g_loop.saveSeenAt = t;
    if (t - g_loop.saveSeenAt < kSaveHoldMs) return;
  } else {
    g_loop.saveSeenAt = 0;
  }
  if (g_loop.framesToDraw <= 0) return;
  --g_loop.framesToDraw;
  g_loop.lastDraw = t;
  g_loop.drawnVersion = version;
  g_loop.drawnOnline = online;

  platform::imguiHtml5NewFrame();
  const bool newFonts = platform::devicePixelRatio() != g_loop.fontDpr;
  const double fontT0 = emscripten_get_now();
  if (newFonts) loadFonts(platform::devicePixelRatio());
  // After a change of ratio (or without a bake) the atlas is built and sent here.
  const bool newTexture = ImGui::GetIO().Fonts->TexID == nullptr;
  if (newTexture) sendFontTexture();
  if (newFonts) g_loop.fontAtlasMs = emscripten_get_now() - fontT0;
  ImGui::NewFrame();
  ui::probe::beginFrame();
  platform::textFieldsBeginFrame();
  g_loop.ui->frame(online);
  ImGui::Render();
  ui::probe::scanDrawData(ImGui::GetDrawData());  // fallback glyphs actually drawn
  ui::probe::endFrame();
  if (ui::probe::lastFrameSpoken() != g_loop.spoken) {
    g_loop.spoken = ui::probe::lastFrameSpoken();
    platform::announceScreen(g_loop.spoken);
  }
  // A widget held down (a press in progress) is built every frame until released.
  if (ImGui::IsAnyItemActive()) g_loop.framesToDraw = std::max(g_loop.framesToDraw, 1);
  ++g_loop.built;
  ++g_loop.steps;
  // Present only what differs from the canvas. Building a frame is ImGui's arithmetic (a few
  // ms); drawing it is WebGL, which on a phone without a fast GPU, or in software, takes far
  // longer and costs battery, even in the drawing worker. A canvas not drawn to keeps its last
  // picture.
  const uint64_t hash = drawDataHash(ImGui::GetDrawData());  // ~0.1 ms for a screen
  if (hash == g_loop.shownHash && !newFonts && !newTexture) return;
  g_loop.shownHash = hash;
  const double presentT0 = emscripten_get_now();
  static constexpr float kBackground[3] = {0.945f, 0.961f, 0.976f};
  packFrame(ImGui::GetDrawData(), kBackground, g_loop.packed);
  platform::drawSurfacePresent(g_loop.packed.data(), g_loop.packed.size() * sizeof(uint32_t));
  ++g_loop.presented;
  g_loop.presentMs += emscripten_get_now() - presentT0;
}

void frame() {
  const double t0 = emscripten_get_now();
  const uint64_t steps = g_loop.steps;
  buildFrame();
  if (g_loop.steps != steps && g_loop.firstStepsMs.size() < 4) g_loop.firstStepsMs.push_back(emscripten_get_now() - t0);
}

}  // namespace

void warmFace(WireFace wire) {
  FaceHooks hooks;
  warmFrameCode(g_baked, wire(hooks).get());
}

int bootFace(WireFace wire) {
  FaceHooks hooks;
  std::unique_ptr<ui::ModeUi> ui = wire(hooks);
  return startApp(std::move(ui), std::move(hooks));
}

int startApp(std::unique_ptr<ui::ModeUi> ui, FaceHooks hooks) {
  g_loop.ui = std::move(ui);
  g_loop.hooks = std::move(hooks);
  if (!platform::drawSurfaceStart()) return -1;  // no WebGL2

  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;  // layout is code, not a file
  io.ConfigInputTextCursorBlink = true;
  ui::applyTheme();
  platform::imguiHtml5Init("#canvas");
  return 0;
}

void startFrames() {
  if (!g_loop.ui || g_loop.framesStarted) return;
  g_loop.framesStarted = true;
  emscripten_set_main_loop(frame, 0, false);
}

}  // namespace diemquet::app

// How long the last font atlas took to build and upload, in ms (start-up figures).
extern "C" EMSCRIPTEN_KEEPALIVE double dq_font_atlas_ms() {
  return diemquet::app::g_loop.fontAtlasMs;
}

extern "C" EMSCRIPTEN_KEEPALIVE const char* dq_bake_fonts(double dpr) {
  diemquet::app::g_baked = diemquet::app::bakeFonts(float(dpr));
  return diemquet::app::g_baked.data();
}
extern "C" EMSCRIPTEN_KEEPALIVE int dq_baked_fonts_size() {
  return int(diemquet::app::g_baked.size());
}

// The page's loader hands a bake over before the first frame, without its pixels (`bytes`
// ends where they begin: app_fonts.hpp): 1 when it was used, and the loader then gives the
// pixels to the drawing surface itself (the 1.4-MB texture never passes through this module,
// which copied it in and out again: 50-200 ms of the page's thread measured); 0 when it was not
// this module's (the first frame builds the atlas and sends it).
extern "C" EMSCRIPTEN_KEEPALIVE int dq_use_baked_fonts(const uint8_t* bytes, int size) {
  using namespace diemquet::app;
  const double t0 = emscripten_get_now();
  if (!g_loop.ui || size <= 0 || !useBakedFonts(bytes, size_t(size))) return 0;
  ImGui::GetIO().Fonts->SetTexID(kFontTexture);
  g_loop.fontDpr = bakedRatio(bytes, size_t(size));
  g_loop.fontAtlasMs = emscripten_get_now() - t0;
  return 1;
}

// Frames built and presented since start, and the ms this thread spent presenting (the idle test and
// bench/web/profile-start.mjs read it): {"built":N,"presented":M,"presentMs":X,"atlas":"WxH",
// "firstStepsMs":[the GPU objects, the first frames]}.
extern "C" EMSCRIPTEN_KEEPALIVE const char* dq_frame_stats() {
  static std::string json;
  json = "{\"built\":" + std::to_string(diemquet::app::g_loop.built) +
         ",\"presented\":" + std::to_string(diemquet::app::g_loop.presented) +
         ",\"presentMs\":" + std::to_string(int64_t(diemquet::app::g_loop.presentMs)) + ",\"atlas\":\"" +
         std::to_string(ImGui::GetIO().Fonts->TexWidth) + "x" + std::to_string(ImGui::GetIO().Fonts->TexHeight) +
         "\",\"firstStepsMs\":[";
  for (size_t i = 0; i < diemquet::app::g_loop.firstStepsMs.size(); ++i)
    json += (i ? "," : "") + std::to_string(int64_t(diemquet::app::g_loop.firstStepsMs[i]));
  json += "]}";
  return json.c_str();
}

// The loader calls it once the bake is handed over (dq_use_baked_fonts), in a task after
// dq_boot's: a frame run before the hand-over would build the atlas itself.
extern "C" EMSCRIPTEN_KEEPALIVE void dq_start_frames() {
  diemquet::app::startFrames();
}

// What the last frame showed (see ui/probe.hpp).
extern "C" EMSCRIPTEN_KEEPALIVE const char* dq_probe() {
  return diemquet::ui::probe::lastFrameJson().c_str();
}
