#include "nn/layer_stack.h"

#include "nn/weight_init.h"

#include <cassert>
#include <cmath>
#include <utility>

namespace vae {

namespace {

std::size_t pixels(int h, int w) {
    return static_cast<std::size_t>(h) * static_cast<std::size_t>(w);
}

} // namespace

std::size_t layer_forward_flops(const Layer& layer) {
    if (const auto* d = std::get_if<DenseLayer>(&layer))
        return 2 * d->weight_count();
    if (const auto* c = std::get_if<Conv2dLayer>(&layer))
        return 2 * c->weight_count() * pixels(c->geometry.out_height(), c->geometry.out_width());
    const auto& t = std::get<ConvTranspose2dLayer>(layer);
    // Each input pixel scatters one k x k x Cout patch per input channel.
    return 2 * t.weight_count() * pixels(t.geometry.in_height, t.geometry.in_width);
}

LayerStack::LayerStack(std::size_t inputs, const std::vector<std::size_t>& widths,
                       Activation hidden, std::optional<Activation> output,
                       std::size_t first_offset) {
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
        layers_.emplace_back(layer);
    }
}

std::size_t LayerStack::inputs() const {
    return layers_.empty() ? 0 : layer_inputs(layers_.front());
}
std::size_t LayerStack::outputs() const {
    return layers_.empty() ? 0 : layer_outputs(layers_.back());
}
std::size_t LayerStack::end_offset() const {
    return layers_.empty() ? 0 : layer_end_offset(layers_.back());
}
std::size_t LayerStack::parameter_count() const {
    std::size_t n = 0;
    for (const auto& layer : layers_)
        n += layer_parameter_count(layer);
    return n;
}
std::size_t LayerStack::forward_flops() const {
    std::size_t n = 0;
    for (const auto& layer : layers_)
        n += layer_forward_flops(layer);
    return n;
}

void LayerStack::initialize(std::span<float> params, SeededRandom& rng) const {
    for (const auto& layer : layers_) {
        if (const auto* d = std::get_if<DenseLayer>(&layer))
            draw_weights(params, d->offset, d->weight_count(), d->outputs, d->activation,
                         static_cast<double>(d->inputs), static_cast<double>(d->outputs), rng);
        else if (const auto* c = std::get_if<Conv2dLayer>(&layer))
            vae::initialize(*c, params, rng);
        else
            vae::initialize(std::get<ConvTranspose2dLayer>(layer), params, rng);
    }
}

const Matrix& LayerStack::forward(std::span<const float> params, const Eigen::Ref<const Matrix>& x,
                                  LayerStackWorkspace& ws) const {
    assert(!layers_.empty());
    ws.pre.resize(layers_.size());
    ws.conv.resize(layers_.size());
    ws.post.resize(layers_.size());
    for (std::size_t i = 0; i < layers_.size(); ++i) {
        const Eigen::Ref<const Matrix> in = i == 0 ? x : Eigen::Ref<const Matrix>(ws.post[i - 1]);
        if (const auto* d = std::get_if<DenseLayer>(&layers_[i]))
            dense_forward(*d, params, in, ws.pre[i], ws.post[i]);
        else if (const auto* c = std::get_if<Conv2dLayer>(&layers_[i]))
            conv2d_forward(*c, params, in, ws.conv[i], ws.post[i]);
        else
            conv_transpose2d_forward(std::get<ConvTranspose2dLayer>(layers_[i]), params, in,
                                     ws.conv[i], ws.post[i]);
    }
    return ws.post.back();
}

void LayerStack::backward(std::span<const float> params, const Eigen::Ref<const Matrix>& x,
                          LayerStackWorkspace& ws, Matrix& d_output, std::span<float> grads,
                          Matrix* d_input) const {
    // Deltas ping-pong between two workspace buffers so that no layer reads and writes the same
    // matrix.
    Matrix* current = &d_output;
    for (std::size_t i = layers_.size(); i-- > 0;) {
        Matrix* next = current == &ws.delta ? &ws.delta_next : &ws.delta;
        Matrix* target = i > 0 ? next : d_input;
        const Eigen::Ref<const Matrix> in = i == 0 ? x : Eigen::Ref<const Matrix>(ws.post[i - 1]);
        if (const auto* d = std::get_if<DenseLayer>(&layers_[i]))
            dense_backward(*d, params, in, ws.pre[i], ws.post[i], *current, grads, target);
        else if (const auto* c = std::get_if<Conv2dLayer>(&layers_[i]))
            conv2d_backward(*c, params, in, ws.conv[i], ws.post[i], *current, grads, target);
        else
            conv_transpose2d_backward(std::get<ConvTranspose2dLayer>(layers_[i]), params, in,
                                      ws.conv[i], ws.post[i], *current, grads, target);
        current = next;
    }
}

} // namespace vae
