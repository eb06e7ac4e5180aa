#pragma once
// Axial dispersion at the outlet of a plug-flow pipe (models/PlugFlowPipe.h), as the water it is
// made of: the last M_f [kg] of the pipe's water, seen as N stirred tanks of m = M_f / N in series
// (the tanks-in-series model of dispersion, Levenspiel ch. 14). With θ = T − T_g, tank k obeys
//   m dθ_k/dt = ṁ (θ_{k−1} − θ_k) − (m / τ) θ_k,   θ_0 = the water arriving from the plug,
// (τ = ρ c_p A / U' the pipe's loss time constant, so the tanks cool exactly as the plug's water
// does), solved exactly for each stream segment of constant inflow: with a = ṁ/m, c = a + 1/τ,
// steady state θ_k* = θ_0 (a/c)^k and ε_k = θ_k − θ_k*,
//   ε_k(t) = e^{−ct} Σ_{j≤k} ε_j(0) (a t)^{k−j} / (k−j)!,
// and the outflow's mean over a segment of length d is
//   θ̄_N = θ_N* + (1/d) Σ_j ε_j(0) a^{N−j} / c^{N−j+1} · P(N−j+1, c d)
// (P the regularised lower incomplete gamma function). Without losses a step through the filter
// leaves as the Erlang-N distribution of mean M_f/ṁ and variance M_f²/(N ṁ²). The heat the tanks
// hold is stored heat: what enters, less what leaves, is the change of Σ m c_p T_k (and the loss).
// Where the tanks sit and how large they are is the pipe's decision (PlugFlowPipe::placeFilter).
#include "models/StreamSegment.h"

#include <vector>

namespace heatnet {

//! N equal stirred tanks of water in series at one end of a plug-flow pipe.
class DispersionFilter {
public:
    //! Empties the filter (no tanks: it passes streams unchanged).
    void clear();
    //! Sets `temperatures_K.size()` tanks of `tankMass_kg` each, first = the one next to the plug.
    void assign(double tankMass_kg, bool atSecondEnd, std::vector<double> temperatures_K);
    bool empty() const { return m_theta.empty(); }
    //! Whether the tanks sit at the pipe's second end (they are at the downstream end of the flow
    //! that placed them).
    bool atSecondEnd() const { return m_atSecondEnd; }
    double tankMass() const { return m_tankMass; }
    double mass() const { return m_tankMass * static_cast<double>(m_theta.size()); }
    //! Tank temperatures, first = next to the plug [K].
    const std::vector<double>& temperatures() const { return m_theta; }
    //! Temperature of the last tank (the water at the pipe's end) [K].
    double outletTemperature() const { return m_theta.back(); }
    //! Σ m T over the tanks [kg K].
    double heat() const;
    //! Passes `stream` (the water leaving the plug at `flow_kg_s` > 0) through the tanks, in
    //! place; `inverseTimeConstant_1_s` = 1/τ (0 without losses).
    void pass(double flow_kg_s, double inverseTimeConstant_1_s, double ground_K,
              std::vector<StreamSegment>& stream);
    //! Standing water: every tank relaxes to the ground by the factor `decay` [-].
    void cool(double decay, double ground_K);

private:
    double m_tankMass = 0;
    bool m_atSecondEnd = true;
    std::vector<double> m_theta; //!< tank temperatures [K] (θ + T_g only inside pass)
    // Scratch of pass().
    std::vector<double> m_eps, m_power, m_gamma;
};

} // namespace heatnet
