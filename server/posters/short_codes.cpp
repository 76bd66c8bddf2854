// Short codes of posters (short_codes.hpp).
#include "short_codes.hpp"

#include <set>

#include <nlohmann/json.hpp>

#include "poster/signed_url.hpp"
#include "posters.hpp"

namespace diemquet::server::posters {

namespace {

std::string htmlEscape(const std::string& s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

// "%20", "+" and the rest of a typed URL's encodings, undone (invalid escapes kept as typed).
std::string percentDecode(const std::string& s) {
  std::string out;
  auto hex = [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); };
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '+')
      out += ' ';
    else if (s[i] == '%' && i + 2 < s.size() && hex(s[i + 1]) && hex(s[i + 2])) {
      out += char(std::stoi(s.substr(i + 1, 2), nullptr, 16));
      i += 2;
    } else
      out += s[i];
  }
  return out;
}

std::string queryValue(const std::string& query, const std::string& key) {
  size_t pos = 0;
  while (pos <= query.size()) {
    size_t amp = query.find('&', pos);
    if (amp == std::string::npos) amp = query.size();
    std::string part = query.substr(pos, amp - pos);
    if (part.rfind(key + "=", 0) == 0) return percentDecode(part.substr(key.size() + 1));
    pos = amp + 1;
  }
  return {};
}

ApiResponse page(int status, const std::string& body) {
  ApiResponse r{status,
                "<!doctype html><html lang=\"vi\"><head><meta charset=\"utf-8\">"
                "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                "<title>DiemQuet – Mã địa điểm</title><style>"
                "body{font:18px/1.5 system-ui,sans-serif;margin:0;padding:24px 16px;color:#1b1b1b;max-width:520px}"
                "h1{font-size:22px;margin:0 0 12px}p{margin:8px 0}.en{color:#666;font-size:15px}"
                "input{font-size:24px;padding:10px;width:100%;box-sizing:border-box;text-transform:uppercase;"
                "letter-spacing:2px;border:2px solid #888;border-radius:8px}"
                "button,a.go{display:block;margin-top:12px;font-size:20px;padding:12px;width:100%;border:0;"
                "border-radius:8px;background:#0b63c5;color:#fff;text-align:center;text-decoration:none}"
                ".err{color:#b00020;font-weight:600}</style></head><body>" +
                    body + "</body></html>"};
  r.contentType = "text/html; charset=utf-8";
  return r;
}

std::string form(const std::string& typed) {
  return "<form action=\"/c\" method=\"get\"><p><label for=\"code\">Mã địa điểm in dưới mã QR "
         "<span class=\"en\">(venue code under the QR)</span></label></p>"
         "<input id=\"code\" name=\"code\" autocomplete=\"off\" autocapitalize=\"characters\" placeholder=\"34M-FPJ\" "
         "value=\"" +
         htmlEscape(typed) + "\"><button type=\"submit\">Mở trang khai báo</button></form>";
}

ApiResponse codePage(Store& store, const std::string& typed, const std::function<void(const std::string&)>& log) {
  if (typed.empty())
    return page(200, "<h1>Khai báo bằng mã địa điểm</h1><p class=\"en\">Check in with the venue code.</p>" + form(""));
  auto code = poster::normalizeShortCode(typed);
  if (!code)
    return page(404,
                "<h1>Mã không đúng dạng</h1><p class=\"err\">Mã địa điểm gồm 6 chữ và số, ví dụ 34M-FPJ. "
                "Kiểm tra lại mã in trên áp phích.</p><p class=\"en\">A venue code is 6 letters and digits, "
                "e.g. 34M-FPJ.</p>" +
                    form(typed));
  auto matches = resolveShortCode(store, *code);
  if (!matches) {
    if (log) log("short code lookup failed: " + matches.error().message);
    return page(
        503, "<h1>Máy chủ đang bận</h1><p class=\"err\">Chưa tra được mã, hãy thử lại sau ít phút.</p>" + form(*code));
  }
  if (matches->empty())
    return page(404, "<h1>Không tìm thấy mã " + htmlEscape(*code) +
                         "</h1><p class=\"err\">Không có áp phích nào mang mã này. Kiểm tra lại mã in dưới mã QR, "
                         "hoặc hỏi nhân viên địa điểm.</p><p class=\"en\">No poster has this code.</p>" +
                         form(*code));
  if (matches->size() == 1) {
    ApiResponse r{302, ""};
    r.contentType = "text/plain; charset=utf-8";
    r.location = matches->front().url;
    return r;
  }
  std::string list = "<h1>Chọn địa điểm</h1><p>Mã " + htmlEscape(*code) + " thuộc nhiều điểm quét:</p>";
  for (const ShortCodeMatch& m : *matches)
    list += "<a class=\"go\" href=\"" + htmlEscape(m.url) + "\">" + htmlEscape(m.venueName) + " · " +
            htmlEscape(m.pointName) + "</a>";
  return page(300, list);
}

ApiResponse codeApi(Store& store, const std::string& typed, const std::function<void(const std::string&)>& log) {
  auto code = poster::normalizeShortCode(typed);
  if (!code) return errorResponse(400, "bad_short_code", "A short code is 6 characters of 0-9 and A-Z, e.g. 34M-FPJ.");
  auto matches = resolveShortCode(store, *code);
  if (!matches) {
    if (log) log("storage error: " + matches.error().message);
    return errorResponse(503, "storage_unavailable", "The database is unavailable; retry later.");
  }
  if (matches->empty()) return errorResponse(404, "unknown_short_code", "No issued poster has this short code.");
  nlohmann::json list = nlohmann::json::array();
  for (const ShortCodeMatch& m : *matches)
    list.push_back({{"url", m.url},
                    {"venue", {{"id", m.venueId}, {"name", m.venueName}}},
                    {"scanPoint", {{"id", m.pointId}, {"name", m.pointName}}}});
  return ApiResponse{200, nlohmann::json{{"code", *code}, {"matches", list}}.dump()};
}

}  // namespace

Status fillShortCodes(Store& store) {
  auto r = store.postersWithoutShortCode();
  if (!r) return r.error();
  std::vector<std::pair<std::pair<std::string, std::string>, std::string>> codes;
  for (const auto& point : r.value()) codes.emplace_back(point, poster::shortCode(point.first, point.second));
  return store.setShortCodes(codes);
}

Result<std::vector<ShortCodeMatch>> resolveShortCode(Store& store, const std::string& code) {
  if (auto st = fillShortCodes(store); !st) return st.error();
  auto r = store.postersWithShortCode(code);
  if (!r) return r.error();
  auto ring = keyRing(store);
  if (!ring) return ring.error();
  std::vector<ShortCodeMatch> out;
  std::set<std::pair<std::string, std::string>> seen;
  for (const PosterByShortCode& p : r.value()) {
    const poster::PublicKey* key = ring->find(p.keyId);
    if (!key || key->revoked) continue;  // a withdrawn poster's code leads nowhere
    if (!seen.insert({p.venueId, p.scanPointId}).second) continue;
    out.push_back(ShortCodeMatch{p.venueId, p.venueName, p.scanPointId, p.scanPointName, p.url});
  }
  return out;
}

void addShortCodeRoutes(Router& router, Store& store, const std::function<void(const std::string&)>& log) {
  router.on("GET", "/api/v1/short-codes/{code}",
            [&store, log](const ApiRequest&, const PathParams& p) { return codeApi(store, p["code"], log); });
  // /c/{code} as printed under the QR, and /c?code=... from the form on /c.
  router.on("GET", "/c/{code*}", [&store, log](const ApiRequest& req, const PathParams& p) {
    std::string typed = !p["code"].empty() ? p["code"] : queryValue(req.query, "code");
    if (typed.size() > 64) typed.resize(64);
    return codePage(store, typed, log);
  });
}

}  // namespace diemquet::server::posters
