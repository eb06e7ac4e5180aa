#pragma once
// Writes a run into one HDF5 file (layout in docs/output.md): hourly series per pipe, substation,
// source and plant, network totals, the KPIs, the scenario text, program version and solver
// statistics. The series are those of solver/output/OutputCatalogue.h that the scenario's `output:`
// section keeps, at its precision. Rows are buffered and handed over in blocks of a week (fewer
// rows for a large network, to bound the memory) to the file's writer thread
// (solver/output/Hdf5WriterThread.h), which compresses and writes them while the simulation goes
// on; every HDF5 call happens on that thread. The file appears at its path only when the run has
// finished (Hdf5Writer's temporary name + rename).
#include "solver/output/Hdf5File.h"
#include "solver/output/Hdf5WriterThread.h"
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
    //! `threading`: Direct writes on the simulation's thread (the reference of the tests).
    explicit ResultWriter(
        std::filesystem::path path,
        Hdf5WriterThread::Threading threading = Hdf5WriterThread::Threading::WriterThread);
    void begin(const Scenario& scenario) override;
    void record(const StepRecord& step) override;
    void finish(const RunTotals& totals) override;
    //! True if a series the scenario's `output:` section keeps reads `field`.
    bool reads(std::vector<double> StepRecord::*field) const override;
    //! KPIs computed at finish().
    const std::vector<Kpi>& kpis() const { return m_kpis; }

private:
    struct Buffered {
        SeriesId id;
        const OutputSeriesSpec* spec = nullptr;
        double offset = 0; //!< storedOffset(*spec), added to every value stored
        std::vector<double> rows;
    };
    //! Creates the file's groups, axes, fixed datasets and series (on the writer thread).
    void create(Hdf5Writer& w, const Scenario& scenario);
    //! Writes the KPIs, warnings and solver statistics and commits (on the writer thread).
    void finishFile(Hdf5Writer& w, const RunTotals& totals) const;
    //! Creates the file's dataset of catalogue series `spec` and buffers its rows.
    void add(Hdf5Writer& w, const OutputSeriesSpec& spec);
    //! Hands the buffered rows to the writer thread.
    void flush();
    //! The `time` axis of a group with its CF `time_bnds` (docs/output.md).
    void addTimeAxis(Hdf5Writer& w, const std::string& group, const std::string& start);
    //! The run's warnings as /warnings (docs/output.md).
    static void writeWarnings(Hdf5Writer& w, const std::vector<Warning>& warnings,
                              const std::string& start);

    std::filesystem::path m_path;
    Hdf5WriterThread::Threading m_threading;
    const Scenario* m_scenario = nullptr;
    std::vector<Buffered> m_series;
    std::vector<double> m_times_h;
    std::vector<std::string> m_groups;
    std::vector<SeriesId> m_bounds; //!< time_bnds of each group, in m_groups' order
    std::vector<Kpi> m_kpis;
    std::size_t m_bufferedRows = 0;
    std::size_t m_bufferedValues = 0; //!< series values in the buffered rows
    //! Last member: destroyed first, so no job outlives what it reads.
    std::unique_ptr<Hdf5WriterThread> m_file;
};

} // namespace heatnet
