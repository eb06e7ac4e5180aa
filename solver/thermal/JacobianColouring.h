#pragma once
// Column colouring of a sparse Jacobian pattern, so that one right-hand-side evaluation per colour
// gives all entries by finite differences (Curtis–Powell–Reid). Columns that share a row must get
// different colours; the colouring is computed once per run with Boost.Graph.
#include <cstddef>
#include <vector>

namespace heatnet {

//! The pattern in compressed sparse row form plus a column colouring.
struct ColouredPattern {
    std::vector<long> rowStart;        //!< CSR row pointers, size rows+1
    std::vector<long> columnIndex;     //!< CSR column indices, sorted within each row
    std::vector<std::size_t> colourOf; //!< colour of each column
    std::size_t colourCount = 0;       //!< number of colours
    std::vector<std::vector<std::size_t>> columnsOfColour; //!< columns of each colour
};

//! Builds CSR (adding the diagonal) and colours the columns: rows[i] lists the columns row i
//! depends on.
ColouredPattern colourPattern(const std::vector<std::vector<std::size_t>>& rows);

} // namespace heatnet
