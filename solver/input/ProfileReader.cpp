#include "solver/input/ProfileReader.h"

#include "solver/Error.h"
#include "solver/input/CsvTable.h"
#include "solver/input/KeyReader.h"
#include "solver/input/ScenarioKeys.h"
#include "solver/input/SeriesTiming.h"

#include <fmt/format.h>

#include <array>
#include <charconv>
#include <cmath>
#include <vector>

namespace heatnet {

namespace {

constexpr double kDay_s = 86400.0;

std::string_view trim(std::string_view text) {
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) {
        text.remove_prefix(1);
    }
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) {
        text.remove_suffix(1);
    }
    return text;
}

//! Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil).
long daysFromCivil(long y, long m, long d) {
    y -= m <= 2 ? 1 : 0;
    const long era = (y >= 0 ? y : y - 399) / 400;
    const long yoe = y - era * 400;
    const long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

bool isLeap(long y) {
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

//! Reads exactly `digits` digits at `pos`.
std::optional<long> digitsAt(std::string_view text, std::size_t pos, std::size_t digits) {
    if (pos + digits > text.size()) {
        return std::nullopt;
    }
    long value = 0;
    for (std::size_t i = pos; i < pos + digits; ++i) {
        if (!std::isdigit(static_cast<unsigned char>(text[i]))) {
            return std::nullopt;
        }
        value = value * 10 + (text[i] - '0');
    }
    return value;
}

//! Value of `unit` in SI for `dimension` as (factor, offset): si = value · factor + offset.
std::pair<double, double> unitConversion(const InputNode& unitNode, Dimension dimension) {
    const std::string unit = unitNode.asString();
    std::string reason;
    const auto zero = parseQuantity("0 " + unit, dimension, &reason);
    const auto one = parseQuantity("1 " + unit, dimension, &reason);
    if (!zero || !one) {
        unitNode.fail(fmt::format("unknown unit '{}': expected a unit of {}", unit,
                                  describeDimension(dimension)));
    }
    return {*one - *zero, *zero};
}

TimeProfile readWeekly(const InputNode& weekly, Dimension dimension,
                       const SimulationSettings& simulation, const ProfileOptions& options) {
    auto check = [&](const InputNode& node, double value) {
        if (options.nonNegative && value < 0) {
            node.fail("expected a value ≥ 0");
        }
        return value;
    };
    std::vector<double> hourly(168, 0.0);
    std::string description;
    if (weekly.isSequence()) {
        const auto items = weekly.items();
        if (items.size() != 168) {
            weekly.fail(fmt::format("expected 168 hourly values (Monday 00:00 first), got {}",
                                    items.size()));
        }
        for (std::size_t h = 0; h < 168; ++h) {
            hourly[h] = check(items[h], items[h].asQuantity(dimension));
        }
        description = "weekly profile (168 hourly values)";
    } else {
        weekly.expectMap();
        weekly.allowOnly(keyNames("profile_weekly"));
        const InputNode weekdaysNode = weekly["weekdays"];
        const double weekdays = check(weekdaysNode, weekdaysNode.asQuantity(dimension));
        double weekend = weekdays;
        if (auto node = weekly.get("weekend")) {
            weekend = check(*node, node->asQuantity(dimension));
        }
        double saturday = weekend, sunday = weekend;
        if (auto node = weekly.get("saturday")) {
            saturday = check(*node, node->asQuantity(dimension));
        }
        if (auto node = weekly.get("sunday")) {
            sunday = check(*node, node->asQuantity(dimension));
        }
        std::optional<double> night;
        if (auto node = weekly.get("night")) {
            night = check(*node, node->asQuantity(dimension));
        }
        const long dayStart = integerKey(weekly, "profile_weekly", "day_start");
        const long dayEnd = integerKey(weekly, "profile_weekly", "day_end");
        if (dayEnd < dayStart) {
            weekly["day_end"].fail(
                fmt::format("expected an hour of the day from day_start ({}) to 24", dayStart));
        }
        for (int day = 0; day < 7; ++day) {
            const double dayValue = day < 5 ? weekdays : day == 5 ? saturday : sunday;
            for (int hour = 0; hour < 24; ++hour) {
                const bool isNight = hour < dayStart || hour >= dayEnd;
                hourly[static_cast<std::size_t>(day * 24 + hour)] =
                    night && isNight ? *night : dayValue;
            }
        }
        description = "weekly profile";
    }
    std::string reason;
    const auto start = parseDateTime(simulation.start, &reason);
    const double timeOfDay_s = start ? std::fmod(*start, kDay_s) : 0.0;
    return TimeProfile::weekly(std::move(hourly), simulation.startWeekday * kDay_s + timeOfDay_s,
                               description);
}

TimeProfile readCsv(const InputNode& node, Dimension dimension,
                    const SimulationSettings& simulation, const ProfileOptions& options) {
    node.allowOnly(keyNames("profile_csv"));
    const InputNode csvNode = node["csv"];
    const std::filesystem::path path = csvNode.asExistingPath();
    const InputNode columnNode = node["column"];
    const std::string column = columnNode.asString();
    const double step_s = numberKey(node, "profile_csv", "step");
    const InputNode unitNode = node["unit"];
    const auto [factor, offset] = unitConversion(unitNode, dimension);
    const double scale = numberKey(node, "profile_csv", "scale");

    std::vector<double> values;
    std::optional<std::vector<double>> rowTimes;
    try {
        const CsvTable& table = *csvNode.file().csv(path);
        rowTimes = readRowTimes(table, simulation, coverTheRun(simulation));
        if (rowTimes && node.has("step")) {
            node["step"].fail(fmt::format("{} has a '{}' column: its rows are at their times, "
                                          "'step' does not apply",
                                          path.string(), kTimeColumn));
        }
        if (!table.hasColumn(column)) {
            std::string known;
            for (const auto& name : table.header()) {
                known += fmt::format("{}'{}'", known.empty() ? "" : ", ", name);
            }
            const std::string near = nearestWord(column, table.header());
            columnNode.fail(
                fmt::format("{} has no column '{}'{}; its columns are {}", path.string(), column,
                            near.empty() ? "" : fmt::format(" (did you mean '{}'?)", near), known));
        }
        const auto data = table.column(column);
        if (data.empty()) {
            csvNode.fail(fmt::format("{}: column '{}' has no data rows", path.string(), column));
        }
        values.reserve(data.size());
        for (std::size_t row = 0; row < data.size(); ++row) {
            if (!std::isfinite(data[row])) {
                table.failAt(row, column, "value is not a finite number");
            }
            const double si = (data[row] * factor + offset) * scale;
            if (options.nonNegative && si < 0) {
                table.failAt(row, column,
                             fmt::format("negative value {} {}", data[row], unitNode.asString()));
            }
            values.push_back(si);
        }
    } catch (const InputError& e) {
        // Errors from inside the CSV file: keep its file:row message and add where the
        // scenario refers to it.
        const std::string_view what = e.what();
        if (what.find(csvNode.file().displayName() + ":") == 0) {
            throw;
        }
        csvNode.fail(what);
    }
    if (rowTimes) {
        return TimeProfile::series(std::move(*rowTimes), std::move(values),
                                   fmt::format("{}, column '{}' at the times of its '{}' column",
                                               path.filename().string(), column, kTimeColumn));
    }
    // No time column: the first row at the run's start, like every CSV
    // (solver/input/SeriesTiming.h).
    return TimeProfile::samples(
        std::move(values), step_s,
        fmt::format("{}, column '{}' every {:g} s", path.filename().string(), column, step_s));
}

} // namespace

std::optional<double> parseDateTime(std::string_view text, std::string* reason) {
    auto bad = [&](std::string why) -> std::optional<double> {
        if (reason) {
            *reason = std::move(why);
        }
        return std::nullopt;
    };
    text = trim(text);
    const auto year = digitsAt(text, 0, 4);
    const auto month = digitsAt(text, 5, 2);
    const auto day = digitsAt(text, 8, 2);
    if (!year || !month || !day || text[4] != '-' || text[7] != '-') {
        return bad(
            fmt::format("expected a date 'YYYY-MM-DD' or 'YYYY-MM-DD HH:MM', got '{}'", text));
    }
    static constexpr std::array<int, 12> kDays{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (*month < 1 || *month > 12) {
        return bad(fmt::format("month {} in '{}' is not 1…12", *month, text));
    }
    const long daysInMonth =
        kDays[static_cast<std::size_t>(*month - 1)] + (*month == 2 && isLeap(*year) ? 1 : 0);
    if (*day < 1 || *day > daysInMonth) {
        return bad(fmt::format("day {} in '{}' does not exist", *day, text));
    }
    long hour = 0, minute = 0, second = 0;
    if (text.size() > 10) {
        if (text[10] != ' ' && text[10] != 'T') {
            return bad(fmt::format("expected 'YYYY-MM-DD HH:MM', got '{}'", text));
        }
        const std::string_view time = trim(text.substr(11));
        const auto h = digitsAt(time, 0, 2);
        const auto m = digitsAt(time, 3, 2);
        if (!h || !m || time[2] != ':' || (time.size() != 5 && time.size() != 8)) {
            return bad(fmt::format("expected a time 'HH:MM' or 'HH:MM:SS' after the date, got "
                                   "'{}'",
                                   time));
        }
        hour = *h;
        minute = *m;
        if (time.size() == 8) {
            const auto s = digitsAt(time, 6, 2);
            if (!s || time[5] != ':') {
                return bad(fmt::format("expected a time 'HH:MM:SS', got '{}'", time));
            }
            second = *s;
        }
        if (hour > 23 || minute > 59 || second > 59) {
            return bad(fmt::format("time '{}' is not a valid time of day", time));
        }
    }
    return static_cast<double>(daysFromCivil(*year, *month, *day)) * kDay_s +
           static_cast<double>(hour * 3600 + minute * 60 + second);
}

double readDateSinceStart(const InputNode& node, const SimulationSettings& simulation) {
    std::string reason;
    const auto when = parseDateTime(node.asString(), &reason);
    if (!when) {
        node.fail(reason);
    }
    const auto start = parseDateTime(simulation.start, &reason);
    return *when - start.value_or(0.0);
}

double readCustomQuantity(const InputNode& node,
                          std::initializer_list<std::pair<std::string_view, double>> units,
                          std::string_view expected) {
    if (!node.isScalar()) {
        node.fail(fmt::format("expected {}", expected));
    }
    const std::string text = node.asString();
    const std::string_view trimmed = trim(text);
    double value = 0;
    const char* begin = trimmed.data();
    if (!trimmed.empty() && *begin == '+') {
        ++begin;
    }
    const auto [end, error] = std::from_chars(begin, trimmed.data() + trimmed.size(), value);
    if (error != std::errc{} || !std::isfinite(value)) {
        node.fail(fmt::format("expected {}, got '{}'", expected, text));
    }
    std::string unit;
    for (const char c : trim(std::string_view(end, trimmed.data() + trimmed.size() - end))) {
        if (c != ' ') {
            unit += c;
        }
    }
    if (unit.empty()) {
        node.fail(fmt::format("a unit is required: expected {}", expected));
    }
    for (const auto& [name, factor] : units) {
        std::string compact;
        for (const char c : name) {
            if (c != ' ') {
                compact += c;
            }
        }
        if (compact == unit) {
            return value * factor;
        }
    }
    node.fail(fmt::format("unknown unit '{}': expected {}", unit, expected));
}

TimeProfile readProfile(const InputNode& node, Dimension dimension,
                        const SimulationSettings& simulation, ProfileOptions options) {
    if (node.isScalar()) {
        const double value = node.asQuantity(dimension);
        if (options.nonNegative && value < 0) {
            node.fail(fmt::format("expected a value ≥ 0, got '{}'", node.asString()));
        }
        return TimeProfile::constant(value, node.asString());
    }
    if (!node.isMap()) {
        node.fail(fmt::format("expected {} or a profile ({{weekly: ...}} or {{csv: file, column: "
                              "name, unit: ...}})",
                              describeDimension(dimension)));
    }
    if (node.has("weekly")) {
        node.allowOnly({"weekly"});
        return readWeekly(node["weekly"], dimension, simulation, options);
    }
    if (node.has("csv")) {
        return readCsv(node, dimension, simulation, options);
    }
    node.fail("expected a profile: a value, {weekly: {weekdays: ..., weekend: ...}} or {csv: "
              "file, column: name, step: 1 h, unit: ...}");
}

} // namespace heatnet
