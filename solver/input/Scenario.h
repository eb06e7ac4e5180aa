#pragma once
// A scenario as plain, validated data in SI units. No physics here: the reader (ScenarioReader)
// fills it from YAML, the network and simulation build on it. Every run is reproducible from the
// scenario text alone, which is kept here to be stored in the result file.
#include "models/Climate.h"
#include "models/HeatSource.h"
#include "models/StratifiedStorage.h"
#include "models/TimeProfile.h"

#include <filesystem>
#include <map>
#include <memory>

#include <optional>
#include <string>
#include <vector>

namespace heatnet {

//! Settings of the run.
struct SimulationSettings {
    std::string start = "2025-01-01 00:00:00"; //!< ISO start (local standard time)
    int startWeekday = 2;                      //!< 0 = Monday; 1 Jan 2025 is a Wednesday
    double startDayOfYear_s = 0;               //!< offset of the start from 1 January [s]
    double duration_s = 8760 * 3600.0;         //!< simulated time [s]
    double outputStep_s = 3600;                //!< spacing of stored results [s]
    double hydraulicStep_s = 3600;             //!< flows recomputed this often [s]
    double relativeTolerance = 1e-3;           //!< CVODE relative tolerance [-]
    double temperatureTolerance_K = 0.1;       //!< CVODE absolute tolerance on temperatures [K]
    double cellLength_m = 20;                  //!< target cell length of pipe discretisation [m]
    int minCellsPerPipe = 2;                   //!< at least this many cells per pipe
    int maxCellsPerPipe = 200;                 //!< at most this many cells per pipe
    std::string advection = "upwind";          //!< upwind | muscl | koren | superbee (Pipe.h)
    std::string pipeModel =
        "finite_volume"; //!< finite_volume (Pipe.h) | plug_flow (PlugFlowPipe.h)
    //! none | taylor: plug flow's axial-dispersion outlet filter (PlugFlowPipe.h)
    std::string plugFlowDispersion = "none";
};

//! Ground temperature: constant or Kusuda–Achenbach.
struct GroundSettings {
    bool kusuda = true;
    double constant_K = 285.15;       //!< when !kusuda
    double meanSurface_K = 284.45;    //!< Kusuda: annual mean surface temperature
    double surfaceAmplitude_K = 7.5;  //!< Kusuda: annual amplitude
    double diffusivity_m2_s = 0.6e-6; //!< Kusuda: soil diffusivity
    double coldestDay = 35;           //!< Kusuda: day of year of the coldest surface
};

struct NodeSpec {
    std::string id;
    bool hasCoordinates = false;
    double x_m = 0, y_m = 0; //!< Lambert-93 or local metres
    double elevation_m = 0;
    int line = 0; //!< line in the scenario (for model-level errors)
};

//! A pipe pair (supply and return laid together) between two nodes.
struct PipeSpec {
    std::string id, from, to; //!< supply flows nominally from → to
    double length_m = 0;
    double innerDiameter_m = 0;
    double roughness_m = 0;
    double heatLossCoeff_W_mK = 0; //!< U' per single pipe to the ground [W/(m K)]
    double burialDepth_m = 0.8;
    double cost_EUR_m = 0;              //!< trench cost of the pair [EUR/m]
    int dn = 0;                         //!< nominal diameter if from the catalogue
    int insulationSeries = 0;           //!< catalogue series, 0 if explicit
    double wallHeatCapacity_J_mK = 0;   //!< steel wall capacity per metre [J/(m K)]; 0 = ignored
    double innerHeatTransfer_W_m2K = 0; //!< water-wall coefficient [W/(m2 K)]; 0 = Gnielinski
    int cells = 0;                      //!< 0 = from the cell length
    bool autoSize = false;              //!< `dn: auto`: DN chosen by solver/network/PipeSizing.h
    bool explicitRoughness = false;     //!< roughness given: kept when the DN is chosen
    bool explicitHeatLoss = false;      //!< heat_loss given: kept when the DN is chosen
    bool explicitCost = false;          //!< cost given: kept when the DN is chosen
    int line = 0;
};

//! Limits of automatic pipe sizing (`dn: auto`), at the design hour.
struct PipeSizingSettings {
    double maxPressureGradient_Pa_m = 100; //!< pressure drop per metre of pipe [Pa/m]
    double maxVelocity_m_s = 2;            //!< mean flow velocity [m/s]
};

//! Heat demand of a substation.
struct DemandSpec {
    enum class Kind { DegreeHours, Profile };
    Kind kind = Kind::DegreeHours;
    double annual_J = 0; //!< DegreeHours: annual demand
    double hotWaterShare = 0.15;
    double heatingLimit_K = 288.15;
    TimeProfile profile; //!< Profile: demand [W]
    double scale = 1.0;  //!< multiplies the profile
};

//! A substation: draws from the supply at its node and returns to the return line there.
struct ConsumerSpec {
    std::string id, node, category; //!< category: housing, school, hospital, pool, ...
    DemandSpec demand;
    double designSupply_K = 0;    //!< design supply temperature
    double designReturn_K = 0;    //!< return temperature the substation aims at
    double minSupply_K = 0;       //!< below this, the substation cannot serve its demand
    double fixedDeltaT_K = 0;     //!< > 0: fixed primary temperature drop (DESTEST)
    double minMassFlow_kg_s = 0;  //!< bypass flow kept at zero demand
    double designPower_W = 0;     //!< for flow limits (0 = from the demand peak)
    bool heatExchanger = false;   //!< heat-exchanger substation model (models/Substation.h)
    double secondarySupply_K = 0; //!< building circuit supply (heat-exchanger model)
    double secondaryReturn_K = 0; //!< building circuit return (heat-exchanger model)
    std::optional<TimeProfile> prescribedFlow; //!< if set: primary flow [kg/s] (validation)
    int line = 0;
};

//! Supply temperature set point of a plant: constant or a heating curve.
struct SupplyTemperatureSpec {
    bool curve = false;
    std::optional<TimeProfile> profile; //!< if set: prescribed set point over time [K]
    double constant_K = 0;
    double atDesignOutdoor_K = 0; //!< curve: set point at the design outdoor temperature
    double designOutdoor_K = 0;
    double atMildOutdoor_K = 0; //!< curve: set point at and above the mild temperature
    double mildOutdoor_K = 0;
};

//! A heat source: its model is built by the source registry from the scenario.
struct SourceSpec {
    std::string id, type;                    //!< type: waste_heat, boiler, ...
    std::shared_ptr<const HeatSource> model; //!< immutable, shareable between runs
    int priority = 0;                        //!< merit order: lower first (ties: file order)
    int line = 0;
};

//! How a plant takes part in the hydraulics: `pressure` holds the differential pressure at the
//! worst-placed substation and balances the flow (exactly one per connected network); `flow`
//! feeds a prescribed mass flow; `heat` feeds the flow that carries the heat its sources give.
enum class PlantControl { Pressure, Flow, Heat };

//! A plant: sources at one node feeding the supply and taking the return.
struct PlantSpec {
    std::string id, node;
    SupplyTemperatureSpec supplyTemperature;
    std::vector<SourceSpec> sources;
    double differentialPressure_Pa = 1e5; //!< set at the worst-placed substation
    //! Gauge pressure the balancing plant holds at its return inlet (pump suction, where the
    //! network is pressurised) [Pa]; every nodal pressure is measured from it.
    double staticPressure_Pa = 2e5;
    double pumpEfficiency = 0.7;
    //! Role in the network's hydraulics (docs/models.md, "Plants by role").
    PlantControl control = PlantControl::Pressure;
    std::optional<TimeProfile> massFlow;      //!< control Flow: the prescribed mass flow [kg/s]
    std::optional<StorageParameters> storage; //!< hot-water tank at the plant, if any
    int line = 0;
    int column = 0; //!< of the plant's mapping in the scenario (for model-level errors)
};

//! Economic and environmental factors for the KPIs.
struct Factors {
    double gasEmission_kg_J = 227.0 / 3.6e9;        //!< kg CO2 per J of gas (LHV), 227 g/kWh
    double electricityEmission_kg_J = 52.0 / 3.6e9; //!< French grid mix, 52 g/kWh
    double biomassEmission_kg_J = 30.0 / 3.6e9;
    double gasPrice_EUR_J = 60.0 / 3.6e9;          //!< 60 EUR/MWh
    double electricityPrice_EUR_J = 150.0 / 3.6e9; //!< 150 EUR/MWh
    double wasteHeatPrice_EUR_J = 10.0 / 3.6e9;    //!< 10 EUR/MWh paid to the factory
    double referenceBoilerEfficiency = 0.9;        //!< all-gas reference
    double biomassPrice_EUR_J = 35.0 / 3.6e9;      //!< 35 EUR/MWh (wood chips, illustrative)
    // Capital (cost of heat): annuities of the pipe and plant investment, docs/models.md.
    double discountRate = 0.04;             //!< real discount rate [1/yr]
    double pipeLifetime_a = 40;             //!< pipe lifetime [yr]
    double plantLifetime_a = 20;            //!< plant (source) lifetime [yr]
    double boilerCapital_EUR_W = 100e-3;    //!< boilers: 100 EUR/kW (illustrative)
    double wasteHeatCapital_EUR_W = 300e-3; //!< recovery exchangers: 300 EUR/kW
    double heatPumpCapital_EUR_W = 800e-3;  //!< heat pumps: 800 EUR/kW
    double storageCapital_EUR_m3 = 250;     //!< hot-water tanks: 250 EUR/m3 (docs/models.md)
    double storageLifetime_a = 40;          //!< tanks are paid back over it [yr]
};

//! Limits beyond which a design or a result is implausible (scenario block `warnings:`,
//! catalogue: solver/run/WarningCatalogue.cpp, docs/warnings.md). Pressures are gauge. The reader
//! sets every member from the key table's defaults (solver/input/ScenarioKeys.cpp); these initial
//! values serve scenarios built in code.
struct WarningThresholds {
    double maxPressure_Pa = 16e5;          //!< PN of the pipes: 16 bar
    double minPressureMargin_Pa = 0.5e5;   //!< above the boiling pressure of the local water
    double maxVelocity_m_s = 3.0;          //!< mean water velocity in a pipe
    double maxPressureGradient_Pa_m = 300; //!< friction pressure drop per metre of pipe
    double maxUnmetShare = 0.01;           //!< unmet / demand of a substation over the run
    double minPipeFlow_kg_s = 1e-3;        //!< below this a pipe counts as without flow
    double minCapacityShare = 1.0;         //!< source capacity / peak demand of the run
};

//! A complete scenario.
//! What the result file stores (`output:`, docs/output.md): the series chosen in each group
//! (names from solver/output/OutputCatalogue.cpp) and their precision.
struct OutputSettings {
    bool float32 = false; //!< series stored as float32 (time axes and fixed data stay float64)
    //! The series kept, by group; a group not in the map keeps every series, an empty list none
    //! (the group is then left out of the file).
    std::map<std::string, std::vector<std::string>> keptSeries;
};

struct Scenario {
    std::string name, description;
    std::string sourceText; //!< the YAML text as read
    std::string sourcePath; //!< as given by the user
    //! The scenario file and every file it reads (CSV profiles, climate): never an output.
    std::vector<std::filesystem::path> inputFiles;
    SimulationSettings simulation;
    Climate climate = Climate::constant(284.45);
    GroundSettings ground;
    std::vector<NodeSpec> nodes;
    std::vector<PipeSpec> pipes;
    PipeSizingSettings sizing; //!< for pipes with `dn: auto`
    std::vector<ConsumerSpec> consumers;
    std::vector<PlantSpec> plants;
    Factors factors;
    WarningThresholds warnings;
    OutputSettings output;
    double initialSupply_K = 0; //!< 0 = the plants' set point
    double initialReturn_K = 0; //!< 0 = the mean design return
};

} // namespace heatnet
