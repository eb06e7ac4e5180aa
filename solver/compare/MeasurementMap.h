#pragma once
// The mapping file of `heatnet compare` (docs/compare.md): which measured CSV column is which
// simulated series of which element, and the lag search window.
//
//   lag_window: 5 min          # optional; lags searched from −W to +W; default 0 (no search)
//   lag_step: 1 s              # optional; default the result's output step
//   sensors:
//     - {column: T_out, unit: degC, series: /pipes/supply_outlet_temperature, element: P1}
//     - {name: flow C1, column: m_C1, unit: kg/s, series: /substations/mass_flow, element: C1}
#include "solver/input/Input.h"

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace heatnet {

//! One sensor: a measured column against a simulated series (nodes kept for messages).
struct SensorMap {
    std::string name, column, unit, series, element; //!< element empty: a 1-D series
    InputNode node, columnNode, unitNode, seriesNode, elementNode;
};

struct MeasurementMap {
    std::shared_ptr<const InputFile> file;
    double lagWindow_s = 0;
    std::optional<InputNode> lagWindowNode; //!< for messages
    std::optional<double> lagStep_s;
    std::vector<SensorMap> sensors;
};

//! Most lag steps searched on either side (a window of 10,000 steps: 20,001 lags).
inline constexpr double kMaxLagSteps = 10000;

//! Reads and checks the mapping file's form (not yet against a result or a CSV); InputError
//! "FILE:LINE:COLUMN: key: message" on bad input.
MeasurementMap readMeasurementMap(const std::filesystem::path& path);

} // namespace heatnet
