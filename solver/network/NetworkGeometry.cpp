#include "solver/network/NetworkGeometry.h"

#include <algorithm>
#include <map>

namespace heatnet {

std::vector<std::string> nodeKinds(const Scenario& scenario) {
    std::map<std::string, std::string> kindById;
    for (const ConsumerSpec& c : scenario.consumers) {
        kindById[c.node] = "substation";
    }
    // A plant outranks a substation at the same node.
    for (const PlantSpec& plant : scenario.plants) {
        const bool allRecovery =
            !plant.sources.empty() &&
            std::all_of(plant.sources.begin(), plant.sources.end(), [](const SourceSpec& s) {
                return s.model && s.model->isWasteHeat() && s.model->fuel().empty();
            });
        std::string& kind = kindById[plant.node];
        if (kind != "plant") {
            kind = allRecovery ? "factory" : "plant";
        }
    }
    std::vector<std::string> kinds;
    kinds.reserve(scenario.nodes.size());
    for (const NodeSpec& n : scenario.nodes) {
        const auto found = kindById.find(n.id);
        kinds.push_back(found == kindById.end() ? "junction" : found->second);
    }
    return kinds;
}

std::string sourceKind(const SourceSpec& source) {
    if (source.model && !source.model->fuel().empty()) {
        return source.model->fuel();
    }
    if (source.model && source.model->isWasteHeat()) {
        return source.type.find("heat_pump") != std::string::npos ? "heat_pump" : "waste_heat";
    }
    return "other";
}

void writeNetworkGeometry(Hdf5Writer& w, const Scenario& scenario) {
    const std::string g = "geometry";
    w.createGroup(g);
    std::vector<std::string> nodeIds;
    std::vector<double> x, y, elevation, hasCoordinates;
    for (const NodeSpec& n : scenario.nodes) {
        nodeIds.push_back(n.id);
        x.push_back(n.x_m);
        y.push_back(n.y_m);
        elevation.push_back(n.elevation_m);
        hasCoordinates.push_back(n.hasCoordinates ? 1.0 : 0.0);
    }
    w.createLabelAxis(g, "node", nodeIds);
    w.writeVector(g, "x", "node", x, "m", "node easting (scenario coordinates, e.g. Lambert-93)");
    w.writeVector(g, "y", "node", y, "m", "node northing (scenario coordinates)");
    w.writeVector(g, "elevation", "node", elevation, "m", "node elevation");
    w.writeVector(g, "has_coordinates", "node", hasCoordinates, "1",
                  "1 if the scenario gives the node's x and y, 0 if they default to 0");
    w.writeStringVector(g, "kind", "node", nodeKinds(scenario),
                        "plant, factory (waste-heat sources only), substation or junction");

    std::vector<std::string> pipeIds, from, to;
    std::vector<double> dn, length, diameter;
    for (const PipeSpec& p : scenario.pipes) {
        pipeIds.push_back(p.id);
        from.push_back(p.from);
        to.push_back(p.to);
        dn.push_back(p.dn);
        length.push_back(p.length_m);
        diameter.push_back(p.innerDiameter_m);
    }
    w.createLabelAxis(g, "pipe", pipeIds);
    w.writeStringVector(g, "from_node", "pipe", from, "node the supply pipe starts at");
    w.writeStringVector(g, "to_node", "pipe", to, "node the supply pipe ends at");
    w.writeVector(g, "dn", "pipe", dn, "1", "nominal diameter DN (0: diameter given directly)");
    w.writeVector(g, "length", "pipe", length, "m", "trench length of the pipe pair");
    w.writeVector(g, "inner_diameter", "pipe", diameter, "m", "inner diameter");
}

void writeElementPlaces(Hdf5Writer& w, const Scenario& scenario, std::string_view group) {
    if (group == "substations") {
        std::vector<std::string> nodes;
        for (const ConsumerSpec& c : scenario.consumers) {
            nodes.push_back(c.node);
        }
        w.writeStringVector("substations", "node", "substation", nodes,
                            "node the substation is connected at");
    } else if (group == "plants") {
        std::vector<std::string> nodes;
        for (const PlantSpec& q : scenario.plants) {
            nodes.push_back(q.node);
        }
        w.writeStringVector("plants", "node", "plant", nodes, "node the plant feeds");
    } else if (group == "sources") {
        std::vector<std::string> sourcePlants, sourceKinds;
        for (const PlantSpec& q : scenario.plants) {
            for (const SourceSpec& s : q.sources) {
                sourcePlants.push_back(q.id);
                sourceKinds.push_back(sourceKind(s));
            }
        }
        w.writeStringVector("sources", "plant", "source", sourcePlants,
                            "plant the source belongs to");
        w.writeStringVector("sources", "kind", "source", sourceKinds,
                            "waste_heat, heat_pump (both recovered heat), or the fuel burnt (gas, "
                            "biomass), or other");
    } else if (group == "pipes") {
        std::vector<double> length, diameter, autoSized;
        for (const PipeSpec& p : scenario.pipes) {
            length.push_back(p.length_m);
            diameter.push_back(p.innerDiameter_m);
            autoSized.push_back(p.autoSize ? 1.0 : 0.0);
        }
        w.writeVector("pipes", "length", "pipe", length, "m", "pipe length");
        w.writeVector("pipes", "inner_diameter", "pipe", diameter, "m", "inner diameter");
        w.writeVector(
            "pipes", "dn_auto", "pipe", autoSized, "1",
            "1 if the DN (/geometry/dn) was chosen by automatic sizing (dn: auto), else 0");
    }
}

} // namespace heatnet
