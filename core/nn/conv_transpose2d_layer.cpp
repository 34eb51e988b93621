#include "nn/conv_transpose2d_layer.h"

#include "nn/activation_kernels.h"
#include "nn/gemm.h"
#include "nn/matrix_ops.h"
#include "nn/simd_kernels.h"
#include "nn/weight_init.h"

#include <algorithm>
#include <cmath>

namespace vae {

namespace {

using RowArray = Eigen::Array<float, 1, Eigen::Dynamic>;

int code(std::optional<Activation> a) {
    return a ? static_cast<int>(*a) : detail::linear_activation;
}

// With a 1x1 kernel, stride 1 and no padding every column lands on its own output pixel, so
// the columns matrix is the output and col2im (backward: im2col) would only move memory.
bool columns_are_output(const ConvGeometry& g) {
    return g.kernel == 1 && g.stride == 1 && g.padding == 0;
}

// The GEMMs read x as (B * Hi * Wi) x Cin. That is one matrix when x's rows are packed; a
// block of a wider matrix is one such matrix per image, so run the product image by image.
template <typename Product>
void per_input_block(const Eigen::Ref<const Matrix>& x, int pixels, Product&& product) {
    if (x.rows() <= 1 || x.outerStride() == x.cols()) {
        product(x.data(), static_cast<int>(x.rows()) * pixels, 0, false);
        return;
    }
    for (Eigen::Index b = 0; b < x.rows(); ++b)
        product(x.row(b).data(), pixels, static_cast<std::ptrdiff_t>(b) * pixels, b > 0);
}

} // namespace

void conv_transpose2d_forward(const ConvTranspose2dLayer& layer, std::span<const float> params,
                              const Eigen::Ref<const Matrix>& x, ConvWorkspace& ws, Matrix& out) {
    const ConvGeometry& g = layer.geometry;
    const int batch = static_cast<int>(x.rows());
    const int pixels = g.in_height * g.in_width;
    const int cin = g.in_channels;
    const int kc = g.kernel * g.kernel * g.out_channels; // one column row: k x k x Cout taps
    const int n = g.out_channels;
    const float* w = params.data() + layer.offset;
    ensure_shape(out, x.rows(), static_cast<Eigen::Index>(layer.outputs()));

    const bool direct = columns_are_output(g);
    float* columns = out.data();
    if (!direct) {
        ensure_shape(ws.columns, static_cast<Eigen::Index>(batch) * pixels, kc);
        columns = ws.columns.data();
    }
    // cols = X W^T: each input pixel's k x k x Cout contributions.
    per_input_block(x, pixels, [&](const float* xb, int m, std::ptrdiff_t first_row, bool) {
        gemm(Transpose::No, Transpose::Yes, m, kc, cin, xb, cin, w, cin, columns + first_row * kc,
             kc, false);
    });
    // col2im of the adjoint conv lays each contribution onto its output pixel, adding overlaps.
    if (!direct) {
        out.setZero();
        col2im(g.transposed_adjoint(), batch, ws.columns.data(), out.data(), out.cols());
    }

    float* pre_data = nullptr;
    if (layer.activation && activation_needs_preactivation(*layer.activation)) {
        ensure_shape(ws.pre, out.rows(), out.cols());
        pre_data = ws.pre.data();
    }
    const int out_rows = batch * g.transposed_out_height() * g.transposed_out_width();
    detail::simd_kernels().bias_activation(code(layer.activation), out_rows, n,
                                           params.data() + layer.bias_offset(), out.data(),
                                           pre_data);
}

void conv_transpose2d_backward(const ConvTranspose2dLayer& layer, std::span<const float> params,
                               const Eigen::Ref<const Matrix>& x, ConvWorkspace& ws,
                               const Matrix& out, Matrix& delta, std::span<float> grads,
                               Matrix* d_input) {
    const ConvGeometry& g = layer.geometry;
    const int batch = static_cast<int>(x.rows());
    const int pixels = g.in_height * g.in_width;
    const int cin = g.in_channels;
    const int kc = g.kernel * g.kernel * g.out_channels;
    const int n = g.out_channels;
    const int out_rows = batch * g.transposed_out_height() * g.transposed_out_width();
    const float* w = params.data() + layer.offset;
    // dZ = dA * act'(Z)
    if (layer.activation)
        detail::simd_kernels().activation_backward(code(layer.activation), out_rows, n,
                                                   ws.pre.data(), out.data(), delta.data());
    // dcols = im2col(dZ): the gradient of col2im is the gather it undoes.
    const float* d_columns = delta.data();
    if (!columns_are_output(g)) {
        ensure_shape(ws.d_columns, static_cast<Eigen::Index>(batch) * pixels, kc);
        im2col(g.transposed_adjoint(), batch, delta.data(), delta.cols(), ws.d_columns.data());
        d_columns = ws.d_columns.data();
    }
    if (!grads.empty()) {
        // dL/dW = dcols^T X, summed over the images when they are multiplied one by one.
        per_input_block(
            x, pixels, [&](const float* xb, int m, std::ptrdiff_t first_row, bool accumulate) {
                gemm(Transpose::Yes, Transpose::No, kc, cin, m, d_columns + first_row * kc, kc, xb,
                     cin, grads.data() + layer.offset, cin, accumulate);
            });
        // dL/db = 1^T dZ over every output pixel of every image.
        Eigen::Map<RowArray> db(grads.data() + layer.bias_offset(), n);
        db.setZero();
        for (int r = 0; r < out_rows; ++r)
            db += Eigen::Map<const RowArray>(delta.data() + static_cast<std::ptrdiff_t>(r) * n, n);
    }
    // dL/dX = dcols W
    if (d_input != nullptr) {
        ensure_shape(*d_input, x.rows(), static_cast<Eigen::Index>(layer.inputs()));
        gemm(Transpose::No, Transpose::No, batch * pixels, cin, kc, d_columns, kc, w, cin,
             d_input->data(), cin, false);
    }
}

void initialize(const ConvTranspose2dLayer& layer, std::span<float> params, SeededRandom& rng) {
    const ConvGeometry& g = layer.geometry;
    const double taps = static_cast<double>(g.kernel) * g.kernel;
    const double fan_in =
        g.in_channels * std::max(1.0, taps / (static_cast<double>(g.stride) * g.stride));
    const double fan_out = taps * g.out_channels;
    draw_weights(params, layer.offset, layer.weight_count(),
                 static_cast<std::size_t>(g.out_channels), layer.activation, fan_in, fan_out, rng);
}

} // namespace vae
