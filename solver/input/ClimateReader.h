#pragma once
// The outdoor temperature from a CSV file (docs/scenario.md, `climate:`): the input layer reads
// and checks the rows, models/Climate holds the series. Temperatures in °C in the file, kelvin in
// the Climate; a value that is not finite or outside −90…60 °C is an error at its row.
#include "models/Climate.h"

#include <filesystem>
#include <string>
#include <vector>

namespace heatnet {

class CsvTable;

//! Column `column` (°C) of `table`; its rows at `rowTimes_s` [s since 1 January 00:00 of the
//! run's start year] if given (a time column, solver/input/SeriesTiming.h: linear in between, the
//! end values outside), else hourly or at its `time_h` column [h] (irregular times resampled onto
//! whole hours), the first row at `firstRowAt_s` [s since 1 January 00:00 of the run's start
//! year], periodic. Throws InputError naming the file, row and column.
Climate readClimateTable(const CsvTable& table, const std::string& column,
                         const std::vector<double>* rowTimes_s = nullptr, double firstRowAt_s = 0);

//! Reads the CSV at `path` (shown as `displayPath` in messages) as readClimateTable, hourly from
//! 1 January 00:00 or at its `time_h` column.
Climate readClimateCsv(const std::filesystem::path& path, const std::string& displayPath,
                       const std::string& column);

} // namespace heatnet
