#include "data/seeded_random.h"
#include "finite_difference.h"
#include "nn/activation.h"
#include "nn/activation_kernels.h"
#include "nn/conv2d_layer.h"
#include "nn/conv_geometry.h"
#include "nn/conv_transpose2d_layer.h"
#include "vae_reference.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <optional>
#include <string>
#include <vector>

using vae::Activation;
using vae::ConvGeometry;
using vae::Matrix;
using vae::test::conv_reference;
using vae::test::conv_transpose_reference;
using vae::test::MatrixD;
using vae::test::random_matrix;

namespace {

Matrix row_of(std::initializer_list<float> values) {
    Matrix m(1, static_cast<Eigen::Index>(values.size()));
    Eigen::Index i = 0;
    for (const float v : values)
        m(0, i++) = v;
    return m;
}

std::string describe(const ConvGeometry& g) {
    return std::to_string(g.in_height) + "x" + std::to_string(g.in_width) + "x" +
           std::to_string(g.in_channels) + " -> " + std::to_string(g.out_channels) + " k" +
           std::to_string(g.kernel) + " s" + std::to_string(g.stride) + " p" +
           std::to_string(g.padding);
}

const std::optional<Activation> checked_activations[] = {std::nullopt, Activation::Tanh,
                                                         Activation::SiLU};

// Checks a layer's float forward pass against its double reference and its analytic
// gradients (parameters, then input) against central differences of that reference, for the
// loss L = sum(y .* r).
template <typename Layer, typename Forward, typename Backward, typename Reference>
void check_gradients(const Layer& layer, Eigen::Index batch, vae::SeededRandom& rng,
                     Forward forward, Backward backward, Reference reference) {
    INFO(describe(layer.geometry) << " batch " << batch << " activation "
                                  << (layer.activation ? vae::activation_name(*layer.activation)
                                                       : std::string("linear")));
    std::vector<float> params(layer.end_offset() + 2);
    for (float& v : params)
        v = static_cast<float>(0.4 * rng.normal());
    const Matrix x = random_matrix(batch, static_cast<Eigen::Index>(layer.inputs()), rng);
    const Matrix r = random_matrix(batch, static_cast<Eigen::Index>(layer.outputs()), rng);

    vae::ConvWorkspace ws;
    Matrix y;
    forward(layer, params, x, ws, y);
    Matrix delta = r; // dL/dy = r
    // Garbage where the layer must overwrite, zeros where it must not write at all.
    std::vector<float> grads(params.size(), 0.0f);
    for (std::size_t i = layer.offset; i < layer.end_offset(); ++i)
        grads[i] = 99.0f;
    Matrix dx = Matrix::Constant(batch, static_cast<Eigen::Index>(layer.inputs()), 99.0f);
    backward(layer, params, x, ws, y, delta, grads, &dx);

    const std::vector<double> pd(params.begin(), params.end());
    const MatrixD xd = x.cast<double>();
    const MatrixD rd = r.cast<double>();
    REQUIRE(y.rows() == batch);
    REQUIRE(y.cols() == static_cast<Eigen::Index>(layer.outputs()));
    CHECK((reference(layer, pd, xd) - y.cast<double>()).cwiseAbs().maxCoeff() < 1e-5);

    auto loss_of_params = [&](const std::vector<double>& p) {
        return (reference(layer, p, xd).array() * rd.array()).sum();
    };
    CHECK(vae::test::gradient_mismatches(loss_of_params, pd, grads, "parameter") == 0);

    const std::vector<double> xv(xd.data(), xd.data() + xd.size());
    const std::vector<float> dxv(dx.data(), dx.data() + dx.size());
    auto loss_of_input = [&](const std::vector<double>& v) {
        const MatrixD xp = Eigen::Map<const MatrixD>(v.data(), xd.rows(), xd.cols());
        return (reference(layer, pd, xp).array() * rd.array()).sum();
    };
    CHECK(vae::test::gradient_mismatches(loss_of_input, xv, dxv, "input") == 0);
}

auto conv_forward = [](const vae::Conv2dLayer& l, const std::vector<float>& p, const Matrix& x,
                       vae::ConvWorkspace& ws, Matrix& y) { vae::conv2d_forward(l, p, x, ws, y); };
auto conv_backward = [](const vae::Conv2dLayer& l, const std::vector<float>& p, const Matrix& x,
                        vae::ConvWorkspace& ws, const Matrix& y, Matrix& d, std::vector<float>& g,
                        Matrix* dx) { vae::conv2d_backward(l, p, x, ws, y, d, g, dx); };
auto convt_forward = [](const vae::ConvTranspose2dLayer& l, const std::vector<float>& p,
                        const Matrix& x, vae::ConvWorkspace& ws,
                        Matrix& y) { vae::conv_transpose2d_forward(l, p, x, ws, y); };
auto convt_backward = [](const vae::ConvTranspose2dLayer& l, const std::vector<float>& p,
                         const Matrix& x, vae::ConvWorkspace& ws, const Matrix& y, Matrix& d,
                         std::vector<float>& g,
                         Matrix* dx) { vae::conv_transpose2d_backward(l, p, x, ws, y, d, g, dx); };

} // namespace

TEST_CASE("conv output sizes follow PyTorch's formulas", "[conv]") {
    // The 'Conv small' encoder: 28x28x1 -> 14x14x32 -> 7x7x64 with k4 s2 p1.
    CHECK(ConvGeometry{28, 28, 1, 32, 4, 2, 1}.out_height() == 14);
    CHECK(ConvGeometry{14, 14, 32, 64, 4, 2, 1}.out_width() == 7);
    // floor((5 + 2 - 3) / 2) + 1 = 3 and floor((7 + 2 - 3) / 2) + 1 = 4
    const ConvGeometry odd{5, 7, 2, 3, 3, 2, 1};
    CHECK(odd.out_height() == 3);
    CHECK(odd.out_width() == 4);
    CHECK(ConvGeometry{6, 6, 1, 1, 3, 2, 0}.out_height() == 2); // 1.5 rounds down
    CHECK(ConvGeometry{4, 9, 1, 1, 3, 1, 0}.out_width() == 7);
    // Transposed: (H - 1) s - 2p + k; the decoder mirrors the encoder.
    CHECK(ConvGeometry{7, 7, 64, 32, 4, 2, 1}.transposed_out_height() == 14);
    CHECK(ConvGeometry{14, 14, 32, 1, 4, 2, 1}.transposed_out_width() == 28);
    CHECK(ConvGeometry{2, 3, 1, 1, 2, 2, 0}.transposed_out_height() == 4);
    CHECK(ConvGeometry{2, 3, 1, 1, 2, 2, 0}.transposed_out_width() == 6);
    CHECK(ConvGeometry{3, 5, 1, 1, 3, 1, 1}.transposed_out_width() == 5);
    // The adjoint conv maps the transposed output back onto the transposed input's shape.
    const ConvGeometry up{7, 5, 6, 4, 4, 2, 1};
    const ConvGeometry down = up.transposed_adjoint();
    CHECK(down.in_height == 14);
    CHECK(down.in_width == 10);
    CHECK(down.in_channels == 4);
    CHECK(down.out_channels == 6);
    CHECK(down.out_height() == 7);
    CHECK(down.out_width() == 5);
    CHECK(ConvGeometry{5, 7, 2, 3, 3, 1, 0}.patch_size() == 18);
}

TEST_CASE("conv geometry errors name the problem in words", "[conv]") {
    using vae::conv_geometry_error;
    CHECK(conv_geometry_error({28, 28, 1, 32, 4, 2, 1}, false).empty());
    CHECK(conv_geometry_error({7, 7, 64, 32, 4, 2, 1}, true).empty());
    CHECK(conv_geometry_error({4, 4, 1, 1, 5, 1, 0}, false) ==
          "kernel 5 is larger than the padded 4x4 input");
    CHECK(conv_geometry_error({2, 3, 1, 1, 5, 1, 1}, false) ==
          "kernel 5 is larger than the padded 4x5 input (2x3 plus padding 1)");
    CHECK(conv_geometry_error({4, 4, 1, 1, 4, 1, 0}, false).empty()); // exactly fits
    // A transposed conv grows its input, so a kernel larger than the input is fine there.
    CHECK(conv_geometry_error({4, 4, 1, 1, 5, 1, 0}, true).empty());
    CHECK(conv_geometry_error({8, 8, 1, 1, 3, 0, 1}, false) == "stride 0: it must be at least 1");
    CHECK(conv_geometry_error({8, 8, 1, 1, 3, 0, 1}, true) == "stride 0: it must be at least 1");
    CHECK(conv_geometry_error({8, 8, 0, 4, 3, 1, 1}, false) ==
          "the input has 0 channels; it needs at least 1");
    CHECK(conv_geometry_error({8, 8, 3, 0, 3, 1, 1}, true) ==
          "the output has 0 channels; it needs at least 1");
    CHECK(conv_geometry_error({8, 8, 3, 4, 0, 1, 0}, false) == "kernel 0: it must be at least 1");
    CHECK(conv_geometry_error({8, 8, 3, 4, 3, 1, -1}, false) ==
          "padding -1: it cannot be negative");
    CHECK(conv_geometry_error({0, 8, 3, 4, 3, 1, 0}, false) ==
          "the input is 0x8; it needs at least one row and one column");
    // (1 - 1) 1 - 2 + 2 = 0: the padding crops away the whole 2x2 transposed output.
    CHECK(conv_geometry_error({1, 1, 1, 1, 2, 1, 1}, true) ==
          "padding 1 crops the 2x2 transposed output to 0x0; it needs at least one row and one "
          "column");
    CHECK_FALSE(conv_geometry_error({50000, 50000, 3, 4, 3, 1, 0}, false).empty());
}

TEST_CASE("conv by hand: 3x3 input and a 2x2 kernel", "[conv]") {
    const vae::Conv2dLayer layer{{3, 3, 1, 1, 2, 1, 0}, 0, std::nullopt};
    const std::vector<float> params{1, 2, 3, 4, 0.5f}; // W in (ky kx) order, then the bias
    const Matrix x = row_of({1, 2, 3, 4, 5, 6, 7, 8, 9});
    vae::ConvWorkspace ws;
    Matrix y;
    vae::conv2d_forward(layer, params, x, ws, y);
    // e.g. top left: 1*1 + 2*2 + 4*3 + 5*4 + 0.5
    CHECK(y == row_of({37.5f, 47.5f, 67.5f, 77.5f}));
}

TEST_CASE("conv by hand: padding 1 and stride 2", "[conv]") {
    const vae::Conv2dLayer layer{{3, 3, 1, 1, 2, 2, 1}, 0, std::nullopt};
    const std::vector<float> params{1, 2, 3, 4, 0.5f};
    const Matrix x = row_of({1, 2, 3, 4, 5, 6, 7, 8, 9});
    vae::ConvWorkspace ws;
    Matrix y;
    vae::conv2d_forward(layer, params, x, ws, y);
    // Output (0, 0) sees only input (0, 0), under the kernel's last tap: 1*4 + 0.5. Output
    // (1, 1) sees the bottom-right 2x2: 5*1 + 6*2 + 8*3 + 9*4 + 0.5.
    CHECK(y == row_of({4.5f, 18.5f, 36.5f, 77.5f}));
}

TEST_CASE("conv by hand: two channels in and out use the (ky kx cin cout) layout", "[conv]") {
    const vae::Conv2dLayer layer{{2, 3, 2, 2, 2, 1, 0}, 0, std::nullopt};
    std::vector<float> params(layer.parameter_count(), 0.0f);
    auto w = [&](int ky, int kx, int ci, int co) -> float& {
        return params[static_cast<std::size_t>(((ky * 2 + kx) * 2 + ci) * 2 + co)];
    };
    // Output channel 0 sums input channel 0 over the kernel; output channel 1 takes input
    // channel 1 at tap (0, 1) and 100 x input channel 0 at tap (1, 0).
    for (int ky = 0; ky < 2; ++ky)
        for (int kx = 0; kx < 2; ++kx)
            w(ky, kx, 0, 0) = 1.0f;
    w(0, 1, 1, 1) = 1.0f;
    w(1, 0, 0, 1) = 100.0f;
    params[layer.bias_offset()] = 0.5f;
    params[layer.bias_offset() + 1] = -1.0f;
    // Channel 0 is [1 2 3; 4 5 6], channel 1 ten times that, interleaved (NHWC).
    const Matrix x = row_of({1, 10, 2, 20, 3, 30, 4, 40, 5, 50, 6, 60});
    vae::ConvWorkspace ws;
    Matrix y;
    vae::conv2d_forward(layer, params, x, ws, y);
    // Pixel (0, 0): 1+2+4+5 + 0.5 and 20 + 100*4 - 1; pixel (0, 1): 2+3+5+6 + 0.5 and
    // 30 + 100*5 - 1.
    CHECK(y == row_of({12.5f, 419.0f, 16.5f, 529.0f}));
}

TEST_CASE("transposed conv by hand: kernel 2 stride 2 tiles input times kernel", "[conv]") {
    const vae::ConvTranspose2dLayer layer{{2, 2, 1, 1, 2, 2, 0}, 0, std::nullopt};
    const std::vector<float> params{1, 2, 3, 4, 0.0f};
    const Matrix x = row_of({1, 2, 3, 4});
    vae::ConvWorkspace ws;
    Matrix y;
    vae::conv_transpose2d_forward(layer, params, x, ws, y);
    // Block (i, j) of the 4x4 output is x(i, j) * [1 2; 3 4].
    CHECK(y == row_of({1, 2, 2, 4, 3, 4, 6, 8, 3, 6, 4, 8, 9, 12, 12, 16}));
}

TEST_CASE("transposed conv by hand: overlapping taps add and padding crops", "[conv]") {
    const std::vector<float> params{1, 2, 3, 4, 0.25f};
    const Matrix x = row_of({1, 2, 3, 4});
    vae::ConvWorkspace ws;
    Matrix y;
    // Stride 1: the full 3x3 convolution of [1 2; 3 4] with [1 2; 3 4], plus the bias.
    vae::conv_transpose2d_forward({{2, 2, 1, 1, 2, 1, 0}, 0, std::nullopt}, params, x, ws, y);
    CHECK(y == row_of({1.25f, 4.25f, 4.25f, 6.25f, 20.25f, 16.25f, 9.25f, 24.25f, 16.25f}));
    // Padding 1 crops one row and column on each side, leaving the centre.
    vae::conv_transpose2d_forward({{2, 2, 1, 1, 2, 1, 1}, 0, std::nullopt}, params, x, ws, y);
    CHECK(y == row_of({20.25f}));
}

TEST_CASE("transposed conv by hand: two channels in and out use the (ky kx cout cin) layout",
          "[conv]") {
    const vae::ConvTranspose2dLayer layer{{1, 1, 2, 2, 2, 1, 0}, 0, std::nullopt};
    std::vector<float> params(layer.parameter_count(), 0.0f);
    auto w = [&](int ky, int kx, int co, int ci) -> float& {
        return params[static_cast<std::size_t>(((ky * 2 + kx) * 2 + co) * 2 + ci)];
    };
    w(0, 1, 1, 0) = 1.0f; // input channel 0 -> output pixel (0, 1), channel 1
    w(1, 0, 0, 1) = 1.0f; // input channel 1 -> output pixel (1, 0), channel 0
    w(1, 1, 1, 1) = 3.0f; // 3 x input channel 1 -> output pixel (1, 1), channel 1
    params[layer.bias_offset()] = 0.5f;
    params[layer.bias_offset() + 1] = -1.0f;
    vae::ConvWorkspace ws;
    Matrix y;
    vae::conv_transpose2d_forward(layer, params, row_of({1, 10}), ws, y);
    CHECK(y == row_of({0.5f, -1.0f, 0.5f, 0.0f, 10.5f, -1.0f, 0.5f, 29.0f}));
}

TEST_CASE("transposed conv is the adjoint of conv with the same weights", "[conv]") {
    vae::SeededRandom rng(17);
    // Geometries where (H + 2p - k) is a multiple of s, so that the transposed conv's output
    // has exactly the conv's input shape.
    const ConvGeometry geometries[] = {
        {5, 7, 2, 3, 3, 1, 1}, {6, 8, 3, 2, 4, 2, 1}, {5, 7, 2, 3, 3, 2, 0}, {4, 4, 3, 2, 1, 1, 0},
        {6, 6, 2, 2, 2, 2, 0}, {9, 5, 1, 3, 5, 2, 2}, {9, 9, 2, 3, 2, 3, 1}};
    for (const ConvGeometry& g : geometries) {
        INFO(describe(g));
        REQUIRE(vae::conv_geometry_error(g, false).empty());
        const vae::Conv2dLayer conv{g, 0, std::nullopt};
        const ConvGeometry tg{g.out_height(), g.out_width(), g.out_channels, g.in_channels,
                              g.kernel,       g.stride,      g.padding};
        const vae::ConvTranspose2dLayer convt{tg, 0, std::nullopt};
        REQUIRE(convt.outputs() == conv.inputs());
        REQUIRE(convt.weight_count() == conv.weight_count());
        // One weight array for both layers: the layouts coincide (see conv_transpose2d_layer.h).
        std::vector<float> conv_params(conv.parameter_count());
        for (float& v : conv_params)
            v = static_cast<float>(rng.normal());
        for (std::size_t i = conv.weight_count(); i < conv_params.size(); ++i)
            conv_params[i] = 0.0f;
        std::vector<float> convt_params(conv_params.begin(),
                                        conv_params.begin() +
                                            static_cast<std::ptrdiff_t>(conv.weight_count()));
        convt_params.resize(convt.parameter_count(), 0.0f);

        const Matrix x = random_matrix(3, static_cast<Eigen::Index>(conv.inputs()), rng);
        const Matrix v = random_matrix(3, static_cast<Eigen::Index>(conv.outputs()), rng);
        vae::ConvWorkspace ws;
        Matrix cx, tv;
        vae::conv2d_forward(conv, conv_params, x, ws, cx);
        vae::conv_transpose2d_forward(convt, convt_params, v, ws, tv);
        const double lhs = (cx.cast<double>().array() * v.cast<double>().array()).sum();
        const double rhs = (x.cast<double>().array() * tv.cast<double>().array()).sum();
        const double scale = cx.cast<double>().norm() * v.cast<double>().norm();
        CHECK(std::abs(lhs - rhs) < 1e-5 * scale);
    }
}

TEST_CASE("conv layer gradients match double finite differences", "[conv][gradient]") {
    vae::SeededRandom rng(23);
    const ConvGeometry geometries[] =
        {
            {5, 7, 2, 3, 3, 1, 0}, {5, 7, 2, 3, 3, 1, 1}, {5, 7, 2, 3, 3, 2, 0},
            {5, 7, 2, 3, 3, 2, 1}, {6, 5, 3, 2, 4, 2, 1}, {7, 7, 2, 2, 2, 3, 0},
            {4, 3, 3, 2, 1, 1, 0}, // 1x1: the input is used as the columns matrix
        };
    Eigen::Index batch = 2;
    for (const ConvGeometry& g : geometries)
        for (const auto a : checked_activations) {
            REQUIRE(vae::conv_geometry_error(g, false).empty());
            const vae::Conv2dLayer layer{g, 3, a}; // offset 3: layers need not start at 0
            check_gradients(layer, batch, rng, conv_forward, conv_backward, conv_reference);
            batch = batch == 2 ? 3 : 2;
        }
}

TEST_CASE("transposed conv layer gradients match double finite differences", "[conv][gradient]") {
    vae::SeededRandom rng(29);
    const ConvGeometry geometries[] =
        {
            {3, 4, 2, 3, 3, 1, 0}, {3, 4, 2, 3, 3, 1, 1}, {3, 4, 2, 3, 3, 2, 0},
            {3, 4, 2, 3, 4, 2, 1}, {4, 3, 3, 2, 3, 2, 1}, {2, 3, 2, 2, 2, 3, 0},
            {3, 2, 3, 2, 1, 1, 0}, // 1x1: the columns are the output
        };
    Eigen::Index batch = 3;
    for (const ConvGeometry& g : geometries)
        for (const auto a : checked_activations) {
            REQUIRE(vae::conv_geometry_error(g, true).empty());
            const vae::ConvTranspose2dLayer layer{g, 3, a};
            check_gradients(layer, batch, rng, convt_forward, convt_backward,
                            conv_transpose_reference);
            batch = batch == 2 ? 3 : 2;
        }
}

TEST_CASE("conv layers read an input block of a wider matrix", "[conv]") {
    vae::SeededRandom rng(31);
    // The 1x1 conv cannot use a strided input as its columns matrix, and the transposed conv
    // multiplies such an input image by image: both must give what a packed copy gives.
    const vae::Conv2dLayer conv{{3, 4, 3, 2, 1, 1, 0}, 0, Activation::Tanh};
    const vae::ConvTranspose2dLayer convt{{3, 4, 3, 2, 3, 2, 1}, 0, Activation::Tanh};
    auto run_both = [&](const auto& layer, auto forward, auto backward) {
        std::vector<float> params(layer.parameter_count());
        for (float& v : params)
            v = static_cast<float>(0.5 * rng.normal());
        const Matrix wide = random_matrix(3, static_cast<Eigen::Index>(layer.inputs()) + 5, rng);
        const Matrix r = random_matrix(3, static_cast<Eigen::Index>(layer.outputs()), rng);
        const Matrix packed = wide.leftCols(static_cast<Eigen::Index>(layer.inputs()));
        const Eigen::Ref<const Matrix> block =
            wide.leftCols(static_cast<Eigen::Index>(layer.inputs()));
        REQUIRE(block.outerStride() == wide.cols());
        vae::ConvWorkspace ws_packed, ws_block;
        Matrix y_packed, y_block, dx_packed, dx_block;
        Matrix d_packed = r, d_block = r;
        std::vector<float> g_packed(params.size()), g_block(params.size());
        forward(layer, params, packed, ws_packed, y_packed);
        backward(layer, params, packed, ws_packed, y_packed, d_packed, g_packed, &dx_packed);
        forward(layer, params, block, ws_block, y_block);
        backward(layer, params, block, ws_block, y_block, d_block, g_block, &dx_block);
        CHECK((y_packed - y_block).cwiseAbs().maxCoeff() < 1e-6);
        CHECK((dx_packed - dx_block).cwiseAbs().maxCoeff() < 1e-6);
        double worst = 0.0;
        for (std::size_t i = 0; i < params.size(); ++i)
            worst = std::max(worst, static_cast<double>(std::abs(g_packed[i] - g_block[i])));
        CHECK(worst < 1e-5);
    };
    run_both(
        conv,
        [](const auto& l, const auto& p, const Eigen::Ref<const Matrix>& x, auto& ws, Matrix& y) {
            vae::conv2d_forward(l, p, x, ws, y);
        },
        [](const auto& l, const auto& p, const Eigen::Ref<const Matrix>& x, auto& ws,
           const Matrix& y, Matrix& d, auto& g,
           Matrix* dx) { vae::conv2d_backward(l, p, x, ws, y, d, g, dx); });
    run_both(
        convt,
        [](const auto& l, const auto& p, const Eigen::Ref<const Matrix>& x, auto& ws, Matrix& y) {
            vae::conv_transpose2d_forward(l, p, x, ws, y);
        },
        [](const auto& l, const auto& p, const Eigen::Ref<const Matrix>& x, auto& ws,
           const Matrix& y, Matrix& d, auto& g,
           Matrix* dx) { vae::conv_transpose2d_backward(l, p, x, ws, y, d, g, dx); });
}

TEST_CASE("a second pass at the same batch size reuses the conv workspace", "[conv]") {
    vae::SeededRandom rng(37);
    auto check_reuse = [&](const auto& layer, auto forward, auto backward) {
        INFO(describe(layer.geometry));
        std::vector<float> params(layer.parameter_count());
        for (float& v : params)
            v = static_cast<float>(0.5 * rng.normal());
        std::vector<float> grads(params.size());
        const auto in = static_cast<Eigen::Index>(layer.inputs());
        const auto out = static_cast<Eigen::Index>(layer.outputs());
        vae::ConvWorkspace ws;
        Matrix y, dx;
        Matrix delta = random_matrix(4, out, rng);
        forward(layer, params, random_matrix(4, in, rng), ws, y);
        backward(layer, params, random_matrix(4, in, rng), ws, y, delta, grads, &dx);
        const float* columns = ws.columns.data();
        const float* d_columns = ws.d_columns.data();
        const float* pre = ws.pre.data();
        const float* y_data = y.data();
        const float* dx_data = dx.data();
        REQUIRE(d_columns != nullptr);
        REQUIRE(pre != nullptr); // SiLU keeps its pre-activations

        // A second batch of the same size: the buffers stay where they are, and no state of
        // the first pass (e.g. a col2im that accumulates) leaks into the second.
        const Matrix x2 = random_matrix(4, in, rng);
        const Matrix r2 = random_matrix(4, out, rng);
        delta = r2;
        forward(layer, params, x2, ws, y);
        backward(layer, params, x2, ws, y, delta, grads, &dx);
        CHECK(ws.columns.data() == columns);
        CHECK(ws.d_columns.data() == d_columns);
        CHECK(ws.pre.data() == pre);
        CHECK(y.data() == y_data);
        CHECK(dx.data() == dx_data);

        vae::ConvWorkspace fresh;
        Matrix y_fresh, dx_fresh;
        Matrix delta_fresh = r2;
        std::vector<float> grads_fresh(params.size());
        forward(layer, params, x2, fresh, y_fresh);
        backward(layer, params, x2, fresh, y_fresh, delta_fresh, grads_fresh, &dx_fresh);
        CHECK(y == y_fresh);
        CHECK(dx == dx_fresh);
        CHECK(grads == grads_fresh);
    };
    check_reuse(vae::Conv2dLayer{{6, 5, 2, 3, 3, 2, 1}, 0, Activation::SiLU}, conv_forward,
                conv_backward);
    check_reuse(vae::ConvTranspose2dLayer{{3, 4, 2, 3, 4, 2, 1}, 0, Activation::SiLU},
                convt_forward, convt_backward);
}

TEST_CASE("conv initialisation scales with the fans of each direction", "[conv]") {
    vae::SeededRandom rng(41);
    auto weight_variance = [&](const auto& layer) {
        std::vector<float> p(layer.end_offset(), 1.0f);
        vae::initialize(layer, p, rng);
        double sum = 0.0;
        for (std::size_t i = layer.offset; i < layer.bias_offset(); ++i)
            sum += static_cast<double>(p[i]) * p[i];
        for (std::size_t i = layer.bias_offset(); i < layer.end_offset(); ++i)
            CHECK(p[i] == 0.0f); // biases start at 0
        CHECK(p[0] == 1.0f);     // nothing before the offset is touched
        return sum / static_cast<double>(layer.weight_count());
    };
    // Conv: He with fan_in k*k*Cin = 288; Xavier with fan_out Cout * k^2 / s^2 = 64 * 2.25.
    const ConvGeometry down{8, 8, 32, 64, 3, 2, 1};
    CHECK(weight_variance(vae::Conv2dLayer{down, 1, Activation::ReLU}) ==
          Approx(2.0 / 288).epsilon(0.05));
    CHECK(weight_variance(vae::Conv2dLayer{down, 1, Activation::Tanh}) ==
          Approx(2.0 / (288 + 144)).epsilon(0.05));
    // Transposed k4 s2: each output receives Cin * 4 inputs (not Cin * 16); one input reaches
    // k*k*Cout = 512 outputs.
    const ConvGeometry up{7, 7, 64, 32, 4, 2, 1};
    CHECK(weight_variance(vae::ConvTranspose2dLayer{up, 1, Activation::SiLU}) ==
          Approx(2.0 / 256).epsilon(0.05));
    CHECK(weight_variance(vae::ConvTranspose2dLayer{up, 1, std::nullopt}) ==
          Approx(2.0 / (256 + 512)).epsilon(0.05));
}
