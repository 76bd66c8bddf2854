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
  EXPECT_EQ(files.resolve("/app.wasm")->cacheControl, "no-cache");  // not content-hashed: revalidated
}

TEST_F(StaticFilesTest, ContentHashedNamesAreImmutable) {
  std::ofstream(root / "station.0123456789ab.wasm") << "x";
  fs::create_directories(root / "zxing.a1b2c3d4e5f6/reader");
  std::ofstream(root / "zxing.a1b2c3d4e5f6/reader/zxing_reader.wasm") << "x";
  StaticFiles files(root);
  EXPECT_EQ(files.resolve("/station.0123456789ab.wasm")->cacheControl, "public, max-age=31536000, immutable");
  EXPECT_EQ(files.resolve("/zxing.a1b2c3d4e5f6/reader/zxing_reader.wasm")->cacheControl,
            "public, max-age=31536000, immutable");
  for (const char* name : {"station.0123456789a.wasm", "station.0123456789abc.wasm", "station.0123456789AB.wasm",
                           "station.0123456789ag.wasm", "x0123456789ab.js"})
    EXPECT_FALSE(isContentHashed(name)) << name;
}

TEST(AcceptEncoding, QualitiesFollowRfc9110) {
  EXPECT_EQ(acceptQuality("", Coding::Identity), 1.0);
  EXPECT_EQ(acceptQuality("", Coding::Brotli), 0.0);
  EXPECT_EQ(acceptQuality("gzip, deflate, br", Coding::Brotli), 1.0);
  EXPECT_EQ(acceptQuality("gzip;q=0.5", Coding::Gzip), 0.5);
  EXPECT_EQ(acceptQuality("x-gzip", Coding::Gzip), 1.0);
  EXPECT_EQ(acceptQuality("*;q=0.3", Coding::Brotli), 0.3);
  EXPECT_EQ(acceptQuality("br;q=0, *", Coding::Brotli), 0.0);
  EXPECT_EQ(acceptQuality("identity;q=0", Coding::Identity), 0.0);
  EXPECT_EQ(acceptQuality("*;q=0", Coding::Identity), 0.0);
  EXPECT_EQ(acceptQuality("gzip", Coding::Identity), 1.0);
  EXPECT_EQ(acceptQuality("br;q=2", Coding::Brotli), 0.0);  // malformed q: not acceptable
  EXPECT_EQ(acceptQuality(" Br ; Q=0.7 ", Coding::Brotli), 0.7);
}

TEST(AcceptEncoding, ChoosesTheBestAvailableCoding) {
  EXPECT_EQ(chooseCoding("gzip, deflate, br", true, true), Coding::Brotli);
  EXPECT_EQ(chooseCoding("gzip, deflate, br", false, true), Coding::Gzip);
  EXPECT_EQ(chooseCoding("gzip, deflate", true, true), Coding::Gzip);
  EXPECT_EQ(chooseCoding("br;q=0.5, gzip;q=0.9", true, true), Coding::Gzip);
  EXPECT_EQ(chooseCoding("br;q=0.5, identity;q=0.9", true, true), Coding::Identity);
  EXPECT_EQ(chooseCoding("identity", true, true), Coding::Identity);
  EXPECT_EQ(chooseCoding("", true, true), Coding::Identity);
  EXPECT_EQ(chooseCoding("*", true, true), Coding::Brotli);
  EXPECT_EQ(chooseCoding("gzip;q=0, br;q=0", true, true), Coding::Identity);
  EXPECT_EQ(chooseCoding("identity;q=0, gzip;q=0.1", true, true), Coding::Gzip);
}

TEST(ETags, IfNoneMatch) {
  EXPECT_TRUE(etagMatches("\"a-1\"", "\"a-1\""));
  EXPECT_TRUE(etagMatches("\"x\", W/\"a-1\"", "\"a-1\""));
  EXPECT_TRUE(etagMatches("*", "\"a-1\""));
  EXPECT_FALSE(etagMatches("\"a-1-br\"", "\"a-1\""));
  EXPECT_FALSE(etagMatches("", "\"a-1\""));
}

TEST_F(StaticFilesTest, PicksThePrecompressedSibling) {
  std::ofstream(root / "app.js") << std::string(1000, 'a');
  std::ofstream(root / "app.js.br") << "brotli";
  std::ofstream(root / "app.js.gz") << "gzip!!!";
  StaticFiles files(root);
  auto t = files.resolve("/app.js");
  ASSERT_TRUE(t);
  auto br = files.variant(*t, "gzip, deflate, br");
  ASSERT_TRUE(br);
  EXPECT_EQ(br->contentEncoding, "br");
  EXPECT_EQ(br->size, 6u);
  EXPECT_TRUE(br->vary);
  auto gz = files.variant(*t, "gzip");
  EXPECT_EQ(gz->contentEncoding, "gzip");
  EXPECT_EQ(gz->file.filename(), "app.js.gz");
  auto plain = files.variant(*t, "");
  EXPECT_EQ(plain->contentEncoding, "");
  EXPECT_EQ(plain->size, 1000u);
  EXPECT_NE(plain->etag, br->etag);
  EXPECT_NE(gz->etag, br->etag);
  auto png = files.variant(*files.resolve("/icon.png"), "br");
  EXPECT_FALSE(png->vary);  // no siblings: one representation
  EXPECT_EQ(png->contentEncoding, "");
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

TEST_F(StaticFilesTest, EachFaceHasItsOwnPage) {
  std::ofstream(root / "visitor.html") << "v";
  std::ofstream(root / "office.html") << "o";
  StaticFiles files(root);
  EXPECT_EQ(files.resolve("/")->file.filename(), "index.html");
  for (const char* p : {"/v", "/v/", "/v/abc"}) EXPECT_EQ(files.resolve(p)->file.filename(), "visitor.html") << p;
  for (const char* p : {"/office", "/office/reports"}) EXPECT_EQ(files.resolve(p)->file.filename(), "office.html") << p;
  EXPECT_EQ(files.resolve("/visitor.html")->cacheControl, "no-cache");
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
