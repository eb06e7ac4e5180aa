// BoundaryConditions (solver/thermal/BoundaryConditions.h): the outdoor, ground, demand and
// set-point values a run sees. It keeps the last instants and intervals asked; whatever the order
// of the questions, every answer must be the direct evaluation bit for bit. Then the physics: a
// year of hourly mean demands gives the annual demand, and the ground follows Kusuda–Achenbach
// at each pipe's own depth.
#include "solver/thermal/BoundaryConditions.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <numbers>
#include <random>
#include <utility>
#include <vector>

using namespace heatnet;

namespace {

constexpr double kStart_s = 10 * 86400.0; // the run starts on 11 January

Scenario conditionsScenario() {
    Scenario s;
    s.climate = Climate::syntheticSaintOmer();
    s.simulation.startDayOfYear_s = kStart_s;
    s.ground.kusuda = true;
    for (const double depth_m : {0.8, 1.2, 0.8, 2.0}) {
        PipeSpec p;
        p.burialDepth_m = depth_m;
        s.pipes.push_back(p);
    }
    const std::array<std::pair<double, double>, 3> degreeHours{
        {{1.2e12, 288.15}, {3.0e11, 288.15}, {8.0e11, 290.15}}}; // annual [J], limit [K]
    for (const auto& [annual_J, limit_K] : degreeHours) {
        ConsumerSpec c;
        c.demand.kind = DemandSpec::Kind::DegreeHours;
        c.demand.annual_J = annual_J;
        c.demand.heatingLimit_K = limit_K;
        s.consumers.push_back(c);
    }
    ConsumerSpec profiled;
    profiled.demand.kind = DemandSpec::Kind::Profile;
    profiled.demand.profile = TimeProfile::samples({4e4, 1e4, 2.5e4, 3e4}, 1800.0);
    profiled.demand.scale = 1.5;
    s.consumers.push_back(profiled);
    profiled.demand.scale = 0.5; // the same profile, drawn at another scale
    s.consumers.push_back(profiled);
    PlantSpec plant;
    plant.supplyTemperature.curve = true;
    plant.supplyTemperature.atDesignOutdoor_K = 273.15 + 105;
    plant.supplyTemperature.designOutdoor_K = 273.15 - 7;
    plant.supplyTemperature.atMildOutdoor_K = 273.15 + 75;
    plant.supplyTemperature.mildOutdoor_K = 273.15 + 15;
    s.plants.push_back(plant);
    return s;
}

//! The degree-hour model of consumer c, built on its own.
DegreeHourProfile degreeHours(const Scenario& s, std::size_t c) {
    DegreeHourDemand d;
    d.annualDemand_J = s.consumers[c].demand.annual_J;
    d.heatingLimit_K = s.consumers[c].demand.heatingLimit_K;
    d.dhwShare = s.consumers[c].demand.hotWaterShare;
    return DegreeHourProfile(d, s.climate);
}

double outdoor(const Scenario& s, double t) {
    return s.climate.temperature(kStart_s + t);
}

//! Simpson's rule on 8 intervals of the degree-hour demand, evaluated directly.
double directMean(const Scenario& s, std::size_t c, double t0, double t1) {
    const DegreeHourProfile profile = degreeHours(s, c);
    const double h = (t1 - t0) / 8;
    double sum = 0;
    for (int i = 0; i <= 8; ++i) {
        const double w = (i == 0 || i == 8) ? 1 : (i % 2 ? 4 : 2);
        sum += w * profile.power(outdoor(s, t0 + i * h));
    }
    return sum * h / 3 / (t1 - t0);
}

double directPeak(const Scenario& s, std::size_t c, double t0, double t1) {
    const DegreeHourProfile profile = degreeHours(s, c);
    double peak = 0;
    for (int i = 0; i <= 8; ++i) {
        peak = std::max(peak, profile.power(outdoor(s, t0 + i * (t1 - t0) / 8)));
    }
    return peak;
}

} // namespace

TEST_CASE("boundary conditions: every cached answer is the direct evaluation, in any order",
          "[conditions]") {
    const Scenario s = conditionsScenario();
    const BoundaryConditions conditions(s);
    std::mt19937 random(3);
    std::uniform_real_distribution<double> time(0.0, 8760 * 3600.0);
    std::uniform_int_distribution<std::size_t> consumer(0, 2), pipe(0, 3);
    KusudaParameters kusuda;
    kusuda.meanTemperature_K = s.ground.meanSurface_K;
    kusuda.amplitude_K = s.ground.surfaceAmplitude_K;
    kusuda.diffusivity_m2_s = s.ground.diffusivity_m2_s;
    kusuda.phaseMinimum_s = s.ground.coldestDay * 86400.0;
    for (int k = 0; k < 300; ++k) {
        // The hour loop's pattern (every consumer asks the same interval in turn, mean and peak
        // intervals alternate), then questions at random.
        const double t = time(random), h = 3600.0;
        for (std::size_t c = 0; c < 3; ++c) {
            CHECK(conditions.meanDemand(c, t, t + h) == directMean(s, c, t, t + h));
            CHECK(conditions.peakDemand(c, t - h, t + h) == directPeak(s, c, t - h, t + h));
            CHECK(conditions.meanDemand(c, t - h / 2, t + h / 2) ==
                  directMean(s, c, t - h / 2, t + h / 2));
        }
        const std::size_t c = consumer(random), p = pipe(random);
        const double t0 = time(random), t1 = t0 + time(random) / 100;
        CHECK(conditions.meanDemand(c, t0, t1) == directMean(s, c, t0, t1));
        CHECK(conditions.peakDemand(c, t0, t1) == directPeak(s, c, t0, t1));
        CHECK(conditions.demand(c, t0) == degreeHours(s, c).power(outdoor(s, t0)));
        CHECK(conditions.outdoorTemperature(t1) == outdoor(s, t1));
        CHECK(conditions.groundTemperature(p, t0) ==
              kusudaTemperature(kusuda, s.pipes[p].burialDepth_m, kStart_s + t0));
        CHECK(conditions.groundTemperature(p, t0) ==
              kusudaTemperature(kusuda, s.pipes[p].burialDepth_m, kStart_s + t0));
        const double w = std::clamp((outdoor(s, t0) - (273.15 - 7)) / 22.0, 0.0, 1.0);
        CHECK(conditions.plantSetPoint(0, t0) == Approx(273.15 + 105 - 30 * w).epsilon(1e-14));
    }
    // The profile consumer: the scaled profile's mean and values.
    const TimeProfile& profile = s.consumers[3].demand.profile;
    CHECK(conditions.meanDemand(3, 900, 4500) == 1.5 * profile.mean(900, 4500));
    CHECK(conditions.demand(3, 2000) == 1.5 * profile.value(2000));
    CHECK(conditions.peakDemand(3, 0, 1800) == 1.5 * 4e4);
    // Two substations share one profile: each gets its own scale of the same answers, whichever
    // asks first.
    for (const auto& [t0, t1] : std::vector<std::pair<double, double>>{
             {0, 600}, {300, 900}, {300, 900}, {7000, 7300}, {0, 600}}) {
        CHECK(conditions.meanDemand(4, t0, t1) == 0.5 * profile.mean(t0, t1));
        CHECK(conditions.meanDemand(3, t0, t1) == 1.5 * profile.mean(t0, t1));
        CHECK(conditions.demand(3, t1) == 1.5 * profile.value(t1));
        CHECK(conditions.demand(4, t1) == 0.5 * profile.value(t1));
    }
}

TEST_CASE("boundary conditions: a year of hourly mean demands gives each substation its annual "
          "demand",
          "[conditions]") {
    Scenario s = conditionsScenario();
    s.simulation.startDayOfYear_s = 0;
    const BoundaryConditions conditions(s);
    for (std::size_t c = 0; c < 3; ++c) {
        double sum_J = 0;
        for (int hour = 0; hour < 8760; ++hour) {
            sum_J += conditions.meanDemand(c, hour * 3600.0, (hour + 1) * 3600.0) * 3600.0;
        }
        // Exact for hourly samples; the climate is linear within each hour, and the hours in
        // which it crosses the heating limit (a kink Simpson's rule smooths) move the sum by
        // far less than 0.1 %.
        CHECK(sum_J == Approx(s.consumers[c].demand.annual_J).epsilon(1e-3));
    }
}

TEST_CASE("boundary conditions: pipes at one depth share its ground temperature, other depths "
          "are damped and delayed as Kusuda–Achenbach says",
          "[conditions]") {
    const Scenario s = conditionsScenario();
    const BoundaryConditions conditions(s);
    // Pipes 0 and 2 lie at 0.8 m; pipe 3 at 2.0 m swings less: amplitude ratio
    // exp(−Δz/d), d = √(α P/π).
    const double d = std::sqrt(s.ground.diffusivity_m2_s * 365 * 86400.0 / std::numbers::pi);
    double low08 = 1e9, high08 = 0, low20 = 1e9, high20 = 0;
    for (int day = 0; day < 365; ++day) {
        const double t = day * 86400.0;
        CHECK(conditions.groundTemperature(0, t) == conditions.groundTemperature(2, t));
        low08 = std::min(low08, conditions.groundTemperature(0, t));
        high08 = std::max(high08, conditions.groundTemperature(0, t));
        low20 = std::min(low20, conditions.groundTemperature(3, t));
        high20 = std::max(high20, conditions.groundTemperature(3, t));
    }
    CHECK((high20 - low20) / (high08 - low08) == Approx(std::exp(-1.2 / d)).epsilon(1e-3));
}
