#pragma once
// What passes a point of a plug-flow network during a step (models/PlugFlowPipe.h): a list of
// segments covering the step, in time order.

#include <algorithm>
#include <vector>

namespace heatnet {

//! A stretch of a step during which water of one temperature passes a point.
struct StreamSegment {
    double duration_s = 0;
    double temperature_K = 0;
};

//! Merges neighbouring segments into their duration-weighted mean wherever all the segments
//! merged into one lie within `tolerance_K` of each other (a band, so a slow ramp is not
//! flattened by small steps). A stream passes at one mass flow, so the heat it carries is kept
//! to round-off; a jump larger than the tolerance stays exactly where it was.
inline void mergeAlike(std::vector<StreamSegment>& stream, double tolerance_K) {
    if (stream.size() < 2) {
        return;
    }
    std::size_t last = 0;
    double low = stream.front().temperature_K, high = low; // band of what `last` holds [K]
    for (std::size_t i = 1; i < stream.size(); ++i) {
        const StreamSegment next = stream[i];
        const double newLow = std::min(low, next.temperature_K);
        const double newHigh = std::max(high, next.temperature_K);
        StreamSegment& into = stream[last];
        const double duration = into.duration_s + next.duration_s;
        if (newHigh - newLow < tolerance_K && duration > 0) {
            into.temperature_K =
                (into.duration_s * into.temperature_K + next.duration_s * next.temperature_K) /
                duration;
            into.duration_s = duration;
            low = newLow;
            high = newHigh;
        } else {
            stream[++last] = next;
            low = high = next.temperature_K;
        }
    }
    stream.resize(last + 1);
}

} // namespace heatnet
