// Font registration and the atlas bake (app_fonts.hpp). A bake is read back only by the module
// that wrote it (the page's own module, or one of the same build in a worker): the glyphs are
// copied as ImGui's own structs, guarded by a header that names the layout.
#include "app_fonts.hpp"

#include <imgui.h>
#include <imgui_internal.h>

#include <cstring>

#include "glyph_ranges.hpp"
#include "widgets.hpp"

namespace diemquet::app {

namespace {

// Noto Sans at `px`, with the symbol fonts merged in for what it lacks (ui/glyph_ranges.hpp is
// the one list of what the UI may draw). Rasterised 1:1 (no oversampling) at the device pixel
// ratio and drawn at 1/dpr: crisp on phones.
ImFont* addFace(float px, ui::glyphs::Face face, bool bold) {
  using ui::glyphs::Source;
  ImFontAtlas* atlas = ImGui::GetIO().Fonts;
  ImFontConfig cfg;
  cfg.OversampleH = 1;
  cfg.OversampleV = 1;
  ImFont* f = atlas->AddFontFromFileTTF(ui::glyphs::sourceFile(Source::Text, bold), px, &cfg,
                                        ui::glyphs::imguiRanges(Source::Text, face));
  if (!f) return nullptr;
  for (Source s : {Source::Symbols2, Source::Math}) {
    const ImWchar* r = ui::glyphs::imguiRanges(s, face);
    if (!r) continue;
    ImFontConfig merge = cfg;
    merge.MergeMode = true;
    atlas->AddFontFromFileTTF(ui::glyphs::sourceFile(s, bold), px, &merge, r);
  }
  return f;
}

// The bake's layout. `abi` changes with ImGui's version or its glyph struct; the module that
// reads a bake of another build's fonts finds a different face count, size or glyph table.
constexpr uint32_t kMagic = 0x32465144;  // "DQF2": the UVs in the header, the pixels not read
constexpr uint32_t kAbi = uint32_t(IMGUI_VERSION_NUM) * 1000u + uint32_t(sizeof(ImFontGlyph));

struct Header {
  uint32_t magic, abi;
  float dpr;
  int32_t texWidth, texHeight, customRects, fonts;
  // Where ImGui drew the white pixel and the anti-aliased lines into the texture: what its
  // build's last step reads back from the pixels, which the reader does not have.
  ImVec2 uvWhitePixel;
  ImVec4 uvLines[IM_DRAWLIST_TEX_LINES_WIDTH_MAX + 1];
};
struct FontHeader {
  float size, ascent, descent;
  int32_t glyphs;
};

class Writer {
 public:
  void put(const void* p, size_t n) { out.append(static_cast<const char*>(p), n); }
  std::string out;
};

class Reader {
 public:
  Reader(const uint8_t* p, size_t n) : m_p(p), m_left(n) {}
  bool get(void* dst, size_t n) {
    if (n > m_left) return false;
    std::memcpy(dst, m_p, n);
    m_p += n;
    m_left -= n;
    return true;
  }
  const uint8_t* take(size_t n) {
    if (n > m_left) return nullptr;
    const uint8_t* at = m_p;
    m_p += n;
    m_left -= n;
    return at;
  }
  size_t left() const { return m_left; }

 private:
  const uint8_t* m_p;
  size_t m_left;
};

}  // namespace

void registerFonts(float dpr) {
  using ui::glyphs::Face;
  ImGuiIO& io = ImGui::GetIO();
  io.Fonts->Clear();
  // The texture only as tall as the glyphs need: at a phone's ratio (2.625) they fill 1,326 of
  // the 2,048 rows a power of two would give, and every row is bytes uploaded to the GPU at
  // start (WebGL2 takes any height).
  io.Fonts->Flags |= ImFontAtlasFlags_NoPowerOfTwoHeight;
  ui::Fonts& f = ui::fonts();
  f.body = addFace(17 * dpr, Face::kBody, false);
  f.bold = addFace(19 * dpr, Face::kBold, true);
  f.big = addFace(36 * dpr, Face::kBig, true);
  f.title = addFace(26 * dpr, Face::kTitle, true);
  if (!f.body || !f.bold || !f.big || !f.title) {
    io.Fonts->Clear();
    f.body = f.bold = f.big = f.title = io.Fonts->AddFontDefault();
  }
  io.FontGlobalScale = 1.0f / dpr;
}

std::string bakeFonts(float dpr) {
  ImGuiContext* previous = ImGui::GetCurrentContext();
  ImGuiContext* own = ImGui::CreateContext();
  ImGui::SetCurrentContext(own);
  registerFonts(dpr);
  ImFontAtlas* atlas = ImGui::GetIO().Fonts;
  Writer w;
  if (atlas->Build()) {
    unsigned char* pixels = nullptr;
    int width = 0, height = 0;
    atlas->GetTexDataAsAlpha8(&pixels, &width, &height);
    Header h{kMagic, kAbi, dpr, width, height, atlas->CustomRects.Size, atlas->Fonts.Size, atlas->TexUvWhitePixel, {}};
    std::memcpy(h.uvLines, atlas->TexUvLines, sizeof h.uvLines);
    w.put(&h, sizeof h);
    for (const ImFontAtlasCustomRect& r : atlas->CustomRects) {
      const uint16_t xy[2] = {r.X, r.Y};
      w.put(xy, sizeof xy);
    }
    for (const ImFont* f : atlas->Fonts) {
      FontHeader fh{f->FontSize, f->Ascent, f->Descent, f->Glyphs.Size};
      w.put(&fh, sizeof fh);
      w.put(f->Glyphs.Data, size_t(f->Glyphs.Size) * sizeof(ImFontGlyph));
    }
    w.put(pixels, size_t(width) * size_t(height));
  }
  ImGui::DestroyContext(own);
  ImGui::SetCurrentContext(previous);
  return w.out;
}

float bakedRatio(const uint8_t* bytes, size_t size) {
  Header h{};
  Reader r(bytes, size);
  if (!r.get(&h, sizeof h) || h.magic != kMagic || h.abi != kAbi) return 0;
  return h.dpr;
}

bool useBakedFonts(const uint8_t* bytes, size_t size) {
  Reader r(bytes, size);
  Header h{};
  if (!r.get(&h, sizeof h) || h.magic != kMagic || h.abi != kAbi) return false;
  if (h.texWidth <= 0 || h.texHeight <= 0 || h.texWidth > 8192 || h.texHeight > 8192) return false;
  registerFonts(h.dpr);
  ImFontAtlas* atlas = ImGui::GetIO().Fonts;
  // The rectangles ImGui packs besides the glyphs (the white pixel, the line textures), as
  // ImGui registers them before packing; their places come from the bake.
  ImFontAtlasBuildInit(atlas);
  bool ok = h.fonts == atlas->Fonts.Size && h.customRects == atlas->CustomRects.Size;
  for (int i = 0; ok && i < atlas->CustomRects.Size; ++i) {
    uint16_t xy[2];
    ok = r.get(xy, sizeof xy);
    atlas->CustomRects[i].X = xy[0];
    atlas->CustomRects[i].Y = xy[1];
  }
  int config = 0;
  for (int i = 0; ok && i < atlas->Fonts.Size; ++i) {
    FontHeader fh{};
    ImFont* font = atlas->Fonts[i];
    ok = r.get(&fh, sizeof fh) && fh.glyphs > 0 && fh.glyphs < 65536 &&
         size_t(fh.glyphs) * sizeof(ImFontGlyph) <= r.left();
    if (!ok) break;
    font->ClearOutputData();
    // A face's configs are consecutive: its own file, then the merged symbol fonts.
    font->ConfigData = &atlas->ConfigData[config];
    font->ConfigDataCount = 0;
    while (config < atlas->ConfigData.Size && atlas->ConfigData[config].DstFont == font) {
      ++font->ConfigDataCount;
      ++config;
    }
    font->ContainerAtlas = atlas;
    font->FontSize = fh.size;
    font->Ascent = fh.ascent;
    font->Descent = fh.descent;
    font->Glyphs.resize(fh.glyphs);
    r.get(font->Glyphs.Data, size_t(fh.glyphs) * sizeof(ImFontGlyph));
    font->DirtyLookupTables = true;
  }
  // The pixels, when they came with the glyphs, are the drawing surface's (app_fonts.hpp).
  const size_t pixels = size_t(h.texWidth) * size_t(h.texHeight);
  if (!ok || (r.left() != 0 && r.left() != pixels)) {
    registerFonts(h.dpr);  // nothing half-filled stays: the next frame builds it all
    return false;
  }
  atlas->TexWidth = h.texWidth;
  atlas->TexHeight = h.texHeight;
  atlas->TexUvScale = ImVec2(1.0f / float(h.texWidth), 1.0f / float(h.texHeight));
  // ImFontAtlasBuildFinish's work but for drawing into the pixels: our faces have no custom
  // glyphs (registerFonts adds none), so what is left is the UVs and the lookup tables.
  atlas->TexUvWhitePixel = h.uvWhitePixel;
  std::memcpy(atlas->TexUvLines, h.uvLines, sizeof h.uvLines);
  for (ImFont* font : atlas->Fonts) font->BuildLookupTable();
  atlas->TexReady = true;
  return true;
}

}  // namespace diemquet::app
