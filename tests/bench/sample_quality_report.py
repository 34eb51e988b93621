#!/usr/bin/python3
"""Sample quality of the VAE fixes on Fashion-MNIST, against a plain VAE of the same size.

Trains each variant with the same budget (epochs, architecture 784-512-256-z, batch, seed) at
each latent size, evaluates each on the test set with `vae-cli evaluate` (5,000 prior samples,
k=3 precision/recall and the Fréchet distance in a 50-component PCA of the test images, the
duplicate threshold at the 1st percentile of the test images' nearest-neighbour distances),
saves a grid of prior samples per variant, and prints one table plus the issue's target check:
some variant, against the plain VAE of the same latent size, raises the sharpness ratio by at
least 50 %, lowers the Fréchet distance by at least 20 % and the duplicate rate, and keeps
precision within 5 points.

  /usr/bin/python3 tests/bench/sample_quality_report.py --cli build/app/vae-cli \
      [--epochs 10] [--latents 2,16] [--variants plain,mmd,learned-variance,vae-gan,mmd-vae-gan] \
      [--out-dir /tmp/quality-report] [--markdown]

A variant's flags can be replaced for an experiment: --flags 'mmd=--mmd 500 --beta 1'.
Each training and evaluation is its own process; the table's seconds are wall time.
"""
import argparse
import json
import os
import shlex
import subprocess
import sys
import time

DATA = "/usr/share/datasets/fashion-mnist"
TRAIN = f"{DATA}/train-images-idx3-ubyte.gz"
TEST = f"{DATA}/t10k-images-idx3-ubyte.gz"

# The fixes, as vae-cli train flags. Plain is the baseline every other row is compared with.
VARIANTS = {
    "plain": [],
    "mmd": ["--mmd", "100"],
    "learned-variance": ["--likelihood", "gaussian-learned"],
    "vae-gan": ["--gan", "0.05", "--feature-matching"],
    # The two fixes that each move one figure (MMD the Fréchet distance, the GAN with feature
    # matching sharpness and duplicates) together.
    "mmd-vae-gan": ["--mmd", "100", "--gan", "0.05", "--feature-matching"],
}

COLUMNS = [
    ("sharpness_ratio", "sharp", "{:.3f}"),
    ("duplicate_rate", "dup", "{:.1%}"),
    ("diversity_ratio", "divers", "{:.3f}"),
    ("class_coverage_entropy", "cov H", "{:.3f}"),
    ("precision", "prec", "{:.3f}"),
    ("recall", "recall", "{:.3f}"),
    ("fd", "FD", "{:.2f}"),
    ("elbo", "ELBO", "{:.1f}"),
]


def run_json(cmd):
    """Runs a vae-cli command and returns its last JSON line (exits with its stderr if it fails)."""
    p = subprocess.run(cmd, capture_output=True, text=True)
    if p.returncode != 0:
        sys.exit(f"failed ({p.returncode}): {shlex.join(cmd)}\n{p.stderr.strip()}")
    lines = [l for l in p.stdout.splitlines() if l.startswith("{")]
    if not lines:
        sys.exit(f"no JSON from: {shlex.join(cmd)}")
    return json.loads(lines[-1])


def train_and_score(args, variant, flags, latent):
    stem = os.path.join(args.out_dir, f"{variant}-l{latent}")
    model = stem + ".vaem"
    t0 = time.monotonic()
    train = run_json([args.cli, "train", TRAIN, "--epochs", str(args.epochs), "--latent",
                      str(latent), "--seed", str(args.seed), "--out", model] + flags)
    train_s = time.monotonic() - t0
    t0 = time.monotonic()
    ev = run_json([args.cli, "evaluate", model, TEST, "--quality-samples", str(args.samples),
                   "--fd-features", "pca", "--k", "3", "--seed", str(args.seed)])
    eval_s = time.monotonic() - t0
    run_json([args.cli, "sample", model, "--count", "64", "--seed", str(args.seed), "--out",
              stem + "-samples.png"])
    ev["train_seconds"] = train_s
    ev["eval_seconds"] = eval_s
    ev["samples_per_sec"] = train.get("samples_per_sec", float("nan"))
    return ev


def meets_target(row, plain):
    """The issue's target for one variant against the plain VAE of the same latent size."""
    return (row["sharpness_ratio"] >= 1.5 * plain["sharpness_ratio"]
            and row["fd"] <= 0.8 * plain["fd"]
            and row["duplicate_rate"] < plain["duplicate_rate"]
            and abs(row["precision"] - plain["precision"]) <= 0.05)


def print_table(results, latents, variants, markdown):
    head = ["variant", "z"] + [c[1] for c in COLUMNS] + ["train s", "target"]
    rows = []
    for latent in latents:
        plain = results.get(("plain", latent))
        for v in variants:
            r = results[(v, latent)]
            verdict = "-" if v == "plain" or plain is None else (
                "MET" if meets_target(r, plain) else "no")
            rows.append([v, str(latent)] + [fmt.format(r[key]) for key, _, fmt in COLUMNS]
                        + [f"{r['train_seconds']:.0f}", verdict])
    if markdown:
        print("| " + " | ".join(head) + " |")
        print("|" + "|".join("---" for _ in head) + "|")
        for r in rows:
            print("| " + " | ".join(r) + " |")
        return
    widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(head)]
    print("  ".join(h.rjust(w) for h, w in zip(head, widths)))
    for r in rows:
        print("  ".join(c.rjust(w) for c, w in zip(r, widths)))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--cli", required=True, help="path of vae-cli")
    ap.add_argument("--epochs", type=int, default=10)
    ap.add_argument("--latents", default="2,16")
    ap.add_argument("--variants", default="plain,mmd,learned-variance,vae-gan,mmd-vae-gan")
    ap.add_argument("--flags", action="append", default=[],
                    help="NAME=FLAGS: replace (or add) a variant's train flags")
    ap.add_argument("--samples", type=int, default=5000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--out-dir", default="/tmp/quality-report")
    ap.add_argument("--markdown", action="store_true", help="print the table as Markdown")
    args = ap.parse_args()
    for spec in args.flags:
        name, _, flags = spec.partition("=")
        VARIANTS[name] = shlex.split(flags)
    variants = args.variants.split(",")
    unknown = [v for v in variants if v not in VARIANTS]
    if unknown:
        sys.exit(f"--variants: unknown {', '.join(unknown)}; known: {', '.join(VARIANTS)}")
    if "plain" not in variants:
        variants.insert(0, "plain")
    latents = [int(x) for x in args.latents.split(",")]
    os.makedirs(args.out_dir, exist_ok=True)

    results = {}
    for latent in latents:
        for v in variants:
            flags = VARIANTS[v]
            print(f"[{time.strftime('%H:%M:%S')}] latent {latent}, {v}: {shlex.join(flags)}",
                  file=sys.stderr, flush=True)
            results[(v, latent)] = train_and_score(args, v, flags, latent)
    with open(os.path.join(args.out_dir, "results.json"), "w") as f:
        json.dump({f"{v}-l{z}": r for (v, z), r in results.items()}, f, indent=1)

    print(f"Fashion-MNIST, 784-512-256-z, {args.epochs} epochs, seed {args.seed}; "
          f"{args.samples} prior samples against the 10,000 test images "
          f"(PCA-50 features, k=3, duplicate threshold = 1st percentile of real NN distances)")
    print_table(results, latents, variants, args.markdown)
    met = [(v, z) for z in latents for v in variants
           if v != "plain" and ("plain", z) in results and meets_target(results[(v, z)],
                                                                       results[("plain", z)])]
    print("target (sharpness x1.5, FD -20 %, fewer duplicates, precision within 5 points): "
          + (", ".join(f"{v} at latent {z}" for v, z in met) + " MET" if met else "NOT MET"))
    print(f"sample grids and models: {args.out_dir}")
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
