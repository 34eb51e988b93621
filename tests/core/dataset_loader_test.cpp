#include "data/dataset_loader.h"
#include "data/image_shape_text.h"
#include "data/load_error.h"
#include "latent/decoded_features.h"

#include "binary_test_files.h"
#include "temp_files.h"

#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

using namespace vae;

namespace {

Dataset table(Eigen::Index rows, Eigen::Index cols) {
    Dataset d;
    d.values = Matrix::Random(rows, cols) * 10.0f;
    for (Eigen::Index j = 0; j < cols; ++j)
        d.column_names.push_back("c" + std::to_string(j));
    return d;
}

} // namespace

TEST_CASE("image shapes are inferred only from unambiguous pixel counts", "[loader]") {
    CHECK(infer_image_shape(784) == ImageShape{28, 28, 1});
    CHECK(infer_image_shape(64) == ImageShape{8, 8, 1});
    CHECK(infer_image_shape(3072) == ImageShape{32, 32, 3});
    CHECK_FALSE(infer_image_shape(785).has_value());
    CHECK_FALSE(infer_image_shape(49).has_value()); // 7x7: too small to be an image
    CHECK_FALSE(infer_image_shape(2).has_value());
}

TEST_CASE("prepare_dataset settles the image shape", "[loader]") {
    SECTION("inferred for a square pixel count of values that look like pixels") {
        Dataset d = table(3, 64);
        d.values = d.values.array().abs().round().min(255.0f) * 20.0f; // integers 0..200
        d.values = d.values.array().min(255.0f);
        prepare_dataset(d, {}, "t");
        REQUIRE(d.image_shape);
        CHECK(*d.image_shape == ImageShape{8, 8, 1});
        Dataset unit = table(3, 784);
        unit.values = (unit.values.array() / 20.0f + 0.5f).max(0.0f).min(1.0f);
        prepare_dataset(unit, {}, "t");
        REQUIRE(unit.image_shape);
        CHECK(*unit.image_shape == ImageShape{28, 28, 1});
    }
    SECTION("not for 64 measurements on their own scales, which are z-scored column by column") {
        Dataset d = table(20, 64); // uniform in -10..10, not integers
        d.values.col(3) *= 1000.0f;
        prepare_dataset(d, {}, "t");
        CHECK_FALSE(d.image_shape);
        CHECK(d.normalization.kind == Normalization::Kind::ZScore);
        CHECK(d.normalization.scale[3] > 100.0f * d.normalization.scale[0]);
        // Negative integers are no pixels either.
        Dataset counts = table(3, 64);
        counts.values = counts.values.array().round();
        counts.values(0, 0) = -3.0f;
        prepare_dataset(counts, {}, "t");
        CHECK_FALSE(counts.image_shape);
    }
    SECTION("--image-shape none keeps a table") {
        Dataset d = table(3, 64);
        LoadOptions o;
        o.force_table = true;
        prepare_dataset(d, o, "t");
        CHECK_FALSE(d.image_shape);
    }
    SECTION("a given shape must match the column count") {
        Dataset d = table(3, 64);
        LoadOptions o;
        o.image_shape = ImageShape{4, 16, 1};
        prepare_dataset(d, o, "t");
        CHECK(*d.image_shape == ImageShape{4, 16, 1});
        o.image_shape = ImageShape{28, 28, 1};
        Dataset e = table(3, 64);
        REQUIRE_THROWS_WITH(prepare_dataset(e, o, "data.csv"),
                            Catch::Contains("data.csv") && Catch::Contains("784") &&
                                Catch::Contains("64") && Catch::Contains("--image-shape none"));
    }
    SECTION("tables with categorical columns are never taken for images") {
        Dataset d = table(3, 64);
        d.values = d.values.array().abs().round();
        d.categorical_columns.push_back({"colour", 0, {"red", "green"}});
        prepare_dataset(d, {}, "t");
        CHECK_FALSE(d.image_shape);
    }
}

TEST_CASE("integer images in 0..255 are scaled to [0,1] with an exact inverse", "[loader]") {
    Dataset d;
    d.values.resize(2, 64);
    for (Eigen::Index i = 0; i < d.values.size(); ++i)
        d.values.data()[i] = static_cast<float>((i * 37) % 256);
    const Matrix raw = d.values;
    prepare_dataset(d, {}, "t");
    CHECK(d.normalization.scaled_from_255);
    CHECK(d.values.maxCoeff() <= 1.0f);
    CHECK(d.values.minCoeff() >= 0.0f);
    CHECK(d.values(0, 1) == Approx(37.0f / 255.0f));
    Matrix back = d.values;
    d.normalization.inverse(back);
    CHECK((back - raw).cwiseAbs().maxCoeff() < 1e-4f);
    CHECK((back.array().round() == raw.array()).all());

    SECTION("but not tables, nor data that is not whole numbers") {
        Dataset t = table(2, 5);
        t.values = t.values.cwiseAbs() * 20.0f;
        prepare_dataset(t, {}, "t");
        CHECK_FALSE(t.normalization.scaled_from_255);
        Dataset f;
        f.values = Matrix::Constant(2, 64, 100.5f);
        prepare_dataset(f, {}, "t");
        CHECK_FALSE(f.normalization.scaled_from_255);
    }
}

TEST_CASE("normalization maps columns and inverts exactly", "[loader]") {
    Dataset d = table(50, 3);
    d.values.col(2).setConstant(4.0f); // a constant column must not divide by zero
    const Matrix raw = d.values;
    SECTION("z-score") {
        LoadOptions o;
        o.normalization = Normalization::Kind::ZScore;
        prepare_dataset(d, o, "t");
        CHECK(d.values.col(0).mean() == Approx(0.0).margin(1e-5));
        const double var0 = (d.values.col(0).array() - d.values.col(0).mean()).square().mean();
        CHECK(var0 == Approx(1.0).epsilon(1e-4));
        CHECK(d.values.col(2).cwiseAbs().maxCoeff() == 0.0f);
    }
    SECTION("min-max") {
        LoadOptions o;
        o.normalization = Normalization::Kind::MinMax;
        prepare_dataset(d, o, "t");
        CHECK(d.values.col(1).minCoeff() == Approx(0.0f).margin(1e-6));
        CHECK(d.values.col(1).maxCoeff() == Approx(1.0f));
    }
    Matrix back = d.values;
    d.normalization.inverse(back);
    CHECK((back - raw).cwiseAbs().maxCoeff() < 1e-4f);
}

TEST_CASE("one-hot columns keep their 0/1 values under normalization", "[loader]") {
    Dataset d = table(20, 4);
    d.values.col(2).setZero();
    d.values.col(3).setOnes();
    d.values(0, 2) = 1.0f;
    d.values(0, 3) = 0.0f;
    d.categorical_columns.push_back({"colour", 2, {"red", "green"}});
    const Matrix raw = d.values;
    LoadOptions o;
    o.normalization = Normalization::Kind::ZScore;
    prepare_dataset(d, o, "t");
    CHECK(d.values.col(2) == raw.col(2));
    CHECK(d.values.col(3) == raw.col(3));
    CHECK(d.values.col(0) != raw.col(0));
}

TEST_CASE("limit keeps the first rows with their labels and factors", "[loader]") {
    Dataset d = table(10, 2);
    d.labels = {0, 1, 0, 1, 0, 1, 0, 1, 0, 1};
    d.label_names = {"a", "b"};
    d.factors = Matrix::Random(10, 3);
    const Matrix first = d.values.topRows(4);
    LoadOptions o;
    o.limit = 4;
    o.normalization = Normalization::Kind::None;
    prepare_dataset(d, o, "t");
    CHECK(d.rows() == 4);
    CHECK(d.labels.size() == 4);
    CHECK(d.factors.rows() == 4);
    CHECK(d.values == first);
}

TEST_CASE("formats are recognised by name, then by content", "[loader]") {
    test::TempDir dir;
    CHECK(detect_format("builtin:sprites") == SourceFormat::Builtin);
    CHECK(detect_format("x.npy") == SourceFormat::Npy);
    CHECK(detect_format("x.NPY.gz") == SourceFormat::Npy);
    CHECK(detect_format("train-images-idx3-ubyte.gz") == SourceFormat::Idx);
    CHECK(detect_format("a.csv.gz") == SourceFormat::Csv);
    CHECK(detect_format("a.tsv") == SourceFormat::Csv);
    const std::string npy = dir.write("data.bin", std::string("\x93NUMPY\x01\x00", 8));
    CHECK(detect_format(npy) == SourceFormat::Npy);
    const std::string idx = dir.write("images", std::string("\x00\x00\x08\x03\x00\x00", 6));
    CHECK(detect_format(idx) == SourceFormat::Idx);
    const std::string text = dir.write("data", "a,b\n1,2\n");
    CHECK(detect_format(text) == SourceFormat::Csv);
    REQUIRE_THROWS_WITH(detect_format(dir.file("nothing-here")),
                        Catch::Contains("nothing-here") && Catch::Contains("check the path"));
}

TEST_CASE("an empty source name is a clear error", "[loader]") {
    REQUIRE_THROWS_WITH(load_dataset(""), Catch::Contains("builtin:sprites"));
}

TEST_CASE("NaN in a NumPy file follows the missing-value policy", "[loader]") {
    test::TempDir dir;
    const float nan = std::numeric_limits<float>::quiet_NaN();
    const std::vector<float> values = {1, 2, nan, 4, 5, 6, 7, nan};
    const auto path = dir.write(
        "holes.npy", test::npy_bytes(test::npy_dict("<f4", "(4, 2)"), test::raw_bytes(values)));
    SECTION("error by default, naming the file, the first hole and the options") {
        REQUIRE_THROWS_WITH(load_dataset(path),
                            Catch::Contains("holes.npy") && Catch::Contains("row 2, column 1") &&
                                Catch::Contains("2 missing") && Catch::Contains("--missing drop"));
    }
    SECTION("drop keeps the complete rows in order") {
        LoadOptions o;
        o.missing = MissingPolicy::Drop;
        o.normalization = Normalization::Kind::None;
        const Dataset d = load_dataset(path, o);
        REQUIRE(d.rows() == 2);
        CHECK(d.values(0, 0) == 1.0f);
        CHECK(d.values(1, 1) == 6.0f);
        CHECK(d.dropped_rows == 2);
        CHECK(d.missing_count == 2);
    }
    SECTION("mean fills in the column mean of the present values") {
        LoadOptions o;
        o.missing = MissingPolicy::Mean;
        o.normalization = Normalization::Kind::None;
        const Dataset d = load_dataset(path, o);
        REQUIRE(d.rows() == 4);
        CHECK(d.values(1, 0) == Approx((1.0f + 5.0f + 7.0f) / 3.0f));
        CHECK(d.values(3, 1) == Approx((2.0f + 4.0f + 6.0f) / 3.0f));
    }
}

TEST_CASE("error messages quote at most 40 characters of what was found", "[loader]") {
    CHECK(error_excerpt("abc") == "abc");
    const std::string long_text(100, 'x');
    CHECK(error_excerpt(long_text) == std::string(40, 'x') + "...");
    CHECK(error_excerpt(std::string(40, 'y')) == std::string(40, 'y'));
}

TEST_CASE("image shapes are read as the CLI and the import dialog write them", "[loader]") {
    const auto gray = parse_image_shape_text("28x28");
    REQUIRE(gray.shape);
    CHECK(gray.shape->width == 28);
    CHECK(gray.shape->channels == 1);
    const auto rgb = parse_image_shape_text(" 32 \xc3\x97 16 * 3 ");
    REQUIRE(rgb.shape);
    CHECK((rgb.shape->width == 32 && rgb.shape->height == 16 && rgb.shape->channels == 3));
    CHECK(image_shape_text(*rgb.shape) == "32x16x3");
    CHECK(parse_image_shape_text("").automatic);
    CHECK(parse_image_shape_text("Auto").automatic);
    CHECK(parse_image_shape_text("none").table);
    CHECK(parse_image_shape_text("TABLE").table);
    CHECK_THAT(parse_image_shape_text("28x").problem, Catch::Contains("WIDTHxHEIGHT"));
    CHECK_THAT(parse_image_shape_text("28x28x2").problem, Catch::Contains("not 2"));
    CHECK_THAT(parse_image_shape_text("0x5").problem, Catch::Contains("from 1 to 65536"));
    CHECK_FALSE(parse_image_shape_text("99999999999x2").problem.empty());
    CHECK_FALSE(parse_image_shape_text("-3x4").problem.empty());
}

TEST_CASE("two normalisations are the same map when they send values to the same place",
          "[loader]") {
    Normalization none;
    Normalization explicit_identity;
    explicit_identity.offset = Vector::Zero(3);
    explicit_identity.scale = Vector::Ones(3);
    CHECK(none.same_map(explicit_identity));
    CHECK(explicit_identity.same_map(none));
    Normalization z = explicit_identity;
    z.scale[1] = 2.0f;
    CHECK_FALSE(z.same_map(none));
    CHECK_FALSE(z.same_map(explicit_identity));
    Normalization shifted = explicit_identity;
    shifted.offset[2] = 0.5f;
    CHECK_FALSE(shifted.same_map(explicit_identity));
    Normalization wider;
    wider.offset = Vector::Zero(4);
    wider.scale = Vector::Ones(4);
    CHECK_FALSE(wider.same_map(explicit_identity));
}

TEST_CASE("the loader computes each column's stored range once, for views to read", "[loader]") {
    Dataset d = table(50, 3);
    d.values(4, 1) = std::numeric_limits<float>::quiet_NaN();
    d.values.col(2).setConstant(std::numeric_limits<float>::quiet_NaN());
    LoadOptions o;
    o.normalization = Normalization::Kind::MinMax;
    prepare_dataset(d, o, "t");
    REQUIRE(d.stored_min.size() == 3);
    CHECK(d.stored_min(0) == d.values.col(0).minCoeff());
    CHECK(d.stored_max(0) == d.values.col(0).maxCoeff());
    CHECK(d.stored_min(1) == Approx(0.0f).margin(1e-6)); // NaN skipped, min-max to [0, 1]
    CHECK(d.stored_max(1) == Approx(1.0f));
    CHECK(std::isnan(d.stored_min(2))); // no finite value at all
    CHECK(stored_extent(d) == std::pair<float, float>{d.stored_min.head(2).minCoeff(),
                                                      d.stored_max.head(2).maxCoeff()});
    // Converted to other units, the ranges follow.
    Normalization none;
    convert_normalization(d, none);
    CHECK(d.stored_min(0) == d.values.col(0).minCoeff());
    // Readers take the computed ranges instead of scanning: made-up ones come back.
    d.stored_min(0) = -123.0f;
    CHECK(column_ranges(d).min(0) == -123.0f);
    CHECK(stored_extent(d).first == -123.0f);
}
