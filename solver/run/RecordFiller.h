#pragma once
// The results of a run, read from either thermal model through its ThermalObservation: one
// StepRecord per output time, and at the end the run's energy totals and balance. Powers are
// exact means over the output step, from the energy integrals: P = (E(t) − E(t − Δt)) / Δt [W];
// the balance residual is sources − delivered − pipe losses − tank losses − Δstored [J].
// The per-pipe series that only a sink reads (outlet and return-layer end temperatures, return
// flows, per-pipe losses, ground temperatures) are filled when the sink reads them and left empty
// otherwise: a run that stores no per-pipe series does not compute them. Flows, supply inlet
// temperatures and pressure drops are always filled (the run's checks read them), and the
// network's loss total is the same sum either way.
#include "solver/input/Scenario.h"
#include "solver/network/Hydraulics.h"
#include "solver/network/Network.h"
#include "solver/run/Simulation.h"
#include "solver/thermal/ThermalObservation.h"

#include <array>
#include <cstddef>
#include <limits>
#include <vector>

namespace heatnet {

//! Fills the records and totals of one run from one thermal model.
class RecordFiller {
public:
    //! Reads `model` (kept by reference, as `scenario` and `network`); asks it once for the
    //! offsets of its energy integrals. `storedAtStart_J`: the heat it stored at t = 0. `sink`
    //! (after its begin()) says which of the sink-only series to fill.
    RecordFiller(const Scenario& scenario, const Network& network, const ThermalObservation& model,
                 double storedAtStart_J, const ResultSink& sink);

    //! Fills `record` for the output step of `stepLength_s` ending at `time_s`, from the model
    //! as observed now; powers are means since the last fill (or t = 0). The pressures are
    //! fillPressures' (the run may solve them on another thread:
    //! solver/run/PressureStage.h).
    void fill(StepRecord& record, double time_s, double stepLength_s);
    //! Fills the record's pressure drops, nodal pressures, pump power and head from the
    //! hydraulic state of its time.
    static void fillPressures(StepRecord& record, const HydraulicState& hydraulics);
    //! Adds the energy totals of the whole run (per consumer, source, tank; the sums; the heat
    //! stored since t = 0; the balance residual) from the model's integrals now, at the end.
    void addEnergyTotals(RunTotals& totals) const;

private:
    //! An energy integral: where it sits among the model's energies, its value at the last fill.
    struct Integral {
        std::size_t offset = 0;
        double previous_J = 0;
    };
    //! Mean power over a step of `stepLength_s` since the last fill; remembers the value now [W].
    static double meanPower(Integral& integral, std::span<const double> energies,
                            double stepLength_s);
    //! Sources − delivered − pipe losses − tank losses so far [J].
    double cumulativeResidual(std::span<const double> energies) const;

    static constexpr std::size_t kNoTank = std::numeric_limits<std::size_t>::max();

    const Scenario& m_scenario;
    const Network& m_network;
    const ThermalObservation& m_model;
    double m_storedAtStart_J = 0;
    std::vector<Integral> m_pipeLoss[2];           //!< per layer, per pipe
    std::vector<Integral> m_delivered, m_demand;   //!< per consumer
    std::vector<std::array<Integral, 4>> m_source; //!< per source (all plants), by SourceIntegral
    std::vector<std::array<Integral, 3>> m_tank;   //!< per tank, by TankIntegral
    std::vector<std::size_t> m_firstSource;        //!< per plant: its first entry in m_source
    std::vector<std::size_t> m_tankOf;             //!< per plant: its entry in m_tank, or kNoTank
    std::vector<const StratifiedStorage*> m_tankModel; //!< per tank
    //! Which sink-only per-pipe series the sink reads (see the header comment).
    bool m_supplyOutlets = true, m_returnEnds = true, m_returnFlows = true;
    bool m_supplyLosses = true, m_returnLosses = true, m_ground = true;
};

} // namespace heatnet
