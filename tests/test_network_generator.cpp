// The benchmark networks (solver/network/NetworkGenerator.h) look like real ones: a tree tens of
// pipes deep at 1,000 and 10,000 pipes, consumers at the leaves and along the streets, every leaf
// a consumer, every DN the smallest that keeps the design-hour pressure gradient and velocity
// within the sizing limits, and the same network for the same seed.
#include "solver/network/NetworkGenerator.h"
#include "solver/network/PipeSizing.h"

#include <catch2/catch.hpp>

#include <map>
#include <set>
#include <string>

using namespace heatnet;

namespace {

Scenario generated(int pipePairs) {
    GeneratedNetworkOptions options;
    options.pipePairs = pipePairs;
    options.duration_s = 8760 * 3600.0;
    return generateNetwork(options);
}

} // namespace

TEST_CASE("generator: realistic trees of 1,000 and 10,000 pipes, sized by pressure gradient",
          "[generator]") {
    for (const int pairs : {500, 5000}) {
        INFO(pairs << " pipe pairs");
        Scenario s = generated(pairs);
        REQUIRE(s.pipes.size() == static_cast<std::size_t>(pairs));
        REQUIRE(s.nodes.size() == s.pipes.size() + 1); // connected with n − 1 edges: a tree
        const int depth = treeDepth(s);
        CHECK(depth >= 10);
        CHECK(depth <= 99);

        std::map<std::string, int> children; // pipes leaving each node (supply direction)
        std::set<std::string> withConsumer;
        for (const PipeSpec& p : s.pipes) {
            ++children[p.from];
        }
        for (const ConsumerSpec& c : s.consumers) {
            withConsumer.insert(c.node);
        }
        int leaves = 0, innerConsumers = 0;
        for (const NodeSpec& n : s.nodes) {
            if (n.id == s.plants[0].node) {
                continue;
            }
            if (children[n.id] == 0) {
                ++leaves;
                INFO("leaf " << n.id);
                CHECK(withConsumer.count(n.id) == 1);
            } else if (withConsumer.count(n.id)) {
                ++innerConsumers;
            }
        }
        CHECK(leaves > pairs / 5);
        CHECK(innerConsumers > pairs / 50);

        // Sizing the generated network again picks the same DNs, each within the limits.
        const std::vector<PipeSizingResult> check = sizePipes(s);
        REQUIRE(check.size() == s.pipes.size());
        int sizes = 0, previous = 0;
        for (const PipeSizingResult& r : check) {
            CHECK(r.dn == s.pipes[r.pipe].dn);
            CHECK(r.pressureGradient_Pa_m <= s.sizing.maxPressureGradient_Pa_m);
            CHECK(r.velocity_m_s <= s.sizing.maxVelocity_m_s);
            sizes += r.dn != previous ? 1 : 0;
            previous = r.dn;
        }
        CHECK(sizes > 10); // DNs vary along the tree, from mains to service pipes
    }
}

TEST_CASE("generator: the same seed gives the same network", "[generator]") {
    const Scenario a = generated(300), b = generated(300);
    REQUIRE(a.pipes.size() == b.pipes.size());
    for (std::size_t p = 0; p < a.pipes.size(); ++p) {
        CHECK(a.pipes[p].from == b.pipes[p].from);
        CHECK(a.pipes[p].length_m == b.pipes[p].length_m);
        CHECK(a.pipes[p].dn == b.pipes[p].dn);
    }
    CHECK(a.sourceText == b.sourceText);
}
