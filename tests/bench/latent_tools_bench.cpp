// Latent-plane tools at Fashion-MNIST size (random data, 60000 x 784; a random 784-512-256-2
// ReLU Bernoulli model): projections, a 20 x 20 manifold-grid decode, the decode of one z (the
// cost of a click or a drag step) and nearest-training-row queries. Single-threaded. Prints the
// median (p50) and 99th percentile of each over repeats; asserts nothing.
// Note: on VMs where first-touch page faults are slow, the grid decode's time depends on the
// process's allocation history: glibc trims freed heap tops and hands out fresh pages again
// (Eigen's GEMM packing buffers included). Measured here: about 3 ms in a loop of its own or with
// mallopt(M_MMAP_THRESHOLD / M_TRIM_THRESHOLD) raised, about 10 ms when interleaved with the
// fresh-buffer variant, as below.
// Usage: bench_latent_tools [repeat scale=1]
#include "bench_stats.h"
#include "latent/latent_projection.h"
#include "latent/manifold_grid.h"
#include "latent/nearest_rows.h"
#include "nn/gemm.h"
#include "vae/latent_ops.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

using vae::bench::median;
using vae::bench::percentile;

namespace {

using Clock = std::chrono::steady_clock;

void report(const char* what, const std::vector<double>& ms) {
    std::printf("%-54s p50 %8.3f ms   p99 %8.3f ms   (%zu runs)\n", what, percentile(ms, 0.5),
                percentile(ms, 0.99), ms.size());
}

/// Runs `fn` `repeats` times (after one warm-up) and prints p50/p99 in milliseconds.
template <typename Fn> void measure(const char* what, int repeats, Fn&& fn) {
    fn();
    std::vector<double> ms;
    for (int r = 0; r < repeats; ++r) {
        const auto t0 = Clock::now();
        fn();
        ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
    }
    report(what, ms);
}

} // namespace

int main(int argc, char** argv) {
    const int scale = argc > 1 ? std::max(1, std::atoi(argv[1])) : 1;
    std::printf("GEMM kernel: %s\n", vae::gemm_kernel_name().c_str());

    const vae::Matrix data = (vae::Matrix::Random(60000, 784).array() + 1.0f) * 0.5f;
    vae::VaeArchitecture arch;
    arch.input_dim = 784;
    arch.hidden = {512, 256};
    arch.latent_dim = 2;
    const vae::VaeModel model(arch, 7);

    // Projections of 60000 codes.
    const vae::Matrix codes2 = vae::Matrix::Random(60000, 2);
    const vae::Matrix codes16 = vae::Matrix::Random(60000, 16);
    const auto dims = vae::LatentProjection::dimensions(2, 0, 1);
    volatile float sink = 0.0f;
    measure("project 60000 codes, dims (0,1) of L=2", 50 * scale,
            [&] { sink = dims.project(codes2)(0, 0); });
    measure("PCA fit on 60000 codes, L=16", 20 * scale,
            [&] { sink = static_cast<float>(vae::LatentProjection::pca(codes16).axes()(0, 0)); });
    const auto pca = vae::LatentProjection::pca(codes16);
    measure("project 60000 codes, PCA of L=16", 50 * scale,
            [&] { sink = pca.project(codes16)(0, 0); });

    // Decoding: a 20 x 20 grid in one batch, with fresh buffers per call and with reused ones,
    // interleaved; then one z the way a click decodes it.
    vae::VaeWorkspace grid_ws;
    vae::Matrix grid;
    std::vector<double> fresh_ms, reused_ms;
    for (int r = 0; r < 101 * scale; ++r) {
        const auto a = Clock::now();
        sink = vae::decode_manifold_grid(model, dims, -3, 3, -3, 3, 20, 20)(0, 0);
        const auto b = Clock::now();
        vae::decode_manifold_grid(model, dims, -3, 3, -3, 3, 20, 20, grid_ws, grid);
        sink = grid(0, 0);
        const auto c = Clock::now();
        if (r > 0) { // the first round warms up
            fresh_ms.push_back(std::chrono::duration<double, std::milli>(b - a).count());
            reused_ms.push_back(std::chrono::duration<double, std::milli>(c - b).count());
        }
    }
    report("decode 20x20 grid (784-512-256-2), fresh buffers", fresh_ms);
    report("decode 20x20 grid (784-512-256-2), reused buffers", reused_ms);
    vae::Matrix z(1, 2);
    z << 0.3f, -1.2f;
    measure("decode one z with decode_latents", 2000 * scale,
            [&] { sink = vae::decode_latents(model, z)(0, 0); });
    vae::VaeWorkspace ws;
    vae::Matrix out;
    measure("decode one z, reused VaeWorkspace", 2000 * scale, [&] {
        model.decode(z, ws, out);
        sink = out(0, 0);
    });

    // Nearest training rows for decoded-like queries (rows of the data plus noise).
    const auto t0 = Clock::now();
    const vae::NearestRowIndex index(data);
    std::printf("%-54s %8.3f ms\n", "build nearest-row index over 60000 x 784",
                std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
    const vae::Matrix queries = data.topRows(64) + 0.05f * vae::Matrix::Random(64, 784);
    int next = 0;
    measure("nearest 5 rows, one query over 60000 x 784", 30 * scale,
            [&] { sink = static_cast<float>(index.nearest(queries.row(next++ % 64), 5)[0]); });
    measure("nearest 5 rows, batch of 64 queries (whole batch)", 5 * scale,
            [&] { sink = static_cast<float>(index.nearest_batch(queries, 5)[0][0]); });
    (void)sink;
    return 0;
}
