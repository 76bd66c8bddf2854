// The page's own address: the visitor page reads the poster from its URL fragment (which never
// reaches a server), and the station builds absolute links from the origin.
#pragma once
#include <string>

namespace diemquet::platform {

// location.href as the browser shows it now (fragment included; it changes when a second
// poster is scanned into the same tab).
std::string pageUrl();

}  // namespace diemquet::platform
