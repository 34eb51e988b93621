#include "io/png_writer.h"

#include "png_decode.h"
#include "temp_files.h"

#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>
#include <limits>
#include <vector>

using vae::test::decode_png;
using vae::test::TempDir;

TEST_CASE("png writer: gray and RGB pixels decode back exactly", "[png]") {
    TempDir dir;
    const int channels = GENERATE(1, 2, 3, 4);
    const int w = 7, h = 5;
    std::vector<std::uint8_t> pixels(static_cast<std::size_t>(w * h * channels));
    for (std::size_t i = 0; i < pixels.size(); ++i)
        pixels[i] = static_cast<std::uint8_t>((i * 37 + 11) % 256);
    const auto path = dir.file("image.png");
    vae::write_png(path, w, h, channels, pixels);
    const auto png = decode_png(path);
    CHECK(png.width == w);
    CHECK(png.height == h);
    CHECK(png.channels == channels);
    CHECK(png.chunk_types == std::vector<std::string>{"IHDR", "IDAT", "IEND"});
    CHECK(png.pixels == pixels);
}

TEST_CASE("png writer: refuses sizes that do not add up", "[png]") {
    TempDir dir;
    std::vector<std::uint8_t> pixels(12);
    CHECK_THROWS_WITH(vae::write_png(dir.file("a.png"), 2, 2, 2, pixels),
                      Catch::Contains("12 bytes for a 2x2x2 image"));
    CHECK_THROWS_WITH(vae::write_png(dir.file("a.png"), 2, 2, 5, pixels),
                      Catch::Contains("5 channels"));
    CHECK_THROWS_AS(vae::write_png(dir.file("a.png"), 0, 2, 1, {}), std::invalid_argument);
}

TEST_CASE("png writer: a grid tiles samples with gaps and upscaling", "[png]") {
    TempDir dir;
    // Five 3x2 gray samples; sample i has value (i * 10 + pixel index) / 100.
    const vae::ImageShape shape{3, 2, 1};
    vae::Matrix samples(5, 6);
    for (int i = 0; i < 5; ++i)
        for (int p = 0; p < 6; ++p)
            samples(i, p) = static_cast<float>(i * 10 + p) / 100.0f;
    const auto path = dir.file("grid.png");
    const int scale = 2, gap = 1;
    vae::write_image_grid_png(samples, shape, 0.0f, 1.0f, 3, path, scale, gap);
    const auto png = decode_png(path);
    // 3 columns x 2 rows of 6x4 tiles, 1-px gaps between them.
    REQUIRE(png.width == 3 * 6 + 2);
    REQUIRE(png.height == 2 * 4 + 1);
    REQUIRE(png.channels == 1);
    const auto expect = [](int sample, int p) {
        return static_cast<int>(std::lround((sample * 10 + p) / 100.0 * 255.0));
    };
    for (int i = 0; i < 5; ++i) {
        const int x0 = (i % 3) * 7, y0 = (i / 3) * 5;
        for (int y = 0; y < 4; ++y)
            for (int x = 0; x < 6; ++x) {
                INFO("sample " << i << " x " << x << " y " << y);
                CHECK(png.at(x0 + x, y0 + y) == expect(i, (y / 2) * 3 + x / 2));
            }
    }
    // Gaps and the unused sixth tile are mid gray.
    for (int y = 0; y < png.height; ++y) {
        CHECK(png.at(6, y) == 128);
        CHECK(png.at(13, y) == 128);
    }
    for (int x = 0; x < png.width; ++x)
        CHECK(png.at(x, 4) == 128);
    CHECK(png.at(14, 5) == 128);
    CHECK(png.at(19, 8) == 128);
}

TEST_CASE("png writer: grid values are clamped, NaN is black, RGB stays interleaved", "[png]") {
    TempDir dir;
    const vae::ImageShape shape{1, 1, 3};
    vae::Matrix samples(2, 3);
    samples << -5.0f, 5.0f, std::numeric_limits<float>::quiet_NaN(), //
        -1.0f, 0.0f, 1.0f;
    const auto path = dir.file("rgb.png");
    vae::write_image_grid_png(samples, shape, -1.0f, 1.0f, 8, path, 1, 0);
    const auto png = decode_png(path);
    REQUIRE(png.width == 2); // columns capped at the sample count
    REQUIRE(png.height == 1);
    REQUIRE(png.channels == 3);
    CHECK(png.pixels == std::vector<std::uint8_t>{0, 255, 0, 0, 128, 255});
}

TEST_CASE("png writer: grid arguments are checked", "[png]") {
    TempDir dir;
    const vae::ImageShape shape{2, 2, 1};
    const vae::Matrix samples = vae::Matrix::Zero(2, 4);
    const auto p = dir.file("g.png");
    CHECK_THROWS_WITH(vae::write_image_grid_png(vae::Matrix::Zero(2, 5), shape, 0, 1, 2, p),
                      Catch::Contains("5 values per sample"));
    CHECK_THROWS_AS(vae::write_image_grid_png(samples, shape, 1, 1, 2, p), std::invalid_argument);
    CHECK_THROWS_AS(vae::write_image_grid_png(samples, shape, 0, 1, 0, p), std::invalid_argument);
    CHECK_THROWS_AS(vae::write_image_grid_png(samples, shape, 0, 1, 2, p, 0),
                    std::invalid_argument);
    CHECK_THROWS_AS(vae::write_image_grid_png(vae::Matrix(0, 4), shape, 0, 1, 2, p),
                    std::invalid_argument);
}
