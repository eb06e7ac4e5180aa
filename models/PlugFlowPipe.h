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
// Axial dispersion (optional, PlugFlowOptions::dispersion): the last water of the pipe, M_f of
// its M [kg], is a filter of N stirred tanks (models/DispersionFilter.h) at the downstream end,
// sized so that its spread is Taylor's turbulent dispersion (models/TurbulentPipeFlow.h) over the
// pipe: a small-dispersion front has the variance σ_t² = 2 D L / u³ [s²], N tanks of M_f/N give
// M_f² / (N ṁ²), so M_f = (M / L) sqrt(2 N D L / u), at most M / 2. The plug keeps M − M_f, so
// the mean transit stays M / ṁ and every kilogram cools with the same τ; the water moves between
// plug and tanks only when the flow reverses or M_f changes by more than
// PlugFlowOptions::dispersionResize (the tanks go back into the plug as pieces and the new ones
// are cut from its end: exact in heat, a re-mix of the filter's water). Without flow the tanks
// cool with the pieces.
//
// Streams: what enters or leaves an end over a step of constant flow is a list of segments
// (duration [s], temperature [K]) covering the step, in time order.
#include "models/DispersionFilter.h"
#include "models/Exponential.h"
#include "models/RingBuffer.h"
#include "models/StreamSegment.h"

#include <cmath>
#include <span>
#include <vector>

namespace heatnet {

//! Numerical and model options of a plug-flow pipe.
struct PlugFlowOptions {
    //! Neighbouring pieces closer than this are merged (mass-weighted, so energy is kept
    //! exactly), and so are the segments of a stream that all lie within it (mergeAlike in
    //! models/StreamSegment.h); bounds the number of pieces and segments where temperatures
    //! barely differ [K]. Fronts (jumps above it) keep their exact time. 0.03 K: a tenth of
    //! what a class-A sensor resolves; why not less, docs/numerics.md.
    double mergeTolerance_K = 0.03;
    //! Axial-dispersion outlet filter (Taylor's turbulent dispersion; see above).
    bool dispersion = false;
    //! Tanks of the filter [-]: more tanks, a more symmetric front of the same variance.
    int dispersionTanks = 8;
    //! The filter is re-cut when its target mass moves by more than this share [-].
    double dispersionResize = 0.1;
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
    //! Below this |mass flow| the water stands still [kg/s] (the network's sweep uses it too).
    static constexpr double kStillFlow_kg_s = 1e-9;

    PlugFlowPipe(const PlugFlowGeometry& geometry, double density_kg_m3, double specificHeat_J_kgK,
                 const PlugFlowOptions& options = {});

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
    //! Mass-weighted mean temperature of the water [K]. Inline without a dispersion filter:
    //! the hour loop asks for every pipe twice a step.
    double meanTemperature() const {
        if (m_filter.empty()) {
            return m_massSum > 0 ? m_heatSum / m_massSum : m_volumeT[0];
        }
        return meanWithFilter();
    }
    //! Water in the pipe [kg] and its transit time at a mass flow [s] (∞ at zero flow).
    double waterMass() const { return m_waterMass; }
    double transitTime(double massFlow_kg_s) const;
    //! τ = ρ c_p A / U' [s] (∞ without losses).
    double timeConstant() const { return m_timeConstant; }
    bool hasWall() const { return m_volumeCapacity > 0; }
    std::size_t pieceCount() const { return m_pieces.size(); }
    //! The dispersion filter (empty without dispersion or before the first flow).
    const DispersionFilter& filter() const { return m_filter; }
    const PlugFlowGeometry& geometry() const { return m_geometry; }

private:
    //! A piece of water: its temperature across its mass is T(ξ) = A + B exp(κ ξ), ξ [kg] from
    //! its edge on the second end's side toward the first end (so the pipe's first end is at
    //! ξ = m of the front piece, its second end at ξ = 0 of the back piece; forward flow takes
    //! water from ξ = 0 up). The exponential profile is exact for water that
    //! entered at one temperature over an interval and cooled since (elements entered at
    //! different times have cooled for different times), and stays exact under the decay.
    struct Piece {
        double mass_kg = 0;
        double a_K = 0, b_K = 0; //!< A, B [K]
        double rate_1_kg = 0;    //!< κ [1/kg]
        // Kept with A and B (a decay maps both linearly), so that they cost no exponential.
        double mean_K = 0;   //!< mass-weighted mean temperature [K]
        double spread_K = 0; //!< T(m) − T(0) [K]
        //! A piece of one temperature.
        static Piece uniform(double mass_kg, double temperature_K);
        double mean() const { return mean_K; }
        double range() const { return std::abs(spread_K); } //!< |T(m) − T(0)| [K]
        //! Recomputes the mean and the spread from A, B, κ, m (one expm1 at most).
        void refresh();
        //! The same with e^{κ m} − 1 known [-].
        void refresh(double growth);
        //! T at ξ = 0 and at ξ = m (A + B e^{κ m} = A + B + spread: no exponential) [K].
        double atZero() const { return a_K + b_K; }
        double atMass() const { return a_K + b_K + spread_K; }
        //! Mean temperature of the first `take_kg` from the edge at ξ = 0 (`fromStart`) or
        //! from the edge at ξ = m [K].
        double partMean(double take_kg, bool fromStart) const;
    };
    // The transport, the end volumes, pushUpstream and removeDownstream are inlined where they
    // are called (always_inline in PlugFlowPipe.cpp): per pipe and step, their calls cost a
    // tenth of the work.
    //! The water core: moves the pieces by one step in the given direction.
    void transport(double step_s, double flow_kg_s, bool forward,
                   std::span<const StreamSegment> inflow, double ground_K,
                   std::vector<StreamSegment>& outflow);
    //! Passes the stream `in` through end volume v into `out` (as long; may be `in` itself;
    //! exact relaxation per segment). Returns Σ duration (T − 0 °C) of `in` [s K].
    double throughVolume(int v, double flow_kg_s, std::span<const StreamSegment> in,
                         std::span<StreamSegment> out);
    //! Adds a piece (temperatures as they are, not stored) at the upstream end.
    void pushUpstream(bool forward, const Piece& actualPiece);
    //! Cools every piece toward the ground by `decay` [-] (one update of the affine map).
    void relax(double ground_K, double decay);
    //! e^{−step/τ} [-], kept for the last step length asked.
    double decayOver(double step_s);
    //! Applies the affine map to every piece and resets it to the identity.
    void normalise();
    //! A stored A or mean as it is [K].
    double actual(double stored_K) const { return m_scale * stored_K + m_offset; }
    //! Removes `take_kg` of the downstream piece for the flow direction (all of it if `whole`)
    //! from the pipe and the running sums; returns the mean temperature of what left [K].
    //! `partGrowth`: e^{κ take} − 1 of a part cut from a forward piece where the caller knows it
    //! (NaN: computed here).
    double removeDownstream(bool forward, double take_kg, bool whole, double partGrowth = NAN);
    //! Removes water from the downstream end for the flow direction, without time passing,
    //! until `moved_kg` (added to) reaches `mass_kg`; returns Σ m T of what left [kg K].
    double withdraw(double mass_kg, bool forward, double& moved_kg);
    //! meanTemperature() with the water in the dispersion filter [K].
    double meanWithFilter() const;
    //! Puts the dispersion filter at the downstream end with the size the flow asks for.
    void placeFilter(double flow_kg_s, bool forward);
    //! Returns the filter's tanks to the plug as pieces (their heat exactly).
    void flushFilter();
    //! Recomputes the running sums from the pieces (they drift by round-off only).
    void resync();

    PlugFlowGeometry m_geometry;
    double m_density = 0, m_specificHeat = 0;
    PlugFlowOptions m_options;
    double m_area = 0, m_waterMass = 0, m_timeConstant = 0, m_volumeCapacity = 0;
    double m_inverseTimeConstant = 0; //!< 1/τ [1/s] (0 without losses)
    DispersionFilter m_filter;
    RingBuffer<Piece> m_pieces; //!< from the first end (front) to the second end (back)
    // The decay of every piece at once: pieces are stored in coordinates where the water's
    // temperature is T = m_scale T_stored + m_offset (A and the mean; B and the spread scale by
    // m_scale). A step's cooling T → T_g + (T − T_g) d is affine, so it only updates the map
    // instead of touching every piece; the map is applied to the pieces (normalise) before its
    // scale gets small enough to cost precision in the stored values.
    double m_scale = 1;  //!< [-]
    double m_offset = 0; //!< [K]
    static constexpr double kSmallestScale = 1e-6;
    double m_decayStep_s = -1, m_stepDecay = 1; //!< decayOver's last step [s] and its decay [-]
    double m_stepDecayMinusOne = 0;             //!< m_stepDecay − 1, without cancellation [-]
    double m_volumeT[2] = {0, 0};               //!< end volumes: first end, second end [K]
    RecentDecayMinusOne m_volumeFactor[2];      //!< their e^{−r} − 1, remembered per end
    std::vector<StreamSegment> m_buffer;
    // Running sums over the pieces, updated with every change so that the stored heat and the
    // mean temperature cost no pass over the pieces.
    double m_massSum = 0;           //!< Σ m [kg]
    double m_heatSum = 0;           //!< Σ m T̄ [kg K]
    int m_sinceResync = 0;          //!< advances since the sums were last recomputed
    double m_heatAfterStep_J = NAN; //!< storedHeat() at the last advance's end (NaN: not known)
};

} // namespace heatnet
