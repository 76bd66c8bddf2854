// A small zlib (RFC 1950/1951) compressor for PDF streams: LZ77 with hash chains and the fixed
// Huffman code. Ours so that native and WASM builds write byte-identical PDFs without zlib
// (emcc 3.1.6 from Debian has no zlib port, and nothing may be downloaded).
#pragma once
#include <cstdint>
#include <span>
#include <vector>

namespace diemquet::poster {

// zlib-wrapped deflate of `in`, readable by any inflater (PDF /FlateDecode).
std::vector<uint8_t> zlibCompress(std::span<const uint8_t> in);

}  // namespace diemquet::poster
