#include "nn/adam_optimizer.h"

#include <Eigen/Core>

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <utility>

namespace vae {

AdamOptimizer::AdamOptimizer(std::size_t parameter_count, AdamConfig config) : config_(config) {
    state_.m.assign(parameter_count, 0.0f);
    state_.v.assign(parameter_count, 0.0f);
}

void AdamOptimizer::step(std::span<float> params, std::span<const float> grads,
                         float learning_rate, float grad_scale) {
    begin_step();
    apply(params, grads, learning_rate, grad_scale, 0, params.size());
}

void AdamOptimizer::apply(std::span<float> params, std::span<const float> grads,
                          float learning_rate, float grad_scale, std::size_t begin,
                          std::size_t end) {
    using Array = Eigen::Array<float, Eigen::Dynamic, 1>;
    const auto t = static_cast<double>(std::max<std::uint64_t>(state_.steps, 1));
    const double c1 = 1.0 - std::pow(static_cast<double>(config_.beta1), t);
    const double c2 = 1.0 - std::pow(static_cast<double>(config_.beta2), t);
    const auto step_size = static_cast<float>(learning_rate / c1);
    const auto inv_sqrt_c2 = static_cast<float>(1.0 / std::sqrt(c2));
    const float b1 = config_.beta1;
    const float b2 = config_.beta2;
    const float eps = config_.epsilon;
    const float wd = config_.weight_decay;
    const bool decoupled = config_.decoupled;
    const float shrink = 1.0f - learning_rate * wd;
    // Blocks small enough for L1, so the four arrays are streamed from memory once even though
    // the update is written as several Eigen statements.
    constexpr std::size_t block = 1024;
    for (std::size_t start = begin; start < end; start += block) {
        const auto n = static_cast<Eigen::Index>(std::min(block, end - start));
        Eigen::Map<Array> p(params.data() + start, n);
        Eigen::Map<Array> m(state_.m.data() + start, n);
        Eigen::Map<Array> v(state_.v.data() + start, n);
        const Eigen::Map<const Array> g_raw(grads.data() + start, n);
        if (!decoupled && wd != 0.0f) {
            const auto g = g_raw * grad_scale + wd * p;
            m = b1 * m + (1.0f - b1) * g;
            v = b2 * v + (1.0f - b2) * g.square();
        } else {
            const auto g = g_raw * grad_scale;
            m = b1 * m + (1.0f - b1) * g;
            v = b2 * v + (1.0f - b2) * g.square();
        }
        if (decoupled && wd != 0.0f)
            p *= shrink;
        p -= step_size * m / (v.sqrt() * inv_sqrt_c2 + eps);
    }
}

void AdamOptimizer::set_state(AdamState state) {
    if (state.m.size() != state_.m.size() || state.v.size() != state_.v.size())
        throw std::invalid_argument("Adam state has " + std::to_string(state.m.size()) +
                                    " values, the optimiser " + std::to_string(state_.m.size()));
    state_ = std::move(state);
}

} // namespace vae
