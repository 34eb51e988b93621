#pragma once

#include "data/dataset.h"
#include "data/seeded_random.h"
#include "nn/activation.h"
#include "nn/conv_geometry.h"

#include <cstddef>
#include <optional>
#include <span>

namespace vae {

/// One 2-D convolution layer Y = act(conv(X, W) + b) over a shared flat parameter buffer, the
/// convolutional counterpart of DenseLayer: it holds only the geometry and where its parameters
/// live. A value type; the geometry must pass conv_geometry_error(geometry, false).
///
/// Data: a batch is B x (H * W * Cin), one NHWC image per row; the output B x (Ho * Wo * Cout)
/// is NHWC too, so that viewed as (B * Ho * Wo) x Cout it is the plain GEMM result.
///
/// Parameters at `offset`: W as a (k * k * Cin) x Cout row-major matrix, index
/// ((ky * k + kx) * Cin + ci) * Cout + co ("HWIO", TensorFlow's order), then the Cout biases.
/// From a PyTorch nn.Conv2d weight of shape (Cout, Cin, kh, kw):
///     W_ours[ky][kx][ci][co] = W_torch[co][ci][ky][kx]
/// (both compute out[co](y, x) = b[co] + sum W[..] in(y s - p + ky, x s - p + kx)[ci], the
/// cross-correlation PyTorch documents; the kernel is not flipped). Checked once against torch
/// 1.13's F.conv2d with weights mapped this way: output, dW, db and dx agree to 2e-6.
struct Conv2dLayer {
    ConvGeometry geometry;
    std::size_t offset = 0;               ///< index of W[0][0][0][0] in the parameter buffer
    std::optional<Activation> activation; ///< nullopt: linear (identity) layer

    [[nodiscard]] std::size_t weight_count() const {
        return static_cast<std::size_t>(geometry.patch_size()) *
               static_cast<std::size_t>(geometry.out_channels);
    }
    [[nodiscard]] std::size_t parameter_count() const {
        return weight_count() + static_cast<std::size_t>(geometry.out_channels);
    }
    [[nodiscard]] std::size_t bias_offset() const { return offset + weight_count(); }
    [[nodiscard]] std::size_t end_offset() const { return offset + parameter_count(); }
    /// H * W * Cin: the width of an input row.
    [[nodiscard]] std::size_t inputs() const {
        return static_cast<std::size_t>(geometry.in_height) *
               static_cast<std::size_t>(geometry.in_width) *
               static_cast<std::size_t>(geometry.in_channels);
    }
    /// Ho * Wo * Cout: the width of an output row.
    [[nodiscard]] std::size_t outputs() const {
        return static_cast<std::size_t>(geometry.out_height()) *
               static_cast<std::size_t>(geometry.out_width()) *
               static_cast<std::size_t>(geometry.out_channels);
    }
};

/// Forward pass for a batch. x: B x inputs() (rows may be a block of a larger row-major
/// matrix). On return `out` (resized to B x outputs() if needed) holds act(conv(x) + b),
/// ws.columns the im2col of x (unless the kernel is 1x1 with stride 1 and no padding: then x
/// itself is the columns matrix and ws.columns is left alone) and ws.pre the pre-activations
/// when the activation's derivative needs them (SiLU). `params` is the whole buffer.
/// Reentrant: const inputs, caller-owned outputs and workspace.
void conv2d_forward(const Conv2dLayer& layer, std::span<const float> params,
                    const Eigen::Ref<const Matrix>& x, ConvWorkspace& ws, Matrix& out);

/// Backward pass for a batch, after conv2d_forward() on the same x with the same ws and out.
/// delta: on entry dL/d(out) (B x outputs()), on return dL/d(pre) = dL/dout * act'(pre).
/// Writes (overwrites) dL/dW = cols^T dZ and dL/db = the sums of dZ over batch and pixels into
/// `grads` (a buffer with the layout of `params`; empty: skipped). When d_input is non-null it
/// receives dL/dx = col2im(dZ W^T) (B x inputs()).
void conv2d_backward(const Conv2dLayer& layer, std::span<const float> params,
                     const Eigen::Ref<const Matrix>& x, ConvWorkspace& ws, const Matrix& out,
                     Matrix& delta, std::span<float> grads, Matrix* d_input);

/// Draws the layer's weights, normal with He's std sqrt(2 / fan_in) before a ReLU-family
/// activation (ReLU, LeakyReLU, ELU, SiLU) and Xavier's sqrt(2 / (fan_in + fan_out)) otherwise,
/// as draw_weights (nn/weight_init.h) does for every layer. fan_in = k * k * Cin, the inputs that
/// reach one output (PyTorch's and Keras's fan_in of a conv weight). fan_out counts the outputs one
/// input reaches: Cout * max(1, k^2 / s^2), since outputs are s pixels apart (PyTorch and Keras
/// take k * k * Cout, ignoring the stride); this is the fan_in of the adjoint transposed conv, so
/// the two layers' initialisations mirror each other. Biases start at 0.
void initialize(const Conv2dLayer& layer, std::span<float> params, SeededRandom& rng);

} // namespace vae
