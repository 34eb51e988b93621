#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "nn/aligned_vector.h"

namespace vae {

/// Settings of Adam (Kingma & Ba 2015) and AdamW (Loshchilov & Hutter 2019).
struct AdamConfig {
    float beta1 = 0.9f;
    float beta2 = 0.999f;
    float epsilon = 1e-8f;
    /// 0: none. With `decoupled` (AdamW) the weights shrink by lr * weight_decay * w each step,
    /// outside the adaptive scaling; otherwise (Adam) weight_decay * w is added to the gradient.
    float weight_decay = 0.0f;
    bool decoupled = false;
};

/// The optimiser's state: first and second moment per parameter and the number of updates made.
/// A value type (copy it for a rollback).
struct AdamState {
    AlignedFloats m;
    AlignedFloats v;
    std::uint64_t steps = 0;
};

/// Adam / AdamW with bias correction on a flat parameter buffer. Not thread-safe as a whole;
/// apply() on disjoint ranges may run concurrently between begin_step() calls.
class AdamOptimizer {
public:
    AdamOptimizer() = default;
    AdamOptimizer(std::size_t parameter_count, AdamConfig config);

    /// One full update: begin_step() then apply() on everything.
    /// params and grads: same size as parameter_count. grads are multiplied by grad_scale (for
    /// clipping) without being modified.
    void step(std::span<float> params, std::span<const float> grads, float learning_rate,
              float grad_scale = 1.0f);

    /// Advances the update counter used by the bias correction; call once per update.
    void begin_step() { ++state_.steps; }
    /// Updates params[begin, end) with the current counter. m_t = b1 m + (1-b1) g;
    /// v_t = b2 v + (1-b2) g^2; w -= lr * (m_t/(1-b1^t)) / (sqrt(v_t/(1-b2^t)) + eps).
    void apply(std::span<float> params, std::span<const float> grads, float learning_rate,
               float grad_scale, std::size_t begin, std::size_t end);

    [[nodiscard]] const AdamConfig& config() const { return config_; }
    [[nodiscard]] const AdamState& state() const { return state_; }
    /// Replaces the state (rollback); sizes must match parameter_count.
    void set_state(AdamState state);

private:
    AdamConfig config_;
    AdamState state_;
};

} // namespace vae
