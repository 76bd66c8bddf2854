// The page's own address: the visitor page reads the poster from its URL fragment (which never
// reaches a server), and the station builds absolute links from the origin.
#pragma once
#include <string>

namespace diemquet::platform {

// location.href as the browser shows it now (fragment included; it changes when a second
// poster is scanned into the same tab).
std::string pageUrl();

// Leaves this page for `url` (same origin or absolute), as a tapped link does.
void openPage(const std::string& url);

// The page's Web Storage: `session` = sessionStorage (this tab only, kept across a reload, gone
// when the tab closes), else localStorage (kept). Empty when absent or storage is blocked;
// setting "" removes the key.
std::string pageStoreGet(bool session, const std::string& key);
void pageStoreSet(bool session, const std::string& key, const std::string& value);

}  // namespace diemquet::platform
