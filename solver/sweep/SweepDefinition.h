#pragma once
// A design sweep as plain data: a base scenario, the parameters that vary (each a key path into
// the scenario and its levels), and the cases they combine into. Read by
// solver/sweep/SweepReader.h; the file format is documented in docs/sweeps.md.
#include "solver/input/Input.h"
#include "solver/input/ScenarioOverride.h"

#include <yaml-cpp/yaml.h>

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace heatnet {

//! The sizing results of a sweep's cases, by the levels of the parameters that change them
//! (defined in solver/sweep/SweepReader.cpp; shared by the threads of one process).
struct SweepSizingMemo;

//! One varied parameter and its levels.
struct SweepParameter {
    std::string name;               //!< column name in the results (default: the key path)
    KeyPath path;                   //!< where it goes in the scenario
    std::vector<YAML::Node> values; //!< one YAML value per level (or per sample)
    std::vector<std::string> texts; //!< each level as written ("105 degC", "none")
    std::vector<double> numbers;    //!< each level's number ("105 degC" → 105); NaN if none
    std::string unit;               //!< the levels' common unit text ("degC"; "" if none)
    bool sampled = false;           //!< drawn by a Latin-hypercube / random design
    std::vector<InputNode> origins; //!< per level: where it was written (for errors)
    std::optional<InputNode> node;  //!< the parameter's item in the sweep file
};

//! A fixed override applied to every case (the sweep's `scenario:` mapping).
struct SweepFixedValue {
    KeyPath path;
    YAML::Node value;
    std::optional<InputNode> node; //!< the value in the sweep file (for errors)
};

//! An objective of the Pareto front: a KPI id, minimised unless `maximise`.
struct SweepObjective {
    std::string kpi;
    bool maximise = false;
};

//! A whole sweep.
struct SweepDefinition {
    std::string name;                            //!< sweep name (default: the file's stem)
    std::shared_ptr<const InputFile> file;       //!< the sweep file
    std::shared_ptr<const InputFile> base;       //!< the base scenario file
    std::vector<SweepFixedValue> fixed;          //!< applied first, to every case
    std::vector<SweepParameter> parameters;      //!< in file order
    std::vector<std::vector<std::size_t>> cases; //!< per case: the level of each parameter
    std::vector<SweepObjective> objectives;      //!< Pareto objectives
    bool series = false;                         //!< store each case's hourly network totals
    std::string fingerprint; //!< hash of the sweep and base texts: resume and merge check it
    //! `dn: auto` sizings already done, reused by cases that differ only in parameters the sizing
    //! does not read (solver/sweep/SweepReader.cpp, sizingRelevant); set by readSweep.
    std::shared_ptr<SweepSizingMemo> sizingMemo;
};

} // namespace heatnet
