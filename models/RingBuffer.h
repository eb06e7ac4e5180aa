#pragma once
// A double-ended queue in one contiguous array (capacity a power of two, indices wrap around):
// what a plug-flow pipe keeps its pieces of water in (models/PlugFlowPipe.h). Unlike std::deque
// (a map of 512-byte blocks) a pipe with a few pieces holds one small allocation, adds and removes
// at both ends without allocating once it has grown to its working size, and reads its ends with
// one mask.
#include <cstddef>
#include <vector>

namespace heatnet {

template <class T> class RingBuffer {
public:
    bool empty() const { return m_size == 0; }
    std::size_t size() const { return m_size; }
    //! Element i counted from the front.
    T& operator[](std::size_t i) { return m_data[(m_head + i) & m_mask]; }
    const T& operator[](std::size_t i) const { return m_data[(m_head + i) & m_mask]; }
    T& front() { return m_data[m_head]; }
    const T& front() const { return m_data[m_head]; }
    T& back() { return (*this)[m_size - 1]; }
    const T& back() const { return (*this)[m_size - 1]; }

    void push_front(const T& value) {
        if (m_size == m_capacity) {
            grow();
        }
        m_head = (m_head + m_mask) & m_mask; // one back, wrapping
        m_data[m_head] = value;
        ++m_size;
    }
    void push_back(const T& value) {
        if (m_size == m_capacity) {
            grow();
        }
        m_data[(m_head + m_size) & m_mask] = value;
        ++m_size;
    }
    void pop_front() {
        m_head = (m_head + 1) & m_mask;
        --m_size;
    }
    void pop_back() { --m_size; }
    void clear() {
        m_head = 0;
        m_size = 0;
    }
    //! Keeps the capacity.
    void assign(std::size_t count, const T& value) {
        clear();
        for (std::size_t i = 0; i < count; ++i) {
            push_back(value);
        }
    }

private:
    //! Doubles the capacity (at least 4), the elements moved to the start in order.
    void grow() {
        std::vector<T> bigger(m_data.empty() ? 4 : 2 * m_data.size());
        for (std::size_t i = 0; i < m_size; ++i) {
            bigger[i] = (*this)[i];
        }
        m_data.swap(bigger);
        m_head = 0;
        m_capacity = m_data.size();
        m_mask = m_capacity - 1;
    }

    std::vector<T> m_data;
    std::size_t m_head = 0, m_size = 0;
    std::size_t m_capacity = 0; //!< m_data.size(), kept (a division by sizeof(T) otherwise)
    std::size_t m_mask = 0;     //!< capacity − 1
};

} // namespace heatnet
