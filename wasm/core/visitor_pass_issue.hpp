// Issuing a visitor pass at the station: for a regular visitor without a card QR, staff type
// the details once and the visitor keeps the pass (on screen, a photo, or printed) to be
// scanned next time. The pass is ours (payload/visitor_pass.hpp, docs/formats-own.md).
#pragma once
#include <string>

#include "payload/visitor_pass.hpp"
#include "result.hpp"

namespace diemquet {

struct IssuedPass {
  VisitorPass pass;
  std::string text;  // the QR payload
};

// Validates name and (optional) phone like the manual form; the pass id comes from 10 random
// bytes the caller supplies (Crockford base-32, 16 characters).
Result<IssuedPass> issueVisitorPass(const std::string& name, const std::string& phone, int birthYear,
                                    const unsigned char random10[10]);

// The pass as a printable SVG: the QR (4-module quiet zone) with the name under it.
std::string visitorPassSvg(const IssuedPass& pass);

}  // namespace diemquet
