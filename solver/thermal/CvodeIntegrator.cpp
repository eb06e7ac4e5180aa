#include "solver/thermal/CvodeIntegrator.h"

#include "solver/thermal/FastVectorOps.h"

#include "solver/Error.h"

#include <cvode/cvode.h>
#include <nvector/nvector_serial.h>
#include <sunlinsol/sunlinsol_klu.h>
#include <sunmatrix/sunmatrix_sparse.h>

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <numeric>

namespace heatnet {

void CvodeIntegrator::NVectorDeleter::operator()(N_Vector v) const {
    N_VDestroy(v);
}
void CvodeIntegrator::MatrixDeleter::operator()(SUNMatrix m) const {
    SUNMatDestroy(m);
}
void CvodeIntegrator::LinearSolverDeleter::operator()(SUNLinearSolver s) const {
    SUNLinSolFree(s);
}
void CvodeIntegrator::CvodeDeleter::operator()(void* memory) const {
    CVodeFree(&memory);
}

namespace {

std::span<double> viewOf(N_Vector v) {
    return {N_VGetArrayPointer(v), static_cast<std::size_t>(N_VGetLength(v))};
}

} // namespace

CvodeIntegrator::CvodeIntegrator(OdeSystem& system, double t0_s, std::span<const double> y0,
                                 const IntegratorOptions& options)
    : m_system(system), m_options(options), m_state(y0.begin(), y0.end()), m_time(t0_s) {
    const auto n = static_cast<sunindextype>(m_state.size());
    if (m_state.size() != system.size()) {
        throw SolverError(fmt::format("initial state has {} values, the system {}", m_state.size(),
                                      system.size()));
    }
    m_absTol.resize(m_state.size());
    system.absoluteTolerances(m_absTol);
    m_work.resize(m_state.size());
    m_perturbed.resize(m_state.size());
    m_pattern = colourPattern(system.jacobianPattern());

    m_y.reset(N_VMake_Serial(n, m_state.data(), m_context));
    m_absTolVector.reset(N_VMake_Serial(n, m_absTol.data(), m_context));
    if (!m_y || !m_absTolVector) {
        throw SolverError("N_VMake_Serial failed");
    }
    if (options.fastVectorOps) {
        useFastVectorOps(m_y.get());
        useFastVectorOps(m_absTolVector.get());
    }
    const auto nonZeros = static_cast<sunindextype>(m_pattern.columnIndex.size());
    m_matrix.reset(SUNSparseMatrix(n, n, nonZeros, CSR_MAT, m_context));
    if (!m_matrix) {
        throw SolverError("SUNSparseMatrix failed");
    }
    m_solver.reset(SUNLinSol_KLU(m_y.get(), m_matrix.get(), m_context));
    if (!m_solver) {
        throw SolverError("SUNLinSol_KLU failed");
    }
    m_cvode.reset(CVodeCreate(CV_BDF, m_context));
    if (!m_cvode) {
        throw SolverError("CVodeCreate failed");
    }
    void* cv = m_cvode.get();
    check(CVodeInit(cv, &CvodeIntegrator::rhsCallback, t0_s, m_y.get()), "CVodeInit");
    check(CVodeSetUserData(cv, this), "CVodeSetUserData");
    check(CVodeSVtolerances(cv, options.relativeTolerance, m_absTolVector.get()),
          "CVodeSVtolerances");
    check(CVodeSetLinearSolver(cv, m_solver.get(), m_matrix.get()), "CVodeSetLinearSolver");
    check(CVodeSetJacFn(cv, &CvodeIntegrator::jacobianCallback), "CVodeSetJacFn");
    check(CVodeSetMaxNumSteps(cv, options.maxStepsPerCall), "CVodeSetMaxNumSteps");
    check(CVodeSetMaxOrd(cv, options.maxOrder), "CVodeSetMaxOrd");
    if (options.maxStep_s > 0) {
        check(CVodeSetMaxStep(cv, options.maxStep_s), "CVodeSetMaxStep");
    }
    // Silence CVODE's own printing: errors are reported through exceptions.
    check(CVodeSetErrHandlerFn(
              cv, [](int, const char*, const char*, char*, void*) {}, nullptr),
          "CVodeSetErrHandlerFn");
}

CvodeIntegrator::~CvodeIntegrator() = default;

void CvodeIntegrator::check(int flag, const char* call) const {
    if (flag >= 0) {
        return;
    }
    char* name = CVodeGetReturnFlagName(flag);
    std::string flagName = name ? name : "unknown";
    std::free(name); // CVodeGetReturnFlagName returns malloc'd memory
    throw SolverError(fmt::format("{} failed with {} ({})", call, flagName, flag));
}

void CvodeIntegrator::reinitialise(double t_s, std::span<const double> y) {
    if (y.data() != m_state.data()) {
        std::copy(y.begin(), y.end(), m_state.begin());
    }
    m_time = t_s;
    // CVodeReInit resets CVODE's counters: keep the finished segment's.
    m_beforeRestart += currentSegment(); // (its reinitialisations are zero: counted below)
    check(CVodeReInit(m_cvode.get(), t_s, m_y.get()), "CVodeReInit");
    ++m_reinitialisations;
}

void CvodeIntegrator::advance(double tEnd_s) {
    if (tEnd_s > m_time) {
        integrate(tEnd_s, tEnd_s);
    }
}

void CvodeIntegrator::advanceTo(double tOut_s, double tStop_s) {
    integrate(tOut_s, std::max(tOut_s, tStop_s));
}

void CvodeIntegrator::integrate(double tOut_s, double tStop_s) {
    void* cv = m_cvode.get();
    check(CVodeSetStopTime(cv, tStop_s), "CVodeSetStopTime");
    double reached = m_time;
    // CV_NORMAL returns at tOut (interpolated if CVODE stepped past it) or at the stop time.
    while (reached < tOut_s) {
        const int flag = CVode(cv, tOut_s, m_y.get(), &reached, CV_NORMAL);
        if (m_pendingException) {
            std::exception_ptr pending = m_pendingException;
            m_pendingException = nullptr;
            std::rethrow_exception(pending);
        }
        if (flag < 0) {
            char* name = CVodeGetReturnFlagName(flag);
            std::string flagName = name ? name : "unknown";
            std::free(name);
            double tFail = reached;
            CVodeGetCurrentTime(cv, &tFail);
            throw SolverError(fmt::format("CVODE failed at t = {:.6g} s with {}; largest weighted "
                                          "local errors: {}",
                                          tFail, flagName, describeLargestErrors()));
        }
        if (flag == CV_TSTOP_RETURN) {
            break;
        }
    }
    m_time = tOut_s;
}

std::string CvodeIntegrator::describeLargestErrors() const {
    const std::size_t n = m_state.size();
    std::vector<double> weights(n), errors(n);
    N_Vector w = N_VMake_Serial(static_cast<sunindextype>(n), weights.data(), m_context);
    N_Vector e = N_VMake_Serial(static_cast<sunindextype>(n), errors.data(), m_context);
    const bool ok =
        CVodeGetErrWeights(m_cvode.get(), w) >= 0 && CVodeGetEstLocalErrors(m_cvode.get(), e) >= 0;
    N_VDestroy(w);
    N_VDestroy(e);
    if (!ok) {
        return "(not available)";
    }
    std::vector<std::size_t> order(n);
    std::iota(order.begin(), order.end(), 0);
    const std::size_t shown = std::min<std::size_t>(5, n);
    std::partial_sort(
        order.begin(), order.begin() + shown, order.end(), [&](std::size_t a, std::size_t b) {
            return std::abs(weights[a] * errors[a]) > std::abs(weights[b] * errors[b]);
        });
    std::string text;
    for (std::size_t k = 0; k < shown; ++k) {
        const std::size_t i = order[k];
        text += fmt::format("{}{} = {:.6g} (weighted error {:.3g})", k ? "; " : "",
                            m_system.stateName(i), m_state[i], weights[i] * errors[i]);
    }
    return text;
}

int CvodeIntegrator::rhsCallback(double t, N_Vector y, N_Vector ydot, void* userData) {
    auto* self = static_cast<CvodeIntegrator*>(userData);
    try {
        self->m_system.rhs(t, viewOf(y), viewOf(ydot));
        return 0;
    } catch (...) {
        self->m_pendingException = std::current_exception();
        return -1; // unrecoverable: CVODE stops and advance() rethrows
    }
}

int CvodeIntegrator::jacobianCallback(double t, N_Vector y, N_Vector fy, SUNMatrix J,
                                      void* userData, N_Vector, N_Vector, N_Vector) {
    auto* self = static_cast<CvodeIntegrator*>(userData);
    try {
        self->fillJacobian(t, y, fy, J);
        return 0;
    } catch (...) {
        self->m_pendingException = std::current_exception();
        return -1;
    }
}

void CvodeIntegrator::fillJacobian(double t, N_Vector yVector, N_Vector fyVector, SUNMatrix J) {
    // Curtis–Powell–Reid: perturb all columns of one colour together; each row then sees the
    // perturbation of at most one of its columns.
    std::span<const double> y = viewOf(yVector);
    std::span<const double> fy = viewOf(fyVector);
    const std::size_t n = y.size();
    sunindextype* rowPtr = SUNSparseMatrix_IndexPointers(J);
    sunindextype* colIdx = SUNSparseMatrix_IndexValues(J);
    double* values = SUNSparseMatrix_Data(J);
    for (std::size_t i = 0; i <= n; ++i) {
        rowPtr[i] = m_pattern.rowStart[i];
    }
    for (std::size_t k = 0; k < m_pattern.columnIndex.size(); ++k) {
        colIdx[k] = m_pattern.columnIndex[k];
        values[k] = 0.0;
    }
    std::vector<double> increment(n, 0.0);
    for (std::size_t colour = 0; colour < m_pattern.colourCount; ++colour) {
        std::copy(y.begin(), y.end(), m_perturbed.begin());
        for (std::size_t j : m_pattern.columnsOfColour[colour]) {
            // Increment scaled on the state and its tolerance (as CVODE's own difference quotient).
            const double h = std::max(std::sqrt(2.2e-16) * std::abs(y[j]),
                                      std::sqrt(2.2e-16) * m_absTol[j] * 1e3);
            increment[j] = h;
            m_perturbed[j] += h;
        }
        m_system.rhs(t, m_perturbed, m_work);
        ++m_jacobianRhsEvaluations;
        for (std::size_t i = 0; i < n; ++i) {
            for (long k = m_pattern.rowStart[i]; k < m_pattern.rowStart[i + 1]; ++k) {
                const auto j = static_cast<std::size_t>(m_pattern.columnIndex[k]);
                if (m_pattern.colourOf[j] == colour) {
                    values[k] = (m_work[i] - fy[i]) / increment[j];
                }
            }
        }
    }
    // KLU refactors with the pivot order of its last full factorisation. When a flow reverses,
    // upwind entries that were pivots can become exactly zero: the refactorisation then fails
    // as singular at every step size and CVODE gives up (CV_CONV_FAILURE). A changed set of
    // exactly-zero entries asks KLU for a fresh factorisation with new pivots (the symbolic
    // analysis is redone too; this happens only when that set changes).
    bool zerosChanged = m_zeroEntries.size() != m_pattern.columnIndex.size();
    m_zeroEntries.resize(m_pattern.columnIndex.size());
    for (std::size_t k = 0; k < m_pattern.columnIndex.size(); ++k) {
        const bool zero = values[k] == 0.0;
        zerosChanged = zerosChanged || zero != static_cast<bool>(m_zeroEntries[k]);
        m_zeroEntries[k] = zero;
    }
    if (zerosChanged) {
        check(SUNLinSol_KLUReInit(m_solver.get(), J,
                                  static_cast<sunindextype>(m_pattern.columnIndex.size()),
                                  SUNKLU_REINIT_PARTIAL),
              "SUNLinSol_KLUReInit");
    }
}

IntegratorStatistics CvodeIntegrator::statistics() const {
    IntegratorStatistics s = currentSegment();
    s += m_beforeRestart;
    s.rhsEvaluations += m_jacobianRhsEvaluations;
    s.reinitialisations = m_reinitialisations;
    return s;
}

IntegratorStatistics CvodeIntegrator::currentSegment() const {
    IntegratorStatistics s;
    void* cv = m_cvode.get();
    long rhs = 0;
    CVodeGetNumSteps(cv, &s.steps);
    CVodeGetNumRhsEvals(cv, &rhs);
    CVodeGetNumJacEvals(cv, &s.jacobianEvaluations);
    CVodeGetNumNonlinSolvIters(cv, &s.nonlinearIterations);
    CVodeGetNumErrTestFails(cv, &s.errorTestFailures);
    CVodeGetNumNonlinSolvConvFails(cv, &s.convergenceFailures);
    s.rhsEvaluations = rhs;
    return s;
}

} // namespace heatnet
