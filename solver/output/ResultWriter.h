#pragma once
// Writes a run into one HDF5 file (layout in docs/output.md): hourly series per pipe, substation,
// source and plant, network totals, the KPIs, the scenario text, program version and solver
// statistics. The series are those of solver/output/OutputCatalogue.h that the scenario's `output:`
// section keeps, at its precision. Rows are buffered and appended in blocks. The file appears at
// its path only when the run has finished (Hdf5Writer's temporary name + rename).
#include "solver/output/Hdf5File.h"
#include "solver/output/OutputCatalogue.h"
#include "solver/run/Kpis.h"
#include "solver/run/Simulation.h"

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace heatnet {

//! ResultSink that writes HDF5.
class ResultWriter : public ResultSink {
public:
    explicit ResultWriter(std::filesystem::path path);
    void begin(const Scenario& scenario, const Network& network) override;
    void record(const StepRecord& step) override;
    void finish(const RunTotals& totals) override;
    //! KPIs computed at finish().
    const std::vector<Kpi>& kpis() const { return m_kpis; }

private:
    struct Buffered {
        SeriesId id;
        const OutputSeriesSpec* spec = nullptr;
        std::vector<double> rows;
    };
    //! Creates the file's dataset of catalogue series `spec` and buffers its rows.
    void add(const OutputSeriesSpec& spec);
    void flush();
    //! The `time` axis of a group with its CF `time_bnds` (docs/output.md).
    void addTimeAxis(const std::string& group, const std::string& start);
    //! The run's warnings as /warnings (docs/output.md).
    void writeWarnings(const std::vector<Warning>& warnings);

    std::filesystem::path m_path;
    std::unique_ptr<Hdf5Writer> m_writer;
    const Scenario* m_scenario = nullptr;
    std::vector<Buffered> m_series;
    std::vector<double> m_times_h;
    std::vector<std::string> m_groups;
    std::vector<SeriesId> m_bounds; //!< time_bnds of each group, in m_groups' order
    std::vector<Kpi> m_kpis;
    std::size_t m_bufferedRows = 0;
};

} // namespace heatnet
