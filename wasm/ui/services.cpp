#include "services.hpp"

#include <cstdio>
#include <cstdlib>
#include <utility>

namespace diemquet::ui {

namespace {
Services g_services;
}

void Services::noRandomness(unsigned char*, size_t) {
  std::fputs("diemquet: randomness asked for before the app set ui::Services\n", stderr);
  std::abort();
}

void setServices(Services services) {
  g_services = std::move(services);
}

const Services& services() {
  return g_services;
}

}  // namespace diemquet::ui
