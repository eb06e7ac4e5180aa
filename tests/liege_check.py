#!/usr/bin/python3
"""The Liège (ULg) bench from YAML + CSV: runs the seven scenarios of scenarios/validation/liege
with `heatnet run`, checks each with `heatnet compare`, and asserts that the RMSE of the outlet
temperature reproduces the figure of the C++ harness stated in docs/validation.md (paragraph
"Re-run at the current core", read from the page itself) within TOLERANCE_K.

    liege_check.py SOURCE_DIR HEATNET_BINARY SCRATCH_DIR
"""
import csv
import os
import re
import subprocess
import sys

# docs/validation.md ("The Liège bench from YAML + CSV") says why the two differ by a few mK.
TOLERANCE_K = 0.01


def documented_rmse(source):
    """Case -> RMSE [K] of the C++ harness at the current core, from the paragraph "Re-run at the
    current core" of docs/validation.md ("150801 0.369, 151202 0.486, ...")."""
    with open(os.path.join(source, "docs", "validation.md"), encoding="utf-8") as f:
        page = f.read()
    start = page.index("**Re-run at the current core**")
    paragraph = page[start:page.index("\n\n", start)]
    return {case: float(rmse)
            for case, rmse in re.findall(r"(\d{6}(?:_\d)?) (\d\.\d{3})", paragraph)}


def main():
    source, heatnet, scratch = sys.argv[1:4]
    liege = os.path.join(source, "scenarios", "validation", "liege")
    os.makedirs(scratch, exist_ok=True)
    expected = documented_rmse(source)
    assert len(expected) == 7, f"docs/validation.md: expected 7 ULg cases, found {expected}"
    failures = []
    for case, documented in sorted(expected.items()):
        result = os.path.join(scratch, f"ulg_{case}.h5")
        figures = os.path.join(scratch, f"ulg_{case}.compare.csv")
        subprocess.run([heatnet, "run", os.path.join(liege, f"ulg_{case}.yaml"), "-o", result],
                       check=True, stdout=subprocess.DEVNULL)
        subprocess.run([heatnet, "compare", result,
                        os.path.join(liege, f"ulg_{case}_measured.csv"),
                        "--map", os.path.join(liege, "compare.yaml"), "-o", figures],
                       check=True, stdout=subprocess.DEVNULL)
        with open(figures, newline="") as f:
            row = next(csv.DictReader(f))
        rmse = float(row["rmse"])
        ok = abs(rmse - documented) <= TOLERANCE_K
        print(f"{case}: RMSE {rmse:.4f} K (docs/validation.md {documented:.3f} K), "
              f"bias {float(row['bias']):+.4f} K, max {float(row['max_error']):+.3f} K, "
              f"lag {float(row['lag_s']):+g} s -> {'ok' if ok else 'DIFFERS'}")
        if not ok:
            failures.append(case)
    if failures:
        sys.exit(f"RMSE differs from docs/validation.md by more than {TOLERANCE_K} K: {failures}")


if __name__ == "__main__":
    main()
