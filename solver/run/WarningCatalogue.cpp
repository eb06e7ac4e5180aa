#include "solver/run/WarningCatalogue.h"

#include "solver/Error.h"

#include <fmt/format.h>

#include <cmath>

namespace heatnet {

const std::vector<WarningKind>& warningCatalogue() {
    static const std::vector<WarningKind> catalogue{
        {"plant_never_runs", "a plant whose sources deliver no heat over the whole run", "", "",
         "run"},
        {"set_point_below_design_return",
         "a plant's supply set point below a substation's design return temperature", "", "",
         "check, run"},
        {"pressure_above_pn", "a nodal pressure (gauge) above the pipes' nominal pressure PN",
         "max_pressure", "16 bar", "check, run"},
        {"pressure_below_minimum",
         "a nodal pressure less than the margin above the boiling pressure of the water there "
         "(boiling, pump cavitation)",
         "min_pressure_margin", "0.5 bar", "check, run"},
        {"velocity_above_limit", "mean water velocity in a pipe above the limit", "max_velocity",
         "3 m/s", "check, run"},
        {"pressure_gradient_above_limit",
         "friction pressure drop per metre of a supply or return pipe above the limit",
         "max_pressure_gradient", "300 Pa/m", "check, run"},
        {"unmet_heat_above_threshold",
         "a substation's unmet heat above a share of its demand over the run", "max_unmet_share",
         "1 %", "run"},
        {"pipe_without_flow", "a pipe whose flow stays below the minimum during the whole run",
         "min_pipe_flow", "0.001 kg/s", "run"},
        {"flow_reversal",
         "a pipe whose flow runs both ways during the run (each way above "
         "min_pipe_flow)",
         "min_pipe_flow", "0.001 kg/s", "run"},
        {"storage_layer_above_max",
         "a storage tank's layer more than 0.5 K above its max_temperature, the hottest water that "
         "can enter it: the integrator's error (tighten relative_tolerance)",
         "", "", "run"},
        {"capacity_below_design_hour",
         "the sources' installed capacity below the network's peak demand (the design hour)",
         "min_capacity_share", "100 %", "check, run"},
    };
    return catalogue;
}

const WarningKind& warningKind(std::string_view id) {
    for (const WarningKind& kind : warningCatalogue()) {
        if (kind.id == id) {
            return kind;
        }
    }
    throw Error(fmt::format("unknown warning id '{}'", id));
}

std::string describeHour(double time_s) {
    if (std::isnan(time_s)) {
        return "";
    }
    return fmt::format("hour {:g}", std::round(time_s / 36.0) / 100.0);
}

} // namespace heatnet
