#pragma once

#include "data/dataset.h"
#include "data/load_options.h"

#include <cstddef>
#include <cstdint>
#include <span>

namespace vae {

/// Sprites are square images of this many pixels per side (the size of MNIST, so one model
/// architecture serves both).
inline constexpr int kSpriteSize = 28;

enum class SpriteShape { Square = 0, Ellipse = 1, Triangle = 2, Heart = 3 };
inline constexpr int kSpriteShapeCount = 4;

/// The generative factors of one sprite.
/// - scale: 0.5..1; the shape's circumscribed circle has radius 7.5 * scale pixels.
/// - rotation: radians, counter-clockwise as seen on screen, 0..2*pi.
/// - x, y: where the shape's area centroid lies, in pixels from the image's top-left corner
///   (pixel (i, j) covers [i, i+1) x [j, j+1)); sampled in [8, 20] so every shape fits.
struct SpriteFactors {
    SpriteShape shape = SpriteShape::Square;
    float scale = 1.0f;
    float rotation = 0.0f;
    float x = 14.0f;
    float y = 14.0f;
};

/// Draws one antialiased sprite into `out` (kSpriteSize * kSpriteSize values, row by row),
/// values in [0, 1] = the fraction of each pixel the shape covers (estimated from the signed
/// distance to the outline). Pure and thread-safe.
void draw_sprite(const SpriteFactors& factors, std::span<float> out);

/// The factors of sprite `index` for `seed`: drawn from a generator seeded by (seed, index),
/// so any subset can be regenerated alone. Shapes are uniform, scale/rotation/x/y uniform in
/// their ranges and independent of each other.
[[nodiscard]] SpriteFactors sprite_factors(std::uint64_t seed, std::size_t index);

/// `rows` sprites (rows x 784, image_shape {28, 28, 1}), labels = shape with label_names
/// "square", "ellipse", "triangle", "heart", factors (rows x 5) named
/// "shape", "scale", "rotation", "x", "y". Deterministic per seed whatever the thread count;
/// uses up to 2 threads. Calls `progress` from the calling thread (LoadCancelled on false).
[[nodiscard]] Dataset make_sprites(std::size_t rows, std::uint64_t seed,
                                   const ProgressCallback& progress);

} // namespace vae
