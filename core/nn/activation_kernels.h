#pragma once

#include "nn/activation.h"

#include <cmath>

namespace vae {

/// Slope of LeakyReLU for negative inputs.
inline constexpr double leaky_relu_slope = 0.01;

/// act(z) for one value: the reference formulas. Training runs vectorised float versions of them
/// (nn/simd_kernels.inc), which the tests check against these in double precision.
template <typename T> T activation_value(Activation act, T z) {
    switch (act) {
    case Activation::ReLU:
        return z > T(0) ? z : T(0);
    case Activation::LeakyReLU:
        return z > T(0) ? z : T(leaky_relu_slope) * z;
    case Activation::ELU:
        return z > T(0) ? z : std::expm1(z);
    case Activation::SiLU:
        return z / (T(1) + std::exp(-z));
    case Activation::Tanh:
        return std::tanh(z);
    case Activation::Sigmoid:
        return T(1) / (T(1) + std::exp(-z));
    }
    return z;
}

/// d act / dz given the pre-activation z and the output a = act(z) (each activation uses the
/// cheaper of the two).
template <typename T> T activation_derivative(Activation act, T z, T a) {
    switch (act) {
    case Activation::ReLU:
        return z > T(0) ? T(1) : T(0);
    case Activation::LeakyReLU:
        return z > T(0) ? T(1) : T(leaky_relu_slope);
    case Activation::ELU:
        return z > T(0) ? T(1) : a + T(1); // d/dz (e^z - 1) = e^z = a + 1
    case Activation::SiLU: {
        const T s = T(1) / (T(1) + std::exp(-z)); // d/dz z*s(z) = s + z*s*(1-s)
        return s + z * s * (T(1) - s);
    }
    case Activation::Tanh:
        return T(1) - a * a;
    case Activation::Sigmoid:
        return a * (T(1) - a);
    }
    return T(1);
}

/// True when activation_derivative() needs z itself (not just a = act(z)), so that the forward
/// pass must keep the pre-activations.
inline bool activation_needs_preactivation(Activation act) {
    return act == Activation::SiLU;
}

} // namespace vae
