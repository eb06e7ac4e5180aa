#pragma once
// Prints KPIs as an aligned table: the catalogue's label, value, unit and, optionally, the
// dataset that holds the value in the result file.
#include "solver/run/Kpis.h"

#include <cstdio>
#include <vector>

namespace heatnet::cli {

//! Writes the KPI table to `out`; `showDataset` adds a column "kpis/<id>" (heatnet info).
void printKpiTable(std::FILE* out, const std::vector<Kpi>& kpis, bool showDataset = false);

} // namespace heatnet::cli
