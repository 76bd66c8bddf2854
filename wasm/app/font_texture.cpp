// The atlas's texture as its alpha alone (font_texture.hpp).
#include "font_texture.hpp"

#include <GLES3/gl3.h>
#include <imgui.h>


namespace diemquet::app {

namespace {

GLuint g_texture = 0;

}  // namespace

void uploadFontTexture() {
  destroyFontTexture();
  ImFontAtlas* atlas = ImGui::GetIO().Fonts;
  unsigned char* alpha = nullptr;
  int width = 0, height = 0;
  atlas->GetTexDataAsAlpha8(&alpha, &width, &height);  // builds the atlas if no bake filled it
  glGenTextures(1, &g_texture);
  glBindTexture(GL_TEXTURE_2D, g_texture);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
  glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
  glTexImage2D(GL_TEXTURE_2D, 0, GL_R8, width, height, 0, GL_RED, GL_UNSIGNED_BYTE, alpha);
  glBindTexture(GL_TEXTURE_2D, 0);  // the context is ours: nothing to restore, nothing read back
  atlas->SetTexID(reinterpret_cast<ImTextureID>(static_cast<intptr_t>(g_texture)));
}

void destroyFontTexture() {
  if (g_texture) glDeleteTextures(1, &g_texture);
  g_texture = 0;
  ImGui::GetIO().Fonts->SetTexID(nullptr);
}

}  // namespace diemquet::app
