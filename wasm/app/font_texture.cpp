// The atlas's texture as LUMINANCE_ALPHA (font_texture.hpp).
#include "font_texture.hpp"

#include <GLES3/gl3.h>
#include <imgui.h>
#include <imgui_impl_opengl3.h>

#include <cstdint>
#include <vector>

namespace diemquet::app {

namespace {

GLuint g_texture = 0;

// What the backend's device objects are made with in place of the real atlas: one white texel.
// The backend then uploads 4 bytes instead of the whole atlas, which uploadFontTexture sends
// once, in its own format.
ImFontAtlas& placeholderAtlas() {
  static ImFontAtlas* atlas = [] {
    auto* a = new ImFontAtlas();
    a->TexWidth = a->TexHeight = 1;
    a->TexPixelsRGBA32 = static_cast<unsigned int*>(IM_ALLOC(4));
    *a->TexPixelsRGBA32 = 0xFFFFFFFFu;
    return a;
  }();
  return *atlas;
}

}  // namespace

void createShaders() {
  ImGuiIO& io = ImGui::GetIO();
  ImFontAtlas* real = io.Fonts;
  io.Fonts = &placeholderAtlas();
  ImGui_ImplOpenGL3_NewFrame();  // the first time: shaders, buffers, the placeholder's texture
  io.Fonts = real;
}

void uploadFontTexture() {
  destroyFontTexture();
  ImFontAtlas* atlas = ImGui::GetIO().Fonts;
  unsigned char* alpha = nullptr;
  int width = 0, height = 0;
  atlas->GetTexDataAsAlpha8(&alpha, &width, &height);  // builds the atlas if no bake filled it
  std::vector<unsigned char> texels(size_t(width) * size_t(height) * 2);
  for (size_t i = 0, n = size_t(width) * size_t(height); i < n; ++i) {
    texels[2 * i] = 255;
    texels[2 * i + 1] = alpha[i];
  }
  GLint previous = 0;
  glGetIntegerv(GL_TEXTURE_BINDING_2D, &previous);
  glGenTextures(1, &g_texture);
  glBindTexture(GL_TEXTURE_2D, g_texture);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
  glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
  glTexImage2D(GL_TEXTURE_2D, 0, GL_LUMINANCE_ALPHA, width, height, 0, GL_LUMINANCE_ALPHA, GL_UNSIGNED_BYTE,
               texels.data());
  glBindTexture(GL_TEXTURE_2D, GLuint(previous));
  atlas->SetTexID(reinterpret_cast<ImTextureID>(static_cast<intptr_t>(g_texture)));
}

void destroyFontTexture() {
  if (g_texture) glDeleteTextures(1, &g_texture);
  g_texture = 0;
  ImGui::GetIO().Fonts->SetTexID(nullptr);
}

}  // namespace diemquet::app
