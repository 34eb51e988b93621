#include "data/sprites_generator.h"

#include "data/huge_pages.h"
#include "data/load_error.h"
#include "data/seeded_random.h"

#include <algorithm>
#include <cmath>
#include <string>
#include <thread>

namespace vae {
namespace {

constexpr float kPi = 3.14159265358979f;
constexpr float kMaxRadius = 7.5f; // pixels, at scale 1
constexpr float kMinCenter = 8.0f;
constexpr float kMaxCenter = 20.0f;
constexpr std::size_t kBlock = 2048; // images between progress reports

float length(float x, float y) {
    return std::sqrt(x * x + y * y);
}

// Signed distances (negative inside) in a y-up frame where each shape's area centroid is the
// origin and its circumscribed circle has radius 1. Forms after Inigo Quilez's 2-D SDFs.

float square_distance(float x, float y) {
    constexpr float half = 0.70710678f;
    const float dx = std::fabs(x) - half;
    const float dy = std::fabs(y) - half;
    return length(std::max(dx, 0.0f), std::max(dy, 0.0f)) + std::min(std::max(dx, dy), 0.0f);
}

float ellipse_distance(float x, float y) {
    // First-order approximation f/|grad f|: exact on the outline, which is all the
    // antialiasing ramp needs.
    constexpr float a = 1.0f;
    constexpr float b = 0.6f;
    const float k0 = length(x / a, y / b);
    const float k1 = length(x / (a * a), y / (b * b));
    if (k1 < 1e-6f)
        return -b;
    return k0 * (k0 - 1.0f) / k1;
}

float triangle_distance(float x, float y) {
    // Equilateral, apex up, half-side r = sqrt(3)/2 so the circumradius is 1.
    constexpr float k = 1.7320508f;
    constexpr float r = 0.8660254f;
    x = std::fabs(x) - r;
    y = y + r / k;
    if (x + k * y > 0.0f) {
        const float nx = (x - k * y) / 2.0f;
        const float ny = (-k * x - y) / 2.0f;
        x = nx;
        y = ny;
    }
    x -= std::clamp(x, -2.0f * r, 0.0f);
    return -length(x, y) * (y < 0.0f ? -1.0f : 1.0f);
}

float heart_distance(float x, float y) {
    // Quilez's heart has its tip at the origin; its area centroid is at (0, 0.65665) and the
    // tip, 0.65670 away, is its farthest point (both measured numerically on a fine grid).
    constexpr float centroid_y = 0.65665f;
    constexpr float radius = 0.65670f;
    float px = std::fabs(x * radius);
    const float py = y * radius + centroid_y;
    float d = 0.0f;
    if (px + py > 1.0f) {
        d = length(px - 0.25f, py - 0.75f) - 0.35355339f;
    } else {
        const float m = 0.5f * std::max(px + py, 0.0f);
        const float d1 = px * px + (py - 1.0f) * (py - 1.0f);
        const float d2 = (px - m) * (px - m) + (py - m) * (py - m);
        d = std::sqrt(std::min(d1, d2)) * (px - py < 0.0f ? -1.0f : 1.0f);
    }
    return d / radius;
}

float shape_distance(SpriteShape shape, float x, float y) {
    switch (shape) {
    case SpriteShape::Square:
        return square_distance(x, y);
    case SpriteShape::Ellipse:
        return ellipse_distance(x, y);
    case SpriteShape::Triangle:
        return triangle_distance(x, y);
    case SpriteShape::Heart:
        return heart_distance(x, y);
    }
    return 1.0f;
}

void draw_range(Dataset& data, std::uint64_t seed, std::size_t begin, std::size_t end) {
    constexpr std::size_t pixels = kSpriteSize * kSpriteSize;
    for (std::size_t i = begin; i < end; ++i) {
        const SpriteFactors f = sprite_factors(seed, i);
        const auto row = static_cast<Eigen::Index>(i);
        draw_sprite(f, std::span<float>(data.values.row(row).data(), pixels));
        data.labels[i] = static_cast<std::int32_t>(f.shape);
        data.factors(row, 0) = static_cast<float>(f.shape);
        data.factors(row, 1) = f.scale;
        data.factors(row, 2) = f.rotation;
        data.factors(row, 3) = f.x;
        data.factors(row, 4) = f.y;
    }
}

} // namespace

void draw_sprite(const SpriteFactors& factors, std::span<float> out) {
    std::fill(out.begin(), out.end(), 0.0f);
    const float radius = kMaxRadius * factors.scale;
    const float c = std::cos(factors.rotation);
    const float s = std::sin(factors.rotation);
    // Only pixels within the circumscribed circle plus the half-pixel ramp can be touched.
    const auto lo = [](float v) { return std::max(0, static_cast<int>(std::floor(v))); };
    const auto hi = [](float v) { return std::min(kSpriteSize - 1, static_cast<int>(v)); };
    const int x0 = lo(factors.x - radius - 1.0f);
    const int x1 = hi(factors.x + radius + 1.0f);
    const int y0 = lo(factors.y - radius - 1.0f);
    const int y1 = hi(factors.y + radius + 1.0f);
    for (int py = y0; py <= y1; ++py) {
        for (int px = x0; px <= x1; ++px) {
            const float dx = static_cast<float>(px) + 0.5f - factors.x;
            const float dy = factors.y - (static_cast<float>(py) + 0.5f); // y up
            // Undo the counter-clockwise rotation to land in the shape's own frame.
            const float u = (c * dx + s * dy) / radius;
            const float v = (-s * dx + c * dy) / radius;
            const float distance = shape_distance(factors.shape, u, v) * radius;
            const float coverage = std::clamp(0.5f - distance, 0.0f, 1.0f);
            out[static_cast<std::size_t>(py * kSpriteSize + px)] = coverage;
        }
    }
}

SpriteFactors sprite_factors(std::uint64_t seed, std::size_t index) {
    SeededRandom random(seed, index);
    SpriteFactors f;
    f.shape = static_cast<SpriteShape>(random.below(kSpriteShapeCount));
    f.scale = static_cast<float>(random.uniform(0.5, 1.0));
    f.rotation = static_cast<float>(random.uniform(0.0, 2.0 * kPi));
    f.x = static_cast<float>(random.uniform(kMinCenter, kMaxCenter));
    f.y = static_cast<float>(random.uniform(kMinCenter, kMaxCenter));
    return f;
}

Dataset make_sprites(std::size_t rows, std::uint64_t seed, const ProgressCallback& progress) {
    constexpr int pixels = kSpriteSize * kSpriteSize;
    Dataset data;
    data.values.resize(static_cast<Eigen::Index>(rows), pixels);
    advise_huge_pages(data.values.data(), rows * pixels * sizeof(float));
    data.factors.resize(static_cast<Eigen::Index>(rows), 5);
    data.labels.resize(rows);
    data.factor_names = {"shape", "scale", "rotation", "x", "y"};
    data.label_names = {"square", "ellipse", "triangle", "heart"};
    data.label_column = "shape";
    data.image_shape = ImageShape{kSpriteSize, kSpriteSize, 1};
    data.column_names.reserve(pixels);
    for (int i = 0; i < pixels; ++i)
        data.column_names.push_back("pixel " + std::to_string(i));

    const bool two_threads = std::thread::hardware_concurrency() > 1;
    for (std::size_t begin = 0; begin < rows; begin += kBlock) {
        const std::size_t end = std::min(rows, begin + kBlock);
        if (two_threads && end - begin >= 256) {
            // Each image depends only on (seed, index), so the split cannot change the result.
            const std::size_t middle = begin + (end - begin) / 2;
            std::thread worker([&data, seed, middle, end] { draw_range(data, seed, middle, end); });
            draw_range(data, seed, begin, middle);
            worker.join();
        } else {
            draw_range(data, seed, begin, end);
        }
        if (progress && !progress(static_cast<double>(end) / static_cast<double>(rows)))
            throw LoadCancelled();
    }
    return data;
}

} // namespace vae
