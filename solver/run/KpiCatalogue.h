#pragma once
// The one catalogue of KPIs: for every indicator its id (the HDF5 dataset name under /kpis),
// unit, a short label and a plain-language sentence in French and English, the direction that
// is better, and its place in the one reading order (demand and supply first, money last).
// `heatnet run`, `heatnet info`, the HDF5 `long_name`, `heatnet report` and `heatnet sweep` all
// read it; adding a KPI is one entry here plus its computation in Kpis.cpp.
//
// Per-source KPIs are pattern entries: the id "full_load_hours_{}" stands for
// full_load_hours_<SOURCE>, and "{}" in the labels and sentences is replaced by the source id.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace heatnet {

//! Which value of an indicator is the better one when scenarios are compared.
enum class KpiBetter { Higher, Lower, Neither };

//! Languages of the catalogue's texts.
enum class Language { French, English };

//! One catalogue entry (ids with "{}" are patterns for per-source KPIs).
struct KpiDefinition {
    std::string_view id;      //!< dataset name under /kpis; "{}" stands for a source id
    std::string_view unit;    //!< "MWh", "%", "h", "t", "EUR/MWh", ...
    std::string_view section; //!< "demand", "supply", "losses", "climate", "checks", "money"
    KpiBetter better;         //!< for "best value" marks in comparisons
    std::string_view labelEn, labelFr;       //!< short label (table rows, axis names)
    std::string_view sentenceEn, sentenceFr; //!< what it means, in plain language
};

//! A resolved entry: pattern ids filled in with the source id.
struct KpiText {
    std::string id, unit, section;
    KpiBetter better = KpiBetter::Neither;
    std::string labelEn, labelFr, sentenceEn, sentenceFr;
    std::size_t order = 0; //!< position in the catalogue (pattern entries share theirs)
    //! Label in `language`.
    const std::string& label(Language language) const;
    //! Sentence in `language`.
    const std::string& sentence(Language language) const;
};

//! Every entry, in reading order.
const std::vector<KpiDefinition>& kpiCatalogue();

//! The entry for `id` (pattern entries match their prefix and resolve "{}"); nullopt if `id` is
//! not in the catalogue.
std::optional<KpiText> findKpi(std::string_view id);

//! The entry for `id`; throws Error if absent (a KPI computed without a catalogue entry is a
//! programming error).
KpiText kpiText(std::string_view id);

} // namespace heatnet
