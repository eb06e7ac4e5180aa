#pragma once
// CVODE's vector operations, compiled with the project (-O3): SUNDIALS lets a program supply the
// operations of an N_Vector, and Debian's libsundials runs its serial ones as if unoptimised
// (docs/performance.md: the same loops built at -O3 take about half the instructions). The
// element-wise operations and the fused ones (linear combinations, vector arrays) are replaced;
// each computes every element with the same operations in the same order as SUNDIALS' serial
// vector and its generic fall-backs, so results are bit-identical (tested). Reductions (norms,
// dot products) keep the sequential summation order for the same reason.
#include <nvector/nvector_serial.h>

namespace heatnet {

//! Replaces the operations of serial vector `v` with this file's; clones (which CVODE makes of
//! the state and tolerance vectors) copy them.
void useFastVectorOps(N_Vector v);

} // namespace heatnet
