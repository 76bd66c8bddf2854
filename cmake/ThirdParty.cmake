# Imported third-party targets. Sources come from Debian source packages unpacked by
# scripts/setup.sh into .deps/ (checked by sha256 there); nothing third-party is in the tree.
# Compiled from source so the same code serves the native build and the WASM module.

if(NOT EXISTS "${DQ_DEPS_DIR}/sqlite/sqlite3.c")
  message(FATAL_ERROR "Third-party sources missing: run scripts/setup.sh first (${DQ_DEPS_DIR})")
endif()

# SQLite: single-threaded, no extensions; the station is one thread, the server opens one
# connection per thread.
add_library(dq_sqlite STATIC "${DQ_DEPS_DIR}/sqlite/sqlite3.c")
target_include_directories(dq_sqlite SYSTEM PUBLIC "${DQ_DEPS_DIR}/sqlite")
target_compile_definitions(dq_sqlite PRIVATE
  SQLITE_OMIT_LOAD_EXTENSION SQLITE_DEFAULT_MEMSTATUS=0 SQLITE_DQS=0 SQLITE_OMIT_DEPRECATED
  SQLITE_DEFAULT_WAL_SYNCHRONOUS=1 SQLITE_ENABLE_JSON1)
if(EMSCRIPTEN)
  target_compile_definitions(dq_sqlite PRIVATE SQLITE_THREADSAFE=0 SQLITE_DISABLE_LFS)
else()
  target_compile_definitions(dq_sqlite PRIVATE SQLITE_THREADSAFE=2)
  find_package(Threads REQUIRED)
  target_link_libraries(dq_sqlite PUBLIC Threads::Threads ${CMAKE_DL_LIBS})
endif()
target_compile_options(dq_sqlite PRIVATE -w)

# libqrencode: the QR matrix for posters and visitor passes.
set(_qr "${DQ_DEPS_DIR}/qrencode")
add_library(dq_qrencode STATIC
  ${_qr}/bitstream.c ${_qr}/mask.c ${_qr}/mmask.c ${_qr}/mqrspec.c ${_qr}/qrencode.c
  ${_qr}/qrinput.c ${_qr}/qrspec.c ${_qr}/rsecc.c ${_qr}/split.c)
target_include_directories(dq_qrencode SYSTEM PUBLIC "${_qr}")
target_compile_definitions(dq_qrencode PRIVATE MAJOR_VERSION=4 MINOR_VERSION=1 MICRO_VERSION=1
  VERSION="4.1.1" STATIC_IN_RELEASE=static HAVE_STRDUP=1)
target_compile_options(dq_qrencode PRIVATE -w)

# nlohmann/json (header-only, Debian binary package nlohmann-json3-dev, pinned in
# scripts/apt-packages.txt). Exposed through one symlinked folder so emcc does not see all of
# /usr/include.
add_library(dq_json INTERFACE)
target_include_directories(dq_json SYSTEM INTERFACE "${DQ_DEPS_DIR}/include")

# Dear ImGui: the station UI (WASM only), with the OpenGL ES 3 renderer backend.
if(EMSCRIPTEN)
  set(_im "${DQ_DEPS_DIR}/imgui")
  add_library(dq_imgui STATIC
    ${_im}/imgui.cpp ${_im}/imgui_draw.cpp ${_im}/imgui_tables.cpp ${_im}/imgui_widgets.cpp
    ${_im}/backends/imgui_impl_opengl3.cpp)
  target_include_directories(dq_imgui SYSTEM PUBLIC "${_im}" "${_im}/backends")
  target_compile_definitions(dq_imgui PUBLIC IMGUI_IMPL_OPENGL_ES3 IMGUI_DISABLE_OBSOLETE_FUNCTIONS)
  target_compile_options(dq_imgui PRIVATE -w)
endif()

# libsodium: Ed25519 signatures on venue posters (see cmake/Sodium.cmake).
include(cmake/Sodium.cmake)
