#pragma once
// The only file that talks to CVODE. BDF with a sparse direct linear solver (KLU); the Jacobian is
// assembled by coloured finite differences on the pattern the system declares, so adding a model
// never means writing derivatives by hand. Every SUNDIALS handle is owned by RAII; the context is
// declared first so that it is destroyed last. Exceptions never cross into C.
#include "solver/thermal/JacobianColouring.h"
#include "solver/thermal/OdeSystem.h"

#include <sundials/sundials_context.hpp>
#include <sundials/sundials_linearsolver.h>
#include <sundials/sundials_matrix.h>
#include <sundials/sundials_nvector.h>

#include <exception>
#include <memory>
#include <string>
#include <vector>

namespace heatnet {

//! Integrator settings (plain struct, defaults documented in docs/numerics.md).
struct IntegratorOptions {
    double relativeTolerance = 1e-6; //!< CVODE relative tolerance [-]
    double maxStep_s = 0;            //!< largest internal step [s]; 0 = no limit
    long maxStepsPerCall = 500000;   //!< internal steps allowed in one advance() call
    int maxOrder = 5;                //!< BDF order limit (1–5)
    //! The vector operations of solver/thermal/FastVectorOps.h (bit-identical results); false keeps
    //! SUNDIALS' own.
    bool fastVectorOps = true;
};

//! Counters of work done, stored in the result file.
struct IntegratorStatistics {
    long steps = 0;
    long rhsEvaluations = 0; //!< including those for finite-difference Jacobians
    long jacobianEvaluations = 0;
    long nonlinearIterations = 0;
    long errorTestFailures = 0;
    long convergenceFailures = 0;
    long reinitialisations = 0;
    //! Adds another's counters (the work of several integrations, or of segments of one).
    IntegratorStatistics& operator+=(const IntegratorStatistics& other) {
        steps += other.steps;
        rhsEvaluations += other.rhsEvaluations;
        jacobianEvaluations += other.jacobianEvaluations;
        nonlinearIterations += other.nonlinearIterations;
        errorTestFailures += other.errorTestFailures;
        convergenceFailures += other.convergenceFailures;
        reinitialisations += other.reinitialisations;
        return *this;
    }
};

//! Integrates an OdeSystem with CVODE BDF + KLU.
class CvodeIntegrator {
public:
    //! Sets up CVODE for `system` starting at (t0, y0). Keeps a reference to `system`.
    CvodeIntegrator(OdeSystem& system, double t0_s, std::span<const double> y0,
                    const IntegratorOptions& options);
    ~CvodeIntegrator();
    CvodeIntegrator(const CvodeIntegrator&) = delete;
    CvodeIntegrator& operator=(const CvodeIntegrator&) = delete;

    //! Restarts from (t, y) after a discontinuity in the right-hand side (new flows).
    void reinitialise(double t_s, std::span<const double> y);
    //! Advances exactly to tEnd (never beyond: the stop time is set). Throws SolverError naming
    //! the states with the largest weighted local errors on failure.
    void advance(double tEnd_s);
    //! Returns the solution at tOut, letting CVODE step past it up to tStop (≥ tOut): the state
    //! is interpolated at tOut, so no step is cut short there.
    void advanceTo(double tOut_s, double tStop_s);

    double time() const { return m_time; }
    //! The current state (owned here; the N_Vector is a view of it).
    std::span<const double> state() const { return m_state; }
    //! Mutable state: edit only followed by reinitialise().
    std::span<double> mutableState() { return m_state; }
    IntegratorStatistics statistics() const;

private:
    struct NVectorDeleter {
        void operator()(N_Vector v) const;
    };
    struct MatrixDeleter {
        void operator()(SUNMatrix m) const;
    };
    struct LinearSolverDeleter {
        void operator()(SUNLinearSolver s) const;
    };
    struct CvodeDeleter {
        void operator()(void* memory) const;
    };

    static int rhsCallback(double t, N_Vector y, N_Vector ydot, void* userData);
    static int jacobianCallback(double t, N_Vector y, N_Vector fy, SUNMatrix J, void* userData,
                                N_Vector tmp1, N_Vector tmp2, N_Vector tmp3);
    void fillJacobian(double t, N_Vector y, N_Vector fy, SUNMatrix J);
    void check(int flag, const char* call) const;
    std::string describeLargestErrors() const;
    void integrate(double tOut_s, double tStop_s);

    sundials::Context m_context; //!< first member: destroyed last
    OdeSystem& m_system;
    IntegratorOptions m_options;
    std::vector<double> m_state;
    std::vector<double> m_absTol;
    std::vector<double> m_work; //!< scratch for finite differences
    std::vector<double> m_perturbed;
    ColouredPattern m_pattern;
    std::vector<char> m_zeroEntries; //!< which Jacobian entries were exactly zero last time
    std::unique_ptr<std::remove_pointer_t<N_Vector>, NVectorDeleter> m_y;
    std::unique_ptr<std::remove_pointer_t<N_Vector>, NVectorDeleter> m_absTolVector;
    std::unique_ptr<std::remove_pointer_t<SUNMatrix>, MatrixDeleter> m_matrix;
    std::unique_ptr<std::remove_pointer_t<SUNLinearSolver>, LinearSolverDeleter> m_solver;
    std::unique_ptr<void, CvodeDeleter> m_cvode;
    std::exception_ptr m_pendingException;
    double m_time = 0;
    long m_jacobianRhsEvaluations = 0;
    long m_reinitialisations = 0;
    IntegratorStatistics m_beforeRestart; //!< counters of the segments before the last restart
    IntegratorStatistics currentSegment() const;
};

} // namespace heatnet
