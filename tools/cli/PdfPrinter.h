#pragma once
// Prints an HTML file to PDF with headless Chromium (Debian's `chromium`; HEATNET_CHROMIUM
// names another executable). The PDF appears at its path only when complete.
#include <filesystem>

namespace heatnet::cli {

//! Prints `html` to `pdf` (A4, as the page's print style says). Throws Error if Chromium is
//! missing or fails.
void printToPdf(const std::filesystem::path& html, const std::filesystem::path& pdf);

} // namespace heatnet::cli
