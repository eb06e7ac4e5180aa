#include "solver/input/Units.h"

#include "solver/input/TextParsing.h"

#include <fmt/format.h>

#include <cctype>
#include <charconv>
#include <cmath>
#include <vector>

namespace heatnet {

namespace {

//! One accepted spelling of a unit: SI value = number * factor + offset.
struct UnitSpelling {
    std::string_view name; //!< spelling after normalise() (no spaces, "°C" → "degC", ...)
    double factor;
    double offset = 0.0;
};

//! Everything known about one dimension.
struct DimensionInfo {
    Dimension dimension;
    std::string_view noun;           //!< "a power"
    std::string_view examples;       //!< units listed in messages: "W, kW, MW, GW"
    std::vector<UnitSpelling> units; //!< the first one is used in "e.g. '250 m'"
};

constexpr double kHour_s = 3600.0;
constexpr double kYear_s = 8760.0 * kHour_s;
constexpr double kMWh_J = 3.6e9;

// Spellings are written here already normalised: normalise() removes spaces, '·', '*', '.',
// turns "°C"/"℃" into "degC", "€" into "EUR", "²"/"³" into "2"/"3", and drops "^" and "CO2".
const std::vector<DimensionInfo>& dimensionTable() {
    static const std::vector<DimensionInfo> table = {
        {Dimension::Dimensionless,
         "a dimensionless number",
         "a plain number or %",
         {{"", 1.0}, {"%", 0.01}, {"-", 1.0}}},
        {Dimension::Length,
         "a length",
         "m, mm, cm, km",
         {{"m", 1.0}, {"mm", 1e-3}, {"cm", 1e-2}, {"km", 1e3}}},
        {Dimension::Area,
         "an area",
         "m2",
         {{"m2", 1.0}, {"cm2", 1e-4}, {"mm2", 1e-6}, {"km2", 1e6}}},
        {Dimension::Volume,
         "a volume",
         "m3, l",
         {{"m3", 1.0},
          {"l", 1e-3},
          {"L", 1e-3},
          {"litre", 1e-3},
          {"liter", 1e-3},
          {"dm3", 1e-3},
          {"cm3", 1e-6}}},
        {Dimension::Temperature,
         "a temperature",
         "degC, K",
         {{"degC", 1.0, 273.15},
          {"C", 1.0, 273.15},
          {"K", 1.0},
          {"celsius", 1.0, 273.15},
          {"Celsius", 1.0, 273.15},
          {"kelvin", 1.0}}},
        {Dimension::TemperatureDifference,
         "a temperature difference",
         "K, degC",
         {{"K", 1.0}, {"degC", 1.0}, {"C", 1.0}, {"kelvin", 1.0}}},
        {Dimension::Time,
         "a time",
         "s, min, h, d, a",
         {{"s", 1.0},
          {"sec", 1.0},
          {"min", 60.0},
          {"h", kHour_s},
          {"hr", kHour_s},
          {"hours", kHour_s},
          {"hour", kHour_s},
          {"d", 24 * kHour_s},
          {"day", 24 * kHour_s},
          {"days", 24 * kHour_s},
          {"a", kYear_s},
          {"y", kYear_s},
          {"yr", kYear_s},
          {"year", kYear_s},
          {"years", kYear_s}}},
        {Dimension::Power,
         "a power",
         "W, kW, MW, GW",
         {{"W", 1.0}, {"kW", 1e3}, {"MW", 1e6}, {"GW", 1e9}}},
        {Dimension::Energy,
         "an energy",
         "J, kJ, MJ, GJ, Wh, kWh, MWh, GWh",
         {{"J", 1.0},
          {"kJ", 1e3},
          {"MJ", 1e6},
          {"GJ", 1e9},
          {"TJ", 1e12},
          {"Wh", kHour_s},
          {"kWh", 1e3 * kHour_s},
          {"MWh", kMWh_J},
          {"GWh", 1e9 * kHour_s},
          {"TWh", 1e12 * kHour_s}}},
        {Dimension::MassFlow,
         "a mass flow",
         "kg/s, kg/h, t/h",
         {{"kg/s", 1.0}, {"kg/h", 1.0 / kHour_s}, {"t/h", 1e3 / kHour_s}, {"kg/min", 1.0 / 60}}},
        {Dimension::Pressure,
         "a pressure",
         "Pa, kPa, MPa, bar, mbar",
         {{"Pa", 1.0}, {"hPa", 1e2}, {"kPa", 1e3}, {"MPa", 1e6}, {"bar", 1e5}, {"mbar", 1e2}}},
        {Dimension::Density,
         "a density",
         "kg/m3",
         {{"kg/m3", 1.0}, {"g/l", 1.0}, {"g/L", 1.0}, {"kg/l", 1e3}, {"kg/L", 1e3}}},
        {Dimension::SpecificHeat,
         "a specific heat",
         "J/(kg K), kJ/(kg K)",
         {{"J/(kgK)", 1.0},
          {"J/kg/K", 1.0},
          {"J/kgK", 1.0},
          {"kJ/(kgK)", 1e3},
          {"kJ/kg/K", 1e3},
          {"kJ/kgK", 1e3}}},
        {Dimension::ThermalConductivity,
         "a thermal conductivity",
         "W/(m K)",
         {{"W/(mK)", 1.0}, {"W/m/K", 1.0}, {"W/mK", 1.0}, {"mW/(mK)", 1e-3}, {"mW/m/K", 1e-3}}},
        {Dimension::LinearHeatLoss,
         "a heat loss per metre and kelvin",
         "W/(m K)",
         {{"W/(mK)", 1.0}, {"W/m/K", 1.0}, {"W/mK", 1.0}}},
        {Dimension::HeatTransferCoeff,
         "a heat transfer coefficient",
         "W/(m2 K)",
         {{"W/(m2K)", 1.0}, {"W/m2/K", 1.0}, {"W/m2K", 1.0}}},
        {Dimension::ThermalResistanceLinear,
         "a thermal resistance per metre",
         "m K/W",
         {{"mK/W", 1.0}, {"(mK)/W", 1.0}}},
        {Dimension::Money,
         "an amount of money",
         "EUR, kEUR, MEUR",
         {{"EUR", 1.0}, {"kEUR", 1e3}, {"MEUR", 1e6}}},
        {Dimension::CostPerLength,
         "a cost per length",
         "EUR/m",
         {{"EUR/m", 1.0}, {"EUR/km", 1e-3}, {"kEUR/m", 1e3}, {"kEUR/km", 1.0}}},
        {Dimension::CostPerPower,
         "a cost per power",
         "EUR/kW, EUR/MW",
         {{"EUR/kW", 1e-3}, {"EUR/MW", 1e-6}, {"EUR/W", 1.0}, {"kEUR/MW", 1e-3}}},
        {Dimension::EnergyPrice,
         "an energy price",
         "EUR/MWh, EUR/kWh",
         {{"EUR/MWh", 1.0 / kMWh_J},
          {"EUR/kWh", 1.0 / (1e3 * kHour_s)},
          {"EUR/GWh", 1.0 / (1e9 * kHour_s)},
          {"EUR/GJ", 1e-9},
          {"EUR/MJ", 1e-6},
          {"EUR/J", 1.0}}},
        {Dimension::EmissionFactor,
         "an emission factor",
         "kg/MWh, g/kWh, t/MWh",
         {{"kg/MWh", 1.0 / kMWh_J},
          {"g/kWh", 1e-3 / (1e3 * kHour_s)},
          {"t/MWh", 1e3 / kMWh_J},
          {"kg/kWh", 1.0 / (1e3 * kHour_s)},
          {"kg/GJ", 1e-9},
          {"g/MJ", 1e-9},
          {"kg/J", 1.0}}},
        {Dimension::Rate,
         "a rate",
         "1/h, 1/a",
         {{"1/s", 1.0},
          {"1/h", 1.0 / kHour_s},
          {"1/d", 1.0 / (24 * kHour_s)},
          {"1/a", 1.0 / kYear_s},
          {"1/y", 1.0 / kYear_s},
          {"1/yr", 1.0 / kYear_s},
          {"/h", 1.0 / kHour_s},
          {"/a", 1.0 / kYear_s}}},
        {Dimension::Speed, "a speed", "m/s", {{"m/s", 1.0}, {"km/h", 1.0 / 3.6}}},
        {Dimension::PressureGradient,
         "a pressure gradient",
         "Pa/m, kPa/m, mbar/m, bar/km",
         {{"Pa/m", 1.0}, {"kPa/m", 1e3}, {"mbar/m", 1e2}, {"bar/km", 1e2}}},
        {Dimension::CostPerVolume,
         "a cost per volume",
         "EUR/m3",
         {{"EUR/m3", 1.0}, {"kEUR/m3", 1e3}, {"EUR/l", 1e3}}},
    };
    return table;
}

const DimensionInfo& infoOf(Dimension dimension) {
    for (const auto& info : dimensionTable()) {
        if (info.dimension == dimension) {
            return info;
        }
    }
    // Unreachable while the table lists every enumerator (the tests check that it does).
    return dimensionTable().front();
}

void replaceAll(std::string& text, std::string_view from, std::string_view to) {
    // Builds a new string rather than replacing in place (GCC 12 warns falsely, -Wrestrict,
    // on std::string::replace inlined here).
    std::string out;
    std::size_t start = 0, at = 0;
    while ((at = text.find(from, start)) != std::string::npos) {
        out.append(text, start, at - start);
        out.append(to);
        start = at + from.size();
    }
    out.append(text, start, std::string::npos);
    text = std::move(out);
}

//! Brings the many ways of writing a unit to the one spelling listed in the table.
std::string normalise(std::string_view unit) {
    std::string out;
    for (char c : unit) {
        // Spaces, multiplication dots and stars carry no meaning between unit symbols.
        if (c == ' ' || c == '\t' || c == '*' || c == '^') {
            continue;
        }
        out += c;
    }
    replaceAll(out, "\u00b7", "");     // middle dot ·
    replaceAll(out, "\u22c5", "");     // dot operator ⋅
    replaceAll(out, "\u2103", "degC"); // ℃
    replaceAll(out, "\u00b0C", "degC");
    replaceAll(out, "deg.C", "degC");
    replaceAll(out, "\u00b2", "2");
    replaceAll(out, "\u00b3", "3");
    replaceAll(out, "\u20ac", "EUR");
    replaceAll(out, "eur", "EUR");
    replaceAll(out, "Eur", "EUR");
    replaceAll(out, "CO2eq", "");
    replaceAll(out, "CO2e", "");
    replaceAll(out, "CO2", "");
    // "m.K" style products: a dot between two letters is a multiplication.
    std::string withoutDots;
    for (std::size_t i = 0; i < out.size(); ++i) {
        const bool between = i > 0 && i + 1 < out.size() &&
                             std::isalpha(static_cast<unsigned char>(out[i - 1])) &&
                             std::isalpha(static_cast<unsigned char>(out[i + 1]));
        if (out[i] == '.' && between) {
            continue;
        }
        withoutDots += out[i];
    }
    return withoutDots;
}

const UnitSpelling* findUnit(const DimensionInfo& info, std::string_view normalised) {
    for (const auto& unit : info.units) {
        if (unit.name == normalised) {
            return &unit;
        }
    }
    return nullptr;
}

std::string lowercase(std::string_view text) {
    std::string out(text);
    for (char& c : out) {
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    return out;
}

void setReason(std::string* reason, std::string text) {
    if (reason != nullptr) {
        *reason = std::move(text);
    }
}

//! Example of a valid value, using the user's own number when there is one.
std::string exampleOf(const DimensionInfo& info, std::string_view number) {
    if (info.dimension == Dimension::Dimensionless) {
        return number.empty() ? "0.85" : std::string(number);
    }
    std::string_view defaultNumber = "1";
    if (info.dimension == Dimension::Length) {
        defaultNumber = "250";
    } else if (info.dimension == Dimension::Temperature) {
        defaultNumber = "70";
    }
    // The first listed example is written as users type it ("W/(m K)" rather than "W/(mK)").
    const auto unit = info.examples.substr(0, info.examples.find(", "));
    return fmt::format("{} {}", number.empty() ? defaultNumber : number, unit);
}

} // namespace

std::string describeDimension(Dimension dimension) {
    const auto& info = infoOf(dimension);
    return fmt::format("{} ({})", info.noun, info.examples);
}

std::string dimensionName(Dimension dimension) {
    const std::string_view noun = infoOf(dimension).noun;
    const std::size_t space = noun.find(' ');
    return std::string(space == std::string_view::npos ? noun : noun.substr(space + 1));
}

std::vector<std::string> unitSpellings(Dimension dimension) {
    std::vector<std::string> out;
    for (const auto& unit : infoOf(dimension).units) {
        out.emplace_back(unit.name);
    }
    return out;
}

std::optional<double> parseQuantity(std::string_view text, Dimension dimension,
                                    std::string* reason) {
    const auto& info = infoOf(dimension);
    const std::string_view trimmed = trimBlanks(text);
    if (trimmed.empty()) {
        setReason(reason, fmt::format("expected {}, got nothing", describeDimension(dimension)));
        return std::nullopt;
    }

    // The number: from_chars is locale-independent; it does not take a leading '+'.
    std::string_view numberText = trimmed;
    if (numberText.front() == '+') {
        numberText.remove_prefix(1);
    }
    double value = 0.0;
    const auto [end, error] =
        std::from_chars(numberText.data(), numberText.data() + numberText.size(), value);
    if (error != std::errc{} || !std::isfinite(value)) {
        setReason(reason, fmt::format("expected a number followed by a unit, e.g. '{}'",
                                      exampleOf(info, "")));
        return std::nullopt;
    }
    const std::string_view number =
        trimmed.substr(0, static_cast<std::size_t>(end - trimmed.data()));
    const std::string_view unitText =
        trimBlanks(numberText.substr(static_cast<std::size_t>(end - numberText.data())));

    if (!unitText.empty() && unitText.front() == ',' && unitText.size() > 1 &&
        std::isdigit(static_cast<unsigned char>(unitText[1]))) {
        setReason(reason, fmt::format("use '.' as the decimal separator, e.g. '{}'",
                                      exampleOf(info, "2.5")));
        return std::nullopt;
    }

    const std::string unit = normalise(unitText);
    if (unit.empty() && dimension != Dimension::Dimensionless) {
        setReason(reason, fmt::format("a unit is required, e.g. '{}'", exampleOf(info, number)));
        return std::nullopt;
    }

    if (const auto* spelling = findUnit(info, unit)) {
        const double si = value * spelling->factor + spelling->offset;
        if (dimension == Dimension::Temperature && si < 0.0) {
            setReason(reason, fmt::format("'{}' is below absolute zero", trimmed));
            return std::nullopt;
        }
        return si;
    }

    // Not a unit of this dimension: say what it is if it belongs to another one.
    for (const auto& other : dimensionTable()) {
        if (other.dimension != Dimension::Dimensionless && findUnit(other, unit) != nullptr) {
            setReason(reason, fmt::format("'{}' is {}, expected {}", unitText, other.noun,
                                          describeDimension(dimension)));
            return std::nullopt;
        }
    }
    if (dimension == Dimension::Dimensionless) {
        setReason(reason,
                  fmt::format("expected a plain number or a percentage, got '{}'", trimmed));
        return std::nullopt;
    }

    std::string message =
        fmt::format("unknown unit '{}', expected {}", unitText, describeDimension(dimension));
    // "mw" for "MW", "KM" for "km": capitals matter (mW vs MW), so only suggest, never guess.
    for (const auto& spelling : info.units) {
        if (lowercase(spelling.name) == lowercase(unit)) {
            message += fmt::format("; did you mean '{}'?", spelling.name);
            break;
        }
    }
    setReason(reason, std::move(message));
    return std::nullopt;
}

} // namespace heatnet
