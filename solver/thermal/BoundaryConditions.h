#pragma once
// What a run takes from outside the network, as functions of time t [s from the run's start]:
// the outdoor air temperature (the climate, shifted to the run's start in the year), the
// undisturbed ground temperature at each pipe's burial depth (constant or Kusuda–Achenbach), each
// substation's heat demand (a profile, or degree hours on the climate: models/HeatDemand.h) with
// its mean and peak over an interval, and each plant's supply set point (constant, profile, or a
// heating curve linear in the outdoor temperature between its design and mild points).
//
// The hour loop asks every substation in turn for the same instant or interval, and many pipes
// lie at the same depth, and substations often share one demand profile. So the outdoor
// temperature at the last instant, the outdoor temperatures at the sampling points of the last
// mean and peak intervals, the ground temperature of each depth at the last instant, and each
// distinct demand profile's value and mean at the last instant and interval are kept: a step
// evaluates the climate and each profile a few times instead of once per substation and sampling
// point. The values are bit for bit those of a direct evaluation.
// These caches make one object serve one thread (each Simulation owns its own).
#include "models/GroundTemperature.h"
#include "models/HeatDemand.h"
#include "solver/input/Scenario.h"

#include <array>
#include <limits>
#include <vector>

namespace heatnet {

//! The outdoor, ground, demand and set-point conditions of one run.
class BoundaryConditions {
public:
    //! Checks the degree-hour parameters (InputError); `scenario` must outlive this object.
    explicit BoundaryConditions(const Scenario& scenario);

    //! Outdoor air temperature [K] at time t.
    double outdoorTemperature(double time_s) const;
    //! Undisturbed ground temperature [K] at pipe p's burial depth at time t.
    double groundTemperature(std::size_t pipe, double time_s) const;
    //! The ground temperature is the same at every time (`ground: {constant: …}`).
    bool groundIsConstant() const { return !m_scenario.ground.kusuda; }
    //! Heat demand of consumer c [W] at time t.
    double demand(std::size_t c, double time_s) const;
    //! Mean heat demand of consumer c over [t0, t1] [W]: a profile's exact mean; degree hours by
    //! Simpson's rule on 8 intervals (the climate is linear between its hourly samples, the
    //! demand piecewise linear in it).
    double meanDemand(std::size_t c, double t0_s, double t1_s) const {
        // Inline the common case, the mean kept for the profile and interval asked just before
        // by another substation. A consumer without a profile owns an entry never filled (NaN
        // times): it always goes on to the full evaluation.
        const ProfileAnswers& kept = m_profileAnswers[m_profileOwner[c]];
        if (t0_s == kept.t0_s && t1_s == kept.t1_s) {
            return m_profileScale[c] * kept.mean;
        }
        return evaluateMeanDemand(c, t0_s, t1_s);
    }
    //! Largest heat demand of consumer c over [t0, t1], sampled at 9 points [W].
    double peakDemand(std::size_t c, double t0_s, double t1_s) const;
    //! Supply set point of plant q [K] at time t.
    double plantSetPoint(std::size_t q, double time_s) const;

private:
    static constexpr int kIntervals = 8; //!< sampling intervals of meanDemand and peakDemand
    static constexpr double kNever = std::numeric_limits<double>::quiet_NaN();
    //! Outdoor temperatures [K] at t0 + i (t1 − t0)/8, i = 0…8, of the last interval asked.
    struct IntervalSamples {
        double t0_s = kNever, t1_s = kNever;
        std::array<double, kIntervals + 1> outdoor_K{};
    };
    //! meanDemand without the inline shortcut (it fills the profile's kept mean).
    double evaluateMeanDemand(std::size_t c, double t0_s, double t1_s) const;
    //! The samples of [t0, t1] in `cache`, filled if it holds another interval.
    const IntervalSamples& samples(IntervalSamples& cache, double t0_s, double t1_s) const;

    const Scenario& m_scenario;
    std::vector<DegreeHourProfile> m_degreeHour; //!< per consumer (unused for profiles)
    std::vector<KusudaGround> m_ground;          //!< per distinct burial depth (Kusuda only)
    std::vector<std::size_t> m_depthOf;          //!< per pipe: its depth's index in m_ground

    //! Per consumer with a demand profile: the first consumer whose profile is equal to its own
    //! (its own index if none before it); the others' entries are unused.
    std::vector<std::size_t> m_profileOwner;
    std::vector<double> m_profileScale; //!< per consumer: its demand's `scale` (profiles)
    //! A profile's value at the last instant and mean over the last interval asked.
    struct ProfileAnswers {
        double time_s = kNever, value = 0;
        double t0_s = kNever, t1_s = kNever, mean = 0;
    };

    // The caches (see the header comment); NaN times match no time.
    mutable std::vector<ProfileAnswers> m_profileAnswers; //!< per consumer (at the owners)
    mutable double m_outdoorTime_s = kNever, m_outdoor_K = 0;
    mutable IntervalSamples m_meanSamples, m_peakSamples;
    mutable std::vector<double> m_groundTime_s, m_ground_K; //!< per depth
};

} // namespace heatnet
