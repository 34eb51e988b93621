#include "nn/conv_geometry.h"

#include <algorithm>
#include <climits>
#include <cstring>
#include <string>

namespace vae {

namespace {

std::string size_text(long long h, long long w) {
    return std::to_string(h) + "x" + std::to_string(w);
}

// The first kernel tap kx in [0, k) whose input column ix = origin + kx lies in [0, width), and
// one past the last: the taps in between read one contiguous run of the input row.
struct TapRange {
    int first;
    int last;
};
TapRange taps_inside(int origin, int kernel, int width) {
    const int first = std::clamp(-origin, 0, kernel);
    const int last = std::clamp(width - origin, first, kernel);
    return {first, last};
}

} // namespace

std::string conv_geometry_error(const ConvGeometry& g, bool transposed) {
    if (g.in_height < 1 || g.in_width < 1)
        return "the input is " + size_text(g.in_height, g.in_width) +
               "; it needs at least one row and one column";
    if (g.in_channels < 1)
        return "the input has " + std::to_string(g.in_channels) + " channels; it needs at least 1";
    if (g.out_channels < 1)
        return "the output has " + std::to_string(g.out_channels) +
               " channels; it needs at least 1";
    if (g.kernel < 1)
        return "kernel " + std::to_string(g.kernel) + ": it must be at least 1";
    if (g.stride < 1)
        return "stride " + std::to_string(g.stride) + ": it must be at least 1";
    if (g.padding < 0)
        return "padding " + std::to_string(g.padding) + ": it cannot be negative";
    // Sizes are ints in the GEMM calls; refuse those whose products would not fit, in 64 bits
    // so that the check itself cannot overflow.
    const long long h = g.in_height, w = g.in_width, k = g.kernel, s = g.stride, p = g.padding;
    const long long cin = g.in_channels, cout = g.out_channels;
    if (h * w * cin > INT_MAX || k * k * cin * cout > INT_MAX || k * k * cout > INT_MAX)
        return "the layer is too large (" + size_text(h, w) + "x" + std::to_string(cin) +
               " input, kernel " + std::to_string(k) + ")";
    if (!transposed) {
        if (k > h + 2 * p || k > w + 2 * p) {
            std::string text = "kernel " + std::to_string(k) + " is larger than the padded " +
                               size_text(h + 2 * p, w + 2 * p) + " input";
            if (p > 0)
                text += " (" + size_text(h, w) + " plus padding " + std::to_string(p) + ")";
            return text;
        }
        return {};
    }
    const long long out_h = (h - 1) * s - 2 * p + k;
    const long long out_w = (w - 1) * s - 2 * p + k;
    if (out_h < 1 || out_w < 1)
        return "padding " + std::to_string(p) + " crops the " +
               size_text(out_h + 2 * p, out_w + 2 * p) + " transposed output to " +
               size_text(out_h, out_w) + "; it needs at least one row and one column";
    if (out_h * out_w * cout > INT_MAX)
        return "the output is too large (" + size_text(out_h, out_w) + "x" + std::to_string(cout) +
               ")";
    return {};
}

void im2col(const ConvGeometry& g, int batch, const float* input, std::ptrdiff_t input_stride,
            float* columns) {
    const int ho = g.out_height(), wo = g.out_width(), k = g.kernel;
    const auto c = static_cast<std::size_t>(g.in_channels);
    const std::size_t tap_row = static_cast<std::size_t>(k) * c; // one ky row of the patch
    float* row = columns;
    for (int b = 0; b < batch; ++b) {
        const float* image = input + b * input_stride;
        for (int oy = 0; oy < ho; ++oy)
            for (int ox = 0; ox < wo; ++ox) {
                const int x0 = ox * g.stride - g.padding;
                const TapRange inside = taps_inside(x0, k, g.in_width);
                const auto before = static_cast<std::size_t>(inside.first) * c;
                const auto run = static_cast<std::size_t>(inside.last - inside.first) * c;
                for (int ky = 0; ky < k; ++ky, row += tap_row) {
                    const int iy = oy * g.stride - g.padding + ky;
                    if (iy < 0 || iy >= g.in_height || run == 0) {
                        std::fill_n(row, tap_row, 0.0f);
                        continue;
                    }
                    // Taps inside the image are adjacent pixels of one input row, so the whole
                    // run is one copy; only the borders are zero-filled.
                    const float* src =
                        image +
                        (static_cast<std::size_t>(iy) * g.in_width + (x0 + inside.first)) * c;
                    std::fill_n(row, before, 0.0f);
                    std::memcpy(row + before, src, run * sizeof(float));
                    std::fill_n(row + before + run, tap_row - before - run, 0.0f);
                }
            }
    }
}

void col2im(const ConvGeometry& g, int batch, const float* columns, float* input,
            std::ptrdiff_t input_stride) {
    const int ho = g.out_height(), wo = g.out_width(), k = g.kernel;
    const auto c = static_cast<std::size_t>(g.in_channels);
    const std::size_t tap_row = static_cast<std::size_t>(k) * c;
    const float* row = columns;
    for (int b = 0; b < batch; ++b) {
        float* image = input + b * input_stride;
        for (int oy = 0; oy < ho; ++oy)
            for (int ox = 0; ox < wo; ++ox) {
                const int x0 = ox * g.stride - g.padding;
                const TapRange inside = taps_inside(x0, k, g.in_width);
                const auto before = static_cast<std::size_t>(inside.first) * c;
                const auto run = static_cast<std::size_t>(inside.last - inside.first) * c;
                for (int ky = 0; ky < k; ++ky, row += tap_row) {
                    const int iy = oy * g.stride - g.padding + ky;
                    if (iy < 0 || iy >= g.in_height)
                        continue;
                    float* dst =
                        image +
                        (static_cast<std::size_t>(iy) * g.in_width + (x0 + inside.first)) * c;
                    const float* src = row + before;
                    for (std::size_t i = 0; i < run; ++i)
                        dst[i] += src[i];
                }
            }
    }
}

} // namespace vae
