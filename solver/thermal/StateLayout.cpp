#include "solver/thermal/StateLayout.h"

#include <fmt/format.h>

#include <algorithm>

namespace heatnet {

StateBlock StateLayout::add(std::string owner, const std::vector<StateQuantity>& quantities) {
    StateBlock block;
    const std::size_t start = m_size;
    for (const StateQuantity& q : quantities) {
        block.m_parts.emplace_back(m_size, q.count);
        m_size += q.count;
    }
    block.m_all = StateRange(start, m_size - start);
    if (m_size > start) {
        m_entries.push_back({start, std::move(owner), quantities});
    }
    return block;
}

std::string StateLayout::stateName(std::size_t index) const {
    // The last entry starting at or before `index` holds it (entries have increasing offsets).
    const auto after =
        std::upper_bound(m_entries.begin(), m_entries.end(), index,
                         [](std::size_t i, const Entry& entry) { return i < entry.offset; });
    if (index >= m_size || after == m_entries.begin()) {
        return fmt::format("state #{}", index);
    }
    const Entry& entry = *(after - 1);
    std::size_t local = index - entry.offset;
    for (const StateQuantity& q : entry.quantities) {
        if (local < q.count) {
            return q.count == 1 ? fmt::format("{}: {}", entry.owner, q.name)
                                : fmt::format("{}: {}[{}]", entry.owner, q.name, local);
        }
        local -= q.count;
    }
    return fmt::format("state #{}", index); // unreachable: the entry's counts cover it
}

} // namespace heatnet
