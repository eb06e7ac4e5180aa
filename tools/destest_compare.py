#!/usr/bin/python3
"""Compare a heatnet DESTEST CE_1 result with the IBPSA peer results.

    /usr/bin/python3 tools/destest_compare.py RESULT.h5 [--check] [--csv OUT.csv]
        [--metrics docs/destest/metrics.csv] [--plots docs/destest] [--network0 RESULT0.h5]
    /usr/bin/python3 tools/destest_compare.py --selftest

RESULT.h5 is a run of scenarios/destest-network1.yaml. Writes the DESTEST CSV (673 rows:
elapsed time [s], heat injection [W], heat losses [W], critical temperature [K], critical
pressure drop [Pa]), the KPIs (NMBE, hourly CVRMSE, daily-amplitude CVRMSE) of heatnet and of
every peer against the point-wise mean of the accepted peers, and plots. With --check, exits 1
if an issue-5 target fails:
  * injection NMBE within +-1 % of the mean of AixLib/Buildings/IBPSA,
  * mean losses within 3184-3406 W (the peers' range),
  * mean critical temperature within 314.6-317.6 K (the peers' range).

Definitions (see docs/destest.md):
  * heat injection = network/heat_from_sources, heat losses = network/pipe_losses (all 48
    pipes); heatnet stores means over the step ending at t, the peers values at t, so the
    value at t is taken as the mean of the two adjacent step means (--step-means: raw),
  * critical temperature = min over substations of substations/supply_temperature (instant.),
  * critical pressure drop = network/pump_head - the plant's differential pressure set point,
    i.e. the pressure drop of supply + return along the worst path (reported, not compared),
  * row 0 (t = 0) is synthesised from the initial state: injection = 16 x Q(0) (as Buildings
    and IBPSA report), losses = sum U'L[(T_s0 - T_g) + (T_r0 - T_g)], T_crit = T_s0, dp as row 1.
"""
import argparse
import csv
import os
import sys

import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DATA = os.path.join(ROOT, "validation", "destest")
PEERS = os.path.join(DATA, "peer_results")
STEP = 900.0
NROWS = 673
VARS = ["Q_injection", "Q_losses", "T_critical", "dp_critical"]
UNITS = {"Q_injection": "W", "Q_losses": "W", "T_critical": "K", "dp_critical": "Pa"}
PEER_TOOLS = ["AixLib_Plug_Flow", "Buildings_Library_Dynamic_Pipe", "IBPSA_Library_Plug_Flow",
              "DIMOSIM_Dynamic_Pipe"]
ACCEPTED = ["AixLib_Plug_Flow", "Buildings_Library_Dynamic_Pipe", "IBPSA_Library_Plug_Flow"]
# Reference = point-wise mean of these (DIMOSIM's injection is 21 % short of the demand; its
# T_critical and dp columns are the mean of the other three, so they do not change the mean).
REF_TOOLS = {"Q_injection": ACCEPTED, "Q_losses": PEER_TOOLS, "T_critical": ACCEPTED,
             "dp_critical": ACCEPTED}
TARGETS = {"injection_nmbe_pct": (-1.0, 1.0), "losses_mean_W": (3184.0, 3406.0),
           "tcrit_mean_K": (314.6, 317.6)}


def read_peer(tool):
    a = np.loadtxt(os.path.join(PEERS, f"{tool}_Network_1.csv"), delimiter=",", skiprows=1)
    assert a.shape == (NROWS, 5), (tool, a.shape)
    return {"time": a[:, 0], "Q_injection": a[:, 1], "Q_losses": a[:, 2], "T_critical": a[:, 3],
            "dp_critical": a[:, 4]}


# --- KPIs as the DESTEST comparison tool computes them --------------------------------------
def nmbe(case, ref):
    return float(np.sum(case - ref) / np.sum(ref) * 100.0)


def _groups(time, period):
    """Index groups of a pandas-like resample (bins [k*period, (k+1)*period))."""
    keys = np.floor(time / period + 1e-9).astype(int)
    return [np.where(keys == k)[0] for k in np.unique(keys)]


def cvrmse_hourly(time, case, ref):
    diff = case - ref
    hourly = np.array([diff[g].mean() for g in _groups(time, 3600.0)])
    return float(np.sqrt(np.mean(hourly ** 2)) / np.mean(ref) * 100.0)


def cvrmse_daily_amplitude(time, case, ref):
    gs = _groups(time, 86400.0)
    amp_c = np.array([case[g].max() - case[g].min() for g in gs])
    amp_r = np.array([ref[g].max() - ref[g].min() for g in gs])
    return float(np.sqrt(np.mean((amp_c - amp_r) ** 2)) / np.mean(amp_r) * 100.0)


def kpis(time, case, ref):
    return nmbe(case, ref), cvrmse_hourly(time, case, ref), cvrmse_daily_amplitude(time, case, ref)


def selftest():
    """Reproduce validation/destest/results_kpis.csv (reference: mean of all 4 files)."""
    peers = {t: read_peer(t) for t in PEER_TOOLS}
    time = peers[PEER_TOOLS[0]]["time"]
    expected = {}
    path = os.path.join(DATA, "results_kpis.csv")
    if not os.path.exists(path):
        path = "/work/shared/validation/destest/results_kpis.csv"
    with open(path) as f:
        for r in csv.DictReader(f):
            if r["exercise"] == "Network_1":
                expected[(r["variable"], r["tool"])] = tuple(
                    float(r[k]) for k in ("NMBE_pct", "hourly_CVRMSE_pct", "daily_amplitude_CVRMSE_pct"))
    worst = 0.0
    for v in ["Q_injection", "Q_losses", "T_critical"]:
        ref = np.mean([peers[t][v] for t in PEER_TOOLS], axis=0)
        for t in PEER_TOOLS:
            got = kpis(time, peers[t][v], ref)
            exp = expected[(v, t)]
            err = max(abs(g - e) for g, e in zip(got, exp))
            worst = max(worst, err)
            print(f"{v:12s} {t:32s} got {got[0]:8.2f} {got[1]:8.2f} {got[2]:8.2f}  "
                  f"expected {exp[0]:8.2f} {exp[1]:8.2f} {exp[2]:8.2f}")
    print(f"largest difference {worst:.3f} percentage points")
    return 0 if worst < 0.02 else 1


# --- heatnet result -----------------------------------------------------------------------

def load_result(path):
    import h5py
    with h5py.File(path, "r") as f:
        t_h = np.asarray(f["network/time"][...], dtype=float)
        inj = np.asarray(f["network/heat_from_sources"][...], dtype=float)
        loss = np.asarray(f["network/pipe_losses"][...], dtype=float)
        head = np.asarray(f["network/pump_head"][...], dtype=float)
        tsup = np.asarray(f["substations/supply_temperature"][...], dtype=float)
        demand = np.asarray(f["network/heat_demand"][...], dtype=float)
        scenario = f["metadata/scenario"][()]
        if isinstance(scenario, bytes):
            scenario = scenario.decode()
        scenario = str(scenario)
    if tsup.ndim == 2 and tsup.shape[0] != t_h.size:
        tsup = tsup.T
    return {"t_s": t_h * 3600.0, "inj": inj, "loss": loss, "head": head,
            "tcrit_K": tsup.min(axis=1) + 273.15, "demand": demand, "scenario": scenario}


def scenario_value(text, key, default):
    """A 'key: N unit' number from the scenario text (first match)."""
    import re
    m = re.search(rf"\b{key}:\s*\{{?\s*(?:supply:\s*)?([-0-9.eE]+)\s*(bar|Pa|kPa|degC)?", text)
    if not m:
        return default
    v = float(m.group(1))
    return v * {"bar": 1e5, "kPa": 1e3, "Pa": 1.0}.get(m.group(2) or "", 1.0)


def initial_row(res):
    """Row at t = 0 from the initial state (supply 50, return 30, ground 12 degC)."""
    text = res["scenario"]
    import re
    ts0 = tr0 = None
    m = re.search(r"initial:\s*\{supply:\s*([-0-9.]+)\s*degC,\s*return:\s*([-0-9.]+)\s*degC", text)
    if m:
        ts0, tr0 = float(m.group(1)), float(m.group(2))
    else:
        ts0, tr0 = 50.0, 30.0
    tg = 12.0
    ua = 0.0
    with open(os.path.join(DATA, "network.csv")) as f:
        for r in csv.DictReader(f):
            ua += float(r["length_m"]) * float(r["U_per_length_W_per_mK_derived"])
    loss0 = ua * ((ts0 - tg) + (tr0 - tg))
    demand = np.loadtxt(os.path.join(DATA, "demand.csv"), delimiter=",", skiprows=1, max_rows=1)
    inj0 = 16.0 * float(demand[2])
    return inj0, loss0, ts0 + 273.15


def point_values(means, raw=False):
    if raw:
        return means
    out = means.copy()
    out[:-1] = 0.5 * (means[:-1] + means[1:])
    return out


def destest_table(res, raw=False):
    t = res["t_s"]
    n = int(round(604800.0 / STEP))
    if t.size < n or abs(t[n - 1] - 604800.0) > 1e-6 or abs(t[0] - STEP) > 1e-6:
        raise SystemExit(f"destest_compare: expected output every 900 s from 900 s to 604800 s, "
                         f"got {t.size} rows from {t[0]} s to {t[-1]} s")
    dp_set = scenario_value(res["scenario"], "differential_pressure", 0.0)
    dp = res["head"][:n] - dp_set
    inj0, loss0, tcrit0 = initial_row(res)
    table = np.zeros((NROWS, 5))
    table[:, 0] = np.arange(NROWS) * STEP
    table[0, 1:] = [inj0, loss0, tcrit0, dp[0]]
    # heatnet stores powers as means over the step ending at t; the peers report values at t.
    # The value at t is estimated as the mean of the two adjacent step means (centred); the
    # last row keeps its step mean. (--step-means keeps the raw step means.)
    table[1:, 1] = point_values(res["inj"][:n], raw)
    table[1:, 2] = point_values(res["loss"][:n], raw)
    table[1:, 3] = res["tcrit_K"][:n]
    table[1:, 4] = dp
    assert np.all(np.isfinite(table))
    return table


def write_destest_csv(table, path):
    with open(path, "w") as f:
        f.write("Datetime,Qheat_injection_W,Qheat_losses_W,Critical_temp_K,Critical_press_drop_Pa\n")
        for row in table:
            f.write(f"{row[0]:.0f},{row[1]:.3f},{row[2]:.3f},{row[3]:.4f},{row[4]:.2f}\n")


def compare(table, metrics_path, plots_dir):
    peers = {t: read_peer(t) for t in PEER_TOOLS}
    time = table[:, 0]
    heat = {"Q_injection": table[:, 1], "Q_losses": table[:, 2], "T_critical": table[:, 3],
            "dp_critical": table[:, 4]}
    rows = []
    refs = {}
    for v in VARS:
        ref = np.mean([peers[t][v] for t in REF_TOOLS[v]], axis=0)
        refs[v] = ref
        for name, series in [("heatnet", heat[v])] + [(t, peers[t][v]) for t in PEER_TOOLS]:
            k = kpis(time, series, ref)
            flag = ""
            if name == "DIMOSIM_Dynamic_Pipe" and v != "Q_losses":
                flag = "flagged: not in the reference"
            if v == "dp_critical":
                flag = (flag + "; " if flag else "") + "definition differs between tools: not comparable"
            rows.append({"variable": v, "unit": UNITS[v], "tool": name,
                         "reference": "mean of " + "/".join(s.split("_")[0] for s in REF_TOOLS[v]),
                         "mean": float(np.mean(series)), "mean_days_2_7": float(np.mean(series[time >= 86400])),
                         "min": float(np.min(series)), "max": float(np.max(series)),
                         "NMBE_pct": k[0], "hourly_CVRMSE_pct": k[1],
                         "daily_amplitude_CVRMSE_pct": k[2], "note": flag})
    if metrics_path:
        os.makedirs(os.path.dirname(os.path.abspath(metrics_path)), exist_ok=True)
        with open(metrics_path, "w", newline="") as f:
            w = csv.DictWriter(f, fieldnames=list(rows[0].keys()))
            w.writeheader()
            for r in rows:
                w.writerow({k: (f"{x:.4g}" if isinstance(x, float) and k != "mean" else
                                (f"{x:.6g}" if isinstance(x, float) else x)) for k, x in r.items()})
    if plots_dir:
        plot(time, heat, peers, refs, plots_dir)
    return rows


def plot(time, heat, peers, refs, plots_dir):
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    os.makedirs(plots_dir, exist_ok=True)
    days = time / 86400.0
    titles = {"Q_injection": ("Heat injection", "kW", 1e-3), "Q_losses": ("Heat losses", "W", 1.0),
              "T_critical": ("Critical (lowest substation supply) temperature", "degC", None),
              "dp_critical": ("Critical pressure drop (definitions differ)", "kPa", 1e-3)}
    names = {"Q_injection": "injection", "Q_losses": "losses", "T_critical": "critical_temperature",
             "dp_critical": "critical_pressure_drop"}
    for v, (title, unit, scale) in titles.items():
        conv = (lambda x: x - 273.15) if scale is None else (lambda x, s=scale: x * s)
        fig, ax = plt.subplots(figsize=(11, 4.2))
        for t in PEER_TOOLS:
            ax.plot(days, conv(peers[t][v]), lw=0.8, alpha=0.8, label=t.replace("_", " "))
        ax.plot(days, conv(refs[v]), color="0.45", ls="--", lw=0.9, label="reference (peer mean)")
        ax.plot(days, conv(heat[v]), color="black", lw=1.5, label="heatnet")
        ax.set_xlabel("day")
        ax.set_ylabel(unit)
        ax.set_title(f"DESTEST CE_1 Network_1: {title}")
        ax.grid(alpha=0.3)
        ax.legend(fontsize=7, ncol=3)
        fig.tight_layout()
        fig.savefig(os.path.join(plots_dir, f"network1_{names[v]}.png"), dpi=110)
        plt.close(fig)


def check_targets(rows, peers_injection_nmbe=None):
    by = {(r["variable"], r["tool"]): r for r in rows}
    inj = by[("Q_injection", "heatnet")]["NMBE_pct"]
    loss = by[("Q_losses", "heatnet")]["mean"]
    tcrit = by[("T_critical", "heatnet")]["mean"]
    results = []
    for name, value in [("injection_nmbe_pct", inj), ("losses_mean_W", loss), ("tcrit_mean_K", tcrit)]:
        lo, hi = TARGETS[name]
        results.append((name, value, lo, hi, lo <= value <= hi))
    return results


# --- Network_0 ------------------------------------------------------------------------------
N0_TOOLS = ["Modelica_Buildings_AAU_Alessandro", "Modelica_Buildings_AAU_JL",
            "Modelica_Buildings_AAU_Martin", "SIM_VICUS", "TRNSYS_TUD_2021", "TRNSYS_TUD_2022"]


def network0(path, out_csv):
    import h5py
    peers = {}
    for t in N0_TOOLS:
        a = np.loadtxt(os.path.join(PEERS, f"{t}_Network_0.csv"), delimiter=",", skiprows=1)
        peers[t] = a[0]
    with open(os.path.join(PEERS, f"{N0_TOOLS[3]}_Network_0.csv")) as f:
        header = f.readline().strip().split(",")
    with h5py.File(path, "r") as f:
        subs = [s.decode() if isinstance(s, bytes) else str(s) for s in f["substations/substation"][...]]
        ts = np.asarray(f["substations/supply_temperature"][...])[-1]
        tr = np.asarray(f["substations/return_temperature"][...])[-1]
        plant_sup = float(np.asarray(f["plants/supply_temperature"][...])[-1].ravel()[0])
        plant_ret = float(np.asarray(f["plants/return_temperature"][...])[-1].ravel()[0])
        plant_flow = float(np.asarray(f["plants/mass_flow"][...])[-1].ravel()[0])
        q = float(np.asarray(f["network/heat_from_sources"][...])[-1])
        pipes = None
        if "pipes/pipe" in f:
            pipes = [s.decode() if isinstance(s, bytes) else str(s) for s in f["pipes/pipe"][...]]
            p_sout = np.asarray(f["pipes/supply_outlet_temperature"][...])[-1]
            p_rin = np.asarray(f["pipes/return_inlet_temperature"][...])[-1]
            p_rout = np.asarray(f["pipes/return_outlet_temperature"][...])[-1]
            p_sloss = np.asarray(f["pipes/supply_heat_loss"][...])[-1]
            p_sdp = np.asarray(f["pipes/supply_pressure_drop"][...])[-1]
            p_rdp = np.asarray(f["pipes/return_pressure_drop"][...])[-1]
    heat = {1: plant_flow * 3600.0, 5: plant_sup, 11: plant_ret, 18: q,
            10: ts[subs.index("SimpleDistrict_1")], 16: tr[subs.index("SimpleDistrict_1")]}
    if pipes:
        # supply node temperature at the downstream end of the feeding pipe; return at a
        # junction = the return pipe's outlet towards the plant.
        feed = {"h": "P04", "g": "P10", "f": "P09", "e": "P23"}
        for col, node in zip([6, 7, 8, 9], "hgfe"):
            heat[col] = p_sout[pipes.index(feed[node])]
        for col, node in zip([12, 13, 14, 15], "hgfe"):
            heat[col] = p_rout[pipes.index(feed[node])] if False else p_rin[pipes.index(feed[node])]
        heat[17] = p_sloss[pipes.index("P04")]
        # pressure drops summed along the paths (pipe ids of network.csv)
        heat[2] = sum(p_sdp[pipes.index(p)] for p in ["P04", "P10", "P09", "P23"])  # i-h-g-f-e
        heat[3] = sum(p_rdp[pipes.index(p)] for p in ["P15", "P19", "P14", "P06"])  # a-b-c-d-i
        heat[4] = p_rdp[pipes.index("P04")]  # i-h
    rows = []
    for col in range(1, len(header)):
        vals = np.array([peers[t][col] for t in N0_TOOLS])
        if col == 17:
            vals = vals[np.array(N0_TOOLS) != "TRNSYS_TUD_2021"]  # 0.446: kW, flagged
        h = heat.get(col)
        rows.append({"variable": header[col], "heatnet": "" if h is None else f"{h:.6g}",
                     "peer_min": f"{vals.min():.6g}", "peer_max": f"{vals.max():.6g}",
                     "peer_mean": f"{vals.mean():.6g}",
                     "heatnet_minus_mean": "" if h is None else f"{h - vals.mean():.4g}",
                     "within_range": "" if h is None else str(bool(vals.min() <= h <= vals.max()))})
    if out_csv:
        with open(out_csv, "w", newline="") as f:
            w = csv.DictWriter(f, fieldnames=list(rows[0].keys()))
            w.writeheader()
            w.writerows(rows)
    for r in rows:
        print(f"  {r['variable'][:55]:55s} heatnet {r['heatnet']:>10s}  peers {r['peer_min']:>10s} .. "
              f"{r['peer_max']:>10s}  in range: {r['within_range']}")
    return rows


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("result", nargs="?", help="heatnet result of scenarios/destest-network1.yaml")
    ap.add_argument("--check", action="store_true", help="exit 1 if an issue-5 target fails")
    ap.add_argument("--csv", help="DESTEST CSV to write (default: next to RESULT, .csv)")
    ap.add_argument("--metrics", help="metrics CSV to write (e.g. docs/destest/metrics.csv)")
    ap.add_argument("--plots", help="folder for the plots (e.g. docs/destest)")
    ap.add_argument("--network0", help="heatnet result of scenarios/destest-network0.yaml")
    ap.add_argument("--network0-csv", help="Network_0 comparison CSV to write")
    ap.add_argument("--step-means", action="store_true",
                    help="report heatnet's step-mean powers instead of centred point values")
    ap.add_argument("--selftest", action="store_true",
                    help="check the KPI code against validation/destest/results_kpis.csv")
    args = ap.parse_args()
    if args.selftest:
        return selftest()
    if args.network0:
        print(f"Network_0 ({args.network0}), steady state at the last output:")
        network0(args.network0, args.network0_csv)
    if not args.result:
        return 0
    res = load_result(args.result)
    table = destest_table(res, args.step_means)
    out_csv = args.csv or os.path.splitext(args.result)[0] + "_destest.csv"
    write_destest_csv(table, out_csv)
    rows = compare(table, args.metrics, args.plots)
    print(f"DESTEST CSV: {out_csv} ({table.shape[0]} rows)")
    print(f"{'variable':12s} {'tool':32s} {'mean':>12s} {'NMBE %':>8s} {'hCVRMSE %':>10s} {'dAmpCV %':>9s}")
    for r in rows:
        print(f"{r['variable']:12s} {r['tool']:32s} {r['mean']:12.2f} {r['NMBE_pct']:8.2f} "
              f"{r['hourly_CVRMSE_pct']:10.2f} {r['daily_amplitude_CVRMSE_pct']:9.2f}")
    ok = True
    print("issue-5 targets:")
    for name, value, lo, hi, passed in check_targets(rows):
        ok &= passed
        print(f"  {name:20s} {value:10.3f}  target [{lo:g}, {hi:g}]  {'PASS' if passed else 'FAIL'}")
    if args.check and not ok:
        print("destest_compare: a target failed", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
