#pragma once

#include "data/dataset.h"
#include "data/seeded_random.h"
#include "nn/activation.h"
#include "nn/conv_geometry.h"

#include <cstddef>
#include <optional>
#include <span>

namespace vae {

/// One 2-D transposed convolution layer Y = act(convT(X, W) + b) over a shared flat parameter
/// buffer, with the conventions of Conv2dLayer. The geometry's in_* are this layer's input,
/// out_channels its output channels; it must pass conv_geometry_error(geometry, true). Output
/// size (H - 1) s - 2p + k per axis (PyTorch ConvTranspose2d, output_padding 0).
///
/// convT is the adjoint of the convolution geometry.transposed_adjoint() (Cout -> Cin channels,
/// the same k, s, p): the gradient of that conv with respect to its input, which is how PyTorch
/// defines ConvTranspose2d. Each input pixel scatters Cin -> k x k x Cout values onto the output
/// at (y s - p + ky, x s - p + kx); overlapping taps add.
///
/// Data: input B x (Hi * Wi * Cin), output B x (Ho * Wo * Cout), both NHWC.
/// Parameters at `offset`: W as a (k * k * Cout) x Cin row-major matrix, index
/// ((ky * k + kx) * Cout + co) * Cin + ci, then the Cout biases. From a PyTorch
/// nn.ConvTranspose2d weight of shape (Cin, Cout, kh, kw):
///     W_ours[ky][kx][co][ci] = W_torch[ci][co][ky][kx]
/// (checked once against torch 1.13's F.conv_transpose2d, strides 2 and 3, padding 0 and 1:
/// output, dW, db and dx agree to 4e-6).
/// This is exactly the Conv2dLayer layout of the adjoint conv, so a conv and a transposed conv
/// that are each other's adjoints share one weight array unchanged.
struct ConvTranspose2dLayer {
    ConvGeometry geometry;
    std::size_t offset = 0;               ///< index of W[0][0][0][0] in the parameter buffer
    std::optional<Activation> activation; ///< nullopt: linear (identity) layer

    [[nodiscard]] std::size_t weight_count() const {
        const auto k = static_cast<std::size_t>(geometry.kernel);
        return k * k * static_cast<std::size_t>(geometry.out_channels) *
               static_cast<std::size_t>(geometry.in_channels);
    }
    [[nodiscard]] std::size_t parameter_count() const {
        return weight_count() + static_cast<std::size_t>(geometry.out_channels);
    }
    [[nodiscard]] std::size_t bias_offset() const { return offset + weight_count(); }
    [[nodiscard]] std::size_t end_offset() const { return offset + parameter_count(); }
    /// Hi * Wi * Cin: the width of an input row.
    [[nodiscard]] std::size_t inputs() const {
        return static_cast<std::size_t>(geometry.in_height) *
               static_cast<std::size_t>(geometry.in_width) *
               static_cast<std::size_t>(geometry.in_channels);
    }
    /// Ho * Wo * Cout: the width of an output row.
    [[nodiscard]] std::size_t outputs() const {
        return static_cast<std::size_t>(geometry.transposed_out_height()) *
               static_cast<std::size_t>(geometry.transposed_out_width()) *
               static_cast<std::size_t>(geometry.out_channels);
    }
};

/// Forward pass for a batch. x: B x inputs() (rows may be a block of a larger row-major
/// matrix). On return `out` (resized to B x outputs() if needed) holds act(convT(x) + b): the
/// columns X W^T ((B * Hi * Wi) x (k * k * Cout), in ws.columns) summed into place by col2im.
/// With a 1x1 kernel, stride 1 and no padding the columns are the output and col2im is skipped.
/// ws.pre keeps the pre-activations when the activation's derivative needs them (SiLU).
/// Reentrant: const inputs, caller-owned outputs and workspace.
void conv_transpose2d_forward(const ConvTranspose2dLayer& layer, std::span<const float> params,
                              const Eigen::Ref<const Matrix>& x, ConvWorkspace& ws, Matrix& out);

/// Backward pass for a batch, after conv_transpose2d_forward() on the same x with the same ws
/// and out. delta: on entry dL/d(out) (B x outputs()), on return dL/d(pre). With
/// dcols = im2col(dZ) in the adjoint conv's geometry (in ws.d_columns), writes (overwrites)
/// dL/dW = dcols^T X and dL/db = the sums of dZ over batch and pixels into `grads` (the layout
/// of `params`; empty: skipped); when d_input is non-null it receives dL/dx = dcols W
/// (B x inputs()).
void conv_transpose2d_backward(const ConvTranspose2dLayer& layer, std::span<const float> params,
                               const Eigen::Ref<const Matrix>& x, ConvWorkspace& ws,
                               const Matrix& out, Matrix& delta, std::span<float> grads,
                               Matrix* d_input);

/// He / Xavier normal weights and zero biases as for Conv2dLayer, with the fans counted for the
/// transposed direction. One output value receives Cin * (k / s)^2 input values on average (an
/// input pixel's k x k footprint is laid down every s pixels), so fan_in = Cin * max(1, k^2/s^2)
/// keeps the forward variance of He's derivation; fan_out = k * k * Cout (one input reaches
/// k x k x Cout outputs). PyTorch instead derives both fans from its weight tensor's shape
/// (fan_in = Cout * k * k for ConvTranspose2d), which is the fan of the backward pass; for the
/// usual k 4 s 2 upsampling our fan_in is Cin * 4, not Cin * 16, i.e. a std twice as large as
/// k * k * Cin would give, so that activations keep their scale through the decoder.
void initialize(const ConvTranspose2dLayer& layer, std::span<float> params, SeededRandom& rng);

} // namespace vae
