// The one assertion the fuzz targets use: a broken invariant must crash so libFuzzer keeps
// the input.
#pragma once
#include <cstdio>
#include <cstdlib>

#define DQ_FUZZ_CHECK(cond, what)                                   \
  do {                                                              \
    if (!(cond)) {                                                  \
      std::fprintf(stderr, "invariant broken: %s (%s)\n", what, #cond); \
      std::abort();                                                 \
    }                                                               \
  } while (0)
