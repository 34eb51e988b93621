#include "data/load_error.h"
#include "data/npy_reader.h"
#include "io/sample_export.h"

#include "png_decode.h"
#include "temp_files.h"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

using vae::DataError;
using vae::DatasetMetadata;
using vae::test::TempDir;

namespace {

using vae::test::slurp;

/// A table with a one-hot group (color) between two min-max normalized numeric columns.
DatasetMetadata table_meta() {
    DatasetMetadata m;
    m.name = "t.csv";
    m.column_names = {"x", "color=red", "color=green", "y"};
    m.label_column = "kind";
    m.label_names = {"a", "b"};
    m.categorical_columns = {{"color", 1, {"red", "green"}}};
    m.normalization.kind = vae::Normalization::Kind::MinMax;
    m.normalization.offset = vae::Vector(4);
    m.normalization.offset << 10, 0, 0, -1;
    m.normalization.scale = vae::Vector(4);
    m.normalization.scale << 2, 1, 1, 0.5;
    return m;
}

vae::Matrix table_samples() {
    vae::Matrix s(2, 4);
    s << 0.5f, 0.9f, 0.1f, 2.0f, //
        0.25f, 0.2f, 0.7f, 0.0f;
    return s;
}

DatasetMetadata image_meta() {
    DatasetMetadata m;
    m.column_names = {"pixel 0", "pixel 1", "pixel 2", "pixel 3"};
    m.image_shape = vae::ImageShape{2, 2, 1};
    m.normalization.scaled_from_255 = true;
    m.normalization.offset = vae::Vector::Zero(4);
    m.normalization.scale = vae::Vector::Constant(4, 255.0f);
    return m;
}

DataError export_error(const vae::Matrix& s, const DatasetMetadata& m, const std::string& p) {
    try {
        vae::export_samples(s, m, p);
    } catch (const DataError& e) {
        return e;
    }
    FAIL("no DataError for " << p);
    throw std::logic_error("unreachable");
}

} // namespace

TEST_CASE("sample export: metadata_of keeps everything but the rows' data", "[export]") {
    vae::Dataset d;
    d.name = "x.csv";
    d.values = vae::Matrix::Zero(3, 4);
    d.column_names = {"a", "b", "c", "d"};
    d.labels = {0, 1, 0};
    d.label_names = {"no", "yes"};
    d.label_column = "ok";
    d.factor_names = {"f"};
    d.image_shape = vae::ImageShape{2, 2, 1};
    d.categorical_columns = {{"g", 0, {"p", "q"}}};
    d.normalization = table_meta().normalization;
    const auto m = vae::metadata_of(d);
    CHECK(m.name == "x.csv");
    CHECK(m.column_names == d.column_names);
    CHECK(m.label_column == "ok");
    CHECK(m.label_names == d.label_names);
    CHECK(m.factor_names == d.factor_names);
    CHECK(m.image_shape == d.image_shape);
    CHECK(m.categorical_columns.at(0).categories == std::vector<std::string>{"p", "q"});
    CHECK(m.normalization.offset == d.normalization.offset);
    CHECK(m.rows == 3);
    auto other = m;
    CHECK(other == m);
    other.normalization.scale[2] = 7;
    CHECK_FALSE(other == m);
}

TEST_CASE("sample export: CSV uses the user's column names, units and categories", "[export]") {
    TempDir dir;
    const auto path = dir.file("samples.csv");
    vae::export_samples(table_samples(), table_meta(), path);
    CHECK(slurp(path) == "x,color,y\n"
                         "11,red,0\n"
                         "10.5,green,-1\n");
    SECTION("the extension is case-insensitive") {
        const auto upper = dir.file("S.CSV");
        vae::export_samples(table_samples(), table_meta(), upper);
        CHECK(slurp(upper) == slurp(path));
    }
}

TEST_CASE("sample export: NPY holds the user's units", "[export]") {
    TempDir dir;
    const auto path = dir.file("samples.npy");
    vae::export_samples(table_samples(), table_meta(), path);
    const auto d = vae::read_npy(path, {});
    REQUIRE(d.rows() == 2);
    REQUIRE(d.cols() == 4);
    CHECK(d.values(0, 0) == 11.0f);
    CHECK(d.values(0, 1) == 0.9f); // one-hot columns keep their indicator values
    CHECK(d.values(1, 3) == -1.0f);
}

TEST_CASE("sample export: PNG draws image samples in a grid", "[export]") {
    TempDir dir;
    const auto path = dir.file("samples.png");
    vae::Matrix s(3, 4);
    s << 0, 1, 0.5f, 1, //
        1, 0, 0, 0,     //
        0.2f, 0.2f, 0.2f, 0.2f;
    vae::export_samples(s, image_meta(), path);
    const auto png = vae::test::decode_png(path);
    // 3 samples -> 2 columns x 2 rows; 2x2 images upscaled 32x to 64x64 tiles, 1-px gaps.
    REQUIRE(png.width == 2 * 64 + 1);
    REQUIRE(png.height == 2 * 64 + 1);
    CHECK(png.at(0, 0) == 0);
    CHECK(png.at(63, 0) == 255);
    CHECK(png.at(10, 40) == 128); // 0.5 of 255, rounded
    CHECK(png.at(65, 0) == 255);
    CHECK(png.at(64, 10) == 128);   // gap
    CHECK(png.at(5, 70) == 51);     // 0.2 * 255
    CHECK(png.at(100, 100) == 128); // unused tile
}

TEST_CASE("sample export: PNG with a column count lays the samples out in that many", "[export]") {
    TempDir dir;
    const auto path = dir.file("strip.png");
    vae::Matrix s = vae::Matrix::Zero(3, 4);
    s(2, 0) = 1.0f;
    vae::export_samples(s, image_meta(), path, 3);
    const auto png = vae::test::decode_png(path);
    // One row of three 64x64 tiles with 1-px gaps; the third tile starts at x = 130.
    REQUIRE(png.width == 3 * 64 + 2);
    REQUIRE(png.height == 64);
    CHECK(png.at(130, 0) == 255);
    CHECK(png.at(0, 0) == 0);
    // More columns than samples: one row of as many as there are.
    vae::export_samples(s, image_meta(), path, 10);
    CHECK(vae::test::decode_png(path).width == 3 * 64 + 2);
}

TEST_CASE("sample export: PNG of z-scored images stretches over the samples' range", "[export]") {
    TempDir dir;
    auto meta = image_meta();
    meta.normalization.scaled_from_255 = false;
    meta.normalization.kind = vae::Normalization::Kind::ZScore;
    meta.normalization.offset = vae::Vector::Constant(4, 3.0f);
    meta.normalization.scale = vae::Vector::Constant(4, 2.0f);
    vae::Matrix s(1, 4);
    s << -1, 0, 0.5f, 1; // user units 1, 3, 4, 5
    const auto path = dir.file("z.png");
    vae::export_samples(s, meta, path);
    const auto png = vae::test::decode_png(path);
    REQUIRE(png.width == 64);
    CHECK(png.at(0, 0) == 0);
    CHECK(png.at(32, 0) == 128); // (3 - 1) / 4
    CHECK(png.at(0, 32) == 191); // (4 - 1) / 4 * 255 = 191.25
    CHECK(png.at(63, 63) == 255);
}

TEST_CASE("sample export: unsupported requests give clear errors", "[export]") {
    TempDir dir;
    SECTION("PNG of a table") {
        const auto e = export_error(table_samples(), table_meta(), dir.file("t.png"));
        CHECK(std::string(e.what()) ==
              dir.file("t.png") + ": PNG export needs image data (use .csv or .npy)");
    }
    SECTION("unknown extension") {
        const auto e = export_error(table_samples(), table_meta(), dir.file("t.txt"));
        CHECK_THAT(e.what(), Catch::Contains("t.txt") &&
                                 Catch::Contains("cannot export samples as '.txt'") &&
                                 Catch::Contains(".csv, .npy or .png"));
    }
    SECTION("no extension") {
        const auto e = export_error(table_samples(), table_meta(), dir.file("samples"));
        CHECK_THAT(e.what(),
                   Catch::Contains("no extension") && Catch::Contains(".csv, .npy or .png"));
    }
    SECTION("wrong column count") {
        CHECK_THROWS_AS(
            vae::export_samples(vae::Matrix::Zero(2, 5), table_meta(), dir.file("t.csv")),
            std::invalid_argument);
        CHECK_THROWS_AS(
            vae::export_samples(vae::Matrix::Zero(2, 5), table_meta(), dir.file("t.npy")),
            std::invalid_argument);
    }
    CHECK(std::filesystem::is_empty(dir.path()));
}

TEST_CASE("sample export: latent codes as CSV", "[export]") {
    TempDir dir;
    const auto path = dir.file("latents.csv");
    vae::Matrix means(3, 2), logvars(3, 2);
    means << 0.5f, -1, 2, 0.25f, 0, 1e-8f;
    logvars << -3, -2.5f, -1, 0, 1, 2;
    SECTION("with labels") {
        vae::export_latents_csv(path, {1, 0, 5}, {"shirt", "boot, ankle"}, means, logvars);
        CHECK(slurp(path) == "id,label,z0,z1,logvar0,logvar1\n"
                             "0,\"boot, ankle\",0.5,-1,-3,-2.5\n"
                             "1,shirt,2,0.25,-1,0\n"
                             "2,5,0,1e-08,1,2\n");
    }
    SECTION("without labels") {
        vae::export_latents_csv(path, {}, {}, means, logvars);
        CHECK(slurp(path) == "id,label,z0,z1,logvar0,logvar1\n"
                             "0,,0.5,-1,-3,-2.5\n"
                             "1,,2,0.25,-1,0\n"
                             "2,,0,1e-08,1,2\n");
    }
    SECTION("mismatched sizes") {
        CHECK_THROWS_AS(vae::export_latents_csv(path, {0, 1}, {}, means, logvars),
                        std::invalid_argument);
        CHECK_THROWS_AS(vae::export_latents_csv(path, {}, {}, means, vae::Matrix(3, 3)),
                        std::invalid_argument);
        CHECK_FALSE(std::filesystem::exists(path));
    }
}
