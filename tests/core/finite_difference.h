#pragma once

// What the gradient tests share to check the engine's float gradients against central
// differences of the double references (vae_reference.h, regulariser_reference.h): the
// difference itself, its tolerance, random inputs and the small perturbed VAE they all check.

#include "data/seeded_random.h"
#include "vae/standard_normal_noise.h"
#include "vae/vae_model.h"
#include "vae_reference.h"

#include <catch2/catch.hpp>

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace vae::test {

/// Central difference of f at p[i] (double precision).
template <typename F>
double central_difference(F&& f, std::vector<double> p, std::size_t i, double h = 1e-6) {
    const double orig = p[i];
    p[i] = orig + h;
    const double up = f(p);
    p[i] = orig - h;
    const double down = f(p);
    return (up - down) / (2.0 * h);
}

/// Counts the analytic values that differ from the central differences of f beyond the
/// tolerance of a float gradient against a double reference; each one is reported as
/// "<what> i: analytic .. numeric ..".
template <typename F, typename Analytic>
std::size_t gradient_mismatches(F&& f, const std::vector<double>& at, const Analytic& analytic,
                                const char* what = "value") {
    std::size_t bad = 0;
    for (std::size_t i = 0; i < at.size(); ++i) {
        const double numeric = central_difference(f, at, i, 1e-5);
        if (std::abs(analytic[i] - numeric) > 1e-4 + 1e-3 * std::abs(numeric)) {
            ++bad;
            UNSCOPED_INFO(what << " " << i << ": analytic " << analytic[i] << " numeric "
                               << numeric);
        }
    }
    return bad;
}

/// A rows x cols matrix of shift + scale * N(0, 1) draws from rng.
inline MatrixD random_d(Eigen::Index rows, Eigen::Index cols, SeededRandom& rng, double scale,
                        double shift = 0.0) {
    MatrixD m(rows, cols);
    for (Eigen::Index i = 0; i < m.size(); ++i)
        m.data()[i] = shift + scale * rng.normal();
    return m;
}

/// A rows x cols float matrix of scale * N(0, 1) draws from rng.
inline Matrix random_matrix(Eigen::Index rows, Eigen::Index cols, SeededRandom& rng,
                            double scale = 1.0) {
    Matrix m(rows, cols);
    for (Eigen::Index i = 0; i < m.size(); ++i)
        m.data()[i] = static_cast<float>(scale * rng.normal());
    return m;
}

/// The engine's standard normal noise of (seed, stream), rows x cols, in double.
inline MatrixD standard_normal_d(std::uint64_t seed, std::uint64_t stream, Eigen::Index rows,
                                 Eigen::Index cols) {
    Matrix m(rows, cols);
    fill_standard_normal(seed, stream, m);
    return m.cast<double>();
}

/// A small batch and a model whose weights are moved away from their initialisation, so the
/// heads and sigma matter.
struct PerturbedVae {
    Matrix x;             ///< 6 rows of arch.input_dim
    VaeModel model;       ///< built from p
    std::vector<float> p; ///< the model's parameters
};

/// The batch is uniform in [0, 1), or standard normal when `normal_data`; seeds are fixed.
inline PerturbedVae perturbed_vae(const VaeArchitecture& arch, bool normal_data) {
    SeededRandom rng(101);
    Matrix x(6, static_cast<Eigen::Index>(arch.input_dim));
    for (Eigen::Index i = 0; i < x.size(); ++i)
        x.data()[i] =
            normal_data ? static_cast<float>(rng.normal()) : static_cast<float>(rng.uniform());
    VaeModel model(arch, 7);
    std::vector<float> p(model.parameters().begin(), model.parameters().end());
    for (float& v : p)
        v += static_cast<float>(0.2 * rng.normal());
    return {x, VaeModel(arch, p), p};
}

} // namespace vae::test
