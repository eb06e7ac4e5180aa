#include "solver/sweep/SweepReader.h"

#include "solver/Error.h"
#include "solver/input/ScenarioReader.h"
#include "solver/network/PipeSizing.h"
#include "solver/run/Kpis.h"

#include <fmt/format.h>

#include <omp.h>

#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <exception>
#include <limits>
#include <map>
#include <mutex>
#include <numeric>
#include <stdexcept>

namespace heatnet {

//! Sizing results by sizing key (the case's levels of the parameters that change the sizing;
//! levels of the others set to SIZE_MAX). The fixed overrides are the same in every case.
struct SweepSizingMemo {
    std::mutex mutex;
    std::map<std::vector<std::size_t>, std::vector<PipeSizingResult>> results;
};

namespace {

//! No sweep needs more cases than this; a typo in a grid (a range with a tiny step) does.
constexpr std::size_t kMaxCases = 1'000'000;

//! The objectives when the sweep names none: cost of heat, CO2, pipe losses.
const std::vector<std::string> kDefaultObjectives = {"heat_cost_per_mwh", "co2_emitted",
                                                     "pipe_losses"};

//! A number and the unit text after it ("95 degC" → {95, "degC"}); NaN if no leading number.
std::pair<double, std::string> splitQuantity(const std::string& text) {
    const char* begin = text.c_str();
    char* end = nullptr;
    const double value = std::strtod(begin, &end);
    if (end == begin) {
        return {std::numeric_limits<double>::quiet_NaN(), ""};
    }
    std::string unit(end);
    const auto first = unit.find_first_not_of(" \t");
    unit = first == std::string::npos ? "" : unit.substr(first);
    return {value, unit};
}

//! A level as text: a scalar as written, null as "none", anything else as flow-style YAML.
std::string levelText(const YAML::Node& value) {
    if (!value.IsDefined() || value.IsNull()) {
        return "none";
    }
    if (value.IsScalar()) {
        return value.Scalar();
    }
    YAML::Emitter out;
    out.SetMapFormat(YAML::Flow);
    out.SetSeqFormat(YAML::Flow);
    out << value;
    return out.c_str();
}

//! "95 degC" with the number shown to 10 significant digits.
std::string quantityText(double value, const std::string& unit) {
    return unit.empty() ? fmt::format("{:.10g}", value) : fmt::format("{:.10g} {}", value, unit);
}

//! A quantity of a range or sample bound; must have a number.
std::pair<double, std::string> readBound(const InputNode& node) {
    const std::string text = node.asString();
    auto [value, unit] = splitQuantity(text);
    if (!std::isfinite(value)) {
        node.fail(fmt::format("expected a number with its unit (e.g. '95 degC'), got '{}'", text));
    }
    return {value, unit};
}

//! 64-bit FNV-1a: a fingerprint of the texts a sweep depends on (not cryptographic).
std::uint64_t fnv1a(std::string_view text, std::uint64_t hash = 1469598103934665603ULL) {
    for (const unsigned char c : text) {
        hash ^= c;
        hash *= 1099511628211ULL;
    }
    return hash;
}

//! SplitMix64: a small seeded generator whose sequence is the same on every platform (the
//! standard distributions are not).
class SplitMix64 {
public:
    explicit SplitMix64(std::uint64_t seed) : m_state(seed) {}
    std::uint64_t next() {
        std::uint64_t z = (m_state += 0x9E3779B97F4A7C15ULL);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
        return z ^ (z >> 31);
    }
    //! Uniform in [0, 1).
    double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
    //! Uniform integer in [0, n).
    std::size_t below(std::size_t n) { return static_cast<std::size_t>(next() % n); }

private:
    std::uint64_t m_state;
};

void finishLevels(SweepParameter& p) {
    p.texts.clear();
    p.numbers.clear();
    std::string unit;
    bool sameUnit = true, first = true;
    for (const YAML::Node& v : p.values) {
        p.texts.push_back(levelText(v));
        const auto [number, u] = splitQuantity(p.texts.back());
        p.numbers.push_back(number);
        if (std::isfinite(number)) {
            if (first) {
                unit = u;
                first = false;
            } else if (u != unit) {
                sameUnit = false;
            }
        }
    }
    p.unit = sameUnit ? unit : "";
}

class SweepParser {
public:
    explicit SweepParser(std::shared_ptr<const InputFile> file) { m_sweep.file = std::move(file); }

    SweepDefinition read() {
        m_sweep.sizingMemo = std::make_shared<SweepSizingMemo>();
        const InputNode root = m_sweep.file->root();
        if (root.isNull()) {
            root.fail("the sweep file is empty; expected at least 'base' and 'parameters'");
        }
        root.expectMap();
        root.allowOnly({"name", "base", "scenario", "parameters", "combine", "sampling",
                        "objectives", "series"});
        m_sweep.name = root.stringOr("name", "");
        if (m_sweep.name.empty()) {
            m_sweep.name = std::filesystem::path(m_sweep.file->displayName()).stem().string();
        }
        const InputNode baseNode = root["base"];
        m_sweep.base = InputFile::load(baseNode.asExistingPath());
        m_baseTree = m_sweep.base->root().yaml();
        if (!m_baseTree.IsMap()) {
            baseNode.fail("the base scenario is not a mapping of scenario keys");
        }
        if (auto fixed = root.get("scenario"); fixed && !fixed->isNull()) {
            readFixed(*fixed);
        }
        const InputNode parameters = root["parameters"];
        parameters.expectSequence();
        if (parameters.size() == 0) {
            parameters.fail("expected at least one parameter ({path: ..., values: [...]})");
        }
        for (const InputNode& item : parameters.items()) {
            readParameter(item);
        }
        readSampling(root);
        combine(root);
        readObjectives(root);
        m_sweep.series = root.boolOr("series", false);
        std::uint64_t hash = fnv1a(m_sweep.file->text());
        hash = fnv1a(std::string_view("\0", 1), hash);
        hash = fnv1a(m_sweep.base->text(), hash);
        m_sweep.fingerprint = fmt::format("{:016x}", hash);
        return std::move(m_sweep);
    }

private:
    //! Parses a key path written at `node`; a bad one fails there.
    static KeyPath keyPath(const InputNode& node, const std::string& text) {
        try {
            return parseKeyPath(text);
        } catch (const std::invalid_argument& e) {
            node.fail(e.what());
        }
    }

    //! Tries `value` at `path` on a copy of the base tree, so that a path that leads nowhere
    //! fails now, at `node`.
    void tryPath(const InputNode& node, const KeyPath& path, const YAML::Node& value) const {
        YAML::Node copy = YAML::Clone(m_baseTree);
        try {
            applyOverride(copy, path, value);
        } catch (const std::invalid_argument& e) {
            node.fail(fmt::format("scenario key '{}' of base '{}': {}", path.text,
                                  m_sweep.base->displayName(), e.what()));
        }
    }

    void readFixed(const InputNode& n) {
        n.expectMap();
        for (const std::string& key : n.keys()) {
            const InputNode value = n[key];
            SweepFixedValue fixed{keyPath(value, key), value.yaml(), value};
            tryPath(value, fixed.path, fixed.value);
            m_sweep.fixed.push_back(std::move(fixed));
        }
    }

    void readParameter(const InputNode& n) {
        n.expectMap();
        n.allowOnly({"path", "name", "values", "range", "lhs", "random"});
        SweepParameter p;
        p.node = n;
        const InputNode pathNode = n["path"];
        p.path = keyPath(pathNode, pathNode.asString());
        p.name = n.stringOr("name", p.path.text);
        for (const SweepParameter& other : m_sweep.parameters) {
            if (other.name == p.name) {
                (n.has("name") ? n["name"] : pathNode)
                    .fail(fmt::format("parameter '{}' is varied twice; give each a distinct "
                                      "path (or 'name')",
                                      p.name));
            }
        }
        const int kinds =
            int(n.has("values")) + int(n.has("range")) + int(n.has("lhs")) + int(n.has("random"));
        if (kinds != 1) {
            n.fail("expected exactly one of 'values: [...]', 'range: {from, to, step|count}', "
                   "'lhs: {from, to}' or 'random: {from, to}'");
        }
        if (auto values = n.get("values")) {
            values->expectSequence();
            if (values->size() == 0) {
                values->fail("expected at least one value");
            }
            for (const InputNode& v : values->items()) {
                p.values.push_back(v.yaml());
                p.origins.push_back(v);
            }
        } else if (auto range = n.get("range")) {
            readRange(*range, p);
        } else {
            const InputNode bounds = n.has("lhs") ? n["lhs"] : n["random"];
            bounds.expectMap();
            bounds.allowOnly({"from", "to"});
            p.sampled = true;
            m_sampled.push_back({m_sweep.parameters.size(), n.has("lhs")});
            // Levels are drawn once the sample count and seed are known (readSampling).
            m_bounds.push_back(bounds);
        }
        if (!p.values.empty()) {
            tryPath(pathNode, p.path, p.values.front());
            finishLevels(p);
        }
        m_sweep.parameters.push_back(std::move(p));
    }

    void readRange(const InputNode& r, SweepParameter& p) {
        r.expectMap();
        r.allowOnly({"from", "to", "step", "count"});
        const auto [from, unit] = readBound(r["from"]);
        const InputNode toNode = r["to"];
        const auto [to, toUnit] = readBound(toNode);
        if (toUnit != unit) {
            toNode.fail(fmt::format("'from' and 'to' must have the same unit ('{}'), got '{}'",
                                    unit, toUnit));
        }
        if (r.has("step") == r.has("count")) {
            r.fail("give exactly one of 'step' and 'count'");
        }
        std::size_t count = 0;
        if (auto stepNode = r.get("step")) {
            const auto [step, stepUnit] = readBound(*stepNode);
            const bool unitOk =
                stepUnit.empty() || stepUnit == unit || (unit == "degC" && stepUnit == "K");
            if (!unitOk) {
                stepNode->fail(fmt::format("the step's unit must be '{}' (or none), got '{}'", unit,
                                           stepUnit));
            }
            if (!(step > 0)) {
                stepNode->fail("the step must be > 0 (ranges may run downwards: the sign "
                               "follows from and to)");
            }
            const double intervals = std::abs(to - from) / step;
            if (intervals > static_cast<double>(kMaxCases)) {
                stepNode->fail(fmt::format("{:g} levels is too many", intervals));
            }
            count = static_cast<std::size_t>(std::floor(intervals + 1e-9)) + 1;
            const double signedStep = to >= from ? step : -step;
            for (std::size_t i = 0; i < count; ++i) {
                p.values.emplace_back(quantityText(from + signedStep * i, unit));
            }
        } else {
            const InputNode countNode = r["count"];
            const long n = countNode.asInteger();
            if (n < 1 || n > static_cast<long>(kMaxCases)) {
                countNode.fail(fmt::format("expected a count from 1 to {}", kMaxCases));
            }
            count = static_cast<std::size_t>(n);
            for (std::size_t i = 0; i < count; ++i) {
                const double x = count == 1 ? from : from + (to - from) * i / (count - 1.0);
                p.values.emplace_back(quantityText(x, unit));
            }
        }
        p.origins.assign(p.values.size(), r);
    }

    void readSampling(const InputNode& root) {
        auto sampling = root.get("sampling");
        if (m_sampled.empty()) {
            if (sampling) {
                sampling->fail(
                    "'sampling' applies to 'lhs' or 'random' parameters; there are none");
            }
            return;
        }
        if (!sampling) {
            root.fail("'lhs' and 'random' parameters need 'sampling: {samples: N, seed: S}'");
        }
        sampling->expectMap();
        sampling->allowOnly({"samples", "seed"});
        const InputNode samplesNode = (*sampling)["samples"];
        const long samples = samplesNode.asInteger();
        if (samples < 1 || samples > static_cast<long>(kMaxCases)) {
            samplesNode.fail(fmt::format("expected a number of samples from 1 to {}", kMaxCases));
        }
        const long seed = sampling->integerOr("seed", 1);
        SplitMix64 random(static_cast<std::uint64_t>(seed));
        const std::size_t n = static_cast<std::size_t>(samples);
        for (std::size_t k = 0; k < m_sampled.size(); ++k) {
            SweepParameter& p = m_sweep.parameters[m_sampled[k].first];
            const InputNode& bounds = m_bounds[k];
            const auto [from, unit] = readBound(bounds["from"]);
            const InputNode toNode = bounds["to"];
            const auto [to, toUnit] = readBound(toNode);
            if (toUnit != unit) {
                toNode.fail(fmt::format("'from' and 'to' must have the same unit ('{}'), got '{}'",
                                        unit, toUnit));
            }
            // Latin hypercube: one draw in each of n equal strata, strata shuffled per
            // parameter (Fisher–Yates). Random: n independent uniform draws.
            std::vector<std::size_t> strata(n);
            std::iota(strata.begin(), strata.end(), std::size_t{0});
            if (m_sampled[k].second) {
                for (std::size_t i = n; i > 1; --i) {
                    std::swap(strata[i - 1], strata[random.below(i)]);
                }
            }
            for (std::size_t i = 0; i < n; ++i) {
                const double u = m_sampled[k].second
                                     ? (static_cast<double>(strata[i]) + random.uniform()) / n
                                     : random.uniform();
                p.values.emplace_back(quantityText(from + (to - from) * u, unit));
            }
            p.origins.assign(n, bounds);
            tryPath((*p.node)["path"], p.path, p.values.front());
            finishLevels(p);
        }
        m_samples = n;
    }

    void combine(const InputNode& root) {
        const std::string mode =
            root.has("combine") ? root["combine"].asChoice({"grid", "zip"}) : std::string("grid");
        auto& params = m_sweep.parameters;
        auto& cases = m_sweep.cases;
        if (mode == "zip") {
            std::size_t length = 0;
            for (const SweepParameter& p : params) {
                if (length == 0) {
                    length = p.values.size();
                } else if (p.values.size() != length) {
                    (*p.node).fail(fmt::format("combine: zip needs every parameter to have the "
                                               "same number of levels; '{}' has {}, the first {}",
                                               p.name, p.values.size(), length));
                }
            }
            for (std::size_t i = 0; i < length; ++i) {
                cases.emplace_back(params.size(), i);
            }
            return;
        }
        // Grid: the product of the listed parameters' levels and of the sample block (sampled
        // parameters move together); the first parameter varies slowest.
        std::vector<std::size_t> factorOf(params.size()), factorSize;
        bool sampleFactor = false;
        std::size_t sampleIndex = 0;
        for (std::size_t i = 0; i < params.size(); ++i) {
            if (params[i].sampled) {
                if (!sampleFactor) {
                    sampleFactor = true;
                    sampleIndex = factorSize.size();
                    factorSize.push_back(m_samples);
                }
                factorOf[i] = sampleIndex;
            } else {
                factorOf[i] = factorSize.size();
                factorSize.push_back(params[i].values.size());
            }
        }
        double total = 1;
        for (std::size_t s : factorSize) {
            total *= static_cast<double>(s);
        }
        if (total > static_cast<double>(kMaxCases)) {
            root["parameters"].fail(
                fmt::format("the grid has {:g} cases; at most {} are allowed", total, kMaxCases));
        }
        std::vector<std::size_t> level(factorSize.size(), 0);
        for (std::size_t c = 0; c < static_cast<std::size_t>(total); ++c) {
            std::vector<std::size_t> row(params.size());
            for (std::size_t i = 0; i < params.size(); ++i) {
                row[i] = level[factorOf[i]];
            }
            cases.push_back(std::move(row));
            for (std::size_t f = factorSize.size(); f-- > 0;) {
                if (++level[f] < factorSize[f]) {
                    break;
                }
                level[f] = 0;
            }
        }
    }

    void readObjectives(const InputNode& root) {
        std::vector<std::pair<std::string, std::optional<InputNode>>> names;
        if (auto list = root.get("objectives")) {
            list->expectSequence();
            if (list->size() == 0) {
                list->fail("expected at least one objective (a KPI id, e.g. heat_cost_per_mwh)");
            }
            for (const InputNode& item : list->items()) {
                names.emplace_back(item.asString(), item);
            }
        } else {
            for (const std::string& kpi : kDefaultObjectives) {
                names.emplace_back(kpi, std::nullopt);
            }
        }
        // The KPI ids come from the base case's scenario: an unknown objective fails now.
        std::vector<std::string> known;
        if (!m_sweep.cases.empty()) {
            known = kpiIdsOf(caseScenario(m_sweep, 0));
        }
        for (auto& [name, node] : names) {
            SweepObjective objective;
            objective.kpi = name;
            if (name.rfind("max:", 0) == 0 || name.rfind("min:", 0) == 0) {
                objective.maximise = name[1] == 'a';
                objective.kpi = name.substr(4);
            }
            if (std::find(known.begin(), known.end(), objective.kpi) == known.end()) {
                const std::string near = nearestWord(objective.kpi, known);
                const std::string message =
                    fmt::format("unknown KPI '{}' as an objective{}", objective.kpi,
                                near.empty() ? "" : fmt::format("; did you mean '{}'?", near));
                if (node) {
                    node->fail(message);
                }
                root.fail(message);
            }
            m_sweep.objectives.push_back(objective);
        }
    }

    SweepDefinition m_sweep;
    YAML::Node m_baseTree;
    std::vector<std::pair<std::size_t, bool>> m_sampled; //!< (parameter, is LHS)
    std::vector<InputNode> m_bounds;                     //!< their from/to mappings
    std::size_t m_samples = 0;
};

//! The first line of a reader's message from "error in " on (its file position is that of the
//! generated case text, which the user never sees).
std::string readerReason(const std::string& message) {
    std::string first = message.substr(0, message.find('\n'));
    const auto at = first.find("error in ");
    return at == std::string::npos ? first : first.substr(at);
}

//! The base tree with the fixed overrides and the first `parameters` of case `index` applied
//! (all with SIZE_MAX); `fixedCount` limits the fixed overrides likewise.
YAML::Node caseTree(const SweepDefinition& sweep, std::size_t index, std::size_t fixedCount,
                    std::size_t parameterCount) {
    YAML::Node tree = YAML::Clone(sweep.base->root().yaml());
    for (std::size_t i = 0; i < sweep.fixed.size() && i < fixedCount; ++i) {
        applyOverride(tree, sweep.fixed[i].path, sweep.fixed[i].value);
    }
    const std::vector<std::size_t>& levels = sweep.cases.at(index);
    for (std::size_t i = 0; i < sweep.parameters.size() && i < parameterCount; ++i) {
        applyOverride(tree, sweep.parameters[i].path, sweep.parameters[i].values[levels[i]]);
    }
    return tree;
}

std::string emit(const YAML::Node& tree) {
    YAML::Emitter out;
    out << tree;
    return std::string(out.c_str()) + "\n";
}

Scenario readCaseText(const SweepDefinition& sweep, std::size_t index, std::string text) {
    return readScenarioText(
        std::move(text),
        fmt::format("{} case {} (base {})", sweep.name, index, sweep.base->displayName()),
        sweep.base->directory());
}

} // namespace

SweepDefinition readSweep(const std::filesystem::path& path) {
    return SweepParser(InputFile::load(path)).read();
}

SweepDefinition readSweepText(std::string text, std::string displayName,
                              std::filesystem::path directory) {
    return SweepParser(std::make_shared<const InputFile>(std::move(text), std::move(displayName),
                                                         std::move(directory)))
        .read();
}

//! Whether a parameter at `path` can change the `dn: auto` sizing (solver/network/PipeSizing.h),
//! which reads the network, the consumers' demand and design temperatures, the simulated period and
//! the sizing limits, and nothing else. Not read: money (`factors`), warning thresholds, a plant's
//! storage tank (not part of the hydraulic network), and the per-pipe keys that do not enter the
//! design-hour pressure drop: insulation series (the catalogue's steel pipe is the same in every
//! series; only the casing differs), heat loss and cost. Anything else counts as relevant.
bool sizingRelevant(const KeyPath& path) {
    const std::vector<KeyPathStep>& s = path.steps;
    if (s.empty()) {
        return true;
    }
    if (s[0].key == "factors" || s[0].key == "warnings") {
        return false;
    }
    if (s[0].key == "plants" && s.size() >= 3 && !s[2].selector && s[2].key == "storage") {
        return false;
    }
    // network.pipes[P03].KEY, network.pipes[*].KEY, network.pipes.P03.KEY, network.defaults.KEY
    const bool pipeKey =
        s[0].key == "network" && s.size() >= 3 &&
        ((s[1].key == "pipes" && s.size() == 4) || (s[1].key == "defaults" && s.size() == 3));
    const std::string& last = s.back().key;
    return !(pipeKey && !s.back().selector &&
             (last == "series" || last == "heat_loss" || last == "cost"));
}

//! The sizing key of case `index`: its levels of the sizing-relevant parameters.
std::vector<std::size_t> sizingKey(const SweepDefinition& sweep, std::size_t index) {
    std::vector<std::size_t> key = sweep.cases.at(index);
    for (std::size_t p = 0; p < sweep.parameters.size(); ++p) {
        if (!sizingRelevant(sweep.parameters[p].path)) {
            key[p] = std::numeric_limits<std::size_t>::max();
        }
    }
    return key;
}

//! Case `index`'s scenario read from its tree (no text round trip), sized through the sweep's
//! memo: the first case of a sizing key sizes its pipes, the others reuse the DNs.
Scenario readCaseTree(const SweepDefinition& sweep, std::size_t index) {
    const std::size_t all = std::numeric_limits<std::size_t>::max();
    PipeSizer sizer;
    if (sweep.sizingMemo) {
        sizer = [&sweep, index](Scenario& scenario) {
            SweepSizingMemo& memo = *sweep.sizingMemo;
            const std::vector<std::size_t> key = sizingKey(sweep, index);
            {
                const std::lock_guard lock(memo.mutex);
                if (const auto found = memo.results.find(key); found != memo.results.end()) {
                    applySizing(scenario, found->second);
                    return;
                }
            }
            std::vector<PipeSizingResult> results = sizePipes(scenario);
            const std::lock_guard lock(memo.mutex);
            memo.results.emplace(key, std::move(results));
        };
    }
    return readScenarioTree(
        caseTree(sweep, index, all, all),
        fmt::format("{} case {} (base {})", sweep.name, index, sweep.base->displayName()),
        sweep.base->directory(), sizer);
}

std::string caseScenarioText(const SweepDefinition& sweep, std::size_t index) {
    const std::size_t all = std::numeric_limits<std::size_t>::max();
    return emit(caseTree(sweep, index, all, all));
}

Scenario caseScenario(const SweepDefinition& sweep, std::size_t index) {
    try {
        // The fast way: the case's tree as it is. A scenario it rejects is read again from its
        // text below, for the one located message.
        return readCaseTree(sweep, index);
    } catch (const InputError&) {
    }
    try {
        return readCaseText(sweep, index, caseScenarioText(sweep, index));
    } catch (const InputError& e) {
        // Find the override at fault: the first prefix of them the reader rejects.
        const std::string reason = readerReason(e.what());
        const std::size_t all = std::numeric_limits<std::size_t>::max();
        auto rejects = [&](std::size_t fixed, std::size_t parameters) {
            try {
                readCaseText(sweep, index, emit(caseTree(sweep, index, fixed, parameters)));
                return false;
            } catch (const InputError&) {
                return true;
            }
        };
        if (rejects(0, 0)) {
            throw InputError(fmt::format("{}: the base scenario '{}' is rejected: {}",
                                         sweep.file->displayName(), sweep.base->displayName(),
                                         e.what()));
        }
        for (std::size_t i = 1; i <= sweep.fixed.size(); ++i) {
            if (rejects(i, 0)) {
                const SweepFixedValue& f = sweep.fixed[i - 1];
                f.node->fail(fmt::format("scenario key '{}' = '{}' is rejected by the scenario "
                                         "reader: {}",
                                         f.path.text, levelText(f.value), reason));
            }
        }
        for (std::size_t i = 1; i <= sweep.parameters.size(); ++i) {
            if (i == sweep.parameters.size() || rejects(all, i)) {
                const SweepParameter& p = sweep.parameters[i - 1];
                const std::size_t level = sweep.cases[index][i - 1];
                p.origins[level].fail(fmt::format(
                    "parameter '{}': scenario key '{}' = '{}' (case {}) is rejected by the "
                    "scenario reader: {}",
                    p.name, p.path.text, p.texts[level], index, reason));
            }
        }
        throw;
    }
}

void checkSweepCases(const SweepDefinition& sweep, int threads) {
    // On `threads` threads (the cases are independent); the error reported is the first case's,
    // whichever thread found it.
    const std::size_t n = sweep.cases.size();
    std::vector<std::exception_ptr> errors(n);
#pragma omp parallel for schedule(dynamic) num_threads(std::max(1, threads))
    for (std::size_t i = 0; i < n; ++i) {
        try {
            caseScenario(sweep, i);
        } catch (...) {
            errors[i] = std::current_exception();
        }
    }
    for (const std::exception_ptr& error : errors) {
        if (error) {
            std::rethrow_exception(error);
        }
    }
}

std::vector<std::string> kpiIdsOf(const Scenario& scenario) {
    RunTotals totals;
    std::size_t sources = 0, tanks = 0;
    for (const PlantSpec& plant : scenario.plants) {
        sources += plant.sources.size();
        tanks += plant.storage ? 1 : 0;
    }
    for (auto* v : {&totals.sourceHeat_J, &totals.sourceFuel_J, &totals.sourceElectricity_J,
                    &totals.sourceWasteHeat_J, &totals.sourceRunningHours_h}) {
        v->assign(sources, 0.0);
    }
    for (auto* v : {&totals.storageCharge_J, &totals.storageDischarge_J, &totals.storageLoss_J,
                    &totals.storageCapacity_J}) {
        v->assign(tanks, 0.0);
    }
    totals.consumerDelivered_J.assign(scenario.consumers.size(), 0.0);
    totals.consumerDemand_J.assign(scenario.consumers.size(), 0.0);
    std::vector<std::string> ids;
    for (const Kpi& kpi : computeKpis(scenario, totals)) {
        ids.push_back(kpi.name);
    }
    return ids;
}

} // namespace heatnet
