#!/usr/bin/python3
"""The pipe wall on the Liège (ULg) bench with exact plug flow, in the time domain: a study
independent of the C++ code (docs/validation.md, "Plug flow on the Liège bench"). The sibling
tools/ulg_wall_study.py does the same at constant h in the frequency domain; this one has what a
transfer function cannot: the film coefficient at each place's own water temperature.

Water: exact plug flow as Lagrangian parcels of mass m_p = ρ A δ (δ = Δx / m, m parcels per wall
cell). A step moves the water by one parcel, so it lasts dt = m_p / ṁ with ṁ the measured flow
at the step (the bench's flow is constant in each file, README §3, but nothing here assumes it);
the parcel that enters carries the exact mean of the measured inlet (linear between samples)
over the step, the parcel that leaves is the outlet over the step. Transport is exact: a parcel
leaves exactly M / ṁ after it entered.

Wall: cells of length Δx fixed along the pipe, heat capacity c_w Δx [J/K], each exchanging with
the parcels inside it through the water-side film and losing to ambient as the C++ models do:
    m_p c_p dT_p/dt = h(T_p, T_w) π d δ (T_w − T_p)                              (each parcel)
    c_w Δx dT_w/dt = Σ_p h(T_p, T_w) π d δ (T_p − T_w) − U' Δx (T_w − T_a)        (each cell)
h = Gnielinski at the parcel's water temperature blended into laminar Nu = 3.66 over Re
2300–3000, times the liquid correction (Pr(T_p) / Pr(T_w))^0.11: the correlation of
models/Pipe.cpp, with the water properties of models/Water.cpp (ported below). U' = 1/R' from the
wall to ambient (R' = insulation + outer film, README §4). Each step integrates the exchange with
the trapezoidal rule, h frozen at the step's start; the wall update is solved exactly for that
scheme, so the heat the water gives up is the heat the wall takes (energy exact to round-off).
ρ and c_p of the water are the C++ harness's (water at 35.5 °C, the mean design temperature).

Variants:
  lumped       the C++ plug-flow model: the water loses U' (T − T_a) directly (exact decay per
               step), the wall is two adiabatic mixing volumes of C_w L / 2 at the ends (exact
               solution per step). Validates the tool against build/heatnet_tests.
  distributed  the wall in cells along the pipe as above (film per parcel at its temperature).
  constant-h   distributed, but h at 35 °C without the liquid correction: the frequency-domain
               study's Schumann model, which this must reproduce (a second check of the tool).
  + Taylor     the C++ dispersion filter: N = 8 tanks of M_f / N at the outlet, M_f = (M / L)
               sqrt(2 N D L / u), D = 10.1 (d/2) u sqrt(f/8) at the initial temperature, the plug
               shortened by M_f (here: the outlet passed through the tanks, advanced by M_f / ṁ).
Initial state: water and wall uniform at the first measured outlet (as the C++ harness).
Nothing is fitted: every parameter is the bench's README's or a correlation's.

    /usr/bin/python3 tools/ulg_wall_time_study.py [SOURCE_DIR] [--sensitivity]   (python3-numpy)
"""
import os
import sys

import numpy as np

from ulg_wall_study import AMBIENT, AREA, CASES, DIAMETER, LENGTH, LOSS, TANKS, WALL, load


def poly(c, x):
    return sum(ci * x ** i for i, ci in enumerate(c))


def reduced(t_c):
    return np.clip(t_c, 0.0, 150.0) / 100.0


def density(t_c):
    return poly([999.91463937, 3.31025142574, -66.0504171541, 27.4476289335, -6.30849330464],
                reduced(t_c))


def specific_heat(t_c):
    return poly([4219.81695116, -327.115312389, 1002.02702311, -1545.60471368, 1367.84651708,
                 -612.516442262, 111.18417795], reduced(t_c))


def viscosity(t_c):
    return 1e-6 * np.exp(poly([7.48988071773, -3.41430251918, 2.97661432618, -2.27199468787,
                               1.07335115661, -0.213256934553], reduced(t_c)))


def conductivity(t_c):
    return poly([0.560621652609, 0.205532707959, -0.0665695897546, -0.0386551063782,
                 0.0185266538094], reduced(t_c))


RHO, CP = density(35.5), specific_heat(35.5)       # the C++ harness's constant ρ, c_p


def prandtl(t_c):
    return viscosity(t_c) * specific_heat(t_c) / conductivity(t_c)


def smooth_friction(re):
    return (0.79 * np.log(np.maximum(re, 3000.0)) - 1.64) ** -2


def film(flow, water_c, wall_c, correction=True):
    """h π d [W/(m K)]: Gnielinski/laminar blend at the water's temperature (models/Pipe.cpp)."""
    mu, k = viscosity(water_c), conductivity(water_c)
    pr = mu * specific_heat(water_c) / k
    reynolds = abs(flow) * DIAMETER / (AREA * mu)
    re = np.maximum(reynolds, 3000.0)
    f = smooth_friction(re)
    turbulent = (f / 8) * (re - 1000) * pr / (1 + 12.7 * np.sqrt(f / 8) * (pr ** (2 / 3) - 1))
    w = np.clip((reynolds - 2300) / 700, 0.0, 1.0)
    nusselt = np.where(reynolds > 2300, (1 - w) * 3.66 + w * turbulent, 3.66)
    h = nusselt * k / DIAMETER
    if correction:
        h = h * (prandtl(water_c) / prandtl(wall_c)) ** 0.11
    return h * np.pi * DIAMETER


class InletMean:
    """Exact mean over [a, b] of the linear interpolant of the samples (held after the last)."""

    def __init__(self, t, y):
        self.t = np.append(t, t[-1] + 1e7)
        self.y = np.append(y, y[-1])
        seg = np.diff(self.t) * 0.5 * (self.y[1:] + self.y[:-1])
        self.cum = np.concatenate([[0.0], np.cumsum(seg)])
        self.slope = np.diff(self.y) / np.diff(self.t)

    def integral(self, x):
        i = min(max(int(np.searchsorted(self.t, x, side="right")) - 1, 0), len(self.slope) - 1)
        u = x - self.t[i]
        return self.cum[i] + u * (self.y[i] + 0.5 * self.slope[i] * u)

    def mean(self, a, b):
        return (self.integral(b) - self.integral(a)) / (b - a)


def filter_time(flow, start_c):
    """M_f / ṁ [s] of the C++ dispersion filter (models/PlugFlowPipe.cpp)."""
    mass = RHO * AREA * LENGTH
    velocity = flow / (RHO * AREA)
    reynolds = flow * DIAMETER / (AREA * viscosity(start_c))
    dispersion = 10.1 * DIAMETER / 2 * velocity * np.sqrt(smooth_friction(reynolds) / 8)
    return min(0.5 * mass, mass / LENGTH * np.sqrt(2 * TANKS * dispersion * LENGTH / velocity)) / flow


def through_tanks(dt, values, tank_time, start):
    """Interval means `values` (each lasting dt) through N tanks of `tank_time` [s] each."""
    tanks = np.full(TANKS, start)
    out = np.empty_like(values)
    e = np.exp(-dt / tank_time)
    g = (1 - e) * tank_time / dt
    for i, u in enumerate(values):
        for k in range(TANKS):
            mean = u + (tanks[k] - u) * g
            tanks[k] = u + (tanks[k] - u) * e
            u = mean
        out[i] = u
    return out


def first_order(dt, values, time_constant, start):
    """Interval means through one first-order lag of `time_constant` [s] (a sensor)."""
    out = np.empty_like(values)
    state = start
    e = np.exp(-dt / time_constant)
    g = (1 - e) * time_constant / dt
    for i, u in enumerate(values):
        out[i] = u + (state - u) * g
        state = u + (state - u) * e
    return out


def simulate(source, case, wall, cell_m=0.25, parcels=4, taylor=False, ambient=AMBIENT,
             wall_capacity=WALL, entrance=False, sensor_s=0.0):
    """Outlet [°C] at the measured time stamps; the largest energy-balance residual [J].
    Sensitivity options (none is the default model): `ambient` [°C], `wall_capacity` [J/(m K)],
    `entrance` (Gnielinski's developing-flow factor on the film, the local form of VDI G1's
    Nu_m = Nu (1 + (d/L)^(2/3)): Nu_x = Nu (1 + (d/x)^(2/3) / 3), averaged over each parcel),
    `sensor_s` (a first-order outlet sensor of that time constant [s])."""
    t, flows, t_in, t_out = load(source, case)
    inlet = InletMean(t, t_in)
    start = t_out[0]
    cells = int(round(LENGTH / cell_m)) if wall != "lumped" else 1
    n_parcels = cells * parcels if wall != "lumped" else int(round(LENGTH / cell_m)) * parcels
    parcel_mass = RHO * AREA * LENGTH / n_parcels
    parcel_cap = parcel_mass * CP                                   # J/K
    delta = LENGTH / n_parcels                                      # m
    cell_of = np.repeat(np.arange(cells), n_parcels // cells)
    wall_cap = wall_capacity * LENGTH / cells                                # J/K per cell (distributed)
    loss_cond = LOSS * LENGTH / cells                               # W/K per cell
    volume_cap = wall_capacity * LENGTH / 2                                  # J/K per end volume (lumped)
    tau_loss = RHO * CP * AREA / LOSS
    shift = filter_time(flows[0], start) if taylor else 0.0
    end = t[-1] + shift + 5.0
    edges = np.arange(n_parcels + 1) * delta
    developing = 1 + DIAMETER ** (2 / 3) * np.diff(edges ** (1 / 3)) / delta if entrance else 1.0
    water = np.full(n_parcels, start)
    walls = np.full(cells, start)
    volumes = [start, start]
    times, outlet = [], []
    energy_in = energy_out = energy_lost = 0.0
    stored0 = parcel_cap * water.sum() + (wall_cap * walls.sum() if wall != "lumped"
                                          else volume_cap * sum(volumes))
    residual = 0.0
    now = 0.0
    while now < end:
        flow = float(np.interp(now, t, flows))
        dt = parcel_mass / flow
        entering = inlet.mean(now, now + dt)
        energy_in += parcel_cap * entering
        if wall == "lumped":
            rate = flow * CP / volume_cap
            e = np.exp(-rate * dt)
            g = (1 - e) / (rate * dt)
            into_plug = entering + (volumes[0] - entering) * g
            volumes[0] = entering + (volumes[0] - entering) * e
            decay = np.exp(-dt / tau_loss)
            before = water.sum()
            water = ambient + (water - ambient) * decay
            energy_lost += parcel_cap * (before - water.sum())
            leaving = water[-1]
            out = leaving + (volumes[1] - leaving) * g
            volumes[1] = leaving + (volumes[1] - leaving) * e
            water = np.concatenate([[into_plug], water[:-1]])
            stored = parcel_cap * water.sum() + volume_cap * sum(volumes)
        else:
            cell_wall = walls[cell_of]
            if wall == "constant-h":
                conductance = film(flow, 35.0, 35.0, correction=False) * delta * np.ones_like(water)
            else:
                conductance = film(flow, water, cell_wall) * delta * developing  # W/K per parcel
            gdt = conductance * dt
            alpha = (parcel_cap - gdt / 2) / (parcel_cap + gdt / 2)
            beta = (gdt / 2) / (parcel_cap + gdt / 2)
            s1 = np.bincount(cell_of, parcel_cap * beta, cells)
            s2 = np.bincount(cell_of, parcel_cap * (1 - alpha) * water, cells)
            new_walls = (wall_cap * walls + s2 - s1 * walls - dt * loss_cond * (walls / 2 - ambient)) \
                / (wall_cap + s1 + dt * loss_cond / 2)
            energy_lost += dt * loss_cond * ((new_walls + walls) / 2 - ambient).sum()
            water = alpha * water + beta * (new_walls + walls)[cell_of]
            walls = new_walls
            out = water[-1]
            water = np.concatenate([[entering], water[:-1]])
            stored = parcel_cap * water.sum() + wall_cap * walls.sum()
        energy_out += parcel_cap * out
        residual = max(residual, abs(energy_in - energy_out - energy_lost - (stored - stored0)))
        times.append(now + dt / 2)
        outlet.append(out)
        now += dt
    times, outlet = np.array(times), np.array(outlet)
    if taylor:
        # Constant flow in every file: a uniform step, so the tanks run on the outlet series.
        dt = np.diff(times).mean()
        outlet = through_tanks(dt, outlet, shift / TANKS, start)
        times = times - shift
    if sensor_s > 0:
        dt = np.diff(times).mean()
        outlet = first_order(dt, outlet, sensor_s, start)
    sim = np.interp(t, np.concatenate([[0.0], times]), np.concatenate([[start], outlet]))
    return sim, t_out, residual


def crossing(t, y, level):
    """First time y rises through `level`, linear between samples [s]."""
    i = int(np.argmax((y[:-1] < level) & (y[1:] >= level)))
    return t[i] + (level - y[i]) / (y[i + 1] - y[i]) * (t[i + 1] - t[i])


def front_shift(source, case, **kw):
    """t50,sim − t50,meas of the rising front at the measured stamps [s] (level: midpoint of the
    first and the highest measured outlet, as bench/ValidationCases.cpp)."""
    t = load(source, case)[0]
    sim, meas, _ = simulate(source, case, **kw)
    level = 0.5 * (meas[0] + meas.max())
    return crossing(t, sim, level) - crossing(t, meas, level)


def rmse(source, case, **kw):
    sim, meas, _ = simulate(source, case, **kw)
    return float(np.sqrt(np.mean((sim - meas) ** 2)))


def row(name, source, **kw):
    r = [rmse(source, c, **kw) for c in CASES]
    print(f"{name:52} " + " ".join(f"{x:8.3f}" for x in r) + f" {np.mean(r):8.3f} {max(r):8.3f}",
          flush=True)
    return r


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    source = args[0] if args else os.path.join(os.path.dirname(__file__), "..")
    print(f"{'variant':52} " + " ".join(f"{c:>8}" for c in CASES) + "     mean      max")
    if "--sensitivity" in sys.argv:
        # Inputs the sources leave open (README §3–4) and physics not in the model, each on top
        # of the converged distributed wall with the Taylor filter; none is adopted.
        base = dict(wall="distributed", cell_m=0.25, parcels=4, taylor=True)
        row("distributed + Taylor (0.25 m): the reference", source, **base)
        row("  ambient 22 °C (the Modelica model's)", source, **base, ambient=22.0)
        row("  wall 7800 × 480 J/(m³ K) (the documentation's)", source, **base,
            wall_capacity=WALL * 7800 * 480 / (8000 * 500))
        row("  + developing film (Gnielinski entrance)", source, **base, entrance=True)
        for sensor in (2.0, 5.0):
            row(f"  + outlet sensor, first order {sensor:g} s", source, **base, sensor_s=sensor)
        return
    for taylor in (False, True):
        tag = " + Taylor" if taylor else ""
        row("lumped wall (C++ plug flow), 0.25 m parcels" + tag, source, wall="lumped",
            cell_m=0.25, parcels=1, taylor=taylor)
        row("constant h (35 °C), 0.25 m cells" + tag, source, wall="constant-h", cell_m=0.25,
            parcels=4, taylor=taylor)
        for cell in (1.0, 0.5, 0.25):
            row(f"distributed, local film, {cell} m cells" + tag, source, wall="distributed",
                cell_m=cell, parcels=max(1, int(round(cell / 0.0625))), taylor=taylor)
    shifts = [front_shift(source, c, wall="distributed", cell_m=0.25, parcels=4, taylor=True)
              if c != "160104_2" else None for c in CASES]      # 160104_2: a ramp, no front
    print(f"{'front shift t50 [s], distributed + Taylor 0.25 m':52} " +
          " ".join(f"{x:8.1f}" if x is not None else f"{'ramp':>8}" for x in shifts))
    worst = max(simulate(source, c, wall="distributed", cell_m=1.0, parcels=4)[2] for c in CASES)
    print(f"largest energy-balance residual (distributed, 1 m): {worst:.3e} J")


if __name__ == "__main__":
    main()
