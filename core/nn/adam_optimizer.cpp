#include "nn/adam_optimizer.h"

#include "nn/simd_kernels.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <utility>

namespace vae {

AdamOptimizer::AdamOptimizer(std::size_t parameter_count, AdamConfig config) : config_(config) {
    state_.m.assign(parameter_count, 0.0f);
    state_.v.assign(parameter_count, 0.0f);
}

void AdamOptimizer::step(std::span<float> params, std::span<const float> grads, float learning_rate,
                         float grad_scale) {
    begin_step();
    apply(params, grads, learning_rate, grad_scale, 0, params.size());
}

void AdamOptimizer::apply(std::span<float> params, std::span<const float> grads,
                          float learning_rate, float grad_scale, std::size_t begin,
                          std::size_t end) {
    if (end <= begin)
        return;
    const auto t = static_cast<double>(std::max<std::uint64_t>(state_.steps, 1));
    const double c1 = 1.0 - std::pow(static_cast<double>(config_.beta1), t);
    const double c2 = 1.0 - std::pow(static_cast<double>(config_.beta2), t);
    const bool decay = config_.weight_decay != 0.0f;
    detail::AdamKernelArgs args{};
    args.params = params.data() + begin;
    args.grads = grads.data() + begin;
    args.m = state_.m.data() + begin;
    args.v = state_.v.data() + begin;
    args.n = static_cast<long>(end - begin);
    args.grad_scale = grad_scale;
    args.beta1 = config_.beta1;
    args.beta2 = config_.beta2;
    args.step_size = static_cast<float>(learning_rate / c1);
    args.inv_sqrt_c2 = static_cast<float>(1.0 / std::sqrt(c2));
    args.epsilon = config_.epsilon;
    args.l2 = decay && !config_.decoupled ? config_.weight_decay : 0.0f;
    args.shrink = decay && config_.decoupled ? 1.0f - learning_rate * config_.weight_decay : 1.0f;
    detail::simd_kernels().adam(args);
}

void AdamOptimizer::set_state(AdamState state) {
    if (state.m.size() != state_.m.size() || state.v.size() != state_.v.size())
        throw std::invalid_argument("Adam state has " + std::to_string(state.m.size()) +
                                    " values, the optimiser " + std::to_string(state_.m.size()));
    state_ = std::move(state);
}

} // namespace vae
