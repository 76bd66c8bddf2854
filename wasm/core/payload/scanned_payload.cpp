// The dispatcher: normalise, recognise the kind by its shape, hand to the right parser.
#include "scanned_payload.hpp"

#include "fields.hpp"
#include "mangled.hpp"
#include "normalize.hpp"

namespace diemquet {
namespace {

Error unsupported() { return makeError(ErrorKind::Unsupported, "unsupported QR code"); }

Error mangled() {
  return makeError(ErrorKind::MangledText,
                   "the Vietnamese letters in this code were garbled, probably by a keyboard-mode barcode scanner; "
                   "scan with the camera or set the scanner to send Unicode (UTF-8)");
}

bool startsWithNoCase(std::string_view s, std::string_view prefix) {
  if (s.size() < prefix.size()) return false;
  for (size_t i = 0; i < prefix.size(); ++i) {
    char c = s[i];
    if (c >= 'A' && c <= 'Z') c = char(c - 'A' + 'a');
    if (c != prefix[i]) return false;
  }
  return true;
}

ScannedPayload fromCccd(CccdCard c) {
  ScannedPayload p;
  p.kind = PayloadKind::Cccd;
  p.person = Person{PersonKind::Cccd, c.id, c.name, {}, c.birthDate.year};
  p.details = std::move(c);
  return p;
}

ScannedPayload fromBhyt(BhytCard c) {
  ScannedPayload p;
  p.kind = PayloadKind::Bhyt;
  p.person = Person{PersonKind::Bhyt, c.cardNumber, c.name, {}, c.birthDate.year};
  p.details = std::move(c);
  return p;
}

ScannedPayload fromPcCovid(PcCovidCard c) {
  ScannedPayload p;
  p.kind = PayloadKind::PcCovid;
  p.person = Person{PersonKind::PcCovid, c.idNumber, c.name, {}, c.birthDate.year};
  p.details = std::move(c);
  return p;
}

ScannedPayload fromPass(VisitorPass v) {
  ScannedPayload p;
  p.kind = PayloadKind::VisitorPass;
  p.person = Person{PersonKind::Visitor, v.passId, v.name, v.phone, v.birthYear};
  p.details = std::move(v);
  return p;
}

}  // namespace

std::string_view toString(PayloadKind k) {
  switch (k) {
    case PayloadKind::Cccd: return "cccd";
    case PayloadKind::Bhyt: return "bhyt";
    case PayloadKind::PcCovid: return "pccovid";
    case PayloadKind::VisitorPass: return "visitorPass";
    case PayloadKind::Poster: return "poster";
  }
  return "cccd";
}

bool isPosterUrl(std::string_view s) {
  size_t schemeEnd;
  if (startsWithNoCase(s, "https://")) schemeEnd = 8;
  else if (startsWithNoCase(s, "http://")) schemeEnd = 7;
  else return false;
  size_t hostEnd = s.find('/', schemeEnd);
  if (hostEnd == std::string_view::npos || hostEnd == schemeEnd) return false;
  for (size_t i = schemeEnd; i < hostEnd; ++i)
    if (s[i] == ' ' || s[i] == '#' || s[i] == '?' || s[i] == '@') return false;
  size_t marker = s.find("/v#1.", hostEnd);
  // The marker ends the path: no query between it and the host, something after it.
  return marker != std::string_view::npos && s.find('?', hostEnd) > marker && marker + 5 < s.size() &&
         s.find(' ') == std::string_view::npos;
}

Result<ScannedPayload> parsePayload(std::string_view raw) {
  auto norm = payload::normalizeScan(raw);
  if (!norm) return norm.error();
  const std::string& text = norm.value();
  if (text.empty()) return unsupported();

  if (isPosterUrl(text)) {
    ScannedPayload p;
    p.kind = PayloadKind::Poster;
    p.details = PosterLink{text};
    return p;
  }

  if (text.rfind("DQV", 0) == 0) {
    if (payload::looksMangled(text)) return mangled();
    auto v = parseVisitorPass(text);
    if (!v) return v.error();
    return fromPass(std::move(v.value()));
  }

  if (text.find('|') == std::string::npos) return unsupported();
  auto f = payload::splitFields(text);
  std::string_view first = f[0];
  bool bhyt = isBhytCardNumberA(first) || (f.back() == "$" && f.size() >= 10) ||
              (isBhytCardNumberB(first) && f.size() >= 2 && payload::isHex(f[1]));
  bool pcCovid = !bhyt && f.size() == 6 && payload::isDigits(first, 9, 12) && f[2].size() == 10 && f[2][4] == '-';
  // CCCD: a run of digits (13 digits is a broken CCCD, not something else) and a few fields;
  // parseCccd then reports a wrong field count as Malformed rather than "unsupported".
  bool cccd = !bhyt && !pcCovid && payload::isDigits(first, 9, 13) && f.size() >= 3;
  if (!bhyt && !pcCovid && !cccd) return unsupported();
  // Hex fields cannot be garbled by a keyboard layout, but U+FFFD or '?' can still appear.
  if (payload::looksMangled(text)) return mangled();

  if (bhyt) {
    auto c = parseBhyt(f);
    if (!c) return c.error();
    return fromBhyt(std::move(c.value()));
  }
  if (pcCovid) {
    auto c = parsePcCovid(f);
    if (!c) return c.error();
    return fromPcCovid(std::move(c.value()));
  }
  auto c = parseCccd(f);
  if (!c) return c.error();
  return fromCccd(std::move(c.value()));
}

}  // namespace diemquet
