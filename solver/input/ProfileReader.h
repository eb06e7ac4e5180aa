#pragma once
// Reads time profiles and dates from a scenario. A profile is one of
//   4 MW                                             a constant
//   {weekly: {weekdays: 4 MW, weekend: 2 MW}}        a week (optional saturday/sunday/night,
//                                                    day_start/day_end hours), or
//   {weekly: [168 values]}                           Monday 00:00 first
//   {csv: file.csv, column: Q, step: 1 h, unit: kW}  samples every `step` from the run start
// Values are converted to SI; errors point at the scenario key, CSV errors also name the CSV
// file and row.
#include "models/TimeProfile.h"
#include "solver/input/Input.h"
#include "solver/input/Scenario.h"

#include <optional>
#include <string>
#include <string_view>

namespace heatnet {

//! Options of readProfile.
struct ProfileOptions {
    bool nonNegative = true; //!< reject values < 0 (powers, demands)
};

//! Reads a profile of `dimension` (converted to SI) from `node`. Weekly profiles are aligned
//! with the run's start (`simulation.startWeekday` and the start's time of day).
TimeProfile readProfile(const InputNode& node, Dimension dimension,
                        const SimulationSettings& simulation, ProfileOptions options = {});

//! Seconds since 1970-01-01 00:00 (no time zone: local standard time throughout) of
//! "YYYY-MM-DD", "YYYY-MM-DD HH:MM" or "YYYY-MM-DD HH:MM:SS" ('T' also separates); nullopt with
//! `reason` filled if malformed.
std::optional<double> parseDateTime(std::string_view text, std::string* reason);

//! Reads a date node as seconds since the run's start [s] (negative before it).
double readDateSinceStart(const InputNode& node, const SimulationSettings& simulation);

//! Parses a quantity with a unit not covered by Dimension, from `units` (name → SI factor);
//! `expected` describes it in messages ("a diffusivity (m2/s, mm2/s)").
double readCustomQuantity(const InputNode& node,
                          std::initializer_list<std::pair<std::string_view, double>> units,
                          std::string_view expected);

} // namespace heatnet
