#include "data/builtin_datasets.h"
#include "data/sprites_generator.h"

#include <catch2/catch.hpp>

#include <cmath>
#include <vector>

using vae::SpriteFactors;
using vae::SpriteShape;

namespace {

constexpr float kPi = 3.14159265f;
constexpr std::size_t kPixels = vae::kSpriteSize * vae::kSpriteSize;

std::vector<float> draw(const SpriteFactors& f) {
    std::vector<float> image(kPixels, -1.0f);
    vae::draw_sprite(f, image);
    return image;
}

double ink(const std::vector<float>& image) {
    double sum = 0;
    for (const float v : image)
        sum += v;
    return sum;
}

/// Coverage-weighted centroid in pixel coordinates (pixel (i, j) centred at (i + .5, j + .5)).
std::pair<double, double> centroid(const std::vector<float>& image) {
    double sx = 0, sy = 0, s = 0;
    for (int y = 0; y < vae::kSpriteSize; ++y)
        for (int x = 0; x < vae::kSpriteSize; ++x) {
            const double v = image[static_cast<std::size_t>(y * vae::kSpriteSize + x)];
            sx += v * (x + 0.5);
            sy += v * (y + 0.5);
            s += v;
        }
    return {sx / s, sy / s};
}

double max_difference(const std::vector<float>& a, const std::vector<float>& b) {
    double m = 0;
    for (std::size_t i = 0; i < a.size(); ++i)
        m = std::max(m, static_cast<double>(std::fabs(a[i] - b[i])));
    return m;
}

vae::Dataset sprites(std::size_t rows, std::uint64_t seed) {
    vae::LoadOptions options;
    options.builtin_rows = rows;
    options.seed = seed;
    return vae::make_builtin("sprites", options);
}

} // namespace

TEST_CASE("sprites: 28x28 images in [0, 1] with labels and factors", "[sprites]") {
    const auto d = vae::make_builtin("sprites", {});
    REQUIRE(d.rows() == 20000);
    REQUIRE(d.cols() == 784);
    REQUIRE(d.image_shape);
    CHECK(*d.image_shape == vae::ImageShape{28, 28, 1});
    CHECK(d.name == "builtin:sprites");
    CHECK(d.values.minCoeff() >= 0.0f);
    CHECK(d.values.maxCoeff() <= 1.0f);
    CHECK(d.label_names == std::vector<std::string>{"square", "ellipse", "triangle", "heart"});
    CHECK(d.factor_names == std::vector<std::string>{"shape", "scale", "rotation", "x", "y"});
    REQUIRE(d.factors.rows() == 20000);
    REQUIRE(d.factors.cols() == 5);
    std::vector<int> counts(4, 0);
    for (std::size_t i = 0; i < d.rows(); ++i) {
        const auto r = static_cast<Eigen::Index>(i);
        REQUIRE(d.labels[i] == static_cast<int>(d.factors(r, 0)));
        ++counts.at(static_cast<std::size_t>(d.labels[i]));
    }
    for (const int c : counts)
        CHECK(c == Approx(5000).margin(300));
    CHECK(d.factors.col(1).minCoeff() >= 0.5f);
    CHECK(d.factors.col(1).maxCoeff() <= 1.0f);
    CHECK(d.factors.col(2).maxCoeff() <= 2 * kPi);
    CHECK(d.factors.col(3).minCoeff() >= 8.0f);
    CHECK(d.factors.col(4).maxCoeff() <= 20.0f);
    // Antialiased: edges hold partial coverage, not only 0 and 1.
    const auto partial =
        (d.values.row(0).array() > 0.05f && d.values.row(0).array() < 0.95f).count();
    CHECK(partial >= 10);
}

TEST_CASE("sprites: deterministic per seed, different across seeds, independent of batching",
          "[sprites]") {
    const auto a = sprites(600, 11);
    CHECK(a.values == sprites(600, 11).values);
    CHECK(a.factors == sprites(600, 11).factors);
    const auto b = sprites(600, 12);
    CHECK_FALSE(a.values == b.values);
    // Any sprite can be regenerated alone from (seed, index).
    for (std::size_t i : {0u, 299u, 599u}) {
        const auto image = draw(vae::sprite_factors(11, i));
        const auto r = static_cast<Eigen::Index>(i);
        CHECK(std::equal(image.begin(), image.end(), a.values.row(r).data()));
    }
    // A smaller set is a prefix of a bigger one.
    CHECK(sprites(100, 11).values == a.values.topRows(100));
}

TEST_CASE("sprites: the drawn centroid sits at the (x, y) factors", "[sprites]") {
    const auto d = sprites(400, 5);
    for (std::size_t i = 0; i < d.rows(); ++i) {
        const auto r = static_cast<Eigen::Index>(i);
        std::vector<float> image(d.values.row(r).data(), d.values.row(r).data() + kPixels);
        const auto [cx, cy] = centroid(image);
        INFO("sprite " << i << " shape " << d.labels[i]);
        REQUIRE(cx == Approx(d.factors(r, 3)).margin(0.25));
        REQUIRE(cy == Approx(d.factors(r, 4)).margin(0.25));
    }
}

TEST_CASE("sprites: ink matches each shape's area and grows with scale", "[sprites]") {
    // Areas of the unit shapes (circumradius 1): square 2, ellipse pi * 0.6, equilateral
    // triangle 3 * sqrt(3) / 4, heart 2.071 (measured numerically).
    const double areas[] = {2.0, kPi * 0.6, 1.2990381, 2.0711};
    for (int s = 0; s < vae::kSpriteShapeCount; ++s) {
        INFO("shape " << s);
        SpriteFactors f;
        f.shape = static_cast<SpriteShape>(s);
        f.rotation = 0.3f;
        f.scale = 1.0f;
        const double big = ink(draw(f));
        const double radius = 7.5;
        CHECK(big == Approx(areas[s] * radius * radius).epsilon(0.03));
        f.scale = 0.5f;
        const double small = ink(draw(f));
        CHECK(big / small == Approx(4.0).epsilon(0.08));
    }
}

TEST_CASE("sprites: symmetric rotations give the same image, others do not", "[sprites]") {
    SpriteFactors f;
    f.x = 13.7f;
    f.y = 14.2f;
    f.rotation = 0.4f;
    f.shape = SpriteShape::Square;
    const auto square = draw(f);
    f.rotation += kPi / 2;
    CHECK(max_difference(square, draw(f)) < 1e-3);

    f.shape = SpriteShape::Triangle;
    const auto triangle = draw(f);
    f.rotation += 2 * kPi / 3;
    CHECK(max_difference(triangle, draw(f)) < 1e-3);

    f.shape = SpriteShape::Ellipse;
    const auto ellipse = draw(f);
    f.rotation += kPi / 2;
    CHECK(max_difference(ellipse, draw(f)) > 0.5);
    f.rotation += kPi / 2; // half a turn in all: the same ellipse again
    CHECK(max_difference(ellipse, draw(f)) < 1e-3);

    f.shape = SpriteShape::Heart;
    const auto heart = draw(f);
    f.rotation += kPi;
    CHECK(max_difference(heart, draw(f)) > 0.5);
}

TEST_CASE("sprites: shapes differ from each other at the same factors", "[sprites]") {
    std::vector<std::vector<float>> images;
    for (int s = 0; s < vae::kSpriteShapeCount; ++s) {
        SpriteFactors f;
        f.shape = static_cast<SpriteShape>(s);
        images.push_back(draw(f));
    }
    for (std::size_t a = 0; a < images.size(); ++a)
        for (std::size_t b = a + 1; b < images.size(); ++b)
            CHECK(max_difference(images[a], images[b]) > 0.5);
}

TEST_CASE("sprites: the heart points down on screen at rotation 0", "[sprites]") {
    SpriteFactors f;
    f.shape = SpriteShape::Heart;
    const auto heart = draw(f);
    // The tip (7.5 px from the centroid) is below it, the lobes (5.1 px away) above.
    int top = -1, bottom = -1;
    for (std::size_t i = 0; i < heart.size(); ++i)
        if (heart[i] > 0.05f) {
            const int row = static_cast<int>(i) / vae::kSpriteSize;
            top = top < 0 ? row : top;
            bottom = row;
        }
    CHECK(14 - top == Approx(5.5).margin(1.0));
    CHECK(bottom - 14 == Approx(7.5).margin(1.0));
}
