#include "solver/run/RecordFiller.h"

#include <algorithm>

namespace heatnet {

namespace {

using Layer = ThermalObservation::Layer;
constexpr Layer kSupply = NetworkLayer::Supply;
constexpr Layer kReturn = NetworkLayer::Return;

void copy(std::span<const double> from, std::vector<double>& to) {
    to.assign(from.begin(), from.end());
}

} // namespace

RecordFiller::RecordFiller(const Scenario& scenario, const Network& network,
                           const ThermalObservation& model, double storedAtStart_J,
                           const ResultSink& sink)
    : m_scenario(scenario), m_network(network), m_model(model), m_storedAtStart_J(storedAtStart_J),
      m_supplyOutlets(sink.reads(&StepRecord::supplyOutlet_K)),
      m_returnEnds(sink.reads(&StepRecord::returnInlet_K) ||
                   sink.reads(&StepRecord::returnOutlet_K)),
      m_returnFlows(sink.reads(&StepRecord::returnFlow_kg_s)),
      m_supplyLosses(sink.reads(&StepRecord::supplyLoss_W)),
      m_returnLosses(sink.reads(&StepRecord::returnLoss_W)),
      m_ground(sink.reads(&StepRecord::ground_K)) {
    for (Layer layer : {kSupply, kReturn}) {
        for (std::size_t p = 0; p < network.pipeCount(); ++p) {
            m_pipeLoss[layer].push_back({model.pipeLossEnergy(layer, p)});
        }
    }
    for (std::size_t c = 0; c < scenario.consumers.size(); ++c) {
        m_delivered.push_back({model.consumerDeliveredEnergy(c)});
        m_demand.push_back({model.consumerDemandEnergy(c)});
    }
    for (std::size_t q = 0; q < scenario.plants.size(); ++q) {
        m_firstSource.push_back(m_source.size());
        for (std::size_t k = 0; k < scenario.plants[q].sources.size(); ++k) {
            auto offset = [&](SourceIntegral which) {
                return Integral{model.sourceEnergy(q, k, which)};
            };
            m_source.push_back({offset(SourceIntegral::Heat), offset(SourceIntegral::Fuel),
                                offset(SourceIntegral::Electricity),
                                offset(SourceIntegral::WasteHeat)});
        }
        m_tankOf.push_back(kNoTank);
        if (const StratifiedStorage* tank = model.storageTank(q)) {
            m_tankOf.back() = m_tank.size();
            auto offset = [&](TankIntegral which) {
                return Integral{model.storageEnergy(q, which)};
            };
            m_tank.push_back({offset(TankIntegral::Charge), offset(TankIntegral::Discharge),
                              offset(TankIntegral::Loss)});
            m_tankModel.push_back(tank);
        }
    }
    m_firstSource.push_back(m_source.size());
}

double RecordFiller::meanPower(Integral& integral, std::span<const double> energies,
                               double stepLength_s) {
    const double now_J = energies[integral.offset];
    const double power_W = (now_J - integral.previous_J) / stepLength_s;
    integral.previous_J = now_J;
    return power_W;
}

void RecordFiller::fillPressures(StepRecord& r, const HydraulicState& hydraulics) {
    r.supplyDrop_Pa = hydraulics.supplyPressureDrop_Pa;
    r.returnDrop_Pa = hydraulics.returnPressureDrop_Pa;
    r.nodeSupplyPressure_Pa = hydraulics.supplyPressure_Pa;
    r.nodeReturnPressure_Pa = hydraulics.returnPressure_Pa;
    r.pumpPower_W = hydraulics.pumpPower_W;
    r.pumpHead_Pa = hydraulics.pumpHead_Pa;
}

void RecordFiller::fill(StepRecord& r, double time_s, double stepLength_s) {
    const ThermalObservation& model = m_model;
    const std::span<const double> energies = model.energies();
    auto power = [&](Integral& integral) { return meanPower(integral, energies, stepLength_s); };
    const std::size_t pipes = m_network.pipeCount();
    const std::size_t consumers = m_scenario.consumers.size();
    r.time_s = time_s;
    r.outdoor_K = model.outdoorTemperature(time_s);

    // A series the sink does not read stays empty (size 0).
    auto sized = [pipes](std::vector<double>& v, bool filled) { v.resize(filled ? pipes : 0); };
    sized(r.supplyInlet_K, true);
    sized(r.supplyOutlet_K, m_supplyOutlets);
    sized(r.returnInlet_K, m_returnEnds);
    sized(r.returnOutlet_K, m_returnEnds);
    sized(r.supplyLoss_W, m_supplyLosses);
    sized(r.returnLoss_W, m_returnLosses);
    model.pipeEndTemperatures(kSupply, r.supplyInlet_K, r.supplyOutlet_K);
    if (m_returnEnds) {
        model.pipeEndTemperatures(kReturn, r.returnInlet_K, r.returnOutlet_K);
    }
    copy(model.layerFlows(kSupply), r.pipeFlow_kg_s);
    copy(m_returnFlows ? model.layerFlows(kReturn) : std::span<const double>(), r.returnFlow_kg_s);
    copy(m_ground ? model.groundTemperatures() : std::span<const double>(), r.ground_K);
    r.losses_W = 0;
    for (std::size_t p = 0; p < pipes; ++p) {
        // Every integral moves on (its mean is the step's), stored or not.
        const double supply_W = power(m_pipeLoss[kSupply][p]);
        const double return_W = power(m_pipeLoss[kReturn][p]);
        if (m_supplyLosses) {
            r.supplyLoss_W[p] = supply_W;
        }
        if (m_returnLosses) {
            r.returnLoss_W[p] = return_W;
        }
        r.losses_W += supply_W + return_W;
    }

    for (auto* v : {&r.demand_W, &r.delivered_W, &r.unmet_W, &r.consumerSupply_K}) {
        v->resize(consumers);
    }
    model.consumerSupplies(r.consumerSupply_K);
    copy(model.consumerReturns(), r.consumerReturn_K);
    copy(model.consumerFlows(), r.consumerFlow_kg_s);
    r.delivered_W_total = r.demand_W_total = r.unmet_W_total = 0;
    for (std::size_t c = 0; c < consumers; ++c) {
        r.delivered_W[c] = power(m_delivered[c]);
        r.demand_W[c] = power(m_demand[c]);
        r.unmet_W[c] = std::max(0.0, r.demand_W[c] - r.delivered_W[c]);
        r.delivered_W_total += r.delivered_W[c];
        r.demand_W_total += r.demand_W[c];
        r.unmet_W_total += r.unmet_W[c];
    }

    for (auto* v :
         {&r.sourceHeat_W, &r.sourceFuel_W, &r.sourceElectricity_W, &r.sourceWasteHeat_W,
          &r.sourceAvailability, &r.plantSetPoint_K, &r.plantSupply_K, &r.storageSoc,
          &r.storageCharge_W, &r.storageDischarge_W, &r.storageLoss_W, &r.storageLayers_K}) {
        v->clear();
    }
    r.sources_W = 0;
    const std::span<const PlantOperation> operations = model.plantOperations();
    for (std::size_t q = 0; q < m_scenario.plants.size(); ++q) {
        const PlantSpec& plant = m_scenario.plants[q];
        for (std::size_t k = 0; k < plant.sources.size(); ++k) {
            auto& integral = m_source[m_firstSource[q] + k];
            r.sourceHeat_W.push_back(power(integral[std::size_t(SourceIntegral::Heat)]));
            r.sourceFuel_W.push_back(power(integral[std::size_t(SourceIntegral::Fuel)]));
            r.sourceElectricity_W.push_back(
                power(integral[std::size_t(SourceIntegral::Electricity)]));
            r.sourceWasteHeat_W.push_back(power(integral[std::size_t(SourceIntegral::WasteHeat)]));
            r.sourceAvailability.push_back(plant.sources[k].model->availability(time_s));
            r.sources_W += r.sourceHeat_W.back();
        }
        r.plantSupply_K.push_back(operations[q].outlet_K);
        r.plantSetPoint_K.push_back(model.plantSetPoint(q, time_s));
    }
    r.plantReturn_K.resize(m_scenario.plants.size());
    model.plantInlets(r.plantReturn_K);
    copy(model.plantFlows(), r.plantFlow_kg_s);
    for (std::size_t q = 0; q < m_scenario.plants.size(); ++q) {
        if (m_tankOf[q] == kNoTank) {
            continue;
        }
        auto& integral = m_tank[m_tankOf[q]];
        const std::span<const double> layers_K = model.storageLayerTemperatures(q);
        r.storageSoc.push_back(m_tankModel[m_tankOf[q]]->stateOfCharge(layers_K));
        r.storageCharge_W.push_back(power(integral[std::size_t(TankIntegral::Charge)]));
        r.storageDischarge_W.push_back(power(integral[std::size_t(TankIntegral::Discharge)]));
        r.storageLoss_W.push_back(power(integral[std::size_t(TankIntegral::Loss)]));
        r.storageLayers_K.insert(r.storageLayers_K.end(), layers_K.begin(), layers_K.end());
    }

    copy(model.nodeTemperatures(kSupply), r.nodeSupply_K);
    copy(model.nodeTemperatures(kReturn), r.nodeReturn_K);
    r.storedHeat_J = model.storedHeat() - m_storedAtStart_J;
    r.balanceResidual_J = cumulativeResidual(energies) - r.storedHeat_J;
}

double RecordFiller::cumulativeResidual(std::span<const double> e) const {
    double sum = 0;
    for (std::size_t p = 0; p < m_pipeLoss[kSupply].size(); ++p) {
        sum -= e[m_pipeLoss[kSupply][p].offset] + e[m_pipeLoss[kReturn][p].offset];
    }
    for (const Integral& delivered : m_delivered) {
        sum -= e[delivered.offset];
    }
    for (std::size_t q = 0; q + 1 < m_firstSource.size(); ++q) {
        for (std::size_t s = m_firstSource[q]; s < m_firstSource[q + 1]; ++s) {
            sum += e[m_source[s][std::size_t(SourceIntegral::Heat)].offset];
        }
        if (m_tankOf[q] != kNoTank) {
            sum -= e[m_tank[m_tankOf[q]][std::size_t(TankIntegral::Loss)].offset];
        }
    }
    return sum;
}

void RecordFiller::addEnergyTotals(RunTotals& totals) const {
    const std::span<const double> e = m_model.energies();
    for (std::size_t p = 0; p < m_pipeLoss[kSupply].size(); ++p) {
        totals.losses_J += e[m_pipeLoss[kSupply][p].offset] + e[m_pipeLoss[kReturn][p].offset];
    }
    for (std::size_t c = 0; c < m_delivered.size(); ++c) {
        totals.consumerDelivered_J.push_back(e[m_delivered[c].offset]);
        totals.consumerDemand_J.push_back(e[m_demand[c].offset]);
        totals.delivered_J += totals.consumerDelivered_J.back();
        totals.demand_J += totals.consumerDemand_J.back();
    }
    for (std::size_t q = 0; q + 1 < m_firstSource.size(); ++q) {
        for (std::size_t s = m_firstSource[q]; s < m_firstSource[q + 1]; ++s) {
            auto energy = [&](SourceIntegral which) {
                return e[m_source[s][std::size_t(which)].offset];
            };
            totals.sourceHeat_J.push_back(energy(SourceIntegral::Heat));
            totals.sourceFuel_J.push_back(energy(SourceIntegral::Fuel));
            totals.sourceElectricity_J.push_back(energy(SourceIntegral::Electricity));
            totals.sourceWasteHeat_J.push_back(energy(SourceIntegral::WasteHeat));
            totals.sources_J += energy(SourceIntegral::Heat);
        }
        if (m_tankOf[q] != kNoTank) {
            auto energy = [&](TankIntegral which) {
                return e[m_tank[m_tankOf[q]][std::size_t(which)].offset];
            };
            totals.storageCharge_J.push_back(energy(TankIntegral::Charge));
            totals.storageDischarge_J.push_back(energy(TankIntegral::Discharge));
            totals.storageLoss_J.push_back(energy(TankIntegral::Loss));
            totals.storageCapacity_J.push_back(m_tankModel[m_tankOf[q]]->capacity());
            totals.storageLosses_J += energy(TankIntegral::Loss);
        }
    }
    totals.storedChange_J = m_model.storedHeat() - m_storedAtStart_J;
    totals.balanceResidual_J = totals.sources_J - totals.delivered_J - totals.losses_J -
                               totals.storageLosses_J - totals.storedChange_J;
}

} // namespace heatnet
