#include "visitor_pass_issue.hpp"

#include "poster/poster_pdf.hpp"
#include "text.hpp"
#include "validation.hpp"

namespace diemquet {

Result<IssuedPass> issueVisitorPass(const std::string& name, const std::string& phone, int birthYear,
                                    const unsigned char random10[10]) {
  ManualEntry e;
  e.name = name;
  e.phone = phone.empty() ? std::string("0900000000") : phone;  // phone is optional on a pass
  FieldErrors errs;
  auto v = validateManualEntry(e, Instant{}, &errs);
  if (!v) return v.error();
  static const char* alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";  // Crockford base-32
  IssuedPass out;
  // 80 random bits -> 16 characters of 5 bits.
  uint64_t hi = 0;
  for (int i = 0; i < 5; ++i) hi = (hi << 8) | random10[i];
  uint64_t lo = 0;
  for (int i = 5; i < 10; ++i) lo = (lo << 8) | random10[i];
  for (int i = 7; i >= 0; --i) out.pass.passId += alphabet[(hi >> (5 * i)) & 31];
  for (int i = 7; i >= 0; --i) out.pass.passId += alphabet[(lo >> (5 * i)) & 31];
  out.pass.name = v->person.displayName;
  out.pass.phone = phone.empty() ? std::string() : v->person.phone;
  out.pass.birthYear = birthYear;
  auto text = encodeVisitorPass(out.pass);
  if (!text) return text.error();
  out.text = text.value();
  return out;
}

std::string visitorPassSvg(const IssuedPass& pass) {
  auto qr = poster::encodeQr(pass.text);
  if (!qr) return {};
  const poster::QrMatrix& m = qr.value();
  int quiet = 4, side = m.side + 2 * quiet, module = 8, w = side * module;
  std::string svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + std::to_string(w) + "\" height=\"" +
                    std::to_string(w + 90) + "\" viewBox=\"0 0 " + std::to_string(w) + " " + std::to_string(w + 90) +
                    "\"><rect width=\"100%\" height=\"100%\" fill=\"#fff\"/><path fill=\"#000\" d=\"";
  for (int y = 0; y < m.side; ++y)
    for (int x = 0; x < m.side;) {
      if (!m.dark(x, y)) { ++x; continue; }
      int run = 0;
      while (x + run < m.side && m.dark(x + run, y)) ++run;
      svg += "M" + std::to_string((x + quiet) * module) + " " + std::to_string((y + quiet) * module) + "h" +
             std::to_string(run * module) + "v" + std::to_string(module) + "h-" + std::to_string(run * module) + "z";
      x += run;
    }
  std::string name;
  for (char c : pass.pass.name) {
    if (c == '<') name += "&lt;";
    else if (c == '&') name += "&amp;";
    else name += c;
  }
  svg += "\"/><text x=\"50%\" y=\"" + std::to_string(w + 40) +
         "\" font-family=\"Noto Sans, sans-serif\" font-size=\"32\" text-anchor=\"middle\">" + name +
         "</text><text x=\"50%\" y=\"" + std::to_string(w + 76) +
         "\" font-family=\"Noto Sans, sans-serif\" font-size=\"20\" text-anchor=\"middle\" fill=\"#555\">DiemQuet · " +
         pass.pass.passId + "</text></svg>";
  return svg;
}

}  // namespace diemquet
