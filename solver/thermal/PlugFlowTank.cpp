#include "solver/thermal/PlugFlowTank.h"

#include "solver/Error.h"

#include <fmt/format.h>

#include <algorithm>

namespace heatnet {

namespace {
constexpr double integralTolerance_J = 1e9; // energies do not control the step (as in the FV core)
constexpr std::array<const char*, 3> kIntegralNames = {"charge integral", "discharge integral",
                                                       "heat loss integral"};
} // namespace

PlugFlowTank::PlugFlowTank(const StratifiedStorage& tank, std::string owner,
                           double temperatureTolerance_K, double relativeTolerance)
    : m_tank(tank), m_owner(std::move(owner)),
      m_layerCount(static_cast<std::size_t>(tank.layers())),
      m_temperatureTolerance_K(temperatureTolerance_K), m_cp(tank.specificHeat()) {
    std::vector<double> y0 = m_tank.initialTemperatures();
    y0.resize(size(), 0.0); // the integrals start at zero
    IntegratorOptions options;
    options.relativeTolerance = relativeTolerance;
    OdeSystem& system = *this; // (a private base: converted here, where it is accessible)
    m_integrator = std::make_unique<CvodeIntegrator>(system, 0.0, y0, options);
}

PlugFlowTank::~PlugFlowTank() = default;

PlantStorageState PlugFlowTank::state() const {
    const std::span<const double> t = layers();
    return {&m_tank, t.front(), t.back()};
}

std::span<const double> PlugFlowTank::layers() const {
    return m_integrator->state().first(m_layerCount);
}

void PlugFlowTank::setLayers(std::span<const double> layers_K) {
    if (layers_K.size() != m_layerCount) {
        throw Error(fmt::format("{}: {} layer temperatures given, the tank has {}", m_owner,
                                layers_K.size(), m_layerCount));
    }
    std::vector<double> y(m_integrator->state().begin(), m_integrator->state().end());
    std::copy(layers_K.begin(), layers_K.end(), y.begin());
    m_integrator->reinitialise(m_integrator->time(), y);
}

double PlugFlowTank::integral(TankIntegral which) const {
    return m_integrator->state()[m_layerCount + static_cast<std::size_t>(which)];
}

void PlugFlowTank::advance(double t0_s, double step_s, const PlantSide& plant) {
    m_plant = plant;
    // A new plant side: a jump in the right-hand side, so the integrator starts afresh at t0.
    m_integrator->reinitialise(t0_s, m_integrator->state());
    m_integrator->advance(t0_s + step_s);
}

void PlugFlowTank::rhs(double time_s, std::span<const double> y, std::span<double> dydt) {
    (void)time_s; // the plant side is held over the step
    const std::span<const double> t = y.first(m_layerCount);
    const double top = t.front(), bottom = t.back();
    // The tank's control, as the finite-volume core evaluates it (models/Plant.cpp).
    const double charge_W = m_tank.chargePower(m_plant.surplus_W, m_plant.chargeInlet_K, bottom);
    const double chargeFlow = m_tank.flowFor(charge_W, m_plant.chargeInlet_K, bottom);
    const double discharge_W =
        m_plant.dischargeScale * m_tank.dischargePower(m_plant.capacityRate_W_K,
                                                       m_plant.dischargeInlet_K, m_plant.target_K,
                                                       top);
    const double dischargeFlow = m_tank.flowFor(discharge_W, top, m_plant.dischargeInlet_K);
    const double loss_W = m_tank.rhs(t, chargeFlow, m_plant.chargeInlet_K, dischargeFlow,
                                     m_plant.dischargeInlet_K, dydt.first(m_layerCount));
    const auto at = [&](TankIntegral which) -> double& {
        return dydt[m_layerCount + static_cast<std::size_t>(which)];
    };
    // The advective forms (what the layers' equations telescope to), not the powers: equal
    // but for round-off, and the invariant then holds exactly.
    at(TankIntegral::Charge) = chargeFlow * m_cp * (m_plant.chargeInlet_K - bottom);
    at(TankIntegral::Discharge) = dischargeFlow * m_cp * (top - m_plant.dischargeInlet_K);
    at(TankIntegral::Loss) = loss_W;
}

std::vector<std::vector<std::size_t>> PlugFlowTank::jacobianPattern() const {
    // Each layer: itself, its neighbours (upwind both ways), and the top and bottom layers
    // (they set the discharge and charge flows). Charge and discharge: the bottom and the top;
    // loss: every layer. Complete, so that the invariant holds.
    const std::size_t n = m_layerCount;
    std::vector<std::vector<std::size_t>> rows(size());
    for (std::size_t i = 0; i < n; ++i) {
        for (std::size_t j = i < 1 ? 0 : i - 1; j <= std::min(n - 1, i + 1); ++j) {
            rows[i].push_back(j);
        }
        rows[i].push_back(0);
        rows[i].push_back(n - 1);
    }
    rows[n + static_cast<std::size_t>(TankIntegral::Charge)] = {0, n - 1};
    rows[n + static_cast<std::size_t>(TankIntegral::Discharge)] = {0, n - 1};
    for (std::size_t i = 0; i < n; ++i) {
        rows[n + static_cast<std::size_t>(TankIntegral::Loss)].push_back(i);
    }
    return rows;
}

void PlugFlowTank::absoluteTolerances(std::span<double> absTol) const {
    std::fill(absTol.begin(), absTol.begin() + static_cast<std::ptrdiff_t>(m_layerCount),
              m_temperatureTolerance_K);
    std::fill(absTol.begin() + static_cast<std::ptrdiff_t>(m_layerCount), absTol.end(),
              integralTolerance_J);
}

std::string PlugFlowTank::stateName(std::size_t index) const {
    if (index < m_layerCount) {
        return fmt::format("{}: T[{}]", m_owner, index);
    }
    return fmt::format("{}: {}", m_owner, kIntegralNames.at(index - m_layerCount));
}

} // namespace heatnet
