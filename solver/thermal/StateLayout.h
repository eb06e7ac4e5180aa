#pragma once
// Named offsets into the thermal state vector. Each component asks the layout for its block
// ("pipe P3 (supply)": T[20], T_wall[20]; "plant Q1 source boiler": heat integral, …) and gets
// back ranges of consecutive states; every index into the state vector is computed here, so a
// component (or a caller reading results) never does offset arithmetic of its own. The layout
// also names every state for diagnostics ("pipe P3 (supply): T_wall[2]").
// Blocks are laid out in the order they are asked for: that order is the state order of the
// ODE system (it decides CVODE's norms and KLU's ordering, so it is kept stable on purpose).
#include <cstddef>
#include <span>
#include <string>
#include <type_traits>
#include <vector>

namespace heatnet {

//! Consecutive states [offset, offset + count) of one quantity of a component.
class StateRange {
public:
    StateRange() = default;
    StateRange(std::size_t offset, std::size_t count) : m_offset(offset), m_count(count) {}
    std::size_t count() const { return m_count; }
    bool empty() const { return m_count == 0; }
    //! Index in the state vector of element i of the range (i < count()).
    std::size_t at(std::size_t i) const { return m_offset + i; }
    //! Index of the element named by an enumerator (integrals named by an enum class).
    template <class E>
    requires std::is_enum_v<E> std::size_t at(E element)
    const { return at(static_cast<std::size_t>(element)); }
    std::size_t first() const { return m_offset; }
    std::size_t last() const { return m_offset + m_count - 1; }
    //! True if state `index` lies in the range.
    bool contains(std::size_t index) const {
        return index >= m_offset && index - m_offset < m_count;
    }
    //! The range's values in a whole state vector (or any array laid out the same way).
    std::span<const double> of(std::span<const double> y) const {
        return y.subspan(m_offset, m_count);
    }
    std::span<double> of(std::span<double> y) const { return y.subspan(m_offset, m_count); }

private:
    std::size_t m_offset = 0, m_count = 0;
};

//! One quantity of a block: its name and how many states it has ("T", 20).
struct StateQuantity {
    std::string name;
    std::size_t count = 1;
};

//! The states of one component: its quantities, consecutive, in the order declared.
class StateBlock {
public:
    //! All the block's states.
    const StateRange& all() const { return m_all; }
    //! The states of quantity q (in the order given to StateLayout::add).
    const StateRange& quantity(std::size_t q) const { return m_parts[q]; }
    template <class E>
    requires std::is_enum_v<E>
    const StateRange& quantity(E q) const { return quantity(static_cast<std::size_t>(q)); }

    //! The states of `count` consecutive quantities from quantity `first`, as one range.
    StateRange quantities(std::size_t first, std::size_t count) const {
        const std::size_t start = m_parts[first].first();
        return StateRange(start, m_parts[first + count - 1].first() +
                                     m_parts[first + count - 1].count() - start);
    }

private:
    friend class StateLayout;
    StateRange m_all;
    std::vector<StateRange> m_parts;
};

//! Hands out consecutive blocks of states and names every state.
class StateLayout {
public:
    //! Reserves a block for `owner` ("pipe P3 (supply)") with the given quantities, after every
    //! block reserved so far. A quantity with count 1 is named without an index.
    StateBlock add(std::string owner, const std::vector<StateQuantity>& quantities);
    //! Number of states laid out so far.
    std::size_t size() const { return m_size; }
    //! Readable name of state `index` ("pipe P3 (supply): T_wall[2]", "consumer C1: demand
    //! integral"); "state #index" beyond the layout.
    std::string stateName(std::size_t index) const;

private:
    struct Entry {
        std::size_t offset = 0;
        std::string owner;
        std::vector<StateQuantity> quantities;
    };
    std::vector<Entry> m_entries; //!< increasing offsets
    std::size_t m_size = 0;
};

} // namespace heatnet
