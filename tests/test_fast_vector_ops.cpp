// solver/thermal/FastVectorOps: each replaced operation gives exactly what SUNDIALS' serial vector
// (and its generic fall-backs for the fused operations) gives, aliasing included; and CVODE run
// with them integrates a linear chain to the same bits and the analytic solution.
#include "solver/thermal/CvodeIntegrator.h"
#include "solver/thermal/FastVectorOps.h"
#include "solver/thermal/OdeSystem.h"

#include <catch2/catch.hpp>
#include <nvector/nvector_serial.h>
#include <sundials/sundials_context.hpp>

#include <cmath>
#include <cstring>
#include <random>
#include <vector>

using namespace heatnet;

namespace {

constexpr sunindextype kLength = 1001;

//! A serial vector with SUNDIALS' own operations (`fast` = false) or ours, random contents.
class Vector {
public:
    Vector(SUNContext context, bool fast, unsigned seed) {
        m_v = N_VNew_Serial(kLength, context);
        REQUIRE(m_v != nullptr);
        if (fast) {
            useFastVectorOps(m_v);
        }
        std::mt19937_64 random(seed);
        std::uniform_real_distribution<double> value(-3.0, 3.0);
        for (sunindextype i = 0; i < kLength; ++i) {
            NV_Ith_S(m_v, i) = value(random);
        }
        NV_Ith_S(m_v, 7) = 0.0; // a zero among them (compare, abs)
    }
    ~Vector() { N_VDestroy(m_v); }
    Vector(const Vector&) = delete;
    Vector& operator=(const Vector&) = delete;
    operator N_Vector() const { return m_v; }
    std::vector<double> values() const { return {NV_DATA_S(m_v), NV_DATA_S(m_v) + kLength}; }

private:
    N_Vector m_v = nullptr;
};

//! Two sets of five vectors with the same contents: SUNDIALS' operations and ours.
struct Pair {
    sundials::Context context;
    std::vector<std::unique_ptr<Vector>> own, fast;
    Pair() {
        for (unsigned k = 0; k < 5; ++k) {
            own.push_back(std::make_unique<Vector>(context, false, 10 + k));
            fast.push_back(std::make_unique<Vector>(context, true, 10 + k));
        }
    }
    void requireSame() const {
        for (std::size_t k = 0; k < own.size(); ++k) {
            INFO("vector " << k);
            // Bit for bit (a NaN from 0/0 included).
            const auto a = own[k]->values(), b = fast[k]->values();
            REQUIRE(std::memcmp(a.data(), b.data(), a.size() * sizeof(double)) == 0);
        }
    }
};

//! dy_0/dt = −k_0 y_0, dy_i/dt = k_{i−1} y_{i−1} − k_i y_i: a chain of first-order decays.
class Chain : public OdeSystem {
public:
    explicit Chain(std::size_t n) : m_n(n) {}
    std::size_t size() const override { return m_n; }
    double rate(std::size_t i) const { return 0.01 * (1.0 + static_cast<double>(i % 7)); }
    void rhs(double, std::span<const double> y, std::span<double> dydt) override {
        for (std::size_t i = 0; i < m_n; ++i) {
            dydt[i] = -rate(i) * y[i] + (i > 0 ? rate(i - 1) * y[i - 1] : 0.0);
        }
    }
    std::vector<std::vector<std::size_t>> jacobianPattern() const override {
        std::vector<std::vector<std::size_t>> pattern(m_n);
        for (std::size_t i = 0; i < m_n; ++i) {
            if (i > 0) {
                pattern[i].push_back(i - 1);
            }
            pattern[i].push_back(i);
        }
        return pattern;
    }
    void absoluteTolerances(std::span<double> absTol) const override {
        std::fill(absTol.begin(), absTol.end(), 1e-10);
    }
    std::string stateName(std::size_t i) const override { return std::to_string(i); }

private:
    std::size_t m_n;
};

} // namespace

TEST_CASE("vector ops: each operation matches SUNDIALS' serial vector bit for bit", "[vectorops]") {
    const double coefficients[][2] = {{1, 1},     {1, -1},     {-1, 1},   {-1, -1},
                                      {2.5, 1},   {1, 0.3},    {-1, 0.7}, {0.4, -1},
                                      {1.7, 1.7}, {1.7, -1.7}, {0, 0},    {0.3, 0.9}};
    for (const auto& [a, b] : coefficients) {
        INFO("a = " << a << ", b = " << b);
        Pair p;
        for (int alias = 0; alias < 3; ++alias) {
            // z separate, z = x, z = y
            const int z = alias == 0 ? 2 : alias == 1 ? 0 : 1;
            N_VLinearSum(a, *p.own[0], b, *p.own[1], *p.own[z]);
            N_VLinearSum(a, *p.fast[0], b, *p.fast[1], *p.fast[z]);
            p.requireSame();
        }
    }
    Pair p;
    auto both = [&](auto op) {
        op(p.own);
        op(p.fast);
        p.requireSame();
    };
    using Set = std::vector<std::unique_ptr<Vector>>;
    both([](Set& v) { N_VScale(0.7, *v[0], *v[2]); });
    both([](Set& v) { N_VScale(-1.0, *v[1], *v[1]); });
    both([](Set& v) { N_VProd(*v[0], *v[1], *v[2]); });
    both([](Set& v) { N_VDiv(*v[0], *v[3], *v[4]); });
    both([](Set& v) { N_VAbs(*v[0], *v[2]); });
    both([](Set& v) { N_VInv(*v[3], *v[4]); });
    both([](Set& v) { N_VAddConst(*v[0], 0.25, *v[0]); });
    both([](Set& v) { N_VCompare(1.0, *v[1], *v[2]); });
    both([](Set& v) { N_VConst(0.5, *v[4]); });
    REQUIRE(N_VWrmsNorm(*p.own[0], *p.own[1]) == N_VWrmsNorm(*p.fast[0], *p.fast[1]));
    REQUIRE(N_VMaxNorm(*p.own[2]) == N_VMaxNorm(*p.fast[2]));

    // Fused operations against SUNDIALS' generic fall-backs (the serial vector's fused
    // operations are off by default).
    double c[] = {0.3, -1.0, 1.0, 2.5};
    both([&](Set& v) {
        N_Vector x[] = {*v[0], *v[1], *v[2], *v[3]};
        N_VLinearCombination(4, c, x, *v[4]);
    });
    both([&](Set& v) { // z among the inputs
        N_Vector x[] = {*v[4], *v[1], *v[2]};
        N_VLinearCombination(3, c, x, *v[4]);
    });
    both([&](Set& v) {
        N_Vector y[] = {*v[1], *v[2]}, z[] = {*v[3], *v[2]};
        N_VScaleAddMulti(2, c, *v[0], y, z);
    });
    both([&](Set& v) {
        N_Vector x[] = {*v[0], *v[1]}, y[] = {*v[2], *v[3]}, z[] = {*v[4], *v[3]};
        N_VLinearSumVectorArray(2, 0.6, x, -0.6, y, z);
    });
    both([&](Set& v) {
        N_Vector x[] = {*v[0], *v[1]}, z[] = {*v[2], *v[1]};
        N_VScaleVectorArray(2, c, x, z);
    });
}

TEST_CASE("vector ops: CVODE gives the same bits with them, and the analytic solution",
          "[vectorops]") {
    const std::size_t n = 300;
    std::vector<double> y0(n, 0.0);
    y0[0] = 1.0;
    Chain ownChain(n), fastChain(n);
    IntegratorOptions own, fast;
    own.relativeTolerance = fast.relativeTolerance = 1e-8;
    own.fastVectorOps = false;
    fast.fastVectorOps = true;
    CvodeIntegrator a(ownChain, 0.0, y0, own), b(fastChain, 0.0, y0, fast);
    for (double t = 10; t <= 200; t += 10) {
        a.advance(t);
        b.advance(t);
        REQUIRE(std::vector<double>(a.state().begin(), a.state().end()) ==
                std::vector<double>(b.state().begin(), b.state().end()));
    }
    CHECK(a.statistics().steps == b.statistics().steps);
    CHECK(b.statistics().steps > 20);
    // y_0 = e^{−k_0 t}; y_1 = k_0/(k_1 − k_0) (e^{−k_0 t} − e^{−k_1 t}).
    const double k0 = ownChain.rate(0), k1 = ownChain.rate(1), t = 200;
    CHECK(b.state()[0] == Approx(std::exp(-k0 * t)).epsilon(1e-6));
    CHECK(b.state()[1] ==
          Approx(k0 / (k1 - k0) * (std::exp(-k0 * t) - std::exp(-k1 * t))).epsilon(1e-6));
}
