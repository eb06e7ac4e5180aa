#!/usr/bin/env python3
"""Prints the key KPIs of several heatnet result files side by side.

Usage: /usr/bin/python3 tools/kpi_table.py [--markdown] [--all] FILE.h5 [FILE.h5 ...]

Reads the scalar datasets of the /kpis group of each file (value, attributes `units` and
`long_name`). Columns are the files (named by their stem, without a leading "saint-omer-"),
rows the key KPIs (all of them with --all) and each source's full-load hours; a KPI a file does
not have is shown as "-".
"""
import math
import os
import sys

import h5py

# Key KPIs, in this order; the per-source full_load_hours_<ID> follow.
KEY = [
    "heat_demand", "heat_delivered", "unmet_heat", "unmet_hours", "heat_from_sources",
    "waste_heat", "waste_heat_share", "waste_heat_over_delivered", "backup_heat",
    "backup_hours", "gas_fuel", "pipe_losses", "pipe_losses_share", "heat_pump_electricity",
    "pump_electricity", "co2_emitted", "co2_avoided", "co2_per_mwh", "energy_cost_per_mwh",
    "capital_cost_per_mwh", "heat_cost_per_mwh", "energy_balance_residual_relative",
    "simulated_years",
]


def read_kpis(path):
    """{name: (value, unit, description)} of the /kpis group of `path`."""
    out = {}
    with h5py.File(path, "r") as f:
        if "kpis" not in f:
            sys.exit(f"{path}: not a heatnet result file (no /kpis group)")
        for name, ds in f["kpis"].items():
            def attr(key):
                v = ds.attrs.get(key, "")
                return v.decode() if isinstance(v, bytes) else str(v)
            out[name] = (float(ds[()]), attr("units"), attr("long_name"))
    return out


def column_name(path):
    stem = os.path.splitext(os.path.basename(path))[0]
    return stem[len("saint-omer-"):] if stem.startswith("saint-omer-") else stem


def fmt(value):
    if value is None:
        return "-"
    if value != 0 and (abs(value) < 0.01 or abs(value) >= 1e7):
        return f"{value:.3e}"
    return f"{value:.2f}"


def main(argv):
    markdown = "--markdown" in argv
    show_all = "--all" in argv
    files = [a for a in argv if not a.startswith("--")]
    if not files:
        sys.exit(__doc__)
    tables = [read_kpis(p) for p in files]
    names = list(dict.fromkeys(n for t in tables for n in t))
    if show_all:
        rows = [n for n in names if not n.startswith("full_load_hours_")]
    else:
        rows = [n for n in KEY if any(n in t for t in tables)]
    rows += sorted(n for n in names if n.startswith("full_load_hours_"))

    def meta(name):
        for t in tables:
            if name in t:
                return t[name][1], t[name][2]
        return "", ""

    header = ["KPI", "unit"] + [column_name(p) for p in files]
    body = []
    for name in rows:
        unit, _ = meta(name)
        values = [t[name][0] if name in t and not math.isnan(t[name][0]) else None for t in tables]
        body.append([name, unit] + [fmt(v) for v in values])
    if markdown:
        print("| " + " | ".join(header) + " |")
        print("| --- | --- |" + " ---: |" * len(files))
        for line in body:
            print("| " + " | ".join(line) + " |")
    else:
        widths = [max(len(r[i]) for r in [header] + body) for i in range(len(header))]
        for line in [header] + body:
            cells = [line[0].ljust(widths[0]), line[1].ljust(widths[1])]
            cells += [c.rjust(w) for c, w in zip(line[2:], widths[2:])]
            print("  ".join(cells))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
