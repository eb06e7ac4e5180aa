#pragma once
// What one case of a sweep produced, as plain data that travels: to the journal (resume), between
// MPI ranks, into and out of the sweep's HDF5 file (merge). Serialised as bytes in the machine's
// own representation (a sweep and its ranks run on one kind of machine).
#include "solver/run/Kpis.h"

#include <cstddef>
#include <string>
#include <vector>

namespace heatnet {

//! One hourly network total of a case (on request), e.g. heat delivered [W] per output step.
struct CaseSeries {
    std::string name, unit, longName;
    std::vector<double> values;
};

//! One finished case: done with its KPIs, or failed with a message.
struct CaseRecord {
    std::size_t index = 0;                   //!< position in the sweep's case list
    std::vector<std::string> parameterTexts; //!< level of each parameter, as written
    std::vector<double> parameterNumbers;    //!< its number (NaN if none)
    bool done = false;                       //!< false: failed
    std::string message;                     //!< why it failed ("" when done)
    std::vector<Kpi> kpis;                   //!< same ids and units as `heatnet run`
    std::string seriesStart;                 //!< ISO start of the series' time axis
    std::vector<double> seriesTimes_h;       //!< hours since seriesStart
    std::vector<CaseSeries> series;          //!< empty unless the sweep asks for series
};

//! Bytes of `record` (for the journal and MPI messages).
std::string serialiseRecord(const CaseRecord& record);
//! The record back from serialiseRecord's bytes; throws Error if they are truncated or corrupt.
CaseRecord deserialiseRecord(std::string_view bytes);

//! The KPI `name` of a done record, or NaN.
double recordKpi(const CaseRecord& record, const std::string& name);

//! Pareto optimality among `records`: flags[i] is true when record i is done, has every objective
//! finite, and no other such record is at least as good on every objective and better on one.
//! `maximise[k]` flips objective k.
std::vector<bool> paretoOptimal(const std::vector<CaseRecord>& records,
                                const std::vector<std::string>& objectives,
                                const std::vector<bool>& maximise);

} // namespace heatnet
