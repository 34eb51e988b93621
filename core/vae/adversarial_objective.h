#pragma once

#include "vae/vae_objective.h"

#include <Eigen/Core>

#include <algorithm>
#include <cmath>
#include <span>

// The VAE-GAN terms (Larsen et al. 2016) on the discriminator's logits and hidden features.
// Templated on the scalar so that the gradient tests check them in double precision; training
// uses float.
namespace vae {

/// log(1 + e^l), stable for any |l|.
template <typename T> T softplus(T l) {
    return std::max(l, T(0)) + std::log1p(std::exp(-std::abs(l)));
}

/// weight * sum_i BCE(sigmoid(logits_i), label) on logits: label 1 gives softplus(-l)
/// (= -log D), label 0 gives softplus(l) (= -log(1 - D)). When d_logits is non-empty (same
/// size) it receives (overwritten) weight * (sigmoid(l_i) - label).
/// The non-saturating generator loss -log D(x~) is this with label 1 on the fakes' logits.
template <typename T>
double bce_with_logits(std::span<const T> logits, bool label, T weight, std::span<T> d_logits) {
    double total = 0.0;
    for (std::size_t i = 0; i < logits.size(); ++i) {
        const T l = logits[i];
        total += static_cast<double>(label ? softplus(-l) : softplus(l));
        if (!d_logits.empty())
            d_logits[i] = weight * (T(1) / (T(1) + std::exp(-l)) - (label ? T(1) : T(0)));
    }
    return static_cast<double>(weight) * total;
}

/// Feature-matching reconstruction (Larsen et al.'s Dis_l term): weight * sum over rows and
/// features of (f_fake - f_real)^2, both B x H. f_real (the data's features) is a target: only
/// the reconstruction gets a gradient. When d_fake is non-null it receives (resized,
/// overwritten) weight * 2 (f_fake - f_real).
template <typename T>
double feature_matching(const Eigen::Ref<const RowMatrixT<T>>& f_real,
                        const Eigen::Ref<const RowMatrixT<T>>& f_fake, T weight,
                        RowMatrixT<T>* d_fake) {
    double total = 0.0;
    for (Eigen::Index i = 0; i < f_real.rows(); ++i)
        total += static_cast<double>((f_fake.row(i) - f_real.row(i)).squaredNorm());
    if (d_fake != nullptr)
        *d_fake = (T(2) * weight) * (f_fake - f_real);
    return static_cast<double>(weight) * total;
}

} // namespace vae
