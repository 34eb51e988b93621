#include "nn/mlp.h"

#include <cassert>
#include <cmath>
#include <utility>

namespace vae {

Mlp::Mlp(std::size_t inputs, const std::vector<std::size_t>& widths, Activation hidden,
         std::optional<Activation> output, std::size_t first_offset) {
    std::size_t offset = first_offset;
    std::size_t previous = inputs;
    for (std::size_t i = 0; i < widths.size(); ++i) {
        DenseLayer layer;
        layer.inputs = previous;
        layer.outputs = widths[i];
        layer.offset = offset;
        layer.activation = i + 1 < widths.size() ? std::optional<Activation>(hidden) : output;
        offset = layer.end_offset();
        previous = widths[i];
        layers_.push_back(layer);
    }
}

std::size_t Mlp::inputs() const {
    return layers_.empty() ? 0 : layers_.front().inputs;
}
std::size_t Mlp::outputs() const {
    return layers_.empty() ? 0 : layers_.back().outputs;
}
std::size_t Mlp::end_offset() const {
    return layers_.empty() ? 0 : layers_.back().end_offset();
}
std::size_t Mlp::parameter_count() const {
    std::size_t n = 0;
    for (const auto& layer : layers_)
        n += layer.parameter_count();
    return n;
}

void Mlp::initialize(std::span<float> params, SeededRandom& rng) const {
    for (const auto& layer : layers_) {
        const bool relu_family =
            layer.activation &&
            (*layer.activation == Activation::ReLU || *layer.activation == Activation::LeakyReLU ||
             *layer.activation == Activation::ELU || *layer.activation == Activation::SiLU);
        const double fan_in = static_cast<double>(layer.inputs);
        const double fan_out = static_cast<double>(layer.outputs);
        // He keeps the variance of ReLU-like units' outputs constant with depth; Xavier does
        // the same for units that are linear around 0.
        const double std_dev =
            relu_family ? std::sqrt(2.0 / fan_in) : std::sqrt(2.0 / (fan_in + fan_out));
        for (std::size_t i = 0; i < layer.weight_count(); ++i)
            params[layer.offset + i] = static_cast<float>(std_dev * rng.normal());
        for (std::size_t i = 0; i < layer.outputs; ++i)
            params[layer.bias_offset() + i] = 0.0f;
    }
}

const Matrix& Mlp::forward(std::span<const float> params, const Eigen::Ref<const Matrix>& x,
                           MlpWorkspace& ws) const {
    assert(!layers_.empty());
    ws.pre.resize(layers_.size());
    ws.post.resize(layers_.size());
    for (std::size_t i = 0; i < layers_.size(); ++i) {
        if (i == 0)
            dense_forward(layers_[i], params, x, ws.pre[i], ws.post[i]);
        else
            dense_forward(layers_[i], params, ws.post[i - 1], ws.pre[i], ws.post[i]);
    }
    return ws.post.back();
}

void Mlp::backward(std::span<const float> params, const Eigen::Ref<const Matrix>& x,
                   MlpWorkspace& ws, Matrix& d_output, std::span<float> grads,
                   Matrix* d_input) const {
    // Deltas ping-pong between two workspace buffers so that no layer reads and writes the same
    // matrix.
    Matrix* current = &d_output;
    for (std::size_t i = layers_.size(); i-- > 0;) {
        Matrix* next = current == &ws.delta ? &ws.delta_next : &ws.delta;
        Matrix* target = i > 0 ? next : d_input;
        if (i == 0)
            dense_backward(layers_[i], params, x, ws.pre[i], ws.post[i], *current, grads, target);
        else
            dense_backward(layers_[i], params, ws.post[i - 1], ws.pre[i], ws.post[i], *current,
                           grads, target);
        current = next;
    }
}

} // namespace vae
