// Folding Vietnamese text for search: "Phường Bến Nghé" and "phuong ben nghe" fold alike.
#pragma once
#include <string>
#include <string_view>

namespace diemquet::server::areas {

// Lower-case ASCII words separated by single spaces: Vietnamese letters lose their marks
// (precomposed NFC letters and NFD combining marks alike), đ becomes d, anything that is not a
// letter or digit separates words. Invalid UTF-8 bytes separate words too.
std::string foldForSearch(std::string_view utf8);

}  // namespace diemquet::server::areas
