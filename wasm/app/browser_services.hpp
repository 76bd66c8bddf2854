// The screens' device services (ui/services.hpp) as the browser provides them.
#pragma once
#include "services.hpp"

namespace diemquet::app {

// `files` saves the files a face makes (null for a face that saves none).
ui::Services browserServices(client::Downloader* files);

}  // namespace diemquet::app
