#!/usr/bin/python3
"""Checks the time convention of a heatnet result file the way xarray users meet it.

Usage: check_time_bounds.py FILE DAYS MONTHS

Every group with a `time` axis has CF `time_bnds` (its `bounds` attribute) and every series a
`cell_methods` attribute ("time: mean" for powers, "time: point" otherwise). The recipe of
docs/output.md (label each step by the start of its interval, then resample) gives DAYS daily and
MONTHS monthly sums of the delivered heat, whose total equals the KPI `heat_delivered` (MWh).
Prints what falls short and exits 1; exits 0 when all is well.
"""
import sys

import h5py
import numpy as np
import xarray as xr

path, days, months = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
problems = []


def expect(condition, message):
    if not condition:
        problems.append(message)


with h5py.File(path, "r") as f:
    kpi = float(f["kpis/heat_delivered"][()])
    for name, group in f.items():
        if (not isinstance(group, h5py.Group) or "time" not in group
                or group["time"].attrs.get("CLASS") != b"DIMENSION_SCALE"):
            continue  # no time axis (e.g. /warnings, whose `time` says when each one was)
        expect(group["time"].attrs.get("bounds") == "time_bnds",
               f"{name}/time has no bounds attribute 'time_bnds'")
        expect("time_bnds" in group, f"{name} has no time_bnds")
        for series_name, series in group.items():
            if (isinstance(series, h5py.Dataset) and series.ndim >= 1
                    and series_name not in ("time", "time_bnds")
                    and series.dims[0] and series.dims[0][0].name.endswith("/time")):
                method = series.attrs.get("cell_methods")
                expected = "time: mean" if series.attrs.get("units") == "W" else "time: point"
                expect(method == expected,
                       f"{name}/{series_name}: cell_methods {method!r}, expected {expected!r}")

network = xr.open_dataset(path, group="network", engine="h5netcdf")
expect(np.issubdtype(network.time_bnds.dtype, np.datetime64), "time_bnds is not decoded to dates")
step_h = (network.time_bnds[:, 1] - network.time_bnds[:, 0]) / np.timedelta64(1, "h")
expect(bool((network.time_bnds[:, 1] == network.time).all()), "time is not the end of its bounds")
# The recipe: label each mean power by the start of its interval, energy = power x step.
energy_MWh = (network.heat_delivered * step_h / 1e6).assign_coords(time=network.time_bnds[:, 0])
daily = energy_MWh.resample(time="1D").sum()
monthly = energy_MWh.resample(time="1MS").sum()
expect(daily.sizes["time"] == days, f"{daily.sizes['time']} daily sums, expected {days}")
expect(monthly.sizes["time"] == months, f"{monthly.sizes['time']} monthly sums, expected {months}")
expect(abs(float(monthly.sum()) - kpi) <= 1e-6 * kpi,
       f"monthly sums {float(monthly.sum())} MWh, KPI heat_delivered {kpi} MWh")
expect(abs(float(daily.sum()) - kpi) <= 1e-6 * kpi,
       f"daily sums {float(daily.sum())} MWh, KPI heat_delivered {kpi} MWh")
# Without the recipe the last step (ending at midnight) opens one day / month too many.
naive = (network.heat_delivered * step_h / 1e6).resample(time="1D").sum()
expect(naive.sizes["time"] == days + 1, "the end-labelled series should spill into one more day")

if problems:
    print("\n".join(problems))
    sys.exit(1)
print(f"ok: time_bnds and cell_methods in {path}; {days} days, {months} months, "
      f"sum {float(monthly.sum()):.6f} MWh = KPI {kpi:.6f} MWh")
