#include "models/DispersionFilter.h"

#include <cmath>
#include <utility>

namespace heatnet {

namespace {

//! P(n, x) for n = 1..N into p[n − 1]: the regularised lower incomplete gamma function of
//! integer order, P(n, x) = 1 − e^{−x} Σ_{i<n} x^i/i!. Upward from P(1) = 1 − e^{−x} where the
//! terms are small against P (x ≥ N), else downward from a series for P(N) (no cancellation).
void lowerGamma(int orders, double x, std::vector<double>& p) {
    p.assign(static_cast<std::size_t>(orders), 0.0);
    const double e = std::exp(-x);
    if (x >= orders) {
        p[0] = -std::expm1(-x);
        double term = e; // e^{−x} x^n / n!
        for (int n = 1; n < orders; ++n) {
            term *= x / n;
            p[n] = p[n - 1] - term;
        }
        return;
    }
    // P(N, x) = e^{−x} x^N/N! Σ_i x^i / ((N+1)…(N+i)); the series converges as (x/N)^i.
    std::vector<double> terms(static_cast<std::size_t>(orders) + 1);
    terms[0] = e;
    for (int n = 1; n <= orders; ++n) {
        terms[n] = terms[n - 1] * x / n;
    }
    double sum = 1, u = 1;
    for (int i = 1; i < 1000 && u > 1e-17 * sum; ++i) {
        u *= x / (orders + i);
        sum += u;
    }
    p[orders - 1] = terms[orders] * sum;
    for (int n = orders - 1; n >= 1; --n) {
        p[n - 1] = p[n] + terms[n]; // P(n) = P(n + 1) + e^{−x} x^n / n!
    }
}

} // namespace

void DispersionFilter::clear() {
    m_theta.clear();
    m_tankMass = 0;
}

void DispersionFilter::assign(double tankMass_kg, bool atSecondEnd,
                              std::vector<double> temperatures_K) {
    m_tankMass = tankMass_kg;
    m_atSecondEnd = atSecondEnd;
    m_theta = std::move(temperatures_K);
}

double DispersionFilter::heat() const {
    double sum = 0;
    for (double t : m_theta) {
        sum += t;
    }
    return m_tankMass * sum;
}

void DispersionFilter::cool(double decay, double ground_K) {
    for (double& t : m_theta) {
        t = ground_K + (t - ground_K) * decay;
    }
}

void DispersionFilter::pass(double flow_kg_s, double inverseTimeConstant_1_s, double ground_K,
                            std::vector<StreamSegment>& stream) {
    if (empty() || flow_kg_s <= 0) {
        return;
    }
    const int n = static_cast<int>(m_theta.size());
    const double a = flow_kg_s / m_tankMass;      // exchange rate of a tank [1/s]
    const double c = a + inverseTimeConstant_1_s; // total relaxation rate [1/s]
    const double r = a / c;                       // steady gain of one tank [-]
    m_eps.resize(static_cast<std::size_t>(n));
    m_power.resize(static_cast<std::size_t>(n));
    for (StreamSegment& segment : stream) {
        const double d = segment.duration_s;
        if (!(d > 0)) {
            continue;
        }
        const double in = segment.temperature_K - ground_K; // θ_0
        // ε_j = θ_j − θ_j*, θ_j* = θ_0 r^j.
        double steady = in;
        for (int j = 0; j < n; ++j) {
            steady *= r;
            m_eps[j] = (m_theta[j] - ground_K) - steady;
        }
        const double steadyLast = steady;
        const double x = c * d;
        lowerGamma(n, x, m_gamma);
        // Mean outflow: θ_N* + Σ_j ε_j r^{N−j} P(N−j+1, x) / x.
        double mean = 0, gain = 1;
        for (int j = n - 1; j >= 0; --j) {
            mean += m_eps[j] * gain * (m_gamma[n - 1 - j] / x);
            gain *= r;
        }
        segment.temperature_K = ground_K + steadyLast + mean;
        // New states: θ_k = θ_k* + e^{−x} Σ_{j≤k} ε_j (a d)^{k−j}/(k−j)!.
        const double decay = std::exp(-x);
        m_power[0] = 1;
        for (int i = 1; i < n && decay > 0; ++i) {
            m_power[i] = m_power[i - 1] * a * d / i;
        }
        double steadyK = in;
        for (int k = 0; k < n; ++k) {
            steadyK *= r;
            double sum = 0;
            if (decay > 0) { // else every ε has died out (and a d may be huge)
                for (int j = 0; j <= k; ++j) {
                    sum += m_eps[j] * m_power[k - j];
                }
            }
            m_theta[k] = ground_K + steadyK + decay * sum;
        }
    }
}

} // namespace heatnet
