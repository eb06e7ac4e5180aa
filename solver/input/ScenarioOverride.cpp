#include "solver/input/ScenarioOverride.h"

#include "solver/input/Input.h"

#include <fmt/format.h>

#include <stdexcept>

namespace heatnet {

namespace {

//! "network.pipes[P03]": the path up to `count` steps, for messages.
std::string prefix(const KeyPath& path, std::size_t count) {
    std::string out;
    for (std::size_t i = 0; i < count && i < path.steps.size(); ++i) {
        const KeyPathStep& s = path.steps[i];
        if (s.selector) {
            out += "[" + s.key + "]";
        } else {
            out += (out.empty() ? "" : ".") + s.key;
        }
    }
    return out.empty() ? "the scenario" : out;
}

//! True if mapping `map` has `key` (the const lookup adds nothing to the tree).
bool hasKey(const YAML::Node& map, const std::string& key) {
    return static_cast<bool>(map[key]);
}

//! The ids of a list's items (those with an `id`).
std::vector<std::string> itemIds(const YAML::Node& list) {
    std::vector<std::string> ids;
    for (const YAML::Node& item : list) {
        if (item.IsMap() && item["id"] && item["id"].IsScalar()) {
            ids.push_back(item["id"].Scalar());
        }
    }
    return ids;
}

//! The item of `list` with id `key`, or at index `key` when written as a selector and numeric.
YAML::Node selectItem(const YAML::Node& list, const KeyPathStep& step, const std::string& where) {
    for (const YAML::Node& item : list) {
        if (item.IsMap() && item["id"] && item["id"].IsScalar() &&
            item["id"].Scalar() == step.key) {
            return item;
        }
    }
    if (step.selector && !step.key.empty() &&
        step.key.find_first_not_of("0123456789") == std::string::npos) {
        const std::size_t index = std::stoul(step.key);
        if (index < list.size()) {
            return list[index];
        }
        throw std::invalid_argument(
            fmt::format("{} has {} items; index {} is out of range", where, list.size(), index));
    }
    const std::vector<std::string> ids = itemIds(list);
    const std::string near = nearestWord(step.key, ids);
    throw std::invalid_argument(fmt::format("no item with id '{}' in {}{}", step.key, where,
                                            near.empty()
                                                ? fmt::format(" ({} items)", list.size())
                                                : fmt::format("; did you mean '{}'?", near)));
}

//! `sources.ID`: the source with that id in any plant.
YAML::Node findSource(const YAML::Node& root, const std::string& id) {
    std::vector<std::string> ids;
    if (root.IsMap() && root["plants"] && root["plants"].IsSequence()) {
        for (const YAML::Node& plant : root["plants"]) {
            if (!plant.IsMap() || !plant["sources"] || !plant["sources"].IsSequence()) {
                continue;
            }
            for (const YAML::Node& source : plant["sources"]) {
                if (source.IsMap() && source["id"] && source["id"].IsScalar()) {
                    if (source["id"].Scalar() == id) {
                        return source;
                    }
                    ids.push_back(source["id"].Scalar());
                }
            }
        }
    }
    const std::string near = nearestWord(id, ids);
    throw std::invalid_argument(
        fmt::format("no source with id '{}' in any plant{}", id,
                    near.empty() ? "" : fmt::format("; did you mean '{}'?", near)));
}

} // namespace

KeyPath parseKeyPath(const std::string& text) {
    KeyPath path{text, {}};
    std::size_t i = 0;
    auto fail = [&](std::string_view why) {
        throw std::invalid_argument(fmt::format("bad key path '{}': {}", text, why));
    };
    while (i < text.size()) {
        if (text[i] == '[') {
            const std::size_t close = text.find(']', i);
            if (close == std::string::npos) {
                fail("unclosed '['");
            }
            const std::string key = text.substr(i + 1, close - i - 1);
            if (key.empty()) {
                fail("empty '[]'");
            }
            path.steps.push_back({key, true});
            i = close + 1;
            if (i < text.size() && text[i] == '.') {
                ++i;
                if (i == text.size()) {
                    fail("ends with '.'");
                }
            }
            continue;
        }
        const std::size_t end = text.find_first_of(".[", i);
        const std::string key = text.substr(i, end == std::string::npos ? end : end - i);
        if (key.empty()) {
            fail("empty key between dots");
        }
        path.steps.push_back({key, false});
        i = end == std::string::npos ? text.size() : end;
        if (i < text.size() && text[i] == '.') {
            ++i;
            if (i == text.size()) {
                fail("ends with '.'");
            }
        }
    }
    if (path.steps.empty()) {
        fail("empty");
    }
    if (path.steps.front().selector) {
        fail("starts with '[': the scenario's top is a mapping");
    }
    return path;
}

namespace {

//! Applies the steps of `path` from `first` on, starting at `start`.
void applyFrom(YAML::Node start, const KeyPath& path, std::size_t first, const YAML::Node& value) {
    // Walk to the parent of the last step without creating anything, so that a bad path leaves
    // the tree as it was; then create the missing mappings and set the value.
    YAML::Node node = start;
    if (first == 0 && path.steps.size() >= 2 && path.steps[0].key == "sources" &&
        !path.steps[0].selector) {
        node.reset(findSource(start, path.steps[1].key));
        first = 2;
    }
    std::vector<std::string> toCreate; // mapping keys missing below `node`
    for (std::size_t i = first; i < path.steps.size(); ++i) {
        const KeyPathStep& step = path.steps[i];
        const std::string where = prefix(path, i);
        if (step.selector && step.key == "*" && toCreate.empty()) {
            // Every item of the list: the rest of the path applies to each.
            if (!node.IsSequence()) {
                throw std::invalid_argument(
                    fmt::format("{} is not a list, so [*] cannot select in it", where));
            }
            for (std::size_t item = 0; item < node.size(); ++item) {
                if (i + 1 == path.steps.size()) {
                    node[item] = YAML::Clone(value);
                } else {
                    applyFrom(node[item], path, i + 1, value);
                }
            }
            return;
        }
        if (i + 1 == path.steps.size()) {
            break;
        }
        if (!toCreate.empty()) {
            if (step.selector) {
                throw std::invalid_argument(
                    fmt::format("{} does not exist, so [{}] cannot select in it", where, step.key));
            }
            toCreate.push_back(step.key);
            continue;
        }
        // Node::reset rebinds; `node = other` would overwrite the node's contents (yaml-cpp).
        if (node.IsSequence()) {
            node.reset(selectItem(node, step, where));
        } else if (step.selector) {
            throw std::invalid_argument(
                fmt::format("{} is not a list, so [{}] cannot select in it", where, step.key));
        } else if (node.IsMap() || node.IsNull()) {
            if (node.IsMap() && hasKey(node, step.key)) {
                node.reset(node[step.key]);
            } else {
                toCreate.push_back(step.key);
            }
        } else {
            throw std::invalid_argument(
                fmt::format("{} is a single value ('{}'), so it has no key '{}'", where,
                            node.Scalar(), step.key));
        }
    }
    const KeyPathStep& last = path.steps.back();
    const std::string where = prefix(path, path.steps.size() - 1);
    if (toCreate.empty() && node.IsSequence()) {
        // Replace a whole list item.
        YAML::Node item = selectItem(node, last, where);
        for (std::size_t i = 0; i < node.size(); ++i) {
            if (node[i].is(item)) {
                node[i] = YAML::Clone(value);
                return;
            }
        }
    }
    if (last.selector) {
        throw std::invalid_argument(
            fmt::format("{} is not a list, so [{}] cannot select in it", where, last.key));
    }
    if (toCreate.empty() && !node.IsMap() && !node.IsNull()) {
        throw std::invalid_argument(fmt::format(
            "{} is a single value ('{}'), so it has no key '{}'", where, node.Scalar(), last.key));
    }
    if (value.IsNull()) {
        if (toCreate.empty() && node.IsMap() && hasKey(node, last.key)) {
            node.remove(last.key);
        }
        return;
    }
    for (const std::string& key : toCreate) {
        node[key] = YAML::Node(YAML::NodeType::Map);
        node.reset(node[key]);
    }
    node[last.key] = YAML::Clone(value);
}

} // namespace

void applyOverride(YAML::Node root, const KeyPath& path, const YAML::Node& value) {
    applyFrom(root, path, 0, value);
}

} // namespace heatnet
