// ImGui's frames onto a WebGL2 context: dqDrawGl(canvas, gl) gives { font, frame }. It runs in the
// drawing worker (web/draw-worker.js), on the page's canvas handed over as an OffscreenCanvas,
// and on the page itself where a browser has no WebGL2 in workers (web/draw-surface.js).
// A frame comes packed by the module (wasm/app/frame_packer.cpp: the layout is written there);
// nothing is read back from the GPU but whether the shaders linked.
// The shaders, blending and scissor are those of Dear ImGui's OpenGL3 backend (MIT).
(function (scope) {
  'use strict';
  var VERTEX = '#version 300 es\n' +
    'precision highp float;\n' +
    'layout (location = 0) in vec2 Position;\n' +
    'layout (location = 1) in vec2 UV;\n' +
    'layout (location = 2) in vec4 Color;\n' +
    'uniform mat4 ProjMtx;\n' +
    'out vec2 Frag_UV;\n' +
    'out vec4 Frag_Color;\n' +
    'void main() { Frag_UV = UV; Frag_Color = Color; gl_Position = ProjMtx * vec4(Position.xy, 0, 1); }\n';
  // The font texture holds the atlas's alpha in its red channel: (1, 1, 1, a).
  var FRAGMENT = '#version 300 es\n' +
    'precision mediump float;\n' +
    'uniform sampler2D Texture;\n' +
    'in vec2 Frag_UV;\n' +
    'in vec4 Frag_Color;\n' +
    'layout (location = 0) out vec4 Out_Color;\n' +
    'void main() { Out_Color = Frag_Color * vec4(1.0, 1.0, 1.0, texture(Texture, Frag_UV.st).r); }\n';
  var VERTEX_BYTES = 20;  // ImDrawVert: pos (2 floats), uv (2 floats), col (4 bytes)
  var HEADER_WORDS = 10, LIST_WORDS = 3, COMMAND_WORDS = 7;

  // The context's attributes, the same on the page and in the worker: ImGui draws flat
  // triangles in order, so no depth, stencil or multisampling (a third of the buffer).
  scope.dqDrawGlAttributes = { alpha: false, antialias: false, depth: false, stencil: false,
                               premultipliedAlpha: true, preserveDrawingBuffer: false };

  function compile(gl, kind, source) {
    var shader = gl.createShader(kind);
    gl.shaderSource(shader, source);
    gl.compileShader(shader);
    return shader;
  }

  // The program and buffers on `gl`; null when the shaders do not link.
  function renderer(gl) {
    var program = gl.createProgram();
    var vs = compile(gl, gl.VERTEX_SHADER, VERTEX), fs = compile(gl, gl.FRAGMENT_SHADER, FRAGMENT);
    gl.attachShader(program, vs);
    gl.attachShader(program, fs);
    gl.linkProgram(program);
    gl.deleteShader(vs);
    gl.deleteShader(fs);
    // The one read back: whether the program linked (a compile error shows here).
    if (!gl.getProgramParameter(program, gl.LINK_STATUS)) {
      console.error('WebGL2 shaders failed to link: nothing can be drawn', gl.getProgramInfoLog(program));
      return null;
    }
    var projection = gl.getUniformLocation(program, 'ProjMtx');
    var sampler = gl.getUniformLocation(program, 'Texture');
    var vao = gl.createVertexArray(), vertices = gl.createBuffer(), indices = gl.createBuffer();
    gl.bindVertexArray(vao);
    gl.bindBuffer(gl.ARRAY_BUFFER, vertices);
    gl.bindBuffer(gl.ELEMENT_ARRAY_BUFFER, indices);  // kept by the vertex array
    gl.enableVertexAttribArray(0);
    gl.enableVertexAttribArray(1);
    gl.enableVertexAttribArray(2);
    gl.vertexAttribPointer(0, 2, gl.FLOAT, false, VERTEX_BYTES, 0);
    gl.vertexAttribPointer(1, 2, gl.FLOAT, false, VERTEX_BYTES, 8);
    gl.vertexAttribPointer(2, 4, gl.UNSIGNED_BYTE, true, VERTEX_BYTES, 16);
    gl.bindVertexArray(null);
    var texture = null;
    var vertexBytes = 0, indexBytes = 0;  // the buffers' sizes: grown, never shrunk

    // The atlas's alpha (width × height bytes), the one texture every command draws with.
    function font(alpha, width, height) {
      if (texture) gl.deleteTexture(texture);
      texture = gl.createTexture();
      gl.bindTexture(gl.TEXTURE_2D, texture);
      gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_MIN_FILTER, gl.LINEAR);
      gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_MAG_FILTER, gl.LINEAR);
      gl.pixelStorei(gl.UNPACK_ALIGNMENT, 1);
      gl.texImage2D(gl.TEXTURE_2D, 0, gl.R8, width, height, 0, gl.RED, gl.UNSIGNED_BYTE, alpha);
    }

    function frame(buffer) {
      var f32 = new Float32Array(buffer), u32 = new Uint32Array(buffer), i32 = new Int32Array(buffer);
      var left = f32[0], top = f32[1], width = f32[2], height = f32[3];
      var fbWidth = Math.trunc(width * f32[4]), fbHeight = Math.trunc(height * f32[5]);
      if (fbWidth <= 0 || fbHeight <= 0) return;
      gl.viewport(0, 0, fbWidth, fbHeight);
      gl.disable(gl.SCISSOR_TEST);  // the clear covers the whole canvas
      gl.clearColor(f32[6], f32[7], f32[8], 1);
      gl.clear(gl.COLOR_BUFFER_BIT);
      gl.enable(gl.BLEND);
      gl.blendEquation(gl.FUNC_ADD);
      gl.blendFuncSeparate(gl.SRC_ALPHA, gl.ONE_MINUS_SRC_ALPHA, gl.ONE, gl.ONE_MINUS_SRC_ALPHA);
      gl.enable(gl.SCISSOR_TEST);
      var R = left + width, B = top + height;
      gl.useProgram(program);
      gl.uniform1i(sampler, 0);
      gl.uniformMatrix4fv(projection, false, [2 / (R - left), 0, 0, 0, 0, 2 / (top - B), 0, 0, 0, 0, -1, 0,
        (R + left) / (left - R), (top + B) / (B - top), 0, 1]);
      gl.activeTexture(gl.TEXTURE0);
      gl.bindTexture(gl.TEXTURE_2D, texture);
      gl.bindVertexArray(vao);
      gl.bindBuffer(gl.ARRAY_BUFFER, vertices);
      var lists = u32[9], at = HEADER_WORDS;
      for (var n = 0; n < lists; n++) {
        var vertexCount = u32[at], indexCount = u32[at + 1], commands = u32[at + 2];
        var commandAt = at + LIST_WORDS;
        at = commandAt + commands * COMMAND_WORDS;
        var vtx = new Uint8Array(buffer, at * 4, vertexCount * VERTEX_BYTES);
        at += vertexCount * VERTEX_BYTES / 4;
        var idx = new Uint8Array(buffer, at * 4, indexCount * 2);
        at += (indexCount * 2 + 3) >> 2;
        if (vertexBytes < vtx.byteLength) { vertexBytes = vtx.byteLength; gl.bufferData(gl.ARRAY_BUFFER, vertexBytes, gl.STREAM_DRAW); }
        if (indexBytes < idx.byteLength) { indexBytes = idx.byteLength; gl.bufferData(gl.ELEMENT_ARRAY_BUFFER, indexBytes, gl.STREAM_DRAW); }
        gl.bufferSubData(gl.ARRAY_BUFFER, 0, vtx);
        gl.bufferSubData(gl.ELEMENT_ARRAY_BUFFER, 0, idx);
        for (var c = 0; c < commands; c++) {
          var w = commandAt + c * COMMAND_WORDS;
          // The scissor comes in the canvas's pixels, GL's Y going up; 16-bit indices.
          gl.scissor(i32[w], i32[w + 1], i32[w + 2], i32[w + 3]);
          gl.drawElements(gl.TRIANGLES, u32[w + 5], gl.UNSIGNED_SHORT, u32[w + 6] * 2);
        }
      }
      gl.bindVertexArray(null);
      gl.disable(gl.SCISSOR_TEST);
    }
    return { font: font, frame: frame };
  }

  // The renderer on `canvas`'s context `gl`; null when the shaders do not link (nothing could be
  // drawn: the caller says so). It keeps the last font and frame: when the GPU process is reset
  // (a phone does that to a page left in the background for long) the context is lost with
  // everything on it, and once the browser restores it they are made and drawn again, instead
  // of an empty canvas until the next change on screen.
  scope.dqDrawGl = function (canvas, gl) {
    var drawing = renderer(gl), lastFont = null, lastFrame = null;
    if (!drawing) return null;
    canvas.addEventListener('webglcontextlost', function (e) {
      e.preventDefault();  // asks the browser to restore it
      drawing = null;
    });
    canvas.addEventListener('webglcontextrestored', function () {
      drawing = renderer(gl);
      if (drawing && lastFont) drawing.font(lastFont[0], lastFont[1], lastFont[2]);
      if (drawing && lastFrame) drawing.frame(lastFrame);
    });
    return {
      font: function (alpha, width, height) {
        lastFont = [alpha, width, height];
        if (drawing) drawing.font(alpha, width, height);
      },
      frame: function (buffer) {
        lastFrame = buffer;
        if (drawing) drawing.frame(buffer);
      }
    };
  };
})(self);
