#!/usr/bin/python3
"""Which physics the plug-flow pipe lacks on the Liège (ULg) bench: a study in the frequency
domain, independent of the C++ code (docs/validation.md, "Plug flow on the Liège bench").

For one pipe at the constant flow of each experiment, the outlet is the measured inlet passed
through a linear transfer function G(s), computed exactly by FFT convolution (0.05 s grid):
  plug        exp(−τ_p (s + 1/τ_l))                     pure delay of the plug's water, its loss
  + lumped    1 / (1 + s C_w L / (2 ṁ c_p))²            the wall in two end volumes (the C++ model)
  + wall      exp(−τ β s / (1 + s t_w))                 the wall distributed along the pipe with the
                                                        finite water-side film (Schumann 1929):
                                                        β = c_w / (ρ c_p A), t_w = c_w / (h π d)
  + taylor    1 / (1 + (s + 1/τ_l) τ_f / N)^N           the C++ dispersion filter: N = 8 tanks,
                                                        τ_f = M_f / ṁ, M_f = (M/L) sqrt(2 N D L/u)
with τ = M/ṁ (τ_p = τ − τ_f), τ_l = ρ c_p A / U', D = 10.1 (d/2) u sqrt(f/8) (Taylor 1954), f and
h (Gnielinski) at 35 °C. Initial state: uniform at the first measured outlet. Water properties
are constants near 35 °C (the C++ harness takes them at 35.5 °C); the lumped variant reproduces
the C++ plug-flow figures within 0.01 K except 160104_2 (0.021 K): the convolution of the inlet's
excess over the initial outlet treats the uniform initial pipe as steady, leaving out the initial
water's loss. tools/ulg_wall_time_study.py (time domain) has no such shortcut.

    /usr/bin/python3 tools/ulg_wall_study.py [SOURCE_DIR]      (needs python3-numpy)
"""
import csv
import os
import sys

import numpy as np

CASES = ["150801", "151202", "151204_1", "151204_2", "151204_4", "160104_2", "160118_1"]
LENGTH, DIAMETER = 39.0, 0.05248                   # m
AREA = np.pi / 4 * DIAMETER ** 2                   # m²
LOSS = 1 / 2.164                                   # U' [W/(m K)]
WALL = 2763.0                                      # c_w [J/(m K)]
AMBIENT = 18.0                                     # °C
RHO, CP, CONDUCTIVITY = 994.0, 4178.0, 0.62        # water near 35 °C: kg/m³, J/(kg K), W/(m K)
TANKS = 8


def viscosity(t_c):
    """Dynamic viscosity of water [Pa s] (Vogel)."""
    return 2.414e-5 * 10 ** (247.8 / (t_c + 273.15 - 140))


def film_and_friction(flow):
    mu = viscosity(35.0)
    re = flow * DIAMETER / (AREA * mu)
    pr = mu * CP / CONDUCTIVITY
    f = (0.79 * np.log(re) - 1.64) ** -2
    nu = (f / 8) * (re - 1000) * pr / (1 + 12.7 * np.sqrt(f / 8) * (pr ** (2 / 3) - 1))
    return nu * CONDUCTIVITY / DIAMETER, f


def load(source, case):
    with open(os.path.join(source, "validation", "ulg", f"ulg_{case}.csv"), newline="") as f:
        rows = list(csv.DictReader(f))
    col = lambda k: np.array([float(r[k]) for r in rows])
    return col("time_s"), col("mass_flow_kg_s"), col("T_water_in_degC"), col("T_water_out_degC")


def rmse(source, case, wall, taylor):
    t, flows, t_in, t_out = load(source, case)
    flow = flows[0]                                # one constant value per file (README §3)
    dt = 0.05
    n = int(np.ceil(t[-1] / dt)) + 2
    grid = np.arange(n) * dt
    inlet = np.interp(grid, t, t_in) - AMBIENT
    start = t_out[0] - AMBIENT
    size = 1 << int(np.ceil(np.log2(2 * n + 20000)))
    s = 2j * np.pi * np.fft.rfftfreq(size, dt)
    mass = RHO * AREA * LENGTH
    tau, tau_loss = mass / flow, RHO * CP * AREA / LOSS
    h, f = film_and_friction(flow)
    velocity = flow / (RHO * AREA)
    filter_time = 0.0
    g = np.ones_like(s)
    if taylor:
        dispersion = 10.1 * DIAMETER / 2 * velocity * np.sqrt(f / 8)
        filter_mass = min(0.5 * mass, mass / LENGTH * np.sqrt(2 * TANKS * dispersion * LENGTH / velocity))
        filter_time = filter_mass / flow
        g = (1 + (s + 1 / tau_loss) * filter_time / TANKS) ** -TANKS
    g = g * np.exp(-(tau - filter_time) * (s + 1 / tau_loss))
    if wall == "lumped":
        g = g / (1 + s * WALL * LENGTH / (2 * flow * CP)) ** 2
    else:
        beta, t_w = WALL / (RHO * CP * AREA), WALL / (h * np.pi * DIAMETER)
        g = g * np.exp(-tau * beta * s / (1 + s * t_w))
    out = np.fft.irfft(np.fft.rfft(inlet - start, size) * g, size)[:n] + start + AMBIENT
    sim = np.interp(t, grid, out)
    return float(np.sqrt(np.mean((sim - t_out) ** 2)))


def main():
    source = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..")
    print(f"{'variant':40} " + " ".join(f"{c:>8}" for c in CASES) + "     mean      max")
    for wall in ("lumped", "distributed"):
        for taylor in (False, True):
            r = [rmse(source, c, wall, taylor) for c in CASES]
            name = f"plug + {wall} wall" + (" + Taylor filter" if taylor else "")
            print(f"{name:40} " + " ".join(f"{x:8.3f}" for x in r) +
                  f" {np.mean(r):8.3f} {max(r):8.3f}")


if __name__ == "__main__":
    main()
