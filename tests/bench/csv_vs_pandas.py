#!/usr/bin/python3
"""Compares read_csv (bench_csv_load) with pandas.read_csv on Fashion-MNIST as a CSV file.

Writes the 60000 x 785 CSV (label first, integer pixels) once with `bench_csv_load make`, then
loads it with each loader in its own process, interleaved (ours, pandas, ours, pandas, ...),
because the machine is noisy; prints each run, the medians and the ratio. Peak RSS is each
process's ru_maxrss. Run with Debian's /usr/bin/python3 (it has pandas):

    /usr/bin/python3 tests/bench/csv_vs_pandas.py --bench build/tests/bench/bench_csv_load
"""

import argparse
import os
import statistics
import subprocess
import sys

PANDAS_SNIPPET = r"""
import os, resource, sys, time
import pandas as pd
path = sys.argv[1]
start = time.perf_counter()
df = pd.read_csv(path)
seconds = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024 / 1e6
mb = os.path.getsize(path) / 1e6
print(f"loader=pandas rows={len(df)} cols={df.shape[1]} seconds={seconds:.4f} "
      f"mb_per_s={mb / seconds:.1f} peak_rss_mb={peak:.1f}")
"""


def parse(line):
    return {k: v for k, v in (item.split("=", 1) for item in line.split())}


def run(cmd):
    out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout.strip()
    return parse(out.splitlines()[-1])


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    root = os.path.dirname(os.path.dirname(here))
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--bench", default=os.path.join(root, "build", "tests", "bench",
                                                    "bench_csv_load"))
    ap.add_argument("--csv", default="/tmp/vae-bench/fashion-mnist-train.csv")
    ap.add_argument("--rounds", type=int, default=5)
    args = ap.parse_args()

    if not os.path.exists(args.csv):
        os.makedirs(os.path.dirname(args.csv), exist_ok=True)
        subprocess.run([args.bench, "make", args.csv], check=True)
    # Warm the page cache so that neither loader pays for the disk.
    with open(args.csv, "rb") as f:
        while f.read(1 << 24):
            pass
    size_mb = os.path.getsize(args.csv) / 1e6
    print(f"file: {args.csv} ({size_mb:.1f} MB), {args.rounds} interleaved rounds")

    ours, pandas = [], []
    for i in range(args.rounds):
        a = run([args.bench, "load", args.csv, "label"])
        b = run([sys.executable, "-c", PANDAS_SNIPPET, args.csv])
        ours.append(a)
        pandas.append(b)
        print(f"round {i + 1}: ours {float(a['mb_per_s']):7.1f} MB/s "
              f"({float(a['seconds']):.3f} s, peak {float(a['peak_rss_mb']):.0f} MB)   "
              f"pandas {float(b['mb_per_s']):7.1f} MB/s ({float(b['seconds']):.3f} s, "
              f"peak {float(b['peak_rss_mb']):.0f} MB)", flush=True)

    def med(runs, key):
        return statistics.median(float(r[key]) for r in runs)

    ours_mbs, pandas_mbs = med(ours, "mb_per_s"), med(pandas, "mb_per_s")
    ratios = [float(a["mb_per_s"]) / float(b["mb_per_s"]) for a, b in zip(ours, pandas)]
    matrix_mb = float(ours[0]["matrix_mb"])
    peak = med(ours, "peak_rss_mb")
    print(f"median throughput: ours {ours_mbs:.1f} MB/s, pandas {pandas_mbs:.1f} MB/s, "
          f"ratio {ours_mbs / pandas_mbs:.2f}x (median of per-round ratios "
          f"{statistics.median(ratios):.2f}x; target >= 2x)")
    print(f"peak RSS: ours {peak:.0f} MB = {peak / matrix_mb:.2f}x the float32 matrix "
          f"({matrix_mb:.0f} MB; target <= 1.5x); pandas {med(pandas, 'peak_rss_mb'):.0f} MB")
    print(f"shape: ours {ours[0]['rows']} x {ours[0]['cols']} + labels "
          f"({ours[0]['classes']} classes); pandas {pandas[0]['rows']} x {pandas[0]['cols']}")


if __name__ == "__main__":
    main()
