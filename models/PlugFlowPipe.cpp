#include "models/PlugFlowPipe.h"

#include "models/Exponential.h"
#include "models/TurbulentPipeFlow.h"
#include "models/Water.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>

namespace heatnet {

namespace {
constexpr double zeroCelsius_K = 273.15;
constexpr double stillFlow_kg_s = PlugFlowPipe::kStillFlow_kg_s;

//! e^x − 1 and the mean of e^{x s} over s in [0, 1], (e^x − 1)/x, from one expm1 [-].
struct Growth {
    double minusOne = 0;
    double mean = 1;
};
//! The same with e^x − 1 known.
Growth growthKnown(double x, double minusOne) {
    return {minusOne, std::abs(x) < 1e-12 ? 1 + 0.5 * x : minusOne / x};
}
Growth growthOf(double x) {
    if (std::abs(x) < 1e-12) {
        return {x + 0.5 * x * x, 1 + 0.5 * x};
    }
    return growthKnown(x, expMinusOne(x));
}

//! e^{−x} − 1 from e^{x} − 1 [-] (exact identity; no cancellation for either sign).
double reciprocalGrowth(double minusOne) {
    return -minusOne / (1 + minusOne);
}

//! e^{x+y} − 1 from e^x − 1 and e^y − 1, or NaN where that sum cancels so much that it would
//! cost more than 1e-3 of the terms' size (about 1e-13 relative) [-].
double combinedGrowth(double gx, double gy) {
    const double sum = gx + gy + gx * gy;
    return std::abs(sum) >= 1e-3 * (std::abs(gx) + std::abs(gy)) ? sum : NAN;
}

//! Mean of exp(r x) for x in [0, w] [-].
double meanExp(double rate, double width) {
    return growthOf(rate * width).mean;
}
} // namespace

PlugFlowPipe::Piece PlugFlowPipe::Piece::uniform(double mass_kg, double temperature_K) {
    Piece p;
    p.mass_kg = mass_kg;
    p.a_K = p.mean_K = temperature_K;
    return p;
}

void PlugFlowPipe::Piece::refresh() {
    if (b_K == 0) {
        mean_K = a_K;
        spread_K = 0;
        return;
    }
    refresh(growthOf(rate_1_kg * mass_kg).minusOne);
}

void PlugFlowPipe::Piece::refresh(double growth) {
    const double x = rate_1_kg * mass_kg;
    mean_K = a_K + b_K * (std::abs(x) < 1e-12 ? 1 + 0.5 * x : growth / x);
    spread_K = b_K * growth;
}

double PlugFlowPipe::Piece::partMean(double take_kg, bool fromStart) const {
    return a_K + (fromStart
                      ? b_K * meanExp(rate_1_kg, take_kg)
                      : b_K * exponential(rate_1_kg * mass_kg) * meanExp(-rate_1_kg, take_kg));
}

PlugFlowPipe::PlugFlowPipe(const PlugFlowGeometry& geometry, double density_kg_m3,
                           double specificHeat_J_kgK, const PlugFlowOptions& options)
    : m_geometry(geometry), m_density(density_kg_m3), m_specificHeat(specificHeat_J_kgK),
      m_options(options) {
    m_area = std::numbers::pi / 4 * geometry.innerDiameter_m * geometry.innerDiameter_m; // [m²]
    const double area = m_area;
    m_waterMass = density_kg_m3 * area * geometry.length_m;
    m_timeConstant = geometry.heatLossCoeff_W_mK > 0
                         ? density_kg_m3 * specificHeat_J_kgK * area / geometry.heatLossCoeff_W_mK
                         : std::numeric_limits<double>::infinity();
    m_inverseTimeConstant = std::isfinite(m_timeConstant) ? 1 / m_timeConstant : 0.0;
    m_volumeCapacity = 0.5 * geometry.wallHeatCapacity_J_mK * geometry.length_m;
    fill(zeroCelsius_K + 10);
}

void PlugFlowPipe::fill(double temperature_K) {
    m_scale = 1;
    m_offset = 0;
    m_pieces.assign(1, Piece::uniform(m_waterMass, temperature_K));
    m_filter.clear();
    m_volumeT[0] = m_volumeT[1] = temperature_K;
    resync();
}

void PlugFlowPipe::relax(double ground_K, double decay) {
    // T → T_g + (T − T_g) d composed with T = s T_stored + o: s → s d, o → T_g + (o − T_g) d.
    m_scale *= decay;
    m_offset = ground_K + (m_offset - ground_K) * decay;
    if (m_scale < kSmallestScale) {
        normalise();
    }
}

void PlugFlowPipe::normalise() {
    for (std::size_t i = 0; i < m_pieces.size(); ++i) {
        Piece& p = m_pieces[i];
        p.a_K = actual(p.a_K);
        p.mean_K = actual(p.mean_K);
        p.b_K *= m_scale;
        p.spread_K *= m_scale;
    }
    m_scale = 1;
    m_offset = 0;
}

double PlugFlowPipe::decayOver(double step_s) {
    if (step_s != m_decayStep_s) { // steps are mostly of one length: one exp per pipe, not per step
        m_decayStep_s = step_s;
        m_stepDecayMinusOne =
            std::isfinite(m_timeConstant) ? expMinusOne(-step_s / m_timeConstant) : 0.0;
        m_stepDecay = 1 + m_stepDecayMinusOne;
    }
    return m_stepDecay;
}

double PlugFlowPipe::transitTime(double massFlow_kg_s) const {
    return std::abs(massFlow_kg_s) > 0 ? m_waterMass / std::abs(massFlow_kg_s)
                                       : std::numeric_limits<double>::infinity();
}

void PlugFlowPipe::resync() {
    m_massSum = m_heatSum = 0;
    for (std::size_t i = 0; i < m_pieces.size(); ++i) {
        const Piece& p = m_pieces[i];
        m_massSum += p.mass_kg;
        m_heatSum += p.mass_kg * actual(p.mean());
    }
    m_sinceResync = 0;
    m_heatAfterStep_J = NAN; // the sums moved by round-off
}

double PlugFlowPipe::storedHeat() const {
    const double water_J = m_filter.empty()
                               ? m_specificHeat * (m_heatSum - zeroCelsius_K * m_massSum)
                               : m_specificHeat * (m_heatSum + m_filter.heat() -
                                                   zeroCelsius_K * (m_massSum + m_filter.mass()));
    return water_J + m_volumeCapacity * (m_volumeT[0] + m_volumeT[1] - 2 * zeroCelsius_K);
}

double PlugFlowPipe::endTemperature(bool firstEnd) const {
    if (hasWall()) {
        return m_volumeT[firstEnd ? 0 : 1];
    }
    if (!m_filter.empty() && m_filter.atSecondEnd() != firstEnd) {
        return m_filter.outletTemperature();
    }
    return actual(firstEnd ? m_pieces.front().atMass() : m_pieces.back().atZero());
}

double PlugFlowPipe::outletTemperature(double massFlow_kg_s) const {
    return endTemperature(massFlow_kg_s < 0);
}

double PlugFlowPipe::meanWithFilter() const {
    const double mass = m_massSum + m_filter.mass();
    return mass > 0 ? (m_heatSum + m_filter.heat()) / mass : m_volumeT[0];
}

[[gnu::always_inline]] inline void PlugFlowPipe::pushUpstream(bool forward,
                                                              const Piece& actualPiece) {
    if (actualPiece.mass_kg <= 0) {
        return;
    }
    m_massSum += actualPiece.mass_kg;
    m_heatSum += actualPiece.mass_kg * actualPiece.mean();
    // Stored as the pipe keeps its pieces (see m_scale): A and the mean through the inverse of
    // the affine map, B and the spread through its scale.
    Piece piece = actualPiece;
    const double inverse = 1 / m_scale;
    piece.a_K = (piece.a_K - m_offset) * inverse;
    piece.mean_K = (piece.mean_K - m_offset) * inverse;
    piece.b_K *= inverse;
    piece.spread_K *= inverse;
    if (!m_pieces.empty()) {
        Piece& end = forward ? m_pieces.front() : m_pieces.back();
        // Merge into the neighbour when both are uniform and of the same temperature within the
        // tolerance, or when the new piece is a sliver (mass-weighted: the heat is kept exactly).
        // Stored temperature differences are the actual ones divided by the scale.
        const double tolerance = m_options.mergeTolerance_K * inverse;
        const bool alike = piece.range() < tolerance && end.range() < tolerance &&
                           std::abs(end.mean() - piece.mean()) < tolerance;
        if (alike || piece.mass_kg < 1e-12 * m_waterMass) {
            const double mass = end.mass_kg + piece.mass_kg;
            end = Piece::uniform(mass,
                                 (end.mass_kg * end.mean() + piece.mass_kg * piece.mean()) / mass);
            return;
        }
    }
    if (forward) {
        m_pieces.push_front(piece);
    } else {
        m_pieces.push_back(piece);
    }
}

[[gnu::always_inline]] inline double PlugFlowPipe::removeDownstream(bool forward, double take_kg,
                                                                    bool whole, double partGrowth) {
    Piece& p = forward ? m_pieces.back() : m_pieces.front();
    // The part leaving, as it is now, leaves the running sums. Forward it is the part from ξ = 0,
    // and e^{κ take} − 1 (given or computed here) serves both its mean and the rest's new B.
    const bool cut = forward && !whole && p.b_K != 0;
    const double x = p.rate_1_kg * take_kg;
    const Growth part = !cut                     ? Growth{}
                        : std::isnan(partGrowth) ? growthOf(x)
                                                 : growthKnown(x, partGrowth);
    const double mean = whole     ? p.mean()
                        : forward ? p.a_K + p.b_K * part.mean
                                  : p.partMean(take_kg, false);
    m_massSum -= take_kg;
    m_heatSum -= take_kg * actual(mean);
    if (whole) {
        if (forward) {
            m_pieces.pop_back();
        } else {
            m_pieces.pop_front();
        }
        return actual(mean);
    }
    p.mass_kg -= take_kg;
    if (!cut) {
        p.refresh();
        return actual(mean);
    }
    // ξ now starts where the part left: B → B e^{κ take}, and the rest's spread is
    // T(m) − T(take) = spread − B (e^{κ take} − 1), with no exponential unless that cancels.
    const double removed = p.b_K * part.minusOne;
    const double spread = p.spread_K - removed;
    p.b_K += removed;
    if (std::abs(spread) >= 1e-3 * std::abs(p.spread_K)) {
        p.refresh(spread / p.b_K);
    } else {
        p.refresh();
    }
    return actual(mean);
}

double PlugFlowPipe::withdraw(double mass_kg, bool forward, double& moved_kg) {
    double heat = 0; // Σ m T of what left [kg K]
    while (!m_pieces.empty() && moved_kg < mass_kg) {
        const Piece& p = forward ? m_pieces.back() : m_pieces.front();
        double take = std::min(p.mass_kg, mass_kg - moved_kg);
        const bool whole = take >= p.mass_kg * (1 - 1e-12); // no slivers left behind
        if (whole) {
            take = p.mass_kg;
        }
        heat += take * removeDownstream(forward, take, whole);
        moved_kg += take;
    }
    return heat;
}

void PlugFlowPipe::flushFilter() {
    if (m_filter.empty()) {
        return;
    }
    // The tanks sit at the downstream end of the flow that placed them: back into the plug in
    // their order, the first (next to the plug) first.
    const bool placedForward = m_filter.atSecondEnd();
    for (double t : m_filter.temperatures()) {
        pushUpstream(!placedForward, Piece::uniform(m_filter.tankMass(), t));
    }
    m_filter.clear();
}

void PlugFlowPipe::placeFilter(double flow_kg_s, bool forward) {
    const double d = m_geometry.innerDiameter_m;
    const double velocity = flow_kg_s / (m_density * m_area); // [m/s]
    const double reynolds =
        flow_kg_s * d / (m_area * water::dynamicViscosity(meanTemperature())); // [-]
    const double dispersion = taylorDispersion(velocity, d, reynolds);         // [m²/s]
    const int tanks = m_options.dispersionTanks;
    // σ_t² = 2 D L / u³ (small dispersion) = M_f² / (N ṁ²)  →  M_f = (M / L) sqrt(2 N D L / u).
    double target = 0;
    if (dispersion > 0) {
        const double length = m_geometry.length_m;
        target =
            std::min(0.5 * m_waterMass,
                     m_waterMass / length * std::sqrt(2 * tanks * dispersion * length / velocity));
    }
    if (!m_filter.empty() && m_filter.atSecondEnd() == forward &&
        std::abs(m_filter.mass() - target) <= m_options.dispersionResize * m_filter.mass()) {
        return;
    }
    flushFilter();
    if (!(target > 0)) {
        return;
    }
    // Cut the tanks from the plug's downstream end, the last tank first; the tanks share the
    // mass that actually moved (whole pieces may round it), so heat and mass are kept exactly.
    std::vector<double> heat(static_cast<std::size_t>(tanks));
    double moved = 0;
    for (int k = tanks - 1; k >= 0; --k) {
        heat[k] = withdraw(target * (tanks - k) / tanks, forward, moved);
    }
    const double tankMass = moved / tanks;
    std::vector<double> temperatures(static_cast<std::size_t>(tanks));
    for (int k = 0; k < tanks; ++k) {
        temperatures[k] = heat[k] / tankMass;
    }
    m_filter.assign(tankMass, forward, std::move(temperatures));
}

[[gnu::always_inline]] inline void PlugFlowPipe::transport(double step_s, double flow_kg_s,
                                                           bool forward,
                                                           std::span<const StreamSegment> inflow,
                                                           double ground_K,
                                                           std::vector<StreamSegment>& outflow) {
    outflow.clear();
    const double invTau = m_inverseTimeConstant; // [1/s]
    const double present = m_massSum;            // water in the pipe at the step's start [kg]
    // Exponentials: each is computed once, and the ones that follow from others by an exact
    // identity (e^{−x} − 1 = −g/(1 + g) for g = e^x − 1, e^{x+y} = e^x e^y) are derived; a sum
    // of growths is used only where it does not cancel (combinedGrowth).
    // 1. The water present leaves first, element by element: an element leaving at s has cooled
    //    over s more; a part of a piece leaving over [s_a, s_b] leaves at the mean of its
    //    elements (exact: the profile's exponential times the decay's).
    const double outMass = flow_kg_s * step_s;
    const double exitRate = invTau / flow_kg_s; // the decay per kg leaving [1/kg]
    double moved = 0;
    double startDecay = 1; // exp(−s_a/τ) at the start of the part leaving [-]
    int partsLeft = 0;
    double lastWidthDecay = 0; // e^{−w/τ} − 1 of the last part that left [-]
    double partStart_s = 0;    // s_a = moved / ṁ of the next part [s]
    while (!m_pieces.empty() && moved < outMass) {
        const Piece& p = forward ? m_pieces.back() : m_pieces.front();
        const double a_K = actual(p.a_K), b_K = m_scale * p.b_K;
        double take = std::min(p.mass_kg, outMass - moved);
        const bool whole = take >= p.mass_kg * (1 - 1e-12);
        if (whole) {
            take = p.mass_kg;
        }
        const double sA = partStart_s, sB = (moved + take) / flow_kg_s;
        partStart_s = sB; // = (the next part's moved) / ṁ, the same expression
        const double width = sB - sA;
        // A forward piece's e^{κ m} − 1 is its spread / B: when it leaves whole at the flow it
        // entered with (κ = the exit rate), its width's decay needs no exponential.
        const bool profiled = forward && p.b_K != 0 && invTau > 0;
        const double pieceGrowth = profiled && whole ? p.spread_K / p.b_K : NAN;
        const bool sameRate = p.rate_1_kg == exitRate;
        // Mean of exp(−s/τ) over [s_a, s_b]: e^{−s_a/τ} (1 − e^{−w/τ}) τ / w; the next part's
        // e^{−s_b/τ} follows from the same e^{−w/τ} − 1.
        const double widthDecay = invTau <= 0 ? 0.0
                                  : sameRate && !std::isnan(pieceGrowth)
                                      ? reciprocalGrowth(pieceGrowth)
                                      : decayMinusOne(width * invTau);
        const double meanDecay =
            width * invTau <= 1e-12 ? startDecay : startDecay * -widthDecay / (width * invTau);
        // Profile part leaving: forward from ξ = 0 up, reversed from ξ = m down. Forward, the
        // part's e^{κ take} − 1 (which removeDownstream needs) follows from the same growths.
        double profile = 0;
        double partGrowth = NAN; // e^{κ take} − 1 of a part cut from a forward piece [-]
        if (b_K != 0 && forward) {
            const double x = (p.rate_1_kg - exitRate) * take;
            Growth g{};
            if (sameRate) {
                if (!whole) { // (removeDownstream uses it only for a cut)
                    partGrowth = reciprocalGrowth(widthDecay); // κ take = w / τ
                }
            } else {
                // e^{(κ − r) take} = e^{κ take} e^{−w/τ}
                const double known =
                    profiled && whole ? combinedGrowth(pieceGrowth, widthDecay) : NAN;
                g = std::isnan(known) ? growthOf(x) : growthKnown(x, known);
                if (!whole && profiled) {
                    // e^{κ take} = e^{(κ − r) take} / e^{−w/τ}
                    partGrowth = combinedGrowth(g.minusOne, reciprocalGrowth(widthDecay));
                }
            }
            profile = b_K * g.mean;
        } else if (b_K != 0) {
            profile =
                b_K * exponential(p.rate_1_kg * p.mass_kg) * meanExp(-p.rate_1_kg - exitRate, take);
        }
        if (sB > sA) {
            outflow.push_back(
                {width, ground_K + (a_K - ground_K) * meanDecay + profile * startDecay});
        }
        startDecay += startDecay * widthDecay;
        moved += take;
        ++partsLeft;
        lastWidthDecay = whole ? widthDecay : NAN;
        removeDownstream(forward, take, whole, partGrowth); // as it was at the step's start
    }
    // 2. What stays cools over the whole step.
    const double stepDecay = decayOver(step_s);
    relax(ground_K, stepDecay);
    m_heatSum = ground_K * m_massSum + (m_heatSum - ground_K * m_massSum) * stepDecay;
    // 3. Water entering at u leaves at u + t_tr (t_tr = present / ṁ) if that is inside the step,
    //    having cooled over exactly t_tr; the rest stays, cooled over step − u: an exponential
    //    profile across the new piece (the first element in is the coolest).
    const double transit = present / flow_kg_s;
    const double lastPassing = step_s - transit; // entry time of the last element that leaves
    // e^{−t_tr/τ} − 1: the one piece that was there and left whole took exactly t_tr to leave.
    double passMinusOne = 0;
    if (lastPassing > 0 && invTau > 0) {
        passMinusOne = partsLeft == 1 && m_pieces.empty() && !std::isnan(lastWidthDecay)
                           ? lastWidthDecay
                           : decayMinusOne(transit * invTau);
    }
    const double passDecay = 1 + passMinusOne;
    double u = 0;
    // e^{−(step − s)/τ} − 1 at the entry time s where the next staying part starts (NaN: not
    // yet known); parts are contiguous, so each part's growth gives the next one's. The first
    // staying part starts at 0 or at lastPassing = step − t_tr: its value is the step's decay
    // or the transit's.
    double entryMinusOne = NAN;
    double window_s = 0; // step − s at the first staying part [s]
    for (std::size_t i = 0; i < inflow.size(); ++i) {
        const StreamSegment& segment = inflow[i];
        const double a = u, b = u + segment.duration_s;
        u = b;
        const double excess = segment.temperature_K - ground_K;
        const double leaveEnd = std::min(b, lastPassing);
        if (leaveEnd > a) {
            outflow.push_back({leaveEnd - a, ground_K + excess * passDecay});
        }
        const double stayStart = std::max(a, lastPassing);
        if (b > stayStart) {
            const double width = b - stayStart; // [s]
            if (std::isnan(entryMinusOne)) {
                entryMinusOne = stayStart <= 0 ? m_stepDecayMinusOne : passMinusOne;
                window_s = step_s - stayStart;
            }
            const double entryDecay = 1 + entryMinusOne;
            // e^{w/τ} − 1; the last part ends with the step, so e^{w/τ} = 1 / entryDecay
            // (tracked to about 1e-16 of the window: used where w is not much shorter).
            const double growth = invTau <= 0 ? 0.0
                                  : i + 1 == inflow.size() && width >= 1e-3 * window_s
                                      ? reciprocalGrowth(entryMinusOne)
                                      : expMinusOne(width * invTau);
            Piece piece;
            piece.mass_kg = flow_kg_s * width;
            piece.a_K = ground_K;
            piece.rate_1_kg = forward ? exitRate : -exitRate; // κ m = ± w / τ
            // ξ = 0 is the first element in (entered at stayStart, cooled over step −
            // stayStart) forward, the last (entered at b, cooled over step − b) reversed.
            piece.b_K = excess * (forward ? entryDecay : entryDecay + entryDecay * growth);
            piece.refresh(forward ? growth : reciprocalGrowth(growth)); // e^{κ m} − 1
            entryMinusOne += entryDecay * growth;
            pushUpstream(forward, piece);
        }
    }
}

[[gnu::always_inline]] inline double PlugFlowPipe::throughVolume(int v, double flow_kg_s,
                                                                 std::span<const StreamSegment> in,
                                                                 std::span<StreamSegment> out) {
    // (C/2) dT_v/dt = ṁ c_p (T_in − T_v): T_v relaxes to T_in at the rate r = k d per segment.
    const double perSecond = flow_kg_s * m_specificHeat / m_volumeCapacity; // k [1/s]
    double volume = m_volumeT[v];
    double sum = 0; // Σ d (T_in − 0 °C) [s K]
    const std::size_t count = in.size();
    for (std::size_t i = 0; i < count; ++i) {
        const StreamSegment segment = in[i];
        sum += segment.duration_s * (segment.temperature_K - zeroCelsius_K);
        const double rate = perSecond * segment.duration_s;
        const double start = volume;
        const double gap = start - segment.temperature_K;
        const double change = m_volumeFactor[v](rate); // e^{−r} − 1
        volume = start + gap * change;
        // Mean outflow = T_in + (T_v0 − T_in)(1 − e^{−r})/r; energy: ṁ c_p d (T_in − mean) =
        // (C/2)(T_v1 − T_v0).
        out[i] = {segment.duration_s,
                  rate > 1e-12 ? segment.temperature_K + gap * -change / rate : start};
    }
    m_volumeT[v] = volume;
    return sum;
}

double PlugFlowPipe::advance(double step_s, double massFlow_kg_s,
                             std::span<const StreamSegment> inflow, double groundTemperature_K,
                             std::vector<StreamSegment>& outflow) {
    const double flow = std::abs(massFlow_kg_s);
    if (m_options.dispersion && flow > stillFlow_kg_s) {
        placeFilter(flow, massFlow_kg_s > 0); // moves water within the pipe: no heat changes
        m_heatAfterStep_J = NAN;              // but its sums by round-off
    }
    if (++m_sinceResync >= 64) {
        resync(); // before the step: its loss then carries no drift of earlier steps
    }
    // The stored heat at the last step's end, unless the pipe changed since (the same value).
    const double before = std::isnan(m_heatAfterStep_J) ? storedHeat() : m_heatAfterStep_J;
    outflow.clear();
    if (flow <= stillFlow_kg_s) {
        // Standing water: every piece cools as the exact exponential and no heat moves along
        // the pipe. The end volumes (the water and wall at the ends) cool with it: without flow
        // nothing else reaches them (with flow they are adiabatic, as in the Modelica pipe).
        const double decay = decayOver(step_s);
        relax(groundTemperature_K, decay);
        for (double& v : m_volumeT) {
            v = groundTemperature_K + (v - groundTemperature_K) * decay;
        }
        m_filter.cool(decay, groundTemperature_K);
        m_heatSum =
            groundTemperature_K * m_massSum + (m_heatSum - groundTemperature_K * m_massSum) * decay;
        m_heatAfterStep_J = storedHeat();
        return before - m_heatAfterStep_J;
    }
    const bool forward = massFlow_kg_s > 0;
    double in = 0; // Σ d (T − 0 °C) of the inflow [s K]
    if (hasWall()) {
        // The inlet volume smooths the stream: neighbours it brings together are merged.
        m_buffer.resize(inflow.size());
        in = forward ? throughVolume(0, flow, inflow, m_buffer)
                     : throughVolume(1, flow, inflow, m_buffer);
        mergeAlike(m_buffer, m_options.mergeTolerance_K);
        inflow = m_buffer;
    } else {
        for (const StreamSegment& s : inflow) {
            in += s.duration_s * (s.temperature_K - zeroCelsius_K);
        }
    }
    in *= flow * m_specificHeat;
    // Each direction gets its own inlined copy, with the direction's branches folded away.
    if (forward) {
        transport(step_s, flow, true, inflow, groundTemperature_K, outflow);
    } else {
        transport(step_s, flow, false, inflow, groundTemperature_K, outflow);
    }
    if (!m_filter.empty()) {
        m_filter.pass(flow, m_inverseTimeConstant, groundTemperature_K, outflow);
    }
    if (hasWall()) {
        if (forward) { // (the inflow's sum unused)
            throughVolume(1, flow, outflow, outflow);
        } else {
            throughVolume(0, flow, outflow, outflow);
        }
    }
    // Σ d (T − 0 °C) of the outflow [s K], summed as the merge finishes each segment.
    double out = mergeAlike(outflow, m_options.mergeTolerance_K, zeroCelsius_K);
    out *= flow * m_specificHeat;
    // The loss is the heat that left through the ground: what came in and was there, less what
    // went out and is there now (each term exact, so the pipe's balance closes by construction).
    m_heatAfterStep_J = storedHeat();
    return before + in - out - m_heatAfterStep_J;
}

} // namespace heatnet
