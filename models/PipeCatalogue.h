#pragma once
// Bundled catalogue of pre-insulated steel district-heating pipes (single pipes, EN 253 sizes),
// with three insulation series. Values and sources: docs/models.md.
#include <string>
#include <vector>

namespace heatnet {

//! One catalogue line, SI units.
struct CatalogueEntry {
    int dn = 0;                    //!< nominal diameter DN [mm]
    double innerDiameter_m = 0;    //!< steel pipe inner diameter [m]
    double outerDiameter_m = 0;    //!< steel pipe outer diameter [m]
    double casingDiameter_m = 0;   //!< outer diameter of the casing [m] (for this series)
    double roughness_m = 0;        //!< absolute roughness [m]
    double heatLossCoeff_W_mK = 0; //!< U' per metre of single pipe, buried, [W/(m K)] to ground
    double cost_EUR_m = 0;         //!< installed cost per metre of trench for a pipe pair [EUR/m]
};

//! Insulation series of pre-insulated pipes (EN 253 series 1–3).
enum class InsulationSeries { Series1 = 1, Series2 = 2, Series3 = 3 };

//! The catalogue: DN20 … DN600.
class PipeCatalogue {
public:
    //! The bundled catalogue.
    static const PipeCatalogue& standard();
    //! Entry for `dn` and `series`; nullptr if DN is not in the catalogue.
    const CatalogueEntry* find(int dn, InsulationSeries series) const;
    //! All DN values available, ascending (for "did you mean" messages).
    std::vector<int> sizes() const;
    //! Smallest DN whose flow velocity stays ≤ maxVelocity at `massFlow` (ρ = 975 kg/m3).
    int smallestFor(double massFlow_kg_s, double maxVelocity_m_s) const;

private:
    std::vector<std::vector<CatalogueEntry>> m_bySeries; //!< [series-1][i]
};

} // namespace heatnet
