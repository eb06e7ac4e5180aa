#include "solver/thermal/JacobianColouring.h"

#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/sequential_vertex_coloring.hpp>
#include <boost/graph/smallest_last_ordering.hpp>

#include <algorithm>

namespace heatnet {

ColouredPattern colourPattern(const std::vector<std::vector<std::size_t>>& rows) {
    const std::size_t n = rows.size();
    ColouredPattern pattern;
    pattern.rowStart.reserve(n + 1);
    pattern.rowStart.push_back(0);
    for (std::size_t i = 0; i < n; ++i) {
        std::vector<std::size_t> columns = rows[i];
        columns.push_back(i); // the diagonal is always present: CVODE adds the identity
        std::sort(columns.begin(), columns.end());
        columns.erase(std::unique(columns.begin(), columns.end()), columns.end());
        for (std::size_t j : columns) {
            pattern.columnIndex.push_back(static_cast<long>(j));
        }
        pattern.rowStart.push_back(static_cast<long>(pattern.columnIndex.size()));
    }

    // Column intersection graph: an edge between two columns that appear in the same row.
    using Graph = boost::adjacency_list<boost::setS, boost::vecS, boost::undirectedS>;
    Graph graph(n);
    for (std::size_t i = 0; i < n; ++i) {
        for (long a = pattern.rowStart[i]; a < pattern.rowStart[i + 1]; ++a) {
            for (long b = a + 1; b < pattern.rowStart[i + 1]; ++b) {
                boost::add_edge(pattern.columnIndex[a], pattern.columnIndex[b], graph);
            }
        }
    }
    pattern.colourOf.assign(n, 0);
    auto colourMap = boost::make_iterator_property_map(pattern.colourOf.begin(),
                                                       boost::get(boost::vertex_index, graph));
    pattern.colourCount = n == 0 ? 0 : boost::sequential_vertex_coloring(graph, colourMap);
    pattern.columnsOfColour.assign(pattern.colourCount, {});
    for (std::size_t j = 0; j < n; ++j) {
        pattern.columnsOfColour[pattern.colourOf[j]].push_back(j);
    }
    return pattern;
}

} // namespace heatnet
