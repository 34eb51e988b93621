// Training-step throughput of the VAE engine: Fashion-MNIST (or random data when the package is
// missing), 784-512-256-2 ReLU Bernoulli, batch 128, Adam. Interleaves 1 and 2 threads (A B A B)
// and prints the median samples/s and GEMM GFLOP/s of each, plus the GEMMs of one step run back
// to back through vae::gemm (the ceiling of this step on this CPU).
// Usage: bench_train_step [rounds=7] [steps_per_round=60] [thread counts=1,2]
#include "data/dataset_loader.h"
#include "nn/adam_optimizer.h"
#include "nn/gemm.h"
#include "vae/training_step.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <numeric>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

// GEMM flops of one training sample: forward 2*in*out per layer, backward twice that, except the
// first layer's input gradient, which nobody needs.
double gemm_flops_per_sample(const vae::VaeModel& model) {
    double sum = 0.0;
    auto add = [&](const vae::DenseLayer& l) {
        sum += static_cast<double>(l.inputs) * static_cast<double>(l.outputs);
    };
    for (const auto& l : model.encoder().layers())
        add(std::get<vae::DenseLayer>(l));
    add(model.mean_head());
    add(model.logvar_head());
    for (const auto& l : model.decoder().layers())
        add(std::get<vae::DenseLayer>(l));
    const auto& first = std::get<vae::DenseLayer>(model.encoder().layers().front());
    return 6.0 * sum - 2.0 * static_cast<double>(first.inputs * first.outputs);
}

// The GEMMs of one step for batch b, back to back, single-threaded.
double gemm_only_seconds(const vae::VaeModel& model, int batch, int repeats) {
    std::vector<vae::DenseLayer> layers;
    for (const auto& l : model.encoder().layers())
        layers.push_back(std::get<vae::DenseLayer>(l));
    layers.push_back(model.mean_head());
    layers.push_back(model.logvar_head());
    for (const auto& l : model.decoder().layers())
        layers.push_back(std::get<vae::DenseLayer>(l));
    std::vector<float> x(static_cast<std::size_t>(batch) * 1024, 0.5f);
    std::vector<float> w(1024 * 1024, 0.01f);
    std::vector<float> y(static_cast<std::size_t>(batch) * 1024);
    std::vector<float> g(1024 * 1024);
    const auto t0 = Clock::now();
    for (int r = 0; r < repeats; ++r)
        for (std::size_t i = 0; i < layers.size(); ++i) {
            const int in = static_cast<int>(layers[i].inputs);
            const int out = static_cast<int>(layers[i].outputs);
            using vae::Transpose;
            vae::gemm(Transpose::No, Transpose::No, batch, out, in, x.data(), in, w.data(), out,
                      y.data(), out, false);
            vae::gemm(Transpose::Yes, Transpose::No, in, out, batch, x.data(), in, y.data(), out,
                      g.data(), out, false);
            if (i != 0)
                vae::gemm(Transpose::No, Transpose::Yes, batch, in, out, y.data(), out, w.data(),
                          out, x.data(), in, false);
        }
    return std::chrono::duration<double>(Clock::now() - t0).count();
}

} // namespace

int main(int argc, char** argv) {
    const int rounds = argc > 1 ? std::atoi(argv[1]) : 7;
    const int steps = argc > 2 ? std::atoi(argv[2]) : 60;
    const std::size_t batch = 128;

    vae::Matrix data;
    const char* fashion = "/usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz";
    if (std::filesystem::exists(fashion)) {
        data = vae::load_dataset(fashion).values;
        std::printf("data: Fashion-MNIST, %td x %td\n", data.rows(), data.cols());
    } else {
        data = ((vae::Matrix::Random(20000, 784).array() + 1.0f) * 0.5f).matrix();
        std::printf("data: random 20000 x 784 (Fashion-MNIST not installed)\n");
    }

    vae::VaeArchitecture arch;
    arch.input_dim = 784;
    arch.hidden = {512, 256};
    arch.latent_dim = 2;
    const vae::VaeModel model(arch, 1);
    const double flops = gemm_flops_per_sample(model);
    std::printf("model: 784-512-256-2 ReLU Bernoulli, batch %zu, Adam; gemm kernel: %s; "
                "%.2f GEMM MFLOP per sample\n",
                batch, vae::gemm_kernel_name().c_str(), flops / 1e6);

    std::vector<std::size_t> thread_counts;
    for (const char* p = argc > 3 ? argv[3] : "1,2"; *p != '\0';) {
        char* end = nullptr;
        thread_counts.push_back(std::strtoul(p, &end, 10));
        p = *end == ',' ? end + 1 : end;
    }
    std::vector<std::vector<double>> rates(thread_counts.size());
    std::vector<std::unique_ptr<vae::TrainingStep>> steppers;
    for (const std::size_t t : thread_counts) {
        vae::TrainingStepConfig config;
        config.threads = t;
        steppers.push_back(std::make_unique<vae::TrainingStep>(model, config));
    }
    std::vector<std::size_t> order(static_cast<std::size_t>(data.rows()));
    std::iota(order.begin(), order.end(), std::size_t{0});
    vae::StepOptions options;
    std::size_t cursor = 0;
    auto run = [&](vae::TrainingStep& s, int n) {
        for (int i = 0; i < n; ++i) {
            if (cursor + batch > order.size())
                cursor = 0;
            s.step(data, std::span<const std::size_t>(order).subspan(cursor, batch), options);
            cursor += batch;
        }
    };
    for (auto& s : steppers)
        run(*s, 10); // warm-up: workspaces, caches, thread start
    for (int r = 0; r < rounds; ++r)
        for (std::size_t i = 0; i < steppers.size(); ++i) {
            const auto t0 = Clock::now();
            run(*steppers[i], steps);
            const double sec = std::chrono::duration<double>(Clock::now() - t0).count();
            rates[i].push_back(static_cast<double>(steps) * static_cast<double>(batch) / sec);
        }
    for (std::size_t i = 0; i < steppers.size(); ++i) {
        const double m = median(rates[i]);
        std::printf("threads %zu: %8.0f samples/s  %6.1f GFLOP/s (median of %d rounds; min %.0f, "
                    "max %.0f)\n",
                    thread_counts[i], m, m * flops / 1e9, rounds,
                    *std::min_element(rates[i].begin(), rates[i].end()),
                    *std::max_element(rates[i].begin(), rates[i].end()));
    }
    // The GEMMs alone, at the full batch and at the half batch each of two threads gets.
    for (const int b : {static_cast<int>(batch), static_cast<int>(batch) / 2}) {
        std::vector<double> ceiling;
        for (int r = 0; r < rounds; ++r) {
            const double sec = gemm_only_seconds(model, b, steps);
            ceiling.push_back(static_cast<double>(steps) * b / sec);
        }
        const double c = median(ceiling);
        std::printf("GEMMs of a step alone, 1 thread, batch %3d: %8.0f samples/s  %6.1f GFLOP/s\n",
                    b, c, c * flops / 1e9);
    }
    // The optimiser alone: Adam over every parameter, memory-bound (p, g, m, v streamed).
    {
        const std::size_t n = model.parameters().size();
        std::vector<float> p(model.parameters().begin(), model.parameters().end());
        std::vector<float> g(n, 1e-3f);
        vae::AdamOptimizer adam(n, vae::AdamConfig{});
        std::vector<double> ms;
        for (int r = 0; r < rounds; ++r) {
            const auto t0 = Clock::now();
            for (int i = 0; i < steps; ++i)
                adam.step(p, g, 1e-3f);
            ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - t0).count() /
                         steps);
        }
        std::printf("Adam update alone, 1 thread, %zu parameters: %.3f ms per step\n", n,
                    median(ms));
    }
    return 0;
}
