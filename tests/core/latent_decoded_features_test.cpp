#include "data/dataset_loader.h"
#include "data/dataset_metadata.h"
#include "latent/decoded_features.h"

#include "temp_files.h"

#include <catch2/catch.hpp>

#include <cmath>

using vae::DatasetMetadata;
using vae::DecodedFeature;
using vae::Matrix;

namespace {

/// x (z-scored: mean 10, sd 2), a one-hot group color {red, green, blue}, y (mean -1, sd 0.5).
DatasetMetadata table_meta() {
    DatasetMetadata m;
    m.column_names = {"x", "color=red", "color=green", "color=blue", "y"};
    m.categorical_columns = {{"color", 1, {"red", "green", "blue"}}};
    m.normalization.kind = vae::Normalization::Kind::ZScore;
    m.normalization.offset = vae::Vector(5);
    m.normalization.offset << 10, 0, 0, 0, -1;
    m.normalization.scale = vae::Vector(5);
    m.normalization.scale << 2, 1, 1, 1, 0.5;
    return m;
}

} // namespace

TEST_CASE("decoded features: user's units and one entry per one-hot group", "[latent]") {
    const auto f =
        vae::decoded_features(Eigen::RowVectorXf{{1.25f, 0.2f, 0.7f, 0.1f, -4.0f}}, table_meta());
    REQUIRE(f.size() == 3);
    CHECK(f[0].name == "x");
    CHECK_FALSE(f[0].categorical);
    CHECK(f[0].value == 12.5f); // 10 + 2 * 1.25
    CHECK(f[1].name == "color");
    CHECK(f[1].categorical);
    CHECK(f[1].category == "green");
    CHECK(f[1].category_index == 1);
    CHECK(f[1].score == Approx(0.7f));
    CHECK(f[2].name == "y");
    CHECK(f[2].value == -3.0f);     // -1 + 0.5 * -4
    CHECK_FALSE(f[2].out_of_range); // no ranges given: nothing flagged
}

TEST_CASE("decoded features: the category score clamps negatives and normalises", "[latent]") {
    const auto meta = table_meta();
    auto f = vae::decoded_features(Eigen::RowVectorXf{{0, -0.5f, 0.3f, 0.1f, 0}}, meta);
    CHECK(f[1].category == "green");
    CHECK(f[1].score == Approx(0.75f)); // 0.3 / (0 + 0.3 + 0.1)
    f = vae::decoded_features(Eigen::RowVectorXf{{0, 0.9f, 0.3f, 1.8f, 0}}, meta);
    CHECK(f[1].category == "blue");
    CHECK(f[1].score == Approx(0.6f)); // 1.8 / 3.0: values above 1 are not probabilities
    f = vae::decoded_features(Eigen::RowVectorXf{{0, -0.5f, -0.9f, -0.2f, 0}}, meta);
    CHECK(f[1].category == "blue"); // the largest value, as CSV export picks it
    CHECK(f[1].score == Approx(1.0f / 3.0f));
    f = vae::decoded_features(Eigen::RowVectorXf{{0, 0.4f, 0.1f, 0.4f, 0}}, meta);
    CHECK(f[1].category == "red"); // ties: the first category
    CHECK(f[1].score == Approx(4.0f / 9.0f));
}

TEST_CASE("decoded features: a z-scored CSV table round-trips to the user's units", "[latent]") {
    vae::test::TempDir dir;
    const auto path = dir.write("t.csv", "size,color,weight\n"
                                         "1.5,red,100\n"
                                         "3.25,blue,250\n"
                                         "-2,red,175\n"
                                         "8,green,90\n");
    vae::LoadOptions options;
    options.normalization = vae::Normalization::Kind::ZScore;
    options.label_column = "none";
    const vae::Dataset d = vae::load_dataset(path, options);
    REQUIRE(d.cols() == 5);
    REQUIRE(d.normalization.kind == vae::Normalization::Kind::ZScore);
    CHECK(std::abs(d.values.col(0).mean()) < 1e-5f); // really stored z-scored
    const DatasetMetadata meta = vae::metadata_of(d);
    const char* colors[] = {"red", "blue", "red", "green"};
    const float sizes[] = {1.5f, 3.25f, -2.0f, 8.0f};
    const float weights[] = {100, 250, 175, 90};
    for (Eigen::Index r = 0; r < 4; ++r) {
        const auto f = vae::decoded_features(d.values.row(r), meta);
        REQUIRE(f.size() == 3);
        CHECK(f[0].name == "size");
        CHECK(f[0].value == Approx(sizes[r]).epsilon(1e-6));
        CHECK(f[1].name == "color");
        CHECK(f[1].category == colors[r]);
        CHECK(f[1].score == 1.0f);
        CHECK(f[2].name == "weight");
        CHECK(f[2].value == Approx(weights[r]).epsilon(1e-6));
    }
}

TEST_CASE("decoded features: column ranges in the user's units flag values outside them",
          "[latent]") {
    const auto meta = table_meta();
    vae::Dataset d = vae::dataset_from(meta, Matrix(3, 5));
    // User's units: x in {8, 14, 11} -> stored (x - 10) / 2; y in {-2, -0.5, NaN}.
    d.values << -1.0f, 1, 0, 0, -2.0f, //
        2.0f, 0, 1, 0, 1.0f,           //
        0.5f, 0, 0, 1, std::nanf("");
    const auto ranges = vae::column_ranges(d);
    REQUIRE(ranges.min.size() == 5);
    CHECK(ranges.min(0) == 8.0f);
    CHECK(ranges.max(0) == 14.0f);
    CHECK(ranges.min(4) == -2.0f); // the NaN is ignored
    CHECK(ranges.max(4) == -0.5f);
    CHECK(ranges.min(2) == 0.0f);
    CHECK(ranges.max(2) == 1.0f);

    // x = 10 + 2 * 2.5 = 15 > 14; y = -1 + 0.5 * -2 = -2, the minimum itself: inside.
    auto f = vae::decoded_features(Eigen::RowVectorXf{{2.5f, 5, 0, 0, -2.0f}}, meta, ranges);
    CHECK(f[0].out_of_range);
    CHECK_FALSE(f[1].out_of_range); // groups are never flagged
    CHECK_FALSE(f[2].out_of_range);
    // x = 10 + 2 * -1.5 = 7 < 8; y = -1 + 0.5 * 0.2 = -0.9: inside.
    f = vae::decoded_features(Eigen::RowVectorXf{{-1.5f, 0, 1, 0, 0.2f}}, meta, ranges);
    CHECK(f[0].out_of_range);
    CHECK_FALSE(f[2].out_of_range);
    // y = -1 + 0.5 * 1.2 = -0.4 > -0.5.
    f = vae::decoded_features(Eigen::RowVectorXf{{0, 0, 1, 0, 1.2f}}, meta, ranges);
    CHECK_FALSE(f[0].out_of_range);
    CHECK(f[2].out_of_range);

    // A column without any finite value flags nothing.
    d.values.col(4).setConstant(std::nanf(""));
    const auto empty = vae::column_ranges(d);
    CHECK(std::isnan(empty.min(4)));
    CHECK_FALSE(
        vae::decoded_features(Eigen::RowVectorXf{{0, 0, 1, 0, 99}}, meta, empty)[2].out_of_range);
}

TEST_CASE("decoded features: made-up names and size errors", "[latent]") {
    using Catch::Contains;
    const DatasetMetadata plain; // no names, identity normalization
    const auto f = vae::decoded_features(Eigen::RowVectorXf{{1, 2}}, plain);
    REQUIRE(f.size() == 2);
    CHECK(f[1].name == "column 2"); // counted from 1
    CHECK(f[1].value == 2.0f);
    const auto meta = table_meta();
    CHECK_THROWS_WITH(vae::decoded_features(Eigen::RowVectorXf{{1, 2, 3}}, meta),
                      Contains("has 3 values") && Contains("data has 5 columns"));
    vae::ColumnRanges ranges{vae::Vector::Zero(4), vae::Vector::Zero(4)};
    CHECK_THROWS_WITH(vae::decoded_features(Eigen::RowVectorXf{{0, 1, 0, 0, 0}}, meta, ranges),
                      Contains("column ranges have 4 and 4"));
    DatasetMetadata unnamed = meta;
    unnamed.column_names.clear();
    CHECK_THROWS_WITH(vae::decoded_features(Eigen::RowVectorXf{{1, 2}}, unnamed),
                      Contains("normalization has 5"));
}
