// Degree-hour demand profile.
#include "models/HeatDemand.h"

#include "solver/Error.h"

#include <catch2/catch.hpp>

using namespace heatnet;

namespace {
constexpr double kYear_s = 8760.0 * 3600.0;
constexpr double kAnnual_J = 1.2e12; // ≈ 333 MWh, a block of flats
} // namespace

TEST_CASE("heat demand: hourly sum over the year equals the annual demand") {
    const Climate climate = Climate::syntheticSaintOmer();
    DegreeHourDemand parameters;
    parameters.annualDemand_J = kAnnual_J;
    const DegreeHourProfile profile(parameters, climate);
    double sum_J = 0.0;
    for (const double t : climate.hourly()) {
        sum_J += profile.power(t) * 3600.0;
    }
    CHECK(sum_J == Approx(kAnnual_J).epsilon(1e-9));
    CHECK(profile.spaceHeatingCoefficient_W_K() > 0.0);
}

TEST_CASE("heat demand: above the heating limit only hot water is drawn") {
    const Climate climate = Climate::syntheticSaintOmer();
    DegreeHourDemand parameters;
    parameters.annualDemand_J = kAnnual_J;
    parameters.dhwShare = 0.2;
    const DegreeHourProfile profile(parameters, climate);
    const double base = 0.2 * kAnnual_J / kYear_s;
    CHECK(profile.hotWaterPower_W() == Approx(base).epsilon(1e-14));
    CHECK(profile.power(parameters.heatingLimit_K) == Approx(base).epsilon(1e-14));
    CHECK(profile.power(parameters.heatingLimit_K + 0.1) == Approx(base).epsilon(1e-14));
    CHECK(profile.power(310.0) == Approx(base).epsilon(1e-14));
}

TEST_CASE("heat demand: below the limit demand is linear in outdoor temperature") {
    const Climate climate = Climate::syntheticSaintOmer();
    DegreeHourDemand parameters;
    parameters.annualDemand_J = kAnnual_J;
    const DegreeHourProfile profile(parameters, climate);
    const double k = profile.spaceHeatingCoefficient_W_K();
    const double base = profile.hotWaterPower_W();
    for (const double deficit : {0.5, 3.0, 10.0, 25.0}) {
        CHECK(profile.power(parameters.heatingLimit_K - deficit) ==
              Approx(base + k * deficit).epsilon(1e-12));
    }
    const double q1 = profile.power(263.15);
    const double q2 = profile.power(273.15);
    const double q3 = profile.power(283.15);
    CHECK(q1 - q2 == Approx(q2 - q3).epsilon(1e-12));
}

TEST_CASE("heat demand: a climate that never needs heating gives all demand as hot water") {
    const Climate warm = Climate::constant(293.15);
    DegreeHourDemand parameters;
    parameters.annualDemand_J = kAnnual_J;
    const DegreeHourProfile profile(parameters, warm);
    CHECK(profile.spaceHeatingCoefficient_W_K() == 0.0);
    CHECK(profile.power(293.15) * kYear_s == Approx(kAnnual_J).epsilon(1e-12));
}

TEST_CASE("heat demand: a constant cold climate spreads the demand evenly") {
    const Climate cold = Climate::constant(273.15);
    DegreeHourDemand parameters;
    parameters.annualDemand_J = kAnnual_J;
    const DegreeHourProfile profile(parameters, cold);
    CHECK(profile.power(273.15) * kYear_s == Approx(kAnnual_J).epsilon(1e-12));
    CHECK(profile.spaceHeatingCoefficient_W_K() ==
          Approx(0.85 * kAnnual_J / kYear_s / 15.0).epsilon(1e-12));
}

TEST_CASE("heat demand: invalid parameters are rejected") {
    const Climate climate = Climate::constant(273.15);
    DegreeHourDemand parameters;
    parameters.annualDemand_J = -1.0;
    CHECK_THROWS_AS(DegreeHourProfile(parameters, climate), InputError);
    parameters.annualDemand_J = kAnnual_J;
    parameters.dhwShare = 1.5;
    CHECK_THROWS_AS(DegreeHourProfile(parameters, climate), InputError);
}
