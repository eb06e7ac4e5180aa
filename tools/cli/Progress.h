#pragma once
// A progress bar on a terminal (stderr is a TTY); silent when piped or redirected.
#include <chrono>
#include <string>

namespace heatnet::cli {

//! Draws "label [#####-----] 42 %  ETA 3 s" at most ten times a second.
class ProgressBar {
public:
    explicit ProgressBar(std::string label);
    ~ProgressBar();
    //! fraction in [0, 1].
    void update(double fraction);
    //! Erases the bar (before printing results).
    void finish();
    bool enabled() const { return m_enabled; }

private:
    std::string m_label;
    bool m_enabled = false;
    bool m_drawn = false;
    std::chrono::steady_clock::time_point m_start, m_last;
};

} // namespace heatnet::cli
