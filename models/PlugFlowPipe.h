#pragma once
// A pre-insulated pipe as exact plug flow (the "node method"; Modelica Buildings PlugFlowPipe).
// The water is a train of pieces that keep their boundaries while they move: nothing is averaged
// on a grid, so a front arrives exactly after the transit time t_tr = M / ṁ (M = ρ A L the water
// in the pipe) and stays sharp through any number of pipes and for any step length. A piece is
// the water that entered during one stream segment; its elements entered at different times and
// so have cooled for different times: its temperature across its mass ξ [kg] is
// T(ξ) = A + B exp(κ ξ), which the exponential decay keeps in that form (A → T_g + (A − T_g) e,
// B → B e). Parts of pieces leave with the exact mean of their elements.
//
// Heat loss to the ground (U' [W/(m K)] from water to ground, T_g [K] constant over a step):
// every element of water cools as the exact solution of ρ c_p A dT/dt = −U' (T − T_g),
//   T(t) = T_g + (T_entry − T_g) exp(−t_res / τ),   τ = ρ c_p A / U' [s],
// over its own residence t_res, also when the water stands still (ṁ = 0: no heat moves along the
// pipe). The outflow of a step is given as segment means (the heat each carries is exact).
//
// Pipe wall (optional, C_w = wall heat capacity [J/(m K)] × L): lumped as in the Modelica
// PlugFlowPipe into two adiabatic mixing volumes of C_w / 2 [J/K], one at each end, which the
// water passes on its way in and out:
//   (C_w / 2) dT_v/dt = ṁ c_p (T_in − T_v),
// solved exactly for each stream segment of constant inflow temperature (T_v relaxes with the
// rate ṁ c_p / (C_w / 2)). They delay and spread a front as the wall's heat capacity does. With
// both ends volumes the model is symmetric, so a flow reversal needs nothing special. When the
// water stands still they cool with it (same exponential): nothing else reaches them then.
//
// Streams: what enters or leaves an end over a step of constant flow is a list of segments
// (duration [s], temperature [K]) covering the step, in time order.
#include <cmath>
#include <deque>
#include <span>
#include <vector>

namespace heatnet {

//! A stretch of a step during which water of one temperature passes a point.
struct StreamSegment {
    double duration_s = 0;
    double temperature_K = 0;
};

//! Geometry of one plug-flow pipe, SI.
struct PlugFlowGeometry {
    double length_m = 0;
    double innerDiameter_m = 0;
    double heatLossCoeff_W_mK = 0;    //!< U' [W/(m K)] water to ground
    double wallHeatCapacity_J_mK = 0; //!< pipe wall [J/(m K)]; 0 = no end volumes
};

//! One plug-flow pipe (supply or return): its pieces of water and its two end volumes.
class PlugFlowPipe {
public:
    //! `mergeTolerance_K`: neighbouring pieces closer than this are merged (mass-weighted, so
    //! energy is kept exactly); bounds the number of pieces where temperatures barely differ.
    PlugFlowPipe(const PlugFlowGeometry& geometry, double density_kg_m3, double specificHeat_J_kgK,
                 double mergeTolerance_K = 1e-3);

    //! Fills the pipe (water and wall) with one temperature.
    void fill(double temperature_K);
    //! Advances by `step_s` at constant `massFlow_kg_s` (+ in the pipe's own direction, first
    //! end → second end). `inflow` is the water entering the upstream end (for the flow's sign)
    //! and must cover the step; `outflow` receives the water leaving the downstream end (empty
    //! at zero flow). Returns the heat lost to the ground over the step [J].
    double advance(double step_s, double massFlow_kg_s, std::span<const StreamSegment> inflow,
                   double groundTemperature_K, std::vector<StreamSegment>& outflow);
    //! Heat in the water and the wall relative to 0 °C [J].
    double storedHeat() const;
    //! Temperature of the water at the downstream end for this flow sign (0: the second end) [K].
    double outletTemperature(double massFlow_kg_s) const;
    //! Temperature of the water at one end (first = the pipe's own inlet end) [K].
    double endTemperature(bool firstEnd) const;
    //! Mass-weighted mean temperature of the water [K].
    double meanTemperature() const;
    //! Water in the pipe [kg] and its transit time at a mass flow [s] (∞ at zero flow).
    double waterMass() const { return m_waterMass; }
    double transitTime(double massFlow_kg_s) const;
    //! τ = ρ c_p A / U' [s] (∞ without losses).
    double timeConstant() const { return m_timeConstant; }
    bool hasWall() const { return m_volumeCapacity > 0; }
    std::size_t pieceCount() const { return m_pieces.size(); }
    const PlugFlowGeometry& geometry() const { return m_geometry; }

private:
    //! A piece of water: its temperature across its mass is T(ξ) = A + B exp(κ ξ), ξ [kg] from
    //! its edge toward the pipe's second end. The exponential profile is exact for water that
    //! entered at one temperature over an interval and cooled since (elements entered at
    //! different times have cooled for different times), and stays exact under the decay.
    struct Piece {
        double mass_kg = 0;
        double a_K = 0, b_K = 0; //!< A, B [K]
        double rate_1_kg = 0;    //!< κ [1/kg]
        double mean() const;     //!< mass-weighted mean temperature [K]
        double range() const;    //!< |T(m) − T(0)| [K]
        double at(double xi_kg) const { return a_K + b_K * std::exp(rate_1_kg * xi_kg); }
    };
    //! Mean of exp(−s/τ) for s in [a, b] [-].
    double meanDecay(double a_s, double b_s) const;
    //! The water core: moves the pieces by one step in the given direction.
    void transport(double step_s, double flow_kg_s, bool forward,
                   std::span<const StreamSegment> inflow, double ground_K,
                   std::vector<StreamSegment>& outflow);
    //! Passes a stream through end volume v in place (exact relaxation per segment).
    void throughVolume(int v, double flow_kg_s, std::vector<StreamSegment>& stream);
    void pushUpstream(bool forward, const Piece& piece);
    //! Recomputes the running sums from the pieces (they drift by round-off only).
    void resync();

    PlugFlowGeometry m_geometry;
    double m_density = 0, m_specificHeat = 0, m_mergeTolerance = 0;
    double m_waterMass = 0, m_timeConstant = 0, m_volumeCapacity = 0;
    std::deque<Piece> m_pieces;   //!< from the first end (front) to the second end (back)
    double m_volumeT[2] = {0, 0}; //!< end volumes: first end, second end [K]
    std::vector<StreamSegment> m_buffer;
    // Running sums over the pieces, updated with every change so that the stored heat and the
    // mean temperature cost no pass over the pieces.
    double m_massSum = 0;  //!< Σ m [kg]
    double m_heatSum = 0;  //!< Σ m T̄ [kg K]
    int m_sinceResync = 0; //!< advances since the sums were last recomputed
};

} // namespace heatnet
