#pragma once
// What passes a point of a plug-flow network during a step (models/PlugFlowPipe.h): a list of
// segments covering the step, in time order.

namespace heatnet {

//! A stretch of a step during which water of one temperature passes a point.
struct StreamSegment {
    double duration_s = 0;
    double temperature_K = 0;
};

} // namespace heatnet
