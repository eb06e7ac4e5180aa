#pragma once
// The result file of a sweep (layout in docs/output.md, "Sweep files"): per case its parameter
// levels, KPIs, status and Pareto flag, optionally its hourly network totals; the sweep and base
// scenario texts; and a CSV summary beside it. Both appear at their paths only when complete
// (temporary name + rename). Read back for `heatnet info`, `--resume` and `heatnet sweep merge`.
#include "solver/sweep/SweepDefinition.h"
#include "solver/sweep/SweepRecord.h"

#include <filesystem>
#include <string>
#include <vector>

namespace heatnet {

//! What a sweep file says about its sweep (beside the cases).
struct SweepHeader {
    std::string name;           //!< sweep name
    std::string fingerprint;    //!< SweepDefinition::fingerprint
    std::string definitionText; //!< the sweep file's text
    std::string sweepPath;      //!< the sweep file as given
    std::string baseText;       //!< the base scenario's text
    std::string basePath;       //!< the base scenario as given
    std::size_t caseCount = 0;  //!< cases in the whole sweep (a shard holds fewer)
    std::vector<std::string> parameterNames, parameterPaths, parameterUnits;
    std::vector<std::string> objectives; //!< KPI ids of the Pareto front
    std::vector<bool> maximise;          //!< per objective
    std::string shard;                   //!< "i/N" for a shard, "" for a whole sweep
};

//! The header of `sweep` (shard "" or "i/N").
SweepHeader sweepHeader(const SweepDefinition& sweep, const std::string& shard);

//! Writes `records` (any order; written by case index) to `path` and the CSV summary to
//! csvPathFor(path), each atomically. Marks the Pareto-optimal cases on the header's objectives.
void writeSweepFile(const std::filesystem::path& path, const SweepHeader& header,
                    std::vector<CaseRecord> records);

//! Reads a sweep file back. Throws OutputError if `path` is not a heatnet sweep file.
std::pair<SweepHeader, std::vector<CaseRecord>> readSweepFile(const std::filesystem::path& path);

//! True if `path` is an HDF5 file written by writeSweepFile.
bool isSweepFile(const std::filesystem::path& path);

//! "sweep.h5" → "sweep.csv".
std::filesystem::path csvPathFor(const std::filesystem::path& path);

} // namespace heatnet
