#include "solver/compare/MeasurementMap.h"

#include "solver/input/Units.h"

#include <fmt/format.h>

#include <set>

namespace heatnet {

MeasurementMap readMeasurementMap(const std::filesystem::path& path) {
    MeasurementMap map;
    map.file = InputFile::load(path);
    const InputNode root = map.file->root();
    if (root.isNull()) {
        root.fail("the mapping is empty; expected 'sensors:' with a list of {column: ..., unit: "
                  "..., series: ..., element: ...}");
    }
    root.expectMap();
    root.allowOnly({"lag_window", "lag_step", "sensors"});
    if (auto w = root.get("lag_window")) {
        map.lagWindowNode = *w;
        map.lagWindow_s = w->asQuantity(Dimension::Time);
        if (!(map.lagWindow_s >= 0)) {
            w->fail("expected a window ≥ 0 s");
        }
    }
    if (auto step = root.get("lag_step")) {
        map.lagStep_s = step->asQuantity(Dimension::Time);
        if (!(*map.lagStep_s > 0)) {
            step->fail("expected a step > 0 s");
        }
        if (map.lagWindow_s / *map.lagStep_s > kMaxLagSteps) {
            step->fail(fmt::format("the window {:g} s holds more than {:g} steps of {:g} s",
                                   map.lagWindow_s, kMaxLagSteps, *map.lagStep_s));
        }
    }
    const InputNode sensors = root["sensors"];
    sensors.expectSequence();
    if (sensors.size() == 0) {
        sensors.fail("expected at least one sensor");
    }
    std::set<std::string> names;
    for (const InputNode& item : sensors.items()) {
        item.expectMap();
        item.allowOnly({"name", "column", "unit", "series", "element"});
        const InputNode column = item["column"];
        const InputNode unit = item["unit"];
        const InputNode series = item["series"];
        const std::string seriesPath = series.asString();
        if (seriesPath.empty() || seriesPath.front() != '/' ||
            seriesPath.find('/', 1) == std::string::npos) {
            series.fail(fmt::format("expected a series of the result file as /GROUP/DATASET (e.g. "
                                    "/pipes/supply_outlet_temperature), got '{}'",
                                    seriesPath));
        }
        const auto element = item.get("element");
        SensorMap sensor{
            .name = item.stringOr("name", column.asString()),
            .column = column.asString(),
            .unit = unit.asString(),
            .series = seriesPath,
            .element = element ? element->asString() : std::string(),
            .node = item,
            .columnNode = column,
            .unitNode = unit,
            .seriesNode = series,
            .elementNode = element.value_or(series),
        };
        if (!names.insert(sensor.name).second) {
            item.fail(fmt::format("two sensors are named '{}'; give each a distinct 'name'",
                                  sensor.name));
        }
        map.sensors.push_back(std::move(sensor));
    }
    return map;
}

} // namespace heatnet
