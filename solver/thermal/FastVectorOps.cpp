#include "solver/thermal/FastVectorOps.h"

#include <algorithm>
#include <cmath>

namespace heatnet {

namespace {

using Index = sunindextype;

double* data(N_Vector v) {
    return NV_DATA_S(v);
}
Index length(N_Vector v) {
    return NV_LENGTH_S(v);
}

// z = a x + b y (z may be x or y). SUNDIALS computes a = ±b (other than ±1) as a (x ± y);
// every other case (including its shortcuts for a or b = ±1) equals a x + b y exactly.
void linearSum(realtype a, N_Vector x, realtype b, N_Vector y, N_Vector z) {
    const double *xd = data(x), *yd = data(y);
    double* zd = data(z);
    const Index n = length(x);
    const bool unit = a == 1.0 || a == -1.0 || b == 1.0 || b == -1.0;
    if (!unit && a == b) {
        for (Index i = 0; i < n; ++i) {
            zd[i] = a * (xd[i] + yd[i]);
        }
    } else if (!unit && a == -b) {
        for (Index i = 0; i < n; ++i) {
            zd[i] = a * (xd[i] - yd[i]);
        }
    } else {
        for (Index i = 0; i < n; ++i) {
            zd[i] = a * xd[i] + b * yd[i];
        }
    }
}

void constant(realtype c, N_Vector z) {
    std::fill_n(data(z), length(z), c);
}

void product(N_Vector x, N_Vector y, N_Vector z) {
    const double *xd = data(x), *yd = data(y);
    double* zd = data(z);
    const Index n = length(x);
    for (Index i = 0; i < n; ++i) {
        zd[i] = xd[i] * yd[i];
    }
}

void divide(N_Vector x, N_Vector y, N_Vector z) {
    const double *xd = data(x), *yd = data(y);
    double* zd = data(z);
    const Index n = length(x);
    for (Index i = 0; i < n; ++i) {
        zd[i] = xd[i] / yd[i];
    }
}

void scale(realtype c, N_Vector x, N_Vector z) {
    const double* xd = data(x);
    double* zd = data(z);
    const Index n = length(x);
    for (Index i = 0; i < n; ++i) {
        zd[i] = c * xd[i];
    }
}

void absolute(N_Vector x, N_Vector z) {
    const double* xd = data(x);
    double* zd = data(z);
    const Index n = length(x);
    for (Index i = 0; i < n; ++i) {
        zd[i] = std::abs(xd[i]);
    }
}

void inverse(N_Vector x, N_Vector z) {
    const double* xd = data(x);
    double* zd = data(z);
    const Index n = length(x);
    for (Index i = 0; i < n; ++i) {
        zd[i] = 1.0 / xd[i];
    }
}

void addConstant(N_Vector x, realtype b, N_Vector z) {
    const double* xd = data(x);
    double* zd = data(z);
    const Index n = length(x);
    for (Index i = 0; i < n; ++i) {
        zd[i] = xd[i] + b;
    }
}

// Σ (x w)², in index order (as N_VWSqrSumLocal_Serial).
realtype weightedSquareSum(N_Vector x, N_Vector w) {
    const double *xd = data(x), *wd = data(w);
    const Index n = length(x);
    double sum = 0;
    for (Index i = 0; i < n; ++i) {
        const double p = xd[i] * wd[i];
        sum += p * p;
    }
    return sum;
}

realtype wrmsNorm(N_Vector x, N_Vector w) {
    return std::sqrt(weightedSquareSum(x, w) / static_cast<double>(length(x)));
}

realtype maxNorm(N_Vector x) {
    const double* xd = data(x);
    const Index n = length(x);
    double largest = 0;
    for (Index i = 0; i < n; ++i) {
        largest = std::max(largest, std::abs(xd[i]));
    }
    return largest;
}

// z_i = 1 if |x_i| ≥ c else 0.
void compare(realtype c, N_Vector x, N_Vector z) {
    const double* xd = data(x);
    double* zd = data(z);
    const Index n = length(x);
    for (Index i = 0; i < n; ++i) {
        zd[i] = std::abs(xd[i]) >= c ? 1.0 : 0.0;
    }
}

// z = Σ c_j X_j, accumulated as SUNDIALS' fall-back does: z = c_0 X_0, then z = c_j X_j + z.
int linearCombination(int count, realtype* c, N_Vector* X, N_Vector z) {
    const Index n = length(z);
    double* zd = data(z);
    const double* x0 = data(X[0]);
    const double c0 = c[0];
    for (Index i = 0; i < n; ++i) {
        zd[i] = c0 * x0[i];
    }
    for (int j = 1; j < count; ++j) {
        const double* xj = data(X[j]);
        const double cj = c[j];
        for (Index i = 0; i < n; ++i) {
            zd[i] = cj * xj[i] + zd[i];
        }
    }
    return 0;
}

// Z_j = a_j x + Y_j.
int scaleAddMulti(int count, realtype* a, N_Vector x, N_Vector* Y, N_Vector* Z) {
    const Index n = length(x);
    const double* xd = data(x);
    for (int j = 0; j < count; ++j) {
        const double* yd = data(Y[j]);
        double* zd = data(Z[j]);
        const double aj = a[j];
        for (Index i = 0; i < n; ++i) {
            zd[i] = aj * xd[i] + yd[i];
        }
    }
    return 0;
}

// Z_j = a X_j + b Y_j.
int linearSumVectorArray(int count, realtype a, N_Vector* X, realtype b, N_Vector* Y, N_Vector* Z) {
    for (int j = 0; j < count; ++j) {
        linearSum(a, X[j], b, Y[j], Z[j]);
    }
    return 0;
}

// Z_j = c_j X_j.
int scaleVectorArray(int count, realtype* c, N_Vector* X, N_Vector* Z) {
    for (int j = 0; j < count; ++j) {
        scale(c[j], X[j], Z[j]);
    }
    return 0;
}

} // namespace

void useFastVectorOps(N_Vector v) {
    N_Vector_Ops ops = v->ops;
    ops->nvlinearsum = linearSum;
    ops->nvconst = constant;
    ops->nvprod = product;
    ops->nvdiv = divide;
    ops->nvscale = scale;
    ops->nvabs = absolute;
    ops->nvinv = inverse;
    ops->nvaddconst = addConstant;
    ops->nvmaxnorm = maxNorm;
    ops->nvmaxnormlocal = maxNorm;
    ops->nvwrmsnorm = wrmsNorm;
    ops->nvwsqrsumlocal = weightedSquareSum;
    ops->nvcompare = compare;
    ops->nvlinearcombination = linearCombination;
    ops->nvscaleaddmulti = scaleAddMulti;
    ops->nvlinearsumvectorarray = linearSumVectorArray;
    ops->nvscalevectorarray = scaleVectorArray;
}

} // namespace heatnet
