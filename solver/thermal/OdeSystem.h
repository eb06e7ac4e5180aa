#pragma once
// What the integrator needs to know of a system of ODEs dy/dt = f(t, y), and nothing more: the
// integrator never knows what a pipe is.
#include <cstddef>
#include <span>
#include <string>
#include <vector>

namespace heatnet {

//! A first-order ODE system in SI units, with its Jacobian sparsity.
class OdeSystem {
public:
    virtual ~OdeSystem() = default;
    //! Number of states.
    virtual std::size_t size() const = 0;
    //! dy/dt at (t, y). May throw; the integrator rethrows after CVODE returns.
    virtual void rhs(double time_s, std::span<const double> y, std::span<double> dydt) = 0;
    //! For each row i, the columns j with ∂f_i/∂y_j possibly non-zero (for any admissible input:
    //! the pattern must not change during a run). Keep it complete, including rows of integrals
    //! (quadratures): a conserved linear combination of the states is then conserved by the
    //! Newton iteration to round-off.
    virtual std::vector<std::vector<std::size_t>> jacobianPattern() const = 0;
    //! Absolute tolerance of each state, in its own unit (K for temperatures, J for energies).
    virtual void absoluteTolerances(std::span<double> absTol) const = 0;
    //! A readable name for state i, in domain terms ("pipe P12 (supply): T[3]").
    virtual std::string stateName(std::size_t index) const = 0;
};

} // namespace heatnet
