#!/usr/bin/python3
"""Training throughput of vae-cli against the PyTorch reference, interleaved (A B A B ...).

--arch mlp (default): both train the Fashion-MNIST VAE 784-512-256-2, ReLU, Bernoulli, batch 128,
Adam 1e-3 on the same number of cores; PyTorch in its fastest configuration (--config best:
OpenBLAS gets the cores, torch's own pool one thread).
--arch conv-small: the convolutional VAE of torch_conv_vae_ref.py (latent 16 unless --latent),
against each of its configurations (omp, omp --channels-last, blas; at 1 thread only the first
two, blas being the same as omp there); the ratio is against the configuration with the best
median. Each run is its own process, so peak RSS is per process (wait4). Prints samples/s of
each, the median ratio, peak RSS, and achieved GFLOP/s (against the GEMM ceiling when a
ceiling program is given). --elbo-seeds also trains both for --elbo-epochs on all rows per
seed and compares the t10k test ELBO.

  /usr/bin/python3 tests/bench/train_vs_torch.py --cli build/app/vae-cli \
      --torch ../shared/bench/torch_vae_ref.py [--ceiling build/tests/bench/gemm_ceiling]
  /usr/bin/python3 tests/bench/train_vs_torch.py --cli build/app/vae-cli --arch conv-small \
      --torch ../shared/bench/torch_conv_vae_ref.py --limit 12800 --epochs 1 --rounds 5
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile

tmp_out = None

FM = "/usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz"
FM_TEST = "/usr/share/datasets/fashion-mnist/t10k-images-idx3-ubyte.gz"
# Forward + backward per training sample (PERF-NOTES.md): MLP 2.13 MFLOP forward + backward ~2x;
# conv-small ~29.6 MFLOP.
MFLOP_PER_SAMPLE = {"mlp": 6.0, "conv-small": 29.6}
# The reference's configurations worth measuring, per thread count (blas = omp at 1 thread).
TORCH_CONFIGS = {"mlp": lambda threads: [["--config", "best"]],
                 "conv-small": lambda threads: [["--config", "omp"], ["--config", "omp", "--channels-last"]]
                 + ([["--config", "blas"]] if threads > 1 else [])}


def run_measured(cmd):
    pid = os.fork()
    if pid == 0:
        fd = os.open(tmp_out, os.O_WRONLY | os.O_CREAT | os.O_TRUNC)
        os.dup2(fd, 1)
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 2)
        os.execv(cmd[0], cmd)
    _, status, usage = os.wait4(pid, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"failed: {' '.join(cmd)}")
    with open(tmp_out) as f:
        line = [l for l in f.read().splitlines() if l.startswith("{")][-1]
    return json.loads(line), usage.ru_maxrss / 1024.0


def commands(a, threads, model, epochs, limit, seed):
    """vae-cli's command and the reference's commands (one per configuration) for one run."""
    model_args = (["--latent", str(a.latent or 2), "--hidden", "512,256"] if a.arch == "mlp"
                  else ["--latent", str(a.latent or 16)])
    common = ["--epochs", str(epochs), "--threads", str(threads), "--seed", str(seed)]
    common += ["--limit", str(limit)] if limit else []
    ours = [a.cli, "train", FM] + model_args + (["--arch", a.arch] if a.arch != "mlp" else []) + [
        "--batch", "128", "--lr", "1e-3", "--validation-split", "0", "--out", model] + common
    theirs = [["/usr/bin/python3", a.torch] + model_args + common + cfg for cfg in TORCH_CONFIGS[a.arch](threads)]
    return ours, theirs


def config_name(cmd):
    i = cmd.index("--config")
    return " ".join(cmd[i + 1:]).replace("--channels-last", "+cl")


def throughput(a, threads, model):
    mflop = MFLOP_PER_SAMPLE[a.arch]
    ours_cmd, torch_cmds = commands(a, threads, model, a.epochs, a.limit, 1)
    names = [config_name(c) for c in torch_cmds]
    ours, rss_ours = [], []
    theirs = {n: [] for n in names}
    rss_theirs = {n: [] for n in names}
    per_round_best = []
    for r in range(a.rounds):
        o, o_rss = run_measured(ours_cmd)
        ours.append(o["samples_per_sec"])
        rss_ours.append(o_rss)
        line = f"threads {threads} round {r + 1}: ours {o['samples_per_sec']:8.0f}/s (peak {o_rss:4.0f} MB)"
        best = 0.0
        for n, cmd in zip(names, torch_cmds):
            t, t_rss = run_measured(cmd)
            theirs[n].append(t["samples_per_sec"])
            rss_theirs[n].append(t_rss)
            best = max(best, t["samples_per_sec"])
            line += f"  torch[{n}] {t['samples_per_sec']:7.0f}/s ({t_rss:4.0f} MB)"
        per_round_best.append(o["samples_per_sec"] / best)
        print(f"{line}  ratio to round's best {per_round_best[-1]:.2f}", flush=True)
    mo = statistics.median(ours)
    med = {n: statistics.median(v) for n, v in theirs.items()}
    best = max(med, key=med.get)
    mt, ro = med[best], statistics.median(rss_ours)
    rt = statistics.median(rss_theirs[best])
    ratios = [x / y for x, y in zip(ours, theirs[best])]
    if len(names) > 1:
        print(f"threads {threads}: torch medians " + ", ".join(f"{n} {v:.0f}" for n, v in med.items())
              + f" samples/s; best {best}", flush=True)
    print(f"threads {threads}: median ours {mo:.0f} samples/s = {mo * mflop / 1e3:.1f} GFLOP/s "
          f"(range {min(ours):.0f}-{max(ours):.0f}), torch [{best}] {mt:.0f} samples/s = "
          f"{mt * mflop / 1e3:.1f} GFLOP/s (range {min(theirs[best]):.0f}-{max(theirs[best]):.0f}), "
          f"ratio of medians {mo / mt:.2f}x, median ratio {statistics.median(ratios):.2f}x "
          f"(to each round's best {statistics.median(per_round_best):.2f}x); peak RSS ours {ro:.0f} MB, "
          f"torch {rt:.0f} MB ({ro / rt:.2f}x)", flush=True)


def elbo(a, threads, model):
    """Test ELBO on t10k after --elbo-epochs on all training rows, per seed; torch in its first
    configuration (the configuration changes the speed, not the arithmetic's outcome)."""
    for seed in [int(x) for x in a.elbo_seeds.split(",")]:
        ours_cmd, torch_cmds = commands(a, threads, model, a.elbo_epochs, a.elbo_limit, seed)
        run_measured(ours_cmd)
        ev, _ = run_measured([a.cli, "evaluate", model, FM_TEST, "--quality-samples", "0",
                              "--threads", str(threads), "--seed", str(seed)])
        t, _ = run_measured(torch_cmds[0])
        print(f"seed {seed}, {a.elbo_epochs} epochs: test ELBO ours {ev['elbo']:.2f}, torch "
              f"{t['test_elbo']:.2f} ({(ev['elbo'] - t['test_elbo']) / abs(t['test_elbo']) * 100:+.2f} %)",
              flush=True)


def main():
    global tmp_out
    p = argparse.ArgumentParser()
    p.add_argument("--cli", required=True)
    p.add_argument("--torch", required=True)
    p.add_argument("--arch", choices=sorted(MFLOP_PER_SAMPLE), default="mlp")
    p.add_argument("--latent", type=int, help="default: 2 for mlp, 16 for conv-small")
    p.add_argument("--ceiling", help="gemm_ceiling executable (prints GFLOP/s of the VAE's GEMMs)")
    p.add_argument("--epochs", type=int, default=2)
    p.add_argument("--limit", type=int, help="first N training images only (default: all)")
    p.add_argument("--rounds", type=int, default=3)
    p.add_argument("--threads", default="1,2")
    p.add_argument("--elbo-seeds", help="e.g. 1,2,3: also compare the test ELBO, per seed")
    p.add_argument("--elbo-epochs", type=int, default=10)
    p.add_argument("--elbo-threads", type=int, default=2)
    p.add_argument("--elbo-limit", type=int, help="training rows for the ELBO runs (default: all)")
    a = p.parse_args()
    tmp_out = tempfile.mktemp(prefix="vae-bench-")
    model = tempfile.mktemp(prefix="vae-bench-", suffix=".vaem")
    for threads in [int(t) for t in a.threads.split(",") if t]:
        throughput(a, threads, model)
        if a.ceiling:
            env = dict(os.environ, OMP_NUM_THREADS=str(threads))
            out = subprocess.run([a.ceiling, str(threads)], capture_output=True, text=True, env=env).stdout
            print(f"threads {threads}: GEMM ceiling program says:\n{out.strip()}", flush=True)
    if a.elbo_seeds:
        elbo(a, a.elbo_threads, model)
    for f in (tmp_out, model):
        if os.path.exists(f):
            os.remove(f)


if __name__ == "__main__":
    main()
