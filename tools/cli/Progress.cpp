#include "tools/cli/Progress.h"

#include <fmt/format.h>

#include <cstdio>
#include <unistd.h>

namespace heatnet::cli {

ProgressBar::ProgressBar(std::string label)
    : m_label(std::move(label)), m_enabled(isatty(fileno(stderr)) != 0),
      m_start(std::chrono::steady_clock::now()), m_last(m_start) {}

ProgressBar::~ProgressBar() {
    finish();
}

void ProgressBar::update(double fraction) {
    if (!m_enabled) {
        return;
    }
    const auto now = std::chrono::steady_clock::now();
    if (m_drawn && now - m_last < std::chrono::milliseconds(100) && fraction < 1.0) {
        return;
    }
    m_last = now;
    const double elapsed = std::chrono::duration<double>(now - m_start).count();
    const int width = 30;
    const int filled = static_cast<int>(fraction * width + 0.5);
    const double eta = fraction > 0 ? elapsed * (1 - fraction) / fraction : 0;
    fmt::print(stderr, "\r{} [{}{}] {:3.0f} %  ETA {:.0f} s\x1b[K", m_label,
               std::string(filled, '#'), std::string(width - filled, '-'), 100 * fraction, eta);
    std::fflush(stderr);
    m_drawn = true;
}

void ProgressBar::finish() {
    if (m_enabled && m_drawn) {
        fmt::print(stderr, "\r{}\r", std::string(m_label.size() + 60, ' '));
        std::fflush(stderr);
        m_drawn = false;
    }
}

} // namespace heatnet::cli
