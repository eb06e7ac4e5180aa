#pragma once
// Whether a plug-flow step's sweep runs on one thread or on all allowed (PlugFlowNetwork), chosen
// by measuring, since results do not depend on it: on a quiet machine two threads sweep a large
// network in about half the time, but on a busy one (more runnable threads than cores) a thread
// that loses its core holds up the others at every step, and one thread is faster. So the run
// goes in cycles: kProbe steps on one thread, kProbe steps on all, both timed (wall time from
// one step's start to the next: the whole hour loop, the writer thread's share included), then
// the faster (by the mean step: the stalls of a thread that lost its core are the cost, so they
// must count; threads only if at least kMargin faster) for a stretch of steps.
// The stretch starts at kStretch steps and doubles, up to kLongestStretch, each time one thread
// wins, so that a machine that stays busy pays for few probes.
#include <chrono>
#include <vector>

namespace heatnet {

class SweepTuner {
public:
    using Clock = std::chrono::steady_clock;
    static constexpr int kProbe = 8;              //!< timed steps per probe
    static constexpr long kStretch = 240;         //!< steps run with the choice, at first
    static constexpr long kLongestStretch = 3840; //!< steps, after repeated one-thread wins
    static constexpr double kMargin = 0.05;       //!< threads must be this share faster [-]

    //! Threads for the step that starts at `now` (1 or `allowed`).
    int next(Clock::time_point now, int allowed);
    //! Probes run so far, and how many chose threads.
    int probes() const { return m_probes; }
    int threadedWins() const { return m_threadedWins; }

private:
    long m_position = 0; //!< step in the current cycle
    long m_stretch = kStretch;
    bool m_threaded = false; //!< the choice for the stretch
    bool m_started = false;  //!< a step started before
    int m_lastProbe = -1;    //!< the last step's probe: 0 one thread, 1 threads, −1 none
    Clock::time_point m_lastStart;
    std::vector<double> m_times[2]; //!< step times of the probes [s]
    int m_probes = 0, m_threadedWins = 0;
};

} // namespace heatnet
