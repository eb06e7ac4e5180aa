#!/usr/bin/python3
"""Plots of the validation suite (docs/validation/*.csv written by heatnet_validate)."""
import csv
import sys
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

CASES = ["150801", "151202", "151204_1", "151204_2", "151204_4", "160104_2", "160118_1"]


def read(path):
    with open(path, newline="") as f:
        rows = list(csv.DictReader(f))
    text = ("study", "advection", "check", "variant", "path", "case")
    return {k: [float(r[k]) if k not in text else r[k] for r in rows]
            for k in rows[0]}


def main(out):
    out = Path(out)
    fig, axes = plt.subplots(4, 2, figsize=(12, 14))
    for ax, case in zip(axes.flat, CASES):
        d = read(out / f"ulg_{case}.csv")
        ax.plot(d["time_s"], d["inlet_C"], color="0.7", label="inlet (measured, BC)")
        ax.plot(d["time_s"], d["outlet_measured_C"], "k.", ms=3, label="outlet measured")
        ax.plot(d["time_s"], d["outlet_wall_C"], "C0", label="sim, wall, 1 m cells, MUSCL")
        ax.plot(d["time_s"], d["outlet_wall_converged_C"], "C3-.", lw=1,
                label="sim, wall, 0.25 m, converged")
        ax.plot(d["time_s"], d["outlet_nowall_C"], "C1--", lw=1, label="sim, no wall")
        ax.plot(d["time_s"], d["outlet_wall_20m_C"], "C2:", lw=1, label="sim, wall, 20 m cells")
        ax.set_title(f"ULg {case}")
        ax.set_xlabel("t [s]")
        ax.set_ylabel("T [°C]")
    axes.flat[0].legend(fontsize=7)
    axes.flat[-1].axis("off")
    fig.tight_layout()
    fig.savefig(out / "ulg_cases.png", dpi=90)

    fr = read(out / "front_sharpness.csv")
    cv = read(out / "convergence.csv")
    fig, (a, b, c) = plt.subplots(1, 3, figsize=(15, 4.5))
    for scheme in ("muscl", "koren", "superbee", "upwind"):
        idx = [i for i, s in enumerate(fr["advection"]) if s == scheme]
        a.loglog([fr["cell_length_m"][i] for i in idx], [fr["rise_share_pct"][i] for i in idx],
                 "o-", label=scheme)
        idx = [i for i, (s, st) in enumerate(zip(cv["advection"], cv["study"]))
               if s == scheme and st == "cell_length"]
        b.loglog([cv["cell_length_m"][i] for i in idx], [cv["max_error_K"][i] for i in idx],
                 "o-", label=scheme)
    a.axhline(5, color="r", ls="--", label="target 5 %")
    a.set_xlabel("cell length [m]")
    a.set_ylabel("10–90 % rise / transit time [%]")
    a.set_title("Front sharpness, DN100 1 km 2 kg/s")
    a.legend()
    b.set_xlabel("cell length [m]")
    b.set_ylabel("max |T_sim − T_exact| [K]")
    b.set_title("Smooth transport, rtol 1e-6")
    b.legend()
    idx = [i for i, st in enumerate(cv["study"]) if st == "tolerance"]
    c.semilogx([cv["relative_tolerance"][i] for i in idx], [cv["max_error_K"][i] for i in idx],
               "o-")
    c.set_xlabel("relative tolerance")
    c.set_ylabel("max error [K] (MUSCL 20 m, atol 0.01 K)")
    c.set_title("Tolerance study")
    fig.tight_layout()
    fig.savefig(out / "convergence.png", dpi=90)


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "docs/validation")
