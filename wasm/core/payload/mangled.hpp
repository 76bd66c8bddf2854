// Detects Vietnamese text damaged on its way in: a keyboard-wedge (USB "keyboard") barcode
// scanner types characters through a keyboard layout, and most layouts drop or garble
// anything outside ASCII.
#pragma once
#include <string_view>

namespace diemquet::payload {

// True if NFC UTF-8 text shows the marks of such damage:
//  - U+FFFD, the replacement character a decoder puts for bytes it could not read;
//  - '?' touching a letter ("Nguy?n"), what a layout without the letter types instead;
//  - UTF-8 read as Windows-1252/Latin-1 ("Nguyá»…n"): a lead-byte look-alike (Â..ô) followed
//    by the right number of continuation-byte look-alikes (U+0080..U+00BF and the 1252
//    punctuation). Real Vietnamese never puts those symbols after a letter.
bool looksMangled(std::string_view text);

// True if an ASCII-only address uses the administrative words that Vietnamese always writes
// with diacritics ("Phuong", "Huyen", "Tinh", ...): the diacritics were dropped.
bool looksStrippedAddress(std::string_view address);

}  // namespace diemquet::payload
