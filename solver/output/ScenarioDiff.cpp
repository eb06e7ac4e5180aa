#include "solver/output/ScenarioDiff.h"

#include "solver/Error.h"

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include <set>

namespace heatnet {

namespace {

std::string flow(const YAML::Node& node) {
    if (!node.IsDefined() || node.IsNull()) {
        return "";
    }
    if (node.IsScalar()) {
        return node.Scalar();
    }
    YAML::Emitter out;
    out.SetMapFormat(YAML::Flow);
    out.SetSeqFormat(YAML::Flow);
    out << node;
    return out.c_str();
}

//! The `id` of a mapping element, or "" if it has none.
std::string idOf(const YAML::Node& node) {
    if (node.IsMap() && node["id"] && node["id"].IsScalar()) {
        return node["id"].Scalar();
    }
    return "";
}

bool listOfIds(const YAML::Node& seq) {
    if (!seq.IsSequence() || seq.size() == 0) {
        return false;
    }
    for (const YAML::Node& e : seq) {
        if (idOf(e).empty()) {
            return false;
        }
    }
    return true;
}

void compare(const YAML::Node& a, const YAML::Node& b, const std::string& path,
             std::vector<ScenarioChange>& out);

void compareMaps(const YAML::Node& a, const YAML::Node& b, const std::string& path,
                 std::vector<ScenarioChange>& out) {
    std::vector<std::string> keys;
    std::set<std::string> seen;
    for (const YAML::Node* side : {&a, &b}) {
        for (const auto& entry : *side) {
            const std::string key = entry.first.Scalar();
            if (seen.insert(key).second) {
                keys.push_back(key);
            }
        }
    }
    for (const std::string& key : keys) {
        if (path.empty() && (key == "name" || key == "description")) {
            continue;
        }
        compare(a[key], b[key], path.empty() ? key : path + "." + key, out);
    }
}

void compareLists(const YAML::Node& a, const YAML::Node& b, const std::string& path,
                  std::vector<ScenarioChange>& out) {
    if (listOfIds(a) && listOfIds(b)) {
        std::vector<std::string> ids;
        std::set<std::string> seen;
        for (const YAML::Node* side : {&a, &b}) {
            for (const YAML::Node& e : *side) {
                if (seen.insert(idOf(e)).second) {
                    ids.push_back(idOf(e));
                }
            }
        }
        auto find = [](const YAML::Node& seq, const std::string& id) {
            for (const YAML::Node& e : seq) {
                if (idOf(e) == id) {
                    return e;
                }
            }
            return YAML::Node(YAML::NodeType::Undefined);
        };
        for (const std::string& id : ids) {
            compare(find(a, id), find(b, id), fmt::format("{}[{}]", path, id), out);
        }
        return;
    }
    const std::size_t n = std::max(a.size(), b.size());
    for (std::size_t i = 0; i < n; ++i) {
        compare(i < a.size() ? a[i] : YAML::Node(YAML::NodeType::Undefined),
                i < b.size() ? b[i] : YAML::Node(YAML::NodeType::Undefined),
                fmt::format("{}[{}]", path, i), out);
    }
}

void compare(const YAML::Node& a, const YAML::Node& b, const std::string& path,
             std::vector<ScenarioChange>& out) {
    const bool hasA = a.IsDefined() && !a.IsNull();
    const bool hasB = b.IsDefined() && !b.IsNull();
    if (!hasA && !hasB) {
        return;
    }
    if (hasA && hasB && a.Type() == b.Type()) {
        if (a.IsMap()) {
            compareMaps(a, b, path, out);
            return;
        }
        if (a.IsSequence()) {
            compareLists(a, b, path, out);
            return;
        }
        if (a.Scalar() == b.Scalar()) {
            return;
        }
    }
    out.push_back({path, flow(a), flow(b)});
}

YAML::Node parse(const std::string& text, const std::string& name) {
    try {
        return YAML::Load(text);
    } catch (const YAML::Exception& e) {
        throw InputError(
            fmt::format("{}: stored scenario text is not valid YAML: {}", name, e.what()));
    }
}

} // namespace

std::vector<ScenarioChange> diffScenarioTexts(const std::string& reference,
                                              const std::string& other,
                                              const std::string& otherName) {
    std::vector<ScenarioChange> out;
    compare(parse(reference, otherName + " (reference)"), parse(other, otherName), "", out);
    return out;
}

} // namespace heatnet
