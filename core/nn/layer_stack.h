#pragma once

#include "data/dataset.h"
#include "data/seeded_random.h"
#include "nn/layer.h"

#include <cstddef>
#include <optional>
#include <span>
#include <utility>
#include <vector>

namespace vae {

/// Per-caller scratch for a LayerStack's forward and backward passes: activations,
/// pre-activations, conv columns and deltas of each layer. Sized on first use for a batch size and
/// reused afterwards (no allocation while the batch size stays the same). Not thread-safe: one
/// workspace per thread.
struct LayerStackWorkspace {
    std::vector<Matrix> pre;         ///< per dense layer: pre-activations (only where needed)
    std::vector<ConvWorkspace> conv; ///< per conv layer: columns and pre-activations
    std::vector<Matrix> post;        ///< per layer: outputs, B x outputs
    Matrix delta;                    ///< dL/d(pre) of the layer being processed
    Matrix delta_next;               ///< dL/d(input) handed to the layer below
};

/// A stack of layers (dense, conv, transposed conv) over a shared flat parameter buffer. Holds
/// only the layout; the parameters are passed to each call, so one const LayerStack serves any
/// number of threads, each with its own LayerStackWorkspace.
class LayerStack {
public:
    LayerStack() = default;
    /// A stack of dense layers: inputs -> widths[0] -> ... -> widths.back(). Hidden layers use
    /// `hidden`; the last layer uses `output` (nullopt: linear). Parameters start at
    /// `first_offset` in the buffer.
    LayerStack(std::size_t inputs, const std::vector<std::size_t>& widths, Activation hidden,
               std::optional<Activation> output, std::size_t first_offset);
    /// A stack of the given layers (each layer's inputs must equal the previous one's outputs).
    explicit LayerStack(std::vector<Layer> layers) : layers_(std::move(layers)) {}

    [[nodiscard]] const std::vector<Layer>& layers() const { return layers_; }
    [[nodiscard]] std::size_t inputs() const;
    [[nodiscard]] std::size_t outputs() const;
    [[nodiscard]] std::size_t parameter_count() const;
    [[nodiscard]] std::size_t end_offset() const;
    /// FLOPs of one sample's forward pass.
    [[nodiscard]] std::size_t forward_flops() const;

    /// Draws the weights: He normal (std sqrt(2/fan_in)) before ReLU-family activations, Xavier
    /// normal (std sqrt(2/(fan_in+fan_out))) before tanh/sigmoid and for linear layers; biases 0.
    void initialize(std::span<float> params, SeededRandom& rng) const;

    /// x: B x inputs. Returns the output (B x outputs), a reference into `ws` valid until the next
    /// call with the same workspace.
    const Matrix& forward(std::span<const float> params, const Eigen::Ref<const Matrix>& x,
                          LayerStackWorkspace& ws) const;

    /// After forward() with the same x and ws. d_output: dL/d(output), B x outputs (consumed:
    /// overwritten). Overwrites this stack's slice of `grads` (empty: no parameter gradients,
    /// only the deltas down to d_input). d_input (optional) receives dL/dx.
    /// Chain rule per layer: dZ = dA * act'(Z); dW = X^T dZ; db = 1^T dZ; dX = dZ W^T (for a
    /// conv layer through its im2col columns).
    void backward(std::span<const float> params, const Eigen::Ref<const Matrix>& x,
                  LayerStackWorkspace& ws, Matrix& d_output, std::span<float> grads,
                  Matrix* d_input) const;

private:
    std::vector<Layer> layers_;
};

} // namespace vae
