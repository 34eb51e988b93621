#pragma once

#include "data/dataset.h"

#include <cstdint>
#include <span>
#include <string>

namespace vae {

/// Writes an 8-bit PNG: `pixels` holds height rows of width * channels bytes, channels
/// interleaved; channels 1 = gray, 2 = gray + alpha, 3 = RGB, 4 = RGBA. Atomic (readers see
/// the old file or the complete new one). Throws std::invalid_argument for a bad size or
/// channel count, std::runtime_error on an I/O or compression error. Reads `pixels` only.
void write_png(const std::string& path, int width, int height, int channels,
               std::span<const std::uint8_t> pixels);

/// Tiles `samples` (N x shape.values(), each row one image in ImageShape's value order) into
/// a grid PNG of `columns` tiles per row (fewer when N is smaller), row-major in sample order.
/// Values map linearly from [lo, hi] to 0..255, clamped; NaN becomes 0. Each tile is
/// upscaled `scale` times by nearest neighbour; tiles are separated by `gap` pixels of mid
/// gray (also filling unused tiles), visible against black and white backgrounds alike.
/// Image size: columns * w * scale + (columns - 1) * gap wide, likewise high.
/// Throws std::invalid_argument for mismatched sizes, lo >= hi, scale < 1, gap < 0 or no
/// samples; std::runtime_error on an I/O error.
void write_image_grid_png(const Matrix& samples, ImageShape shape, float lo, float hi, int columns,
                          const std::string& path, int scale = 1, int gap = 1);

} // namespace vae
