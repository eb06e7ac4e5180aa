#pragma once
// What passes a point of a plug-flow network during a step (models/PlugFlowPipe.h): a list of
// segments covering the step, in time order.

#include <algorithm>
#include <cmath>
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
//! to round-off; a jump larger than the tolerance stays exactly where it was. Returns
//! Σ duration (T − `reference_K`) over the merged stream, in its order [s K] (0 if not asked:
//! the sum costs a pass the merge makes anyway).
inline double mergeAlike(std::vector<StreamSegment>& stream, double tolerance_K,
                         double reference_K = NAN) {
    const bool summed = !std::isnan(reference_K);
    const std::size_t count = stream.size();
    if (count < 2) {
        return summed && count == 1
                   ? 0.0 + stream[0].duration_s * (stream[0].temperature_K - reference_K)
                   : 0.0;
    }
    // Through a pointer and a count kept in registers: the stores into the segments would
    // otherwise make the compiler reload the vector's size and start on every pass.
    StreamSegment* const data = stream.data();
    StreamSegment* into = data;                   // the segment being merged into
    double low = into->temperature_K, high = low; // band of what `into` holds [K]
    double sum = 0;
    for (std::size_t i = 1; i < count; ++i) {
        const StreamSegment next = data[i];
        const double newLow = std::min(low, next.temperature_K);
        const double newHigh = std::max(high, next.temperature_K);
        const double duration = into->duration_s + next.duration_s;
        if (newHigh - newLow < tolerance_K && duration > 0) {
            into->temperature_K =
                (into->duration_s * into->temperature_K + next.duration_s * next.temperature_K) /
                duration;
            into->duration_s = duration;
            low = newLow;
            high = newHigh;
        } else {
            if (summed) {
                sum += into->duration_s * (into->temperature_K - reference_K);
            }
            *++into = next;
            low = high = next.temperature_K;
        }
    }
    if (summed) {
        sum += into->duration_s * (into->temperature_K - reference_K);
    }
    stream.resize(static_cast<std::size_t>(into - data) + 1);
    return sum;
}

} // namespace heatnet
