#pragma once

// What the convolution layers (conv2d_layer.h, conv_transpose2d_layer.h) share: the geometry of
// one square-kernel convolution, its output sizes, a plain-words check of it, and the im2col /
// col2im pair that turns a convolution into one GEMM.
//
// Images are stored channels-last (NHWC), as everywhere in the project: one image per row of a
// row-major matrix, value (y, x, c) at (y * width + x) * channels + c.
//
// The definitions are PyTorch's (docs.pytorch.org/docs/stable/generated/torch.nn.Conv2d.html and
// .../torch.nn.ConvTranspose2d.html, "Shape" sections, with dilation 1 and output_padding 0):
//   Conv2d:          H_out = floor((H_in + 2 padding - kernel) / stride) + 1
//   ConvTranspose2d: H_out = (H_in - 1) stride - 2 padding + kernel
// `padding` of Conv2d is the zero border added on each side of the input; `padding` of
// ConvTranspose2d is the number of rows and columns cropped from each side of the full
// transposed output (PyTorch words it as k - 1 - padding zeros around the input of the
// equivalent direct convolution; the two are the same), so that a ConvTranspose2d and a Conv2d with
// the same kernel, stride and padding have mirrored shapes (PyTorch: "This module can be seen as
// the gradient of Conv2d with respect to its input").

#include "data/dataset.h"

#include <cstddef>
#include <string>

namespace vae {

/// Shape of one 2-D convolution with a square kernel and the same stride and padding on both
/// axes. For a transposed convolution, in_* describe its input and out_channels its output.
struct ConvGeometry {
    int in_height = 0;
    int in_width = 0;
    int in_channels = 0;
    int out_channels = 0;
    int kernel = 0;
    int stride = 1;
    int padding = 0;

    /// Output size of a convolution: floor((H + 2p - k) / s) + 1.
    [[nodiscard]] int out_height() const { return (in_height + 2 * padding - kernel) / stride + 1; }
    [[nodiscard]] int out_width() const { return (in_width + 2 * padding - kernel) / stride + 1; }
    /// Output size of a transposed convolution: (H - 1) s - 2p + k.
    [[nodiscard]] int transposed_out_height() const {
        return (in_height - 1) * stride - 2 * padding + kernel;
    }
    [[nodiscard]] int transposed_out_width() const {
        return (in_width - 1) * stride - 2 * padding + kernel;
    }
    /// Width of an im2col row: k * k * in_channels.
    [[nodiscard]] int patch_size() const { return kernel * kernel * in_channels; }

    /// The convolution whose adjoint the transposed convolution of this geometry is: its input
    /// is this geometry's transposed output, its output this geometry's input.
    [[nodiscard]] ConvGeometry transposed_adjoint() const {
        return {transposed_out_height(),
                transposed_out_width(),
                out_channels,
                in_channels,
                kernel,
                stride,
                padding};
    }
};

/// "" when `g` describes a valid convolution (transposed: a valid transposed convolution), else
/// what is wrong in words for the user, e.g. "kernel 5 is larger than the padded 4x4 input".
[[nodiscard]] std::string conv_geometry_error(const ConvGeometry& g, bool transposed);

/// Buffers of one convolution layer, sized on first use and reused: while the batch size stays
/// the same no call allocates. Give each layer its own (backward reads what forward left here).
struct ConvWorkspace {
    Matrix columns;   ///< im2col of the input (conv) / X W^T before col2im (transposed)
    Matrix d_columns; ///< gradient with respect to `columns`
    Matrix pre;       ///< pre-activations, kept only when the activation's derivative needs them
};

/// im2col of `batch` images of geometry g: writes the (batch * Ho * Wo) x (k * k * Cin)
/// row-major matrix `columns` (contiguous) whose row (b, oy, ox) holds the input patch under the
/// kernel at output (oy, ox), in (ky, kx, cin) order, zeros where the kernel hangs over the
/// padding. Image b starts at input + b * input_stride. Allocates nothing; g must be valid.
void im2col(const ConvGeometry& g, int batch, const float* input, std::ptrdiff_t input_stride,
            float* columns);

/// The adjoint of im2col: adds each entry of `columns` (same layout) to the input value it was
/// read from; padding entries are dropped. Accumulates, so zero `input` first for a plain
/// col2im. Allocates nothing.
void col2im(const ConvGeometry& g, int batch, const float* columns, float* input,
            std::ptrdiff_t input_stride);

} // namespace vae
