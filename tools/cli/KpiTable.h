#pragma once
// Prints KPIs as an aligned table.
#include "solver/Kpis.h"

#include <cstdio>
#include <vector>

namespace heatnet::cli {

//! Writes the KPI table to `out`.
void printKpiTable(std::FILE* out, const std::vector<Kpi>& kpis);

} // namespace heatnet::cli
