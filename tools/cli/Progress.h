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
    //! Replaces the text before the bar (e.g. "sweep: 12/100 done, 1 failed").
    void setLabel(std::string label) { m_label = std::move(label); }
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
