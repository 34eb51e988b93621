#include "data/seeded_random.h"
#include "metrics/image_sharpness.h"

#include <catch2/catch.hpp>

#include <vector>

using vae::ImageShape;
using vae::Matrix;

namespace {

/// 3 x 3 box blur with the edge pixels repeated: a blurred copy of each image.
Matrix box_blur(const Matrix& images, int w, int h) {
    Matrix out(images.rows(), images.cols());
    for (Eigen::Index i = 0; i < images.rows(); ++i)
        for (int y = 0; y < h; ++y)
            for (int x = 0; x < w; ++x) {
                float sum = 0.0f;
                for (int dy = -1; dy <= 1; ++dy)
                    for (int dx = -1; dx <= 1; ++dx) {
                        const int xx = std::clamp(x + dx, 0, w - 1);
                        const int yy = std::clamp(y + dy, 0, h - 1);
                        sum += images(i, yy * w + xx);
                    }
                out(i, y * w + x) = sum / 9.0f;
            }
    return out;
}

Matrix random_images(Eigen::Index n, int w, int h, std::uint64_t seed) {
    vae::SeededRandom rng(seed);
    Matrix m(n, w * h);
    for (Eigen::Index i = 0; i < m.size(); ++i)
        m.data()[i] = static_cast<float>(rng.uniform());
    return m;
}

} // namespace

TEST_CASE("sharpness: a constant image has Laplacian variance 0", "[metrics]") {
    const std::vector<float> image(5 * 4, 0.7f);
    CHECK(vae::laplacian_variance(image, ImageShape{5, 4, 1}) == 0.0);
}

TEST_CASE("sharpness: a 0/1 checkerboard has Laplacian variance 16", "[metrics]") {
    // Every interior Laplacian is 4 (1 - v) - 4 v = +-4, half of each on an even interior.
    const ImageShape shape{6, 6, 2};
    std::vector<float> image(shape.values());
    for (int y = 0; y < 6; ++y)
        for (int x = 0; x < 6; ++x) {
            image[static_cast<std::size_t>((y * 6 + x) * 2)] = static_cast<float>((x + y) % 2);
            image[static_cast<std::size_t>((y * 6 + x) * 2 + 1)] = 0.25f; // flat channel
        }
    // Channels are averaged: (16 + 0) / 2.
    CHECK(vae::laplacian_variance(image, shape) == Approx(8.0).epsilon(1e-12));
    std::vector<float> single(36);
    for (std::size_t i = 0; i < 36; ++i)
        single[i] = image[2 * i];
    CHECK(vae::laplacian_variance(single, ImageShape{6, 6, 1}) == Approx(16.0).epsilon(1e-12));
}

TEST_CASE("sharpness: a blurred copy is less sharp than the data", "[metrics]") {
    const Matrix real = random_images(20, 8, 8, 3);
    const Matrix blurred = box_blur(real, 8, 8);
    const auto same = vae::sharpness_ratio(real, real, ImageShape{8, 8, 1});
    CHECK(same.ratio == Approx(1.0));
    CHECK(same.measure == "laplacian-variance");
    const auto blur = vae::sharpness_ratio(blurred, real, ImageShape{8, 8, 1});
    CHECK(blur.ratio > 0.0);
    CHECK(blur.ratio < 0.2);
    const auto twice = vae::sharpness_ratio(box_blur(blurred, 8, 8), real, ImageShape{8, 8, 1});
    CHECK(twice.ratio < blur.ratio);
}

TEST_CASE("sharpness: tables use the ratio of feature variances", "[metrics]") {
    Matrix real(4, 2);
    real << 0, 10, 2, 14, 4, 10, 6, 14;
    const Matrix half = (real * 0.5f).eval();
    const auto s = vae::sharpness_ratio(half, real, std::nullopt);
    CHECK(s.measure == "feature-variance");
    CHECK(vae::mean_feature_variance(real) == Approx((5.0 + 4.0) / 2.0));
    CHECK(s.ratio == Approx(0.25));
    // An image shape that does not fit the width falls back to the table measure.
    CHECK(vae::sharpness_ratio(half, real, ImageShape{3, 3, 1}).measure == "feature-variance");
}

TEST_CASE("sharpness: bad input is named", "[metrics]") {
    const std::vector<float> image(10, 0.0f);
    CHECK_THROWS_WITH(vae::laplacian_variance(image, ImageShape{4, 4, 1}),
                      Catch::Contains("10 values") && Catch::Contains("needs 16"));
    const std::vector<float> tiny(4, 0.0f);
    CHECK_THROWS_WITH(vae::laplacian_variance(tiny, ImageShape{2, 2, 1}),
                      Catch::Contains("at least 3 x 3"));
    const Matrix empty(0, 4);
    const Matrix some = Matrix::Ones(2, 4);
    CHECK_THROWS_WITH(vae::sharpness_ratio(some, empty, std::nullopt),
                      Catch::Contains("real set is empty"));
    CHECK_THROWS_WITH(vae::sharpness_ratio(Matrix::Ones(2, 3), some, std::nullopt),
                      Catch::Contains("3 values") && Catch::Contains("real rows 4"));
}
