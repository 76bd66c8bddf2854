// The one body parser, bearer parser and rate limiter of server/http/ (issue #13).
#include <gtest/gtest.h>

#include "http/rate_limiter.hpp"
#include "http/request_input.hpp"

using namespace diemquet::server;
using nlohmann::json;

namespace {

std::string codeOf(const std::optional<ApiResponse>& r) {
  if (!r) return "ok";
  return std::to_string(r->status) + " " + json::parse(r->body)["error"]["code"].get<std::string>();
}

TEST(JsonBody, OneObjectAndWhitespaceIsAccepted) {
  json out;
  EXPECT_EQ(codeOf(parseJsonObject(" {\"a\":1} \r\n\t", out)), "ok");
  EXPECT_EQ(out["a"], 1);
}

TEST(JsonBody, TrailingBytesNulAndSecondValueAreBadJson) {
  json out;
  using namespace std::string_literals;
  for (const std::string& body : {"{\"a\":1}x"s, "{\"a\":1}{\"b\":2}"s, "{\"a\":1}\0"s, "{\"a\":1}\0garbage"s,
                                  "\0{\"a\":1}"s, "{\"a\":1} 2"s, ""s, "{not json"s})
    EXPECT_EQ(codeOf(parseJsonObject(body, out)), "400 bad_json") << json(body).dump();
}

TEST(JsonBody, NotAnObjectIsBadRequestAndBadUtf8IsInvalidUtf8) {
  json out;
  EXPECT_EQ(codeOf(parseJsonObject("[1,2]", out)), "400 bad_request");
  EXPECT_EQ(codeOf(parseJsonObject("{\"a\":\"\xC3\x28\"}", out)), "400 invalid_utf8");
}

TEST(Bearer, SchemeIsCaseInsensitive) {
  EXPECT_EQ(bearerToken("Bearer abc"), "abc");
  EXPECT_EQ(bearerToken("bearer abc"), "abc");
  EXPECT_EQ(bearerToken("BEARER  abc"), "abc");
}

TEST(Bearer, OtherSchemesAndEmptyTokensAreRefused) {
  EXPECT_EQ(bearerToken(""), std::nullopt);
  EXPECT_EQ(bearerToken("Bearer"), std::nullopt);
  EXPECT_EQ(bearerToken("Bearer "), std::nullopt);
  EXPECT_EQ(bearerToken("Bearerabc"), std::nullopt);
  EXPECT_EQ(bearerToken("Basic abc"), std::nullopt);
  EXPECT_EQ(bearerToken("Bearer a b"), std::nullopt);
  EXPECT_EQ(bearerToken("Bearer " + std::string(600, 'a')), std::nullopt);
}

TEST(RateLimiter, LimitsWithinTheWindowAndAllowsAfterIt) {
  RateLimiter l(1000);
  EXPECT_TRUE(l.tryAcquire("k", 0, 2));
  EXPECT_TRUE(l.tryAcquire("k", 10, 2));
  EXPECT_FALSE(l.tryAcquire("k", 999, 2));
  EXPECT_EQ(l.count("k", 999), 2);
  EXPECT_TRUE(l.tryAcquire("k", 1000, 2));  // the hit at 0 has left the window
  EXPECT_TRUE(l.tryAcquire("other", 1000, 2));
}

TEST(RateLimiter, IdleKeysAreForgotten) {
  RateLimiter l(60'000);
  int64_t now = 0;
  for (int i = 0; i < 1000; ++i) l.add("ip:" + std::to_string(i), now);
  EXPECT_EQ(l.keys(), 1000u);
  now += 60'000;  // one window later nobody has come back
  l.add("ip:new", now);
  EXPECT_EQ(l.keys(), 1u);
  EXPECT_EQ(l.count("ip:1", now), 0);
}

TEST(RateLimiter, ClearForgetsAKey) {
  RateLimiter l(1000);
  l.add("u:a", 0);
  l.clear("u:a");
  EXPECT_EQ(l.count("u:a", 1), 0);
}

}  // namespace
