#pragma once

#include "nn/conv2d_layer.h"
#include "nn/conv_transpose2d_layer.h"
#include "nn/dense_layer.h"

#include <cstddef>
#include <optional>
#include <type_traits>
#include <variant>

namespace vae {

/// One layer of a LayerStack. All kinds read and write rows of a row-major batch: a conv layer's
/// NHWC image is just a longer row, so a conv layer feeds a dense one without a reshape.
using Layer = std::variant<DenseLayer, Conv2dLayer, ConvTranspose2dLayer>;

/// The width of an input row.
[[nodiscard]] inline std::size_t layer_inputs(const Layer& layer) {
    return std::visit(
        [](const auto& l) {
            if constexpr (std::is_same_v<std::decay_t<decltype(l)>, DenseLayer>)
                return l.inputs;
            else
                return l.inputs();
        },
        layer);
}
/// The width of an output row.
[[nodiscard]] inline std::size_t layer_outputs(const Layer& layer) {
    return std::visit(
        [](const auto& l) {
            if constexpr (std::is_same_v<std::decay_t<decltype(l)>, DenseLayer>)
                return l.outputs;
            else
                return l.outputs();
        },
        layer);
}
[[nodiscard]] inline std::size_t layer_parameter_count(const Layer& layer) {
    return std::visit([](const auto& l) { return l.parameter_count(); }, layer);
}
[[nodiscard]] inline std::size_t layer_end_offset(const Layer& layer) {
    return std::visit([](const auto& l) { return l.end_offset(); }, layer);
}
[[nodiscard]] inline std::optional<Activation> layer_activation(const Layer& layer) {
    return std::visit([](const auto& l) { return l.activation; }, layer);
}

/// Multiply-adds of one sample's forward pass, times 2 (FLOPs). The backward pass costs about
/// twice as much again (the input and the weight gradients).
[[nodiscard]] std::size_t layer_forward_flops(const Layer& layer);

} // namespace vae
