#include "models/StratifiedStorage.h"

#include "solver/Error.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <numbers>

namespace heatnet {

StratifiedStorage::StratifiedStorage(const StorageParameters& parameters, double density_kg_m3,
                                     double specificHeat_J_kgK)
    : m_p(parameters), m_cp(specificHeat_J_kgK) {
    if (m_p.layers < 1 || !(m_p.volume_m3 > 0) || !(m_p.height_m > 0) ||
        !(m_p.maxTemperature_K > m_p.minTemperature_K)) {
        throw Error(fmt::format("invalid storage: {} layers, {} m3, {} m high, {} K to {} K",
                                m_p.layers, m_p.volume_m3, m_p.height_m, m_p.minTemperature_K,
                                m_p.maxTemperature_K));
    }
    const int n = m_p.layers;
    m_layerCapacity = density_kg_m3 * m_p.volume_m3 / n * m_cp;
    m_diameter = std::sqrt(4 * m_p.volume_m3 / (std::numbers::pi * m_p.height_m));
    const double side = std::numbers::pi * m_diameter * m_p.height_m / n;
    const double lid = std::numbers::pi * m_diameter * m_diameter / 4;
    m_ua.assign(n, m_p.heatLoss_W_m2K * side);
    m_ua.front() += m_p.heatLoss_W_m2K * lid;
    m_ua.back() += m_p.heatLoss_W_m2K * lid;
}

double StratifiedStorage::capacity() const {
    return m_layerCapacity * m_p.layers * (m_p.maxTemperature_K - m_p.minTemperature_K);
}

std::vector<double> StratifiedStorage::initialTemperatures() const {
    // A sharp thermocline: the top fraction full, one partly charged layer, the rest empty.
    const int n = m_p.layers;
    const double full = std::clamp(m_p.initialCharge, 0.0, 1.0) * n;
    std::vector<double> t(n);
    for (int i = 0; i < n; ++i) {
        const double w = std::clamp(full - i, 0.0, 1.0);
        t[i] = m_p.minTemperature_K + w * (m_p.maxTemperature_K - m_p.minTemperature_K);
    }
    return t;
}

double StratifiedStorage::stateOfCharge(std::span<const double> layers_K) const {
    double sum = 0;
    for (double t : layers_K) {
        sum += t;
    }
    const double mean = sum / static_cast<double>(layers_K.size());
    return (mean - m_p.minTemperature_K) / (m_p.maxTemperature_K - m_p.minTemperature_K);
}

double StratifiedStorage::storedHeat(std::span<const double> layers_K) const {
    double heat = 0;
    for (double t : layers_K) {
        heat += m_layerCapacity * (t - 273.15);
    }
    return heat;
}

double StratifiedStorage::chargePower(double surplus_W, double chargeInlet_K,
                                      double bottom_K) const {
    // Fading as the square of (T_ch − T_bottom)/rampBand_K takes the flow ṁ_ch = P/(c ΔT) to
    // zero continuously as the bottom warms up to the charge inlet (the tank is full at that
    // inlet temperature): ṁ_ch = P_s ΔT / (c band²) within the band. A linear fade bounded the
    // flow but left it at P_s / (c band) until ΔT reached zero, where it dropped to nothing: a
    // right-hand side discontinuous in the state, which the integrators turned into layers far
    // outside the temperatures that entered the tank (docs/models.md, "Storage").
    const double fade = std::clamp((chargeInlet_K - bottom_K) / m_p.rampBand_K, 0.0, 1.0);
    return std::clamp(surplus_W, 0.0, m_p.maxPower_W) * fade * fade;
}

double StratifiedStorage::dischargePower(double capacityRate_W_K, double inlet_K, double target_K,
                                         double top_K) const {
    const double needed = capacityRate_W_K * std::max(0.0, target_K - inlet_K);
    const double reachable = capacityRate_W_K * std::max(0.0, top_K - m_p.approach_K - inlet_K);
    const double fade = std::clamp((top_K - m_p.minTemperature_K) / m_p.rampBand_K, 0.0, 1.0);
    return std::min({m_p.maxPower_W, needed, reachable}) * fade;
}

double StratifiedStorage::flowFor(double power_W, double hot_K, double cold_K) const {
    const double dt = hot_K - cold_K;
    return power_W > 0 && dt > 1e-9 ? power_W / (m_cp * dt) : 0.0;
}

double StratifiedStorage::rhs(std::span<const double> t, double chargeFlow_kg_s,
                              double chargeInlet_K, double dischargeFlow_kg_s,
                              double dischargeInlet_K, std::span<double> dTdt) const {
    const int n = m_p.layers;
    const double ch = chargeFlow_kg_s * m_cp, dis = dischargeFlow_kg_s * m_cp;
    double loss = 0;
    for (int i = 0; i < n; ++i) {
        const double above = i == 0 ? chargeInlet_K : t[i - 1];
        const double below = i == n - 1 ? dischargeInlet_K : t[i + 1];
        const double lost = m_ua[i] * (t[i] - m_p.ambient_K);
        loss += lost;
        dTdt[i] = (ch * (above - t[i]) + dis * (below - t[i]) - lost) / m_layerCapacity;
    }
    return loss;
}

} // namespace heatnet
