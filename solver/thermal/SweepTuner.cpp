#include "solver/thermal/SweepTuner.h"

#include <algorithm>
#include <numeric>

namespace heatnet {

namespace {

double mean(const std::vector<double>& v) {
    return std::accumulate(v.begin(), v.end(), 0.0) / static_cast<double>(v.size());
}

} // namespace

int SweepTuner::next(Clock::time_point now, int allowed) {
    if (m_started && m_lastProbe >= 0) {
        m_times[m_lastProbe].push_back(std::chrono::duration<double>(now - m_lastStart).count());
    }
    m_started = true;
    m_lastStart = now;
    if (allowed <= 1) {
        m_lastProbe = -1;
        return 1;
    }
    if (m_position == 2 * kProbe) {
        // Both probes timed: choose for the stretch.
        ++m_probes;
        m_threaded = mean(m_times[1]) < (1 - kMargin) * mean(m_times[0]);
        if (m_threaded) {
            ++m_threadedWins;
            m_stretch = kStretch;
        } else {
            m_stretch = std::min(2 * m_stretch, kLongestStretch);
        }
        m_times[0].clear();
        m_times[1].clear();
    }
    const long position = m_position;
    m_position = position + 1 >= 2 * kProbe + m_stretch ? 0 : position + 1;
    if (position < 2 * kProbe) {
        m_lastProbe = position < kProbe ? 0 : 1;
        return m_lastProbe == 0 ? 1 : allowed;
    }
    m_lastProbe = -1;
    return m_threaded ? allowed : 1;
}

} // namespace heatnet
