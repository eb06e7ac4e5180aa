#include "solver/input/Units.h"

#include <catch2/catch.hpp>

#include <string>

using heatnet::Dimension;
using heatnet::parseQuantity;

namespace {

//! Parses and requires success; returns the SI value.
double si(std::string_view text, Dimension dimension) {
    std::string reason;
    const auto value = parseQuantity(text, dimension, &reason);
    INFO("text: '" << std::string(text) << "' reason: " << reason);
    REQUIRE(value.has_value());
    return *value;
}

//! Parses and requires failure; returns the reason.
std::string reasonFor(std::string_view text, Dimension dimension) {
    std::string reason;
    const auto value = parseQuantity(text, dimension, &reason);
    INFO("text: '" << std::string(text) << "'");
    REQUIRE_FALSE(value.has_value());
    return reason;
}

constexpr double kHour = 3600.0;
constexpr double kMWh = 3.6e9;

} // namespace

TEST_CASE("units: dimensionless numbers and percentages", "[units]") {
    CHECK(si("0.85", Dimension::Dimensionless) == Approx(0.85));
    CHECK(si("85 %", Dimension::Dimensionless) == Approx(0.85));
    CHECK(si("85%", Dimension::Dimensionless) == Approx(0.85));
    CHECK(si("-3", Dimension::Dimensionless) == Approx(-3.0));
    CHECK(si("+1e3", Dimension::Dimensionless) == Approx(1000.0));
}

TEST_CASE("units: length, area, volume", "[units]") {
    CHECK(si("250 m", Dimension::Length) == Approx(250.0));
    CHECK(si("250m", Dimension::Length) == Approx(250.0));
    CHECK(si("  12.5 mm  ", Dimension::Length) == Approx(0.0125));
    CHECK(si("3 cm", Dimension::Length) == Approx(0.03));
    CHECK(si("1.2 km", Dimension::Length) == Approx(1200.0));
    CHECK(si("2 m2", Dimension::Area) == Approx(2.0));
    CHECK(si("2 m²", Dimension::Area) == Approx(2.0));
    CHECK(si("5 m3", Dimension::Volume) == Approx(5.0));
    CHECK(si("5 m³", Dimension::Volume) == Approx(5.0));
    CHECK(si("500 l", Dimension::Volume) == Approx(0.5));
}

TEST_CASE("units: temperatures and temperature differences", "[units]") {
    CHECK(si("70 degC", Dimension::Temperature) == Approx(343.15));
    CHECK(si("70 °C", Dimension::Temperature) == Approx(343.15));
    CHECK(si("70°C", Dimension::Temperature) == Approx(343.15));
    CHECK(si("70 C", Dimension::Temperature) == Approx(343.15));
    CHECK(si("-10 degC", Dimension::Temperature) == Approx(263.15));
    CHECK(si("300 K", Dimension::Temperature) == Approx(300.0));
    CHECK(si("20 K", Dimension::TemperatureDifference) == Approx(20.0));
    CHECK(si("20 degC", Dimension::TemperatureDifference) == Approx(20.0));
    CHECK(si("20 °C", Dimension::TemperatureDifference) == Approx(20.0));
    CHECK(heatnet::kelvinFromCelsius(0.0) == Approx(273.15));
    CHECK(heatnet::celsiusFromKelvin(373.15) == Approx(100.0));
    CHECK_THAT(reasonFor("-300 degC", Dimension::Temperature),
               Catch::Matchers::Contains("below absolute zero"));
}

TEST_CASE("units: time, power, energy", "[units]") {
    CHECK(si("30 s", Dimension::Time) == Approx(30.0));
    CHECK(si("15 min", Dimension::Time) == Approx(900.0));
    CHECK(si("2 h", Dimension::Time) == Approx(7200.0));
    CHECK(si("1 d", Dimension::Time) == Approx(86400.0));
    CHECK(si("1 a", Dimension::Time) == Approx(8760.0 * kHour));
    CHECK(si("2.5 MW", Dimension::Power) == Approx(2.5e6));
    CHECK(si("2.5MW", Dimension::Power) == Approx(2.5e6));
    CHECK(si("-3.5e2 kW", Dimension::Power) == Approx(-3.5e5));
    CHECK(si("7 W", Dimension::Power) == Approx(7.0));
    CHECK(si("1 GW", Dimension::Power) == Approx(1e9));
    CHECK(si("1 J", Dimension::Energy) == Approx(1.0));
    CHECK(si("3 kJ", Dimension::Energy) == Approx(3e3));
    CHECK(si("3 MJ", Dimension::Energy) == Approx(3e6));
    CHECK(si("3 GJ", Dimension::Energy) == Approx(3e9));
    CHECK(si("1 Wh", Dimension::Energy) == Approx(3600.0));
    CHECK(si("1 kWh", Dimension::Energy) == Approx(3.6e6));
    CHECK(si("1 MWh", Dimension::Energy) == Approx(3.6e9));
    CHECK(si("1 GWh", Dimension::Energy) == Approx(3.6e12));
}

TEST_CASE("units: flows, pressures, material properties", "[units]") {
    CHECK(si("12 kg/s", Dimension::MassFlow) == Approx(12.0));
    CHECK(si("3600 kg/h", Dimension::MassFlow) == Approx(1.0));
    CHECK(si("36 t/h", Dimension::MassFlow) == Approx(10.0));
    CHECK(si("3 bar", Dimension::Pressure) == Approx(3e5));
    CHECK(si("250 mbar", Dimension::Pressure) == Approx(2.5e4));
    CHECK(si("100 Pa", Dimension::Pressure) == Approx(100.0));
    CHECK(si("100 kPa", Dimension::Pressure) == Approx(1e5));
    CHECK(si("1.6 MPa", Dimension::Pressure) == Approx(1.6e6));
    CHECK(si("998 kg/m3", Dimension::Density) == Approx(998.0));
    CHECK(si("998 kg/m³", Dimension::Density) == Approx(998.0));
    CHECK(si("4180 J/(kg K)", Dimension::SpecificHeat) == Approx(4180.0));
    CHECK(si("4.18 kJ/(kg K)", Dimension::SpecificHeat) == Approx(4180.0));
    CHECK(si("4.18 kJ/kg/K", Dimension::SpecificHeat) == Approx(4180.0));
    CHECK(si("0.027 W/(m K)", Dimension::ThermalConductivity) == Approx(0.027));
    CHECK(si("0.027 W/m/K", Dimension::ThermalConductivity) == Approx(0.027));
    CHECK(si("0.027 W/mK", Dimension::ThermalConductivity) == Approx(0.027));
    CHECK(si("0.027 W/(m·K)", Dimension::ThermalConductivity) == Approx(0.027));
    CHECK(si("0.3 W/(m K)", Dimension::LinearHeatLoss) == Approx(0.3));
    CHECK(si("0.3 W/mK", Dimension::LinearHeatLoss) == Approx(0.3));
    CHECK(si("5 W/(m2 K)", Dimension::HeatTransferCoeff) == Approx(5.0));
    CHECK(si("5 W/(m² K)", Dimension::HeatTransferCoeff) == Approx(5.0));
    CHECK(si("5 W/m2/K", Dimension::HeatTransferCoeff) == Approx(5.0));
    CHECK(si("3.3 m K/W", Dimension::ThermalResistanceLinear) == Approx(3.3));
    CHECK(si("3.3 mK/W", Dimension::ThermalResistanceLinear) == Approx(3.3));
    CHECK(si("1.5 m/s", Dimension::Speed) == Approx(1.5));
    CHECK(si("36 km/h", Dimension::Speed) == Approx(10.0));
    CHECK(si("300 Pa/m", Dimension::PressureGradient) == Approx(300.0));
    CHECK(si("3 bar/km", Dimension::PressureGradient) == Approx(300.0));
    CHECK(si("250 EUR/m3", Dimension::CostPerVolume) == Approx(250.0));
    CHECK(si("0.25 kEUR/m3", Dimension::CostPerVolume) == Approx(250.0));
}

TEST_CASE("units: money, prices and emission factors", "[units]") {
    CHECK(si("100 EUR", Dimension::Money) == Approx(100.0));
    CHECK(si("100 €", Dimension::Money) == Approx(100.0));
    CHECK(si("2 kEUR", Dimension::Money) == Approx(2e3));
    CHECK(si("1.5 MEUR", Dimension::Money) == Approx(1.5e6));
    CHECK(si("800 EUR/m", Dimension::CostPerLength) == Approx(800.0));
    CHECK(si("800 €/m", Dimension::CostPerLength) == Approx(800.0));
    CHECK(si("500 EUR/kW", Dimension::CostPerPower) == Approx(0.5));
    CHECK(si("500000 EUR/MW", Dimension::CostPerPower) == Approx(0.5));
    CHECK(si("50 EUR/MWh", Dimension::EnergyPrice) == Approx(50.0 / kMWh));
    CHECK(si("50 €/MWh", Dimension::EnergyPrice) == Approx(50.0 / kMWh));
    CHECK(si("0.05 EUR/kWh", Dimension::EnergyPrice) == Approx(50.0 / kMWh));
    CHECK(si("200 kg/MWh", Dimension::EmissionFactor) == Approx(200.0 / kMWh));
    CHECK(si("0.2 t/MWh", Dimension::EmissionFactor) == Approx(200.0 / kMWh));
    CHECK(si("200 g/kWh", Dimension::EmissionFactor) == Approx(200.0 / kMWh));
    CHECK(si("200 gCO2/kWh", Dimension::EmissionFactor) == Approx(200.0 / kMWh));
    CHECK(si("2 1/h", Dimension::Rate) == Approx(2.0 / kHour));
    CHECK(si("0.5 1/a", Dimension::Rate) == Approx(0.5 / (8760.0 * kHour)));
}

TEST_CASE("units: every dimension has a description and an example that parses back", "[units]") {
    for (int i = 0; i <= static_cast<int>(Dimension::CostPerVolume); ++i) {
        const auto dimension = static_cast<Dimension>(i);
        const std::string description = heatnet::describeDimension(dimension);
        INFO("dimension " << i << ": " << description);
        CHECK(description.find('(') != std::string::npos);
        // The example that a "unit is required" message offers must itself be accepted.
        if (dimension != Dimension::Dimensionless) {
            const std::string reason = reasonFor("42", dimension);
            const auto open = reason.find("e.g. '");
            REQUIRE(open != std::string::npos);
            const auto example = reason.substr(open + 6, reason.size() - open - 7);
            CHECK(si(example, dimension) != 0.0);
        }
    }
    CHECK(heatnet::describeDimension(Dimension::Length) == "a length (m, mm, cm, km)");
    CHECK(heatnet::describeDimension(Dimension::Power) == "a power (W, kW, MW, GW)");
}

TEST_CASE("units: errors explain what is wrong", "[units]") {
    using Catch::Matchers::Contains;
    CHECK(reasonFor("250", Dimension::Length) == "a unit is required, e.g. '250 m'");
    CHECK(reasonFor("250 kW", Dimension::Length) ==
          "'kW' is a power, expected a length (m, mm, cm, km)");
    CHECK_THAT(reasonFor("70 K", Dimension::Power), Contains("'K' is a temperature"));
    CHECK_THAT(reasonFor("abc", Dimension::Length), Contains("expected a number"));
    CHECK_THAT(reasonFor("", Dimension::Length), Contains("got nothing"));
    CHECK_THAT(reasonFor("5 furlongs", Dimension::Length), Contains("unknown unit 'furlongs'"));
    CHECK_THAT(reasonFor("5 furlongs", Dimension::Length), Contains("expected a length"));
    CHECK_THAT(reasonFor("2 mw", Dimension::Power), Contains("did you mean 'MW'?"));
    CHECK_THAT(reasonFor("2,5 MW", Dimension::Power), Contains("decimal separator"));
    CHECK_THAT(reasonFor("85 m", Dimension::Dimensionless), Contains("'m' is a length"));
    CHECK_THAT(reasonFor("nan", Dimension::Dimensionless), Contains("expected a number"));
    CHECK_THAT(reasonFor("inf m", Dimension::Length), Contains("expected a number"));
    // The reason pointer is optional.
    CHECK_FALSE(parseQuantity("x", Dimension::Length, nullptr).has_value());
}
