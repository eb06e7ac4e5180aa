// libFuzzer target: the scenario reader (YAML, units, every key's checks) and the network built
// from what it accepts. A heatnet::Error is the expected answer to bad input; anything else
// (a crash, a sanitizer report, another exception) is a finding.
#include "solver/Error.h"
#include "solver/input/ScenarioReader.h"
#include "solver/network/Network.h"

#include <cstddef>
#include <cstdint>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    try {
        // Relative CSV names resolve against the bundled scenarios (reference-demand.csv).
        const heatnet::Scenario scenario =
            heatnet::readScenarioText(std::string(reinterpret_cast<const char*>(data), size),
                                      "fuzz.yaml", HEATNET_SOURCE_DIR "/scenarios");
        const heatnet::Network network(scenario);
    } catch (const heatnet::Error&) {
    }
    return 0;
}
