// libFuzzer target: the CSV reader (in memory and from a file) and the climate reader on top of
// it (irregular times resampled hourly). A heatnet::Error is the expected answer to bad input.
#include "fuzz/FuzzSupport.h"
#include "solver/Error.h"
#include "solver/input/ClimateReader.h"
#include "solver/input/CsvTable.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    try {
        const heatnet::CsvTable table = heatnet::CsvTable::parse(text, "fuzz.csv");
        for (std::size_t c = 0; c < table.header().size(); ++c) {
            (void)table.column(c);
        }
        if (table.hasColumn("time_h") || !table.header().empty()) {
            const auto path = heatnet::fuzz::scratchFile(data, size, ".csv");
            (void)heatnet::readClimateCsv(path, "fuzz.csv", table.header().back());
        }
    } catch (const heatnet::Error&) {
    }
    return 0;
}
