#include "solver/thermal/SweepSchedule.h"

#include <algorithm>
#include <limits>
#include <queue>
#include <utility>

namespace heatnet {

namespace {

constexpr std::size_t kNone = std::numeric_limits<std::size_t>::max();

//! Compressed rows: the edges from → to of a list of (from, to) given per `to` by inStart/inFrom,
//! grouped by `from` (the outflows).
void outflows(std::span<const std::size_t> inStart, std::span<const std::size_t> inFrom,
              std::vector<std::size_t>& outStart, std::vector<std::size_t>& outTo) {
    const std::size_t n = inStart.size() - 1;
    outStart.assign(n + 1, 0);
    outTo.resize(inFrom.size());
    for (std::size_t from : inFrom) {
        ++outStart[from + 1];
    }
    for (std::size_t k = 0; k < n; ++k) {
        outStart[k + 1] += outStart[k];
    }
    std::vector<std::size_t> fill(outStart.begin(), outStart.end() - 1);
    for (std::size_t k = 0; k < n; ++k) {
        for (std::size_t e = inStart[k]; e < inStart[k + 1]; ++e) {
            outTo[fill[inFrom[e]]++] = k;
        }
    }
}

} // namespace

void SweepSchedule::plan(std::span<const std::size_t> inStart, std::span<const std::size_t> inFrom,
                         std::span<const double> weight) {
    const std::size_t n = weight.size();
    std::vector<std::size_t> outStart, outTo;
    outflows(inStart, inFrom, outStart, outTo);
    // 1. The forest: along the flow where it splits more than it merges, else against it.
    std::size_t merges = 0, splits = 0;
    for (std::size_t k = 0; k < n; ++k) {
        merges += std::max<std::size_t>(inStart[k + 1] - inStart[k], 1) - 1;
        splits += std::max<std::size_t>(outStart[k + 1] - outStart[k], 1) - 1;
    }
    const bool alongFlow = merges <= splits;
    std::vector<std::size_t> parent(n, kNone);
    for (std::size_t k = 0; k < n; ++k) {
        if (alongFlow && inStart[k] < inStart[k + 1]) {
            parent[k] = inFrom[inStart[k]];
        } else if (!alongFlow && outStart[k] < outStart[k + 1]) {
            parent[k] = outTo[outStart[k]];
        }
    }
    // Subtree work, children before parents (against the forest's direction).
    std::vector<double> subtree(weight.begin(), weight.end());
    double total = 0;
    for (std::size_t j = 0; j < n; ++j) {
        const std::size_t k = alongFlow ? n - 1 - j : j;
        total += weight[k];
        if (parent[k] != kNone) {
            subtree[parent[k]] += subtree[k];
        }
    }
    std::vector<std::size_t> childStart(n + 1, 0), children(n);
    for (std::size_t k = 0; k < n; ++k) {
        if (parent[k] != kNone) {
            ++childStart[parent[k] + 1];
        }
    }
    for (std::size_t k = 0; k < n; ++k) {
        childStart[k + 1] += childStart[k];
    }
    {
        std::vector<std::size_t> fill(childStart.begin(), childStart.end() - 1);
        for (std::size_t k = 0; k < n; ++k) {
            if (parent[k] != kNone) {
                children[fill[parent[k]]++] = k;
            }
        }
    }
    // 2. Open the largest subtree while it holds more than the limit.
    using Item = std::pair<double, std::size_t>; // (work, node); the lower node first on ties
    auto lighter = [](const Item& a, const Item& b) {
        return a.first < b.first || (a.first == b.first && a.second > b.second);
    };
    std::priority_queue<Item, std::vector<Item>, decltype(lighter)> open(lighter);
    for (std::size_t k = 0; k < n; ++k) {
        if (parent[k] == kNone) {
            open.push({subtree[k], k});
        }
    }
    const double limit = total / kChunks;
    std::vector<char> top(n, 0);
    std::vector<Item> whole; // subtrees kept whole
    double topWork = 0;
    while (!open.empty() && open.top().first > limit) {
        const std::size_t k = open.top().second;
        open.pop();
        if (childStart[k] == childStart[k + 1]) {
            whole.push_back({subtree[k], k});
            continue;
        }
        top[k] = 1;
        topWork += weight[k];
        for (std::size_t c = childStart[k]; c < childStart[k + 1]; ++c) {
            open.push({subtree[children[c]], children[c]});
        }
    }
    for (; !open.empty(); open.pop()) {
        whole.push_back(open.top());
    }
    std::sort(whole.begin(), whole.end(),
              [&](const Item& a, const Item& b) { return lighter(b, a); });
    // 3. Chunks in the order threads take them; each node's chunk.
    const std::size_t chunks = whole.size() + (topWork > 0 ? 1 : 0);
    const std::size_t topChunk = topWork > 0 ? (alongFlow ? 0 : chunks - 1) : kNone;
    const std::size_t firstWhole = topChunk == 0 ? 1 : 0;
    m_chunkOf.assign(n, kNone);
    for (std::size_t k = 0; k < n; ++k) {
        if (top[k]) {
            m_chunkOf[k] = topChunk;
        }
    }
    for (std::size_t i = 0; i < whole.size(); ++i) {
        m_chunkOf[whole[i].second] = firstWhole + i;
    }
    for (std::size_t j = 0; j < n; ++j) { // parents first: along the forest's direction
        const std::size_t k = alongFlow ? j : n - 1 - j;
        if (m_chunkOf[k] == kNone) {
            m_chunkOf[k] = m_chunkOf[parent[k]];
        }
    }
    m_chunkStart.assign(chunks + 1, 0);
    for (std::size_t k = 0; k < n; ++k) {
        ++m_chunkStart[m_chunkOf[k] + 1];
    }
    for (std::size_t c = 0; c < chunks; ++c) {
        m_chunkStart[c + 1] += m_chunkStart[c];
    }
    m_nodes.resize(n);
    std::vector<std::size_t> fill(m_chunkStart.begin(), m_chunkStart.end() - 1);
    for (std::size_t k = 0; k < n; ++k) {
        m_nodes[fill[m_chunkOf[k]]++] = k; // ascending k: flow order within each chunk
    }
    // Inflows only from the same or an earlier chunk.
    m_safe = true;
    for (std::size_t k = 0; k < n && m_safe; ++k) {
        for (std::size_t e = inStart[k]; e < inStart[k + 1]; ++e) {
            if (m_chunkOf[inFrom[e]] > m_chunkOf[k]) {
                m_safe = false;
            }
        }
    }
    m_topShare = total > 0 ? topWork / total : 0;
    m_largestShare = !whole.empty() && total > 0 ? whole.front().first / total : 0;
}

std::span<const std::size_t> SweepSchedule::chunk(std::size_t c) const {
    return std::span<const std::size_t>(m_nodes).subspan(m_chunkStart[c],
                                                         m_chunkStart[c + 1] - m_chunkStart[c]);
}

} // namespace heatnet
