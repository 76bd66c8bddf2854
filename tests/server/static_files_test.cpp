// Static files: MIME types, cache policy, app routes and path traversal.
#include <gtest/gtest.h>

#include <fstream>

#include "http/static_files.hpp"

using namespace diemquet::server;
namespace fs = std::filesystem;

namespace {

class StaticFilesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    m_base = fs::temp_directory_path() / ("dq_static_" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) +
                                          "_" + ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(m_base);
    root = m_base / "web";
    fs::create_directories(root / "fonts");
    for (const char* f : {"index.html", "service-worker.js", "app.wasm", "app.js", "worker.mjs",
                          "manifest.webmanifest", "app.data", "fonts/NotoSans.woff2", "icon.png", "logo.svg"})
      std::ofstream(root / f) << "x";
    std::ofstream(m_base / "secret.txt") << "secret";
  }
  void TearDown() override { fs::remove_all(m_base); }
  fs::path root;

 private:
  fs::path m_base;
};

TEST_F(StaticFilesTest, MimeTypes) {
  StaticFiles files(root);
  EXPECT_EQ(files.resolve("/app.wasm")->mime, "application/wasm");
  EXPECT_EQ(files.resolve("/app.js")->mime, "text/javascript; charset=utf-8");
  EXPECT_EQ(files.resolve("/worker.mjs")->mime, "text/javascript; charset=utf-8");
  EXPECT_EQ(files.resolve("/manifest.webmanifest")->mime, "application/manifest+json");
  EXPECT_EQ(files.resolve("/app.data")->mime, "application/octet-stream");
  EXPECT_EQ(files.resolve("/fonts/NotoSans.woff2")->mime, "font/woff2");
  EXPECT_EQ(files.resolve("/icon.png")->mime, "image/png");
  EXPECT_EQ(files.resolve("/logo.svg")->mime, "image/svg+xml");
  EXPECT_EQ(files.resolve("/index.html")->mime, "text/html; charset=utf-8");
}

TEST_F(StaticFilesTest, VersionDecidingFilesAreNeverCachedBlindly) {
  StaticFiles files(root);
  EXPECT_EQ(files.resolve("/")->cacheControl, "no-cache");
  EXPECT_EQ(files.resolve("/service-worker.js")->cacheControl, "no-cache");
  EXPECT_EQ(files.resolve("/manifest.webmanifest")->cacheControl, "no-cache");
  EXPECT_EQ(files.resolve("/app.wasm")->cacheControl, "public, max-age=86400");
}

TEST_F(StaticFilesTest, AppRoutesServeIndexHtml) {
  StaticFiles files(root);
  for (const char* p : {"/", "/v", "/v/", "/v/abc", "/office", "/office/reports", "/v?x=1"}) {
    auto t = files.resolve(std::string(p).substr(0, std::string(p).find('?')));
    ASSERT_TRUE(t) << p;
    EXPECT_EQ(t->file.filename(), "index.html") << p;
  }
  EXPECT_FALSE(files.resolve("/missing.js"));
}

TEST_F(StaticFilesTest, NoPathTraversal) {
  StaticFiles files(root);
  for (const char* p : {"/../secret.txt", "/fonts/../../secret.txt", "/%2e%2e/secret.txt", "/%2E%2E%2Fsecret.txt",
                        "/..%5csecret.txt", "/app.js%00.png", "/%zz", "relative", "/fonts/..%2f..%2fsecret.txt"})
    EXPECT_FALSE(files.resolve(p)) << p;
  fs::create_symlink(root.parent_path() / "secret.txt", root / "link.txt");
  EXPECT_FALSE(files.resolve("/link.txt"));
  EXPECT_TRUE(files.resolve("/fonts/../app.js") == std::nullopt);  // ".." refused even when it stays inside
}

}  // namespace
