#pragma once
// Checks a thermal system's Jacobian pattern against its right-hand side: perturbs each state
// and lists every right-hand side that moves without that column in its row.
#include "solver/thermal/ThermalSystem.h"

#include <algorithm>
#include <span>
#include <string>
#include <vector>

namespace heatnet::testing {

//! "row state <- column state" for every dependency at (t, y) the pattern misses.
inline std::vector<std::string> missingPatternEntries(ThermalSystem& th, std::span<const double> y,
                                                      double time_s) {
    const auto pattern = th.jacobianPattern();
    std::vector<double> f0(th.size()), f1(th.size());
    th.rhs(time_s, y, f0);
    std::vector<std::string> missing;
    for (std::size_t j = 0; j < y.size(); ++j) {
        std::vector<double> y1(y.begin(), y.end());
        y1[j] += 1e-3;
        th.rhs(time_s, y1, f1);
        for (std::size_t i = 0; i < y.size(); ++i) {
            const auto& row = pattern[i];
            if (i != j && f1[i] != f0[i] && std::find(row.begin(), row.end(), j) == row.end()) {
                missing.push_back(th.stateName(i) + " <- " + th.stateName(j));
            }
        }
    }
    return missing;
}

} // namespace heatnet::testing
