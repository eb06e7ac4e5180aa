#include "solver/compare/MeasurementComparison.h"

#include "solver/Error.h"
#include "solver/input/CsvTable.h"
#include "solver/input/Scenario.h"
#include "solver/input/SeriesTiming.h"
#include "solver/input/TextParsing.h"
#include "solver/input/Units.h"
#include "solver/output/Hdf5File.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>

namespace heatnet {

namespace {

//! si = value · factor + offset for `unit` of `dimension`; nullopt if it is not one.
std::optional<std::pair<double, double>> conversion(const std::string& unit, Dimension dimension) {
    std::string reason;
    const auto zero = parseQuantity("0 " + unit, dimension, &reason);
    const auto one = parseQuantity("1 " + unit, dimension, &reason);
    if (!zero || !one) {
        return std::nullopt;
    }
    return std::make_pair(*one - *zero, *zero);
}

//! The dimension of a result unit ("degC", "kg/s", "W", "Pa", "1").
std::optional<Dimension> dimensionOfResultUnit(const std::string& unit) {
    for (const Dimension d :
         {Dimension::Temperature, Dimension::MassFlow, Dimension::Power, Dimension::Pressure,
          Dimension::Energy, Dimension::Speed, Dimension::Length}) {
        if (conversion(unit, d)) {
            return d;
        }
    }
    return std::nullopt;
}

//! The run's start ("2025-01-01 00:00:00") from a time axis' CF units attribute.
std::string runStartOf(const Hdf5Reader& file, const std::string& timePath) {
    const std::string units = file.readAttribute(timePath, "units");
    const std::string prefix = "hours since ";
    if (units.rfind(prefix, 0) != 0) {
        throw InputError(fmt::format("{}: attribute 'units' is '{}', not 'hours since DATE': not a "
                                     "heatnet result",
                                     timePath, units));
    }
    return units.substr(prefix.size());
}

} // namespace

std::vector<SensorComparison> compareMeasurements(const std::filesystem::path& resultPath,
                                                  const std::filesystem::path& measuredPath,
                                                  const MeasurementMap& map) {
    const Hdf5Reader result = [&] {
        try {
            return Hdf5Reader(resultPath);
        } catch (const InputError&) {
            throw;
        } catch (const Error& e) {
            throw InputError(e.what()); // a result that cannot be read is bad input here
        }
    }();
    const CsvTable table = CsvTable::load(measuredPath);
    if (!table.hasColumn(std::string(kTimeColumn))) {
        throw InputError(fmt::format("{}:1: no '{}' column; the measured series need their times "
                                     "(ISO 8601 local time or seconds from the run's start)",
                                     table.displayName(), kTimeColumn));
    }
    std::vector<SensorComparison> out;
    for (const SensorMap& sensor : map.sensors) {
        // The simulated series and its element.
        if (!result.exists(sensor.series)) {
            sensor.seriesNode.fail(
                fmt::format("{} has no series '{}'", resultPath.string(), sensor.series));
        }
        const std::string group = sensor.series.substr(0, sensor.series.rfind('/'));
        const std::string timePath = (group.empty() ? std::string() : group) + "/time";
        if (!result.exists(timePath)) {
            sensor.seriesNode.fail(fmt::format("'{}' is not a time series (no {} axis in {})",
                                               sensor.series, timePath, resultPath.string()));
        }
        const std::vector<double> hours = result.readDoubles(timePath);
        std::vector<std::size_t> shape;
        const std::vector<double> data = result.readDoubles(sensor.series, &shape);
        std::vector<double> simulated(hours.size());
        if (shape.size() == 1) {
            if (!sensor.element.empty()) {
                sensor.elementNode.fail(fmt::format("'{}' is one series for the whole network; "
                                                    "'element' does not apply",
                                                    sensor.series));
            }
            simulated.assign(data.begin(), data.end());
        } else if (shape.size() == 2) {
            // The label axis: the group's string dataset with one entry per column.
            std::vector<std::string> labels;
            for (const std::string& member : result.list(group)) {
                const std::string path = group + "/" + member;
                if (member == "time" || member == "time_bnds") {
                    continue;
                }
                try {
                    const auto names = result.readStrings(path);
                    if (names.size() == shape[1]) {
                        labels = names;
                        break;
                    }
                } catch (const Error&) {
                    // not a string dataset
                }
            }
            if (sensor.element.empty()) {
                sensor.node.fail(fmt::format("'{}' has one column per element ({}); give "
                                             "'element'",
                                             sensor.series, joinQuoted(labels)));
            }
            const auto it = std::find(labels.begin(), labels.end(), sensor.element);
            if (it == labels.end()) {
                const std::string near = nearestWord(sensor.element, labels);
                sensor.elementNode.fail(fmt::format(
                    "'{}' has no element '{}'{}; its elements are {}", sensor.series,
                    sensor.element, near.empty() ? "" : fmt::format(" (did you mean '{}'?)", near),
                    joinQuoted(labels)));
            }
            const auto column = static_cast<std::size_t>(it - labels.begin());
            for (std::size_t r = 0; r < hours.size(); ++r) {
                simulated[r] = data.at(r * shape[1] + column);
            }
        } else {
            sensor.seriesNode.fail(fmt::format("'{}' is not a time series", sensor.series));
        }
        std::vector<double> simulatedTime_s(hours.size());
        for (std::size_t r = 0; r < hours.size(); ++r) {
            simulatedTime_s[r] = hours[r] * 3600.0;
        }

        // Units: the measured column converted into the simulated series' unit.
        const std::string resultUnit = result.readAttribute(sensor.series, "units");
        const auto dimension = dimensionOfResultUnit(resultUnit);
        if (!dimension) {
            sensor.seriesNode.fail(fmt::format("'{}' has unit '{}', which compare does not "
                                               "convert",
                                               sensor.series, resultUnit));
        }
        const auto to = conversion(resultUnit, *dimension);
        const auto from = conversion(sensor.unit, *dimension);
        if (!from) {
            sensor.unitNode.fail(fmt::format("unknown unit '{}': '{}' is in {}, expected {}",
                                             sensor.unit, sensor.series, resultUnit,
                                             describeDimension(*dimension)));
        }

        // The measured rows: times on the run's axis, values in the simulated unit.
        if (!table.hasColumn(sensor.column)) {
            const std::string near = nearestWord(sensor.column, table.header());
            sensor.columnNode.fail(fmt::format(
                "{} has no column '{}'{}; its columns are {}", table.displayName(), sensor.column,
                near.empty() ? "" : fmt::format(" (did you mean '{}'?)", near),
                joinQuoted(table.header())));
        }
        SimulationSettings run;
        run.start = runStartOf(result, timePath);
        RowTimeRules anyTimes; // measurements need not cover the run nor be free of gaps
        anyTimes.coverFrom_s = std::numeric_limits<double>::infinity();
        anyTimes.coverTo_s = -std::numeric_limits<double>::infinity();
        anyTimes.maxGap_s = std::numeric_limits<double>::infinity();
        const std::vector<double> measuredTime_s = *readRowTimes(table, run, anyTimes);
        const auto values = table.column(sensor.column);
        std::vector<double> measured(values.size());
        for (std::size_t r = 0; r < values.size(); ++r) {
            measured[r] = (values[r] * from->first + from->second - to->second) / to->first;
        }

        LagSearch lag;
        lag.window_s = map.lagWindow_s;
        lag.step_s = map.lagStep_s.value_or(
            simulatedTime_s.size() > 1 ? simulatedTime_s[1] - simulatedTime_s[0] : 1.0);
        if (lag.window_s / lag.step_s > kMaxLagSteps && map.lagWindowNode) {
            map.lagWindowNode->fail(fmt::format(
                "the window {:g} s holds more than {:g} output steps of {:g} s; give a coarser "
                "'lag_step'",
                lag.window_s, kMaxLagSteps, lag.step_s));
        }
        SensorComparison c;
        c.name = sensor.name;
        c.column = sensor.column;
        c.series = sensor.series;
        c.element = sensor.element;
        c.unit = resultUnit;
        c.errorUnit = *dimension == Dimension::Temperature ? "K" : resultUnit;
        try {
            c.figures = compareSeries(simulatedTime_s, simulated, measuredTime_s, measured, lag);
        } catch (const InputError& e) {
            sensor.node.fail(fmt::format("sensor '{}': {}", sensor.name, e.what()));
        }
        out.push_back(std::move(c));
    }
    return out;
}

std::string comparisonCsv(const std::vector<SensorComparison>& sensors) {
    std::string text = "sensor,column,series,element,error_unit,samples,rmse,bias,max_error,"
                       "max_error_time_s,lag_s,rmse_at_lag,lag_samples\n";
    auto quoted = [](const std::string& field) {
        std::string out = "\"";
        for (const char c : field) {
            out += c == '"' ? std::string("\"\"") : std::string(1, c);
        }
        return out + "\"";
    };
    for (const SensorComparison& s : sensors) {
        const ComparisonFigures& f = s.figures;
        text += fmt::format("{},{},{},{},{},{},{:.6g},{:.6g},{:.6g},{:.6g},{:.6g},{:.6g},{}\n",
                            quoted(s.name), quoted(s.column), quoted(s.series), quoted(s.element),
                            quoted(s.errorUnit), f.samples, f.rmse, f.bias, f.maxError,
                            f.maxErrorTime_s, f.lag_s, f.rmseAtLag, f.lagSamples);
    }
    return text;
}

} // namespace heatnet
