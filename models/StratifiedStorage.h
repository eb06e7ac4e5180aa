#pragma once
// A stratified hot-water storage tank at a plant, as N fully mixed layers stacked from the top
// (layer 0) to the bottom (layer N−1), each of mass m = ρV/N. Per layer, with upwind coupling:
//   m c dT_i/dt = ṁ_ch c (T_{i−1} − T_i) + ṁ_dis c (T_{i+1} − T_i) − UA_i (T_i − T_amb)
// Charging water enters the top at T_ch (T_{−1} = T_ch) and leaves at the bottom; discharging
// water enters the bottom at T_in (T_N = T_in) and leaves at the top. Summed over the layers the
// advection terms telescope to ṁ_ch c (T_ch − T_bottom) − ṁ_dis c (T_top − T_in) = P_ch − P_dis,
// so the tank conserves energy exactly. No conduction between layers (stratification is kept by
// construction); the lateral wall, the roof (top layer) and the floor (bottom layer) lose heat.
#include <span>
#include <string>
#include <vector>

namespace heatnet {

//! Parameters of a tank, SI.
struct StorageParameters {
    double volume_m3 = 1000;          //!< water volume
    double height_m = 10;             //!< height of the water column
    int layers = 12;                  //!< number of layers (≥ 10 recommended)
    double heatLoss_W_m2K = 0.3;      //!< U-value of the envelope to ambient [W/(m2 K)]
    double ambient_K = 283.15;        //!< ambient temperature around the tank
    double maxTemperature_K = 383.15; //!< fully charged (state of charge 1)
    double minTemperature_K = 328.15; //!< empty (state of charge 0); discharge fades out here
    double maxPower_W = 5e6;          //!< charge and discharge power limit
    double initialCharge = 0.5;       //!< initial state of charge (0–1), as a sharp thermocline
    double approach_K = 2;            //!< discharge heats the plant water to at most T_top − this
    double rampBand_K = 5; //!< powers fade out over this band near the limits (charge: squared)
};

//! Physics of one stratified tank (stateless: the layer temperatures are ODE states).
class StratifiedStorage {
public:
    StratifiedStorage(const StorageParameters& parameters, double density_kg_m3,
                      double specificHeat_J_kgK);

    const StorageParameters& parameters() const { return m_p; }
    int layers() const { return m_p.layers; }
    //! Heat capacity of one layer m c [J/K].
    double layerCapacity() const { return m_layerCapacity; }
    //! Conductance to ambient of layer i [W/K].
    double layerConductance(int i) const { return m_ua[i]; }
    //! Specific heat of the water [J/(kg K)].
    double specificHeat() const { return m_cp; }
    //! Tank diameter [m].
    double diameter() const { return m_diameter; }
    //! Heat between the empty and the full tank, ρ V c (T_max − T_min) [J].
    double capacity() const;

    //! Initial layer temperatures from the initial state of charge [K].
    std::vector<double> initialTemperatures() const;
    //! State of charge (0–1, not clamped) from the mean layer temperature.
    double stateOfCharge(std::span<const double> layers_K) const;
    //! Heat in the water relative to 0 °C [J].
    double storedHeat(std::span<const double> layers_K) const;

    //! Charging power [W] from the surplus, fading out as the bottom nears the charge inlet:
    //! P_s min(1, (T_ch − T_bottom)⁺ / band)², so that the charge flow fades out too.
    double chargePower(double surplus_W, double chargeInlet_K, double bottom_K) const;
    //! Discharge power [W] heating plant water of capacity rate ṁc [W/K] from `inlet_K`
    //! towards `target_K`: limited by the max power, by T_top − approach and, near empty, faded.
    double dischargePower(double capacityRate_W_K, double inlet_K, double target_K,
                          double top_K) const;
    //! Flow through the tank [kg/s] carrying `power_W` between `hot_K` and `cold_K`.
    double flowFor(double power_W, double hot_K, double cold_K) const;

    //! dT/dt of every layer; returns the heat loss to ambient [W].
    double rhs(std::span<const double> layers_K, double chargeFlow_kg_s, double chargeInlet_K,
               double dischargeFlow_kg_s, double dischargeInlet_K, std::span<double> dTdt) const;

private:
    StorageParameters m_p;
    double m_cp, m_layerCapacity = 0, m_diameter = 0;
    std::vector<double> m_ua;
};

} // namespace heatnet
