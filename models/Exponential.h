#pragma once
// e^x and e^x − 1 inline, for the plug-flow transport's inner loops (models/PlugFlowPipe.cpp),
// where libm's calls cost about 50 instructions each plus the call and there are several per
// pipe and step. Same method as libm's: x = k ln 2 + r with |r| ≤ ln 2 / 2 (Cody–Waite, ln 2 in
// two parts so that k ln 2 is exact), e^r − 1 by its Taylor series to r¹³ (the remainder is
// below 1e-17 of the result on that interval), then e^x − 1 = 2^k (e^r − 1) + (2^k − 1).
// Arguments |x| ≤ 1/64 (a piece's decay over one step, mostly) take the series to x⁷ only (its
// remainder is below 6e-18 of the result there; 13 instructions fewer).
// Accurate to a few units in the last place over the whole range (tests/test_plug_flow.cpp
// compares with std::expm1 and std::exp), also for tiny |x| where e^x − 1 ≈ x: no cancellation.
// (A table of 2^{j/32} with the series to r⁷ was measured: no fewer instructions for large
// arguments, 19 more for 1/64 < |x| ≤ ln 2 / 2; not kept.)
#include <bit>
#include <cmath>
#include <cstdint>

namespace heatnet {

namespace detail {
//! e^r − 1 by its Taylor series, given the tail from r⁷ on divided by r⁷ (`tail` =
//! 1/7! + r/8! + …; Horner) [-].
inline double expMinusOneSeries(double r, double tail) {
    double p = tail * r + 1.0 / 720.0;
    p = p * r + 1.0 / 120.0;
    p = p * r + 1.0 / 24.0;
    p = p * r + 1.0 / 6.0;
    p = p * r + 0.5;
    return r + r * (r * p);
}

//! e^r − 1 for |r| ≤ 1/64 (Taylor to r⁷) [-].
inline double expMinusOneSmall(double r) {
    return expMinusOneSeries(r, 1.0 / 5040.0);
}

//! e^r − 1 for |r| ≤ ln 2 / 2 (Taylor to r¹³) [-].
inline double expMinusOneReduced(double r) {
    double tail = 1.0 / 6227020800.0; // 1/13!
    tail = tail * r + 1.0 / 479001600.0;
    tail = tail * r + 1.0 / 39916800.0;
    tail = tail * r + 1.0 / 3628800.0;
    tail = tail * r + 1.0 / 362880.0;
    tail = tail * r + 1.0 / 40320.0;
    tail = tail * r + 1.0 / 5040.0;
    return expMinusOneSeries(r, tail);
}

//! x = k ln 2 + r: returns r and sets k (|k| ≤ 1100 for the arguments handled here).
inline double reduceByLn2(double x, double& k) {
    constexpr double log2e = 1.4426950408889634;
    constexpr double ln2Hi = 6.93147180369123816490e-01; // 32 trailing zero bits: k ln2Hi exact
    constexpr double ln2Lo = 1.90821492927058770002e-10;
    constexpr double shifter = 6755399441055744.0; // 1.5 · 2^52: adding it rounds to an integer
    k = (x * log2e + shifter) - shifter;
    return (x - k * ln2Hi) - k * ln2Lo;
}

//! 2^k for an integer k in [−1022, 1023].
inline double powerOfTwo(double k) {
    return std::bit_cast<double>(static_cast<std::uint64_t>(static_cast<std::int64_t>(k) + 1023)
                                 << 52);
}
} // namespace detail

//! e^x − 1 [-], as std::expm1 to a few units in the last place.
inline double expMinusOne(double x) {
    if (!(x > -40.0 && x < 700.0)) {
        // e^x below half an ulp of 1 (the result rounds to −1), overflow, or NaN.
        return x <= -40.0 ? -1.0 : std::expm1(x);
    }
    const double size = std::abs(x);
    if (size <= 1.0 / 64) {
        return detail::expMinusOneSmall(x);
    }
    if (size <= 0.34657359027997264) { // ln 2 / 2: no reduction needed
        return detail::expMinusOneReduced(x);
    }
    double k = 0;
    const double r = detail::reduceByLn2(x, k);
    const double scale = detail::powerOfTwo(k);
    return scale * detail::expMinusOneReduced(r) + (scale - 1.0);
}

//! e^x [-], as std::exp to a few units in the last place (0 below e^−700).
inline double exponential(double x) {
    if (!(x > -700.0 && x < 700.0)) {
        return x <= -700.0 ? 0.0 : std::exp(x);
    }
    double k = 0;
    const double r = detail::reduceByLn2(x, k);
    return detail::powerOfTwo(k) * (1.0 + detail::expMinusOneReduced(r));
}

//! e^{−r} − 1 [-] for r ≥ 0 (a decay over r time constants), bit for bit expMinusOne(−r): the
//! same series for each argument, reached with fewer tests where the sign is known.
inline double decayMinusOne(double r) {
    const double x = -r;
    if (r > 0.34657359027997264) { // ln 2 / 2
        if (r < 40.0) {
            double k = 0;
            const double reduced = detail::reduceByLn2(x, k);
            const double scale = detail::powerOfTwo(k);
            return scale * detail::expMinusOneReduced(reduced) + (scale - 1.0);
        }
        return -1.0; // e^{−r} below half an ulp of 1 (as expMinusOne)
    }
    if (r > 1.0 / 64) {
        return detail::expMinusOneReduced(x);
    }
    if (r >= 0) {
        return detail::expMinusOneSmall(x);
    }
    return expMinusOne(x); // r < 0 or NaN
}

//! decayMinusOne for the last two arguments asked, kept: the same argument gives the same value
//! bit for bit, so a hit costs a comparison or two instead of an exponential. Where a plug-flow
//! pipe's arguments repeat (an end volume's e^{−ṁ c_p d / C} while the flow and the segment
//! lengths do, e.g. substations held at their minimum flow), many calls hit. Arguments are
//! compared as bit patterns (cheaper than a floating-point comparison, and exact).
class RecentDecayMinusOne {
public:
    double operator()(double r) {
        const std::uint64_t bits = std::bit_cast<std::uint64_t>(r);
        if (bits == m_bits[0]) {
            return m_value[0];
        }
        if (bits == m_bits[1]) {
            return m_value[1];
        }
        // The entry not used last is replaced.
        const unsigned slot = m_older;
        m_older ^= 1u;
        m_bits[slot] = bits;
        return m_value[slot] = decayMinusOne(r);
    }

private:
    //! Arguments' bit patterns; initially a NaN's, which no argument here has.
    std::uint64_t m_bits[2] = {~std::uint64_t{0}, ~std::uint64_t{0}};
    double m_value[2] = {0, 0}; //!< their e^{−r} − 1 [-]
    unsigned m_older = 0;       //!< the entry to replace next
};

} // namespace heatnet
