// ImGui's draw data onto the canvas with WebGL2 (draw_renderer.hpp). The shaders and the state
// are those of ImGui's OpenGL3 backend (Dear ImGui, MIT), without its save and restore.
#include "draw_renderer.hpp"

#include <GLES3/gl3.h>
#include <imgui.h>

#include <cstddef>
#include <cstdio>

namespace diemquet::app {

namespace {

struct DrawObjects {
  GLuint program = 0, vao = 0, vertices = 0, indices = 0;
  GLint projection = -1, texture = -1;
  GLsizeiptr vertexBytes = 0, indexBytes = 0;  // the buffers' sizes: grown, never shrunk
};
DrawObjects g_draw;

constexpr const char* kVertexShader = R"(#version 300 es
precision highp float;
layout (location = 0) in vec2 Position;
layout (location = 1) in vec2 UV;
layout (location = 2) in vec4 Color;
uniform mat4 ProjMtx;
out vec2 Frag_UV;
out vec4 Frag_Color;
void main() {
  Frag_UV = UV;
  Frag_Color = Color;
  gl_Position = ProjMtx * vec4(Position.xy, 0, 1);
})";

// The font texture holds the atlas's alpha in its red channel (font_texture.hpp): (1, 1, 1, a).
constexpr const char* kFragmentShader = R"(#version 300 es
precision mediump float;
uniform sampler2D Texture;
in vec2 Frag_UV;
in vec4 Frag_Color;
layout (location = 0) out vec4 Out_Color;
void main() {
  Out_Color = Frag_Color * vec4(1.0, 1.0, 1.0, texture(Texture, Frag_UV.st).r);
})";

GLuint compile(GLenum kind, const char* source) {
  GLuint shader = glCreateShader(kind);
  glShaderSource(shader, 1, &source, nullptr);
  glCompileShader(shader);
  return shader;
}

}  // namespace

bool createDrawObjects() {
  if (g_draw.program) return true;
  GLuint vs = compile(GL_VERTEX_SHADER, kVertexShader), fs = compile(GL_FRAGMENT_SHADER, kFragmentShader);
  GLuint program = glCreateProgram();
  glAttachShader(program, vs);
  glAttachShader(program, fs);
  glLinkProgram(program);
  glDeleteShader(vs);
  glDeleteShader(fs);
  // The one read back of the start: whether the program linked (a compile error shows here).
  GLint linked = 0;
  glGetProgramiv(program, GL_LINK_STATUS, &linked);
  if (!linked) {
    glDeleteProgram(program);
    std::fprintf(stderr, "WebGL2 shaders failed to link: nothing can be drawn\n");
    return false;
  }
  g_draw.program = program;
  g_draw.projection = glGetUniformLocation(program, "ProjMtx");
  g_draw.texture = glGetUniformLocation(program, "Texture");
  glGenVertexArrays(1, &g_draw.vao);
  glGenBuffers(1, &g_draw.vertices);
  glGenBuffers(1, &g_draw.indices);
  glBindVertexArray(g_draw.vao);
  glBindBuffer(GL_ARRAY_BUFFER, g_draw.vertices);
  glBindBuffer(GL_ELEMENT_ARRAY_BUFFER, g_draw.indices);  // kept by the vertex array
  glEnableVertexAttribArray(0);
  glEnableVertexAttribArray(1);
  glEnableVertexAttribArray(2);
  glVertexAttribPointer(0, 2, GL_FLOAT, GL_FALSE, sizeof(ImDrawVert),
                        reinterpret_cast<const void*>(offsetof(ImDrawVert, pos)));
  glVertexAttribPointer(1, 2, GL_FLOAT, GL_FALSE, sizeof(ImDrawVert),
                        reinterpret_cast<const void*>(offsetof(ImDrawVert, uv)));
  glVertexAttribPointer(2, 4, GL_UNSIGNED_BYTE, GL_TRUE, sizeof(ImDrawVert),
                        reinterpret_cast<const void*>(offsetof(ImDrawVert, col)));
  glBindVertexArray(0);
  ImGui::GetIO().BackendRendererName = "diemquet_webgl2";
  return true;
}

void drawFrame(const ImDrawData* d, const float clear[3]) {
  const int fbWidth = int(d->DisplaySize.x * d->FramebufferScale.x);
  const int fbHeight = int(d->DisplaySize.y * d->FramebufferScale.y);
  if (fbWidth <= 0 || fbHeight <= 0 || !g_draw.program) return;
  glViewport(0, 0, fbWidth, fbHeight);
  glDisable(GL_SCISSOR_TEST);  // the clear covers the whole canvas
  glClearColor(clear[0], clear[1], clear[2], 1.0f);
  glClear(GL_COLOR_BUFFER_BIT);

  glEnable(GL_BLEND);
  glBlendEquation(GL_FUNC_ADD);
  glBlendFuncSeparate(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA, GL_ONE, GL_ONE_MINUS_SRC_ALPHA);
  glDisable(GL_CULL_FACE);
  glDisable(GL_DEPTH_TEST);
  glDisable(GL_STENCIL_TEST);
  glEnable(GL_SCISSOR_TEST);
  const float L = d->DisplayPos.x, R = d->DisplayPos.x + d->DisplaySize.x;
  const float T = d->DisplayPos.y, B = d->DisplayPos.y + d->DisplaySize.y;
  const float projection[16] = {
      2.0f / (R - L), 0, 0, 0, 0, 2.0f / (T - B), 0, 0, 0, 0, -1, 0, (R + L) / (L - R), (T + B) / (B - T), 0, 1,
  };
  glUseProgram(g_draw.program);
  glUniform1i(g_draw.texture, 0);
  glUniformMatrix4fv(g_draw.projection, 1, GL_FALSE, projection);
  glActiveTexture(GL_TEXTURE0);
  glBindVertexArray(g_draw.vao);
  glBindBuffer(GL_ARRAY_BUFFER, g_draw.vertices);

  const ImVec2 clipOff = d->DisplayPos, clipScale = d->FramebufferScale;
  for (int n = 0; n < d->CmdListsCount; ++n) {
    const ImDrawList* list = d->CmdLists[n];
    const GLsizeiptr vertexBytes = GLsizeiptr(list->VtxBuffer.Size) * GLsizeiptr(sizeof(ImDrawVert));
    const GLsizeiptr indexBytes = GLsizeiptr(list->IdxBuffer.Size) * GLsizeiptr(sizeof(ImDrawIdx));
    if (g_draw.vertexBytes < vertexBytes) {
      g_draw.vertexBytes = vertexBytes;
      glBufferData(GL_ARRAY_BUFFER, vertexBytes, nullptr, GL_STREAM_DRAW);
    }
    if (g_draw.indexBytes < indexBytes) {
      g_draw.indexBytes = indexBytes;
      glBufferData(GL_ELEMENT_ARRAY_BUFFER, indexBytes, nullptr, GL_STREAM_DRAW);
    }
    glBufferSubData(GL_ARRAY_BUFFER, 0, vertexBytes, list->VtxBuffer.Data);
    glBufferSubData(GL_ELEMENT_ARRAY_BUFFER, 0, indexBytes, list->IdxBuffer.Data);
    for (const ImDrawCmd& cmd : list->CmdBuffer) {
      if (cmd.UserCallback) {  // none of our screens adds one; kept as ImGui defines it
        if (cmd.UserCallback != ImDrawCallback_ResetRenderState) cmd.UserCallback(list, &cmd);
        continue;
      }
      const float x0 = (cmd.ClipRect.x - clipOff.x) * clipScale.x, y0 = (cmd.ClipRect.y - clipOff.y) * clipScale.y;
      const float x1 = (cmd.ClipRect.z - clipOff.x) * clipScale.x, y1 = (cmd.ClipRect.w - clipOff.y) * clipScale.y;
      if (x1 <= x0 || y1 <= y0) continue;
      glScissor(int(x0), int(float(fbHeight) - y1), int(x1 - x0), int(y1 - y0));  // GL's Y goes up
      glBindTexture(GL_TEXTURE_2D, GLuint(reinterpret_cast<intptr_t>(cmd.GetTexID())));
      // 16-bit indices: ImGui starts a new command at 65,536 vertices (VtxOffset stays 0).
      glDrawElements(GL_TRIANGLES, GLsizei(cmd.ElemCount), sizeof(ImDrawIdx) == 2 ? GL_UNSIGNED_SHORT : GL_UNSIGNED_INT,
                     reinterpret_cast<const void*>(intptr_t(cmd.IdxOffset * sizeof(ImDrawIdx))));
    }
  }
  glBindVertexArray(0);
  glDisable(GL_SCISSOR_TEST);
}

}  // namespace diemquet::app
