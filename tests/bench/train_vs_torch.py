#!/usr/bin/python3
"""Training throughput of vae-cli against the PyTorch reference, interleaved (A B A B ...).

Both train the Fashion-MNIST VAE 784-512-256-2, ReLU, Bernoulli, batch 128, Adam 1e-3 on the
same number of cores; PyTorch in its fastest configuration (--config best: OpenBLAS gets the
cores, torch's own pool one thread). Each run is its own process, so peak RSS is per process
(wait4). Prints samples/s of each, the median ratio, peak RSS, and achieved GFLOP/s against
the GEMM ceiling when a ceiling program is given.

  /usr/bin/python3 tests/bench/train_vs_torch.py --cli build/app/vae-cli \
      --torch ../shared/bench/torch_vae_ref.py [--ceiling build/tests/bench/gemm_ceiling]
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
MFLOP_PER_SAMPLE = 6.0  # forward 2.13 MFLOP + backward ~2x (PERF-NOTES.md)


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


def main():
    global tmp_out
    p = argparse.ArgumentParser()
    p.add_argument("--cli", required=True)
    p.add_argument("--torch", required=True)
    p.add_argument("--ceiling", help="gemm_ceiling executable (prints GFLOP/s of the VAE's GEMMs)")
    p.add_argument("--epochs", type=int, default=2)
    p.add_argument("--rounds", type=int, default=3)
    p.add_argument("--threads", default="1,2")
    a = p.parse_args()
    tmp_out = tempfile.mktemp(prefix="vae-bench-")
    model = tempfile.mktemp(prefix="vae-bench-", suffix=".vaem")
    for threads in [int(t) for t in a.threads.split(",")]:
        ours_cmd = [a.cli, "train", FM, "--latent", "2", "--hidden", "512,256", "--batch", "128",
                    "--lr", "1e-3", "--epochs", str(a.epochs), "--validation-split", "0",
                    "--threads", str(threads), "--out", model]
        torch_cmd = ["/usr/bin/python3", a.torch, "--latent", "2", "--hidden", "512,256",
                     "--epochs", str(a.epochs), "--threads", str(threads), "--config", "best"]
        ours, theirs, ratios, rss_ours, rss_theirs = [], [], [], [], []
        for r in range(a.rounds):
            o, o_rss = run_measured(ours_cmd)
            t, t_rss = run_measured(torch_cmd)
            ours.append(o["samples_per_sec"])
            theirs.append(t["samples_per_sec"])
            ratios.append(o["samples_per_sec"] / t["samples_per_sec"])
            rss_ours.append(o_rss)
            rss_theirs.append(t_rss)
            print(f"threads {threads} round {r + 1}: ours {o['samples_per_sec']:8.0f}/s "
                  f"(peak {o_rss:4.0f} MB)  torch {t['samples_per_sec']:8.0f}/s "
                  f"(peak {t_rss:4.0f} MB, {t.get('blas')})  ratio {ratios[-1]:.2f}", flush=True)
        mo, mt = statistics.median(ours), statistics.median(theirs)
        print(f"threads {threads}: median ours {mo:.0f} samples/s = {mo * MFLOP_PER_SAMPLE / 1e3:.1f} "
              f"GFLOP/s, torch {mt:.0f} samples/s = {mt * MFLOP_PER_SAMPLE / 1e3:.1f} GFLOP/s, "
              f"median ratio {statistics.median(ratios):.2f}x; peak RSS ours "
              f"{statistics.median(rss_ours):.0f} MB, torch {statistics.median(rss_theirs):.0f} MB "
              f"({statistics.median(rss_ours) / statistics.median(rss_theirs):.2f}x)", flush=True)
        if a.ceiling:
            env = dict(os.environ, OMP_NUM_THREADS=str(threads))
            out = subprocess.run([a.ceiling, str(threads)], capture_output=True, text=True, env=env).stdout
            print(f"threads {threads}: GEMM ceiling program says:\n{out.strip()}", flush=True)
    for f in (tmp_out, model):
        if os.path.exists(f):
            os.remove(f)


if __name__ == "__main__":
    main()
