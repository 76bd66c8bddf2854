// Deflate with fixed Huffman codes (RFC 1951 §3.2.6): greedy LZ77 over a 32 KiB window.
#include "poster/deflate.hpp"

#include <algorithm>

namespace diemquet::poster {
namespace {

constexpr uint16_t kLenBase[29] = {3,  4,  5,  6,  7,  8,  9,  10, 11,  13,  15,  17,  19,  23, 27,
                                   31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258};
constexpr uint8_t kLenExtra[29] = {0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2,
                                   2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0};
constexpr uint16_t kDistBase[30] = {1,   2,   3,   4,   5,   7,    9,    13,   17,   25,
                                    33,  49,  65,  97,  129, 193,  257,  385,  513,  769,
                                    1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577};
constexpr uint8_t kDistExtra[30] = {0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6,
                                    6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13};

constexpr size_t kWindow = 32768;
constexpr int kHashBits = 15;
constexpr int kMaxChain = 48;

class BitWriter {
 public:
  explicit BitWriter(std::vector<uint8_t>& out) : m_out(out) {}
  // Extra bits and block headers: least significant bit first.
  void bits(uint32_t v, int n) {
    m_acc |= v << m_n;
    m_n += n;
    while (m_n >= 8) {
      m_out.push_back(uint8_t(m_acc));
      m_acc >>= 8;
      m_n -= 8;
    }
  }
  // Huffman codes: most significant bit first.
  void code(uint32_t c, int n) {
    uint32_t r = 0;
    for (int i = 0; i < n; ++i) r |= ((c >> i) & 1u) << (n - 1 - i);
    bits(r, n);
  }
  void flush() {
    if (m_n > 0) m_out.push_back(uint8_t(m_acc));
    m_acc = 0;
    m_n = 0;
  }

 private:
  std::vector<uint8_t>& m_out;
  uint32_t m_acc = 0;
  int m_n = 0;
};

void literal(BitWriter& w, unsigned sym) {
  if (sym < 144) w.code(0x30 + sym, 8);
  else if (sym < 256) w.code(0x190 + (sym - 144), 9);
  else if (sym < 280) w.code(sym - 256, 7);
  else w.code(0xC0 + (sym - 280), 8);
}

void match(BitWriter& w, unsigned len, unsigned dist) {
  int li = 28;
  while (kLenBase[li] > len) --li;
  literal(w, 257 + li);
  w.bits(len - kLenBase[li], kLenExtra[li]);
  int di = 29;
  while (kDistBase[di] > dist) --di;
  w.code(unsigned(di), 5);
  w.bits(dist - kDistBase[di], kDistExtra[di]);
}

uint32_t hash3(const uint8_t* p) {
  return ((uint32_t(p[0]) << 16 | uint32_t(p[1]) << 8 | p[2]) * 2654435761u) >> (32 - kHashBits);
}

}  // namespace

std::vector<uint8_t> zlibCompress(std::span<const uint8_t> in) {
  std::vector<uint8_t> out{0x78, 0x01};
  out.reserve(in.size() / 2 + 64);
  BitWriter w(out);
  w.bits(1, 1);  // BFINAL
  w.bits(1, 2);  // BTYPE = fixed Huffman

  std::vector<int32_t> head(size_t(1) << kHashBits, -1);
  std::vector<int32_t> prev(kWindow, -1);
  const size_t n = in.size();
  auto insert = [&](size_t i) {
    if (i + 3 > n) return;
    uint32_t h = hash3(&in[i]);
    prev[i % kWindow] = head[h];
    head[h] = int32_t(i);
  };
  size_t i = 0;
  while (i < n) {
    size_t bestLen = 0, bestDist = 0;
    if (i + 3 <= n) {
      int32_t cand = head[hash3(&in[i])];
      size_t maxLen = std::min<size_t>(258, n - i);
      for (int chain = 0; cand >= 0 && chain < kMaxChain; ++chain) {
        size_t dist = i - size_t(cand);
        if (dist > kWindow - 1 || dist == 0) break;
        size_t l = 0;
        while (l < maxLen && in[size_t(cand) + l] == in[i + l]) ++l;
        if (l > bestLen) {
          bestLen = l;
          bestDist = dist;
          if (l == maxLen) break;
        }
        int32_t next = prev[size_t(cand) % kWindow];
        if (next >= cand) break;  // slot reused by a newer position
        cand = next;
      }
    }
    if (bestLen >= 3) {
      match(w, unsigned(bestLen), unsigned(bestDist));
      for (size_t k = 0; k < bestLen; ++k) insert(i + k);
      i += bestLen;
    } else {
      literal(w, in[i]);
      insert(i);
      ++i;
    }
  }
  literal(w, 256);
  w.flush();

  uint32_t a = 1, b = 0;
  for (uint8_t c : in) {
    a = (a + c) % 65521;
    b = (b + a) % 65521;
  }
  uint32_t adler = (b << 16) | a;
  for (int s = 24; s >= 0; s -= 8) out.push_back(uint8_t(adler >> s));
  return out;
}

}  // namespace diemquet::poster
