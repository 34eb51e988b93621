#include "data/idx_reader.h"
#include "data/load_error.h"

#include "binary_test_files.h"
#include "temp_files.h"

#include <catch2/catch.hpp>

#include <filesystem>
#include <string>
#include <vector>

using vae::DataError;
using vae::known_class_names;
using vae::LoadOptions;
using vae::read_idx;
using vae::test::big_endian_bytes;
using vae::test::idx_header;
using vae::test::TempDir;

namespace {

/// `count` images of rows x cols whose pixel values are (image * 10 + pixel) % 256.
std::string images_file(std::uint32_t count, std::uint32_t rows, std::uint32_t cols) {
    std::string out = idx_header(0x08, {count, rows, cols});
    for (std::uint32_t i = 0; i < count; ++i)
        for (std::uint32_t p = 0; p < rows * cols; ++p)
            out += static_cast<char>((i * 10 + p) % 256);
    return out;
}

std::string labels_file(const std::vector<unsigned char>& labels) {
    return idx_header(0x08, {static_cast<std::uint32_t>(labels.size())}) +
           std::string(labels.begin(), labels.end());
}

DataError load_error(const std::string& path, const LoadOptions& options = {}) {
    try {
        (void)read_idx(path, options);
    } catch (const DataError& e) {
        return e;
    }
    FAIL("no DataError for " << path);
    throw std::logic_error("unreachable");
}

} // namespace

TEST_CASE("idx: unsigned byte images have image_shape {cols, rows, 1}", "[idx]") {
    TempDir dir;
    const auto path = dir.write("digits-images-idx3-ubyte", images_file(3, 2, 5));
    const auto d = read_idx(path, {});
    REQUIRE(d.rows() == 3);
    REQUIRE(d.cols() == 10);
    REQUIRE(d.image_shape);
    CHECK(*d.image_shape == vae::ImageShape{5, 2, 1});
    CHECK(d.values(0, 9) == 9.0f);
    CHECK(d.values(2, 3) == 23.0f);
    CHECK(d.column_names.front() == "pixel 0");
    CHECK(d.column_names.size() == 10);
    CHECK_FALSE(d.has_labels()); // no labels file beside it: fine
    CHECK(d.name == path);
}

TEST_CASE("idx: the labels file beside the images is found and loaded", "[idx]") {
    TempDir dir;
    SECTION("plain files") {
        const auto path = dir.write("train-images-idx3-ubyte", images_file(4, 2, 2));
        dir.write("train-labels-idx1-ubyte", labels_file({3, 0, 9, 3}));
        const auto d = read_idx(path, {});
        CHECK(d.labels == std::vector<std::int32_t>{3, 0, 9, 3});
        CHECK(d.label_names ==
              std::vector<std::string>{"0", "1", "2", "3", "4", "5", "6", "7", "8", "9"});
        CHECK(d.label_column == "label");
    }
    SECTION("gzip images with gzip labels") {
        const auto path = dir.write_gz("t10k-images-idx3-ubyte.gz", images_file(2, 3, 3));
        dir.write_gz("t10k-labels-idx1-ubyte.gz", labels_file({1, 2}));
        const auto d = read_idx(path, {});
        CHECK(d.values(1, 8) == 18.0f);
        CHECK(d.labels == std::vector<std::int32_t>{1, 2});
        CHECK(d.label_names.size() == 3);
    }
    SECTION("gzip images with plain labels, and the dotted naming") {
        const auto path = dir.write_gz("train-images.idx3-ubyte.gz", images_file(2, 1, 1));
        dir.write("train-labels.idx1-ubyte", labels_file({0, 1}));
        CHECK(read_idx(path, {}).labels == std::vector<std::int32_t>{0, 1});
    }
    SECTION("limit cuts images and labels alike") {
        const auto path = dir.write("train-images-idx3-ubyte", images_file(5, 2, 2));
        dir.write("train-labels-idx1-ubyte", labels_file({4, 3, 2, 1, 0}));
        LoadOptions options;
        options.limit = 2;
        const auto d = read_idx(path, options);
        CHECK(d.rows() == 2);
        CHECK(d.labels == std::vector<std::int32_t>{4, 3});
        CHECK(d.label_names.size() == 5);
    }
}

TEST_CASE("idx: label candidates replace idx3/images and toggle .gz", "[idx]") {
    using vae::idx_label_candidates;
    CHECK(idx_label_candidates("/d/train-images-idx3-ubyte.gz") ==
          std::vector<std::string>{"/d/train-labels-idx1-ubyte.gz", "/d/train-labels-idx1-ubyte"});
    CHECK(idx_label_candidates("t10k-images-idx3-ubyte") ==
          std::vector<std::string>{"t10k-labels-idx1-ubyte", "t10k-labels-idx1-ubyte.gz"});
    CHECK(idx_label_candidates("/images/x.idx3") ==
          std::vector<std::string>{"/images/x.idx1", "/images/x.idx1.gz"});
    CHECK(idx_label_candidates("/d/table.idx").empty());
}

TEST_CASE("idx: label count or type mismatches name both files", "[idx][errors]") {
    TempDir dir;
    const auto path = dir.write("train-images-idx3-ubyte", images_file(4, 2, 2));
    SECTION("count") {
        dir.write("train-labels-idx1-ubyte", labels_file({1, 2, 3}));
        const auto e = load_error(path);
        CHECK_THAT(e.what(), Catch::Contains("train-labels-idx1-ubyte") &&
                                 Catch::Contains("holds 3 labels but train-images-idx3-ubyte "
                                                 "holds 4 images"));
        CHECK(e.where().file == dir.file("train-labels-idx1-ubyte"));
    }
    SECTION("shape") {
        dir.write("train-labels-idx1-ubyte", images_file(4, 2, 2));
        CHECK_THAT(load_error(path).what(), Catch::Contains("beside train-images-idx3-ubyte") &&
                                                Catch::Contains("4 x 2 x 2 values"));
    }
    SECTION("truncated labels") {
        dir.write("train-labels-idx1-ubyte", labels_file({1, 2, 3, 4}).substr(0, 10));
        CHECK_THAT(load_error(path).what(),
                   Catch::Contains("train-labels-idx1-ubyte") && Catch::Contains("truncated"));
    }
}

TEST_CASE("idx: the other element types are big-endian and convert to float", "[idx]") {
    TempDir dir;
    SECTION("0x09 signed byte") {
        const auto p = dir.write("a.idx", idx_header(0x09, {1, 2}) + std::string("\xfe\x03", 2));
        const auto d = read_idx(p, {});
        CHECK(d.values(0, 0) == -2.0f);
        CHECK(d.values(0, 1) == 3.0f);
        CHECK_FALSE(d.image_shape);
        CHECK(d.column_names == std::vector<std::string>{"column 1", "column 2"});
    }
    SECTION("0x0B int16") {
        const auto p = dir.write("a.idx", idx_header(0x0B, {1, 2}) +
                                              big_endian_bytes<std::int16_t>({-1000, 513}));
        CHECK(read_idx(p, {}).values(0, 0) == -1000.0f);
        CHECK(read_idx(p, {}).values(0, 1) == 513.0f);
    }
    SECTION("0x0C int32") {
        const auto p = dir.write("a.idx", idx_header(0x0C, {2, 1}) +
                                              big_endian_bytes<std::int32_t>({-100000, 65536}));
        CHECK(read_idx(p, {}).values(1, 0) == 65536.0f);
    }
    SECTION("0x0D float32") {
        const auto p = dir.write("a.idx", idx_header(0x0D, {1, 1, 2}) +
                                              big_endian_bytes<float>({0.25f, -3.5f}));
        const auto d = read_idx(p, {});
        CHECK(d.values(0, 1) == -3.5f);
        CHECK(*d.image_shape == vae::ImageShape{2, 1, 1});
    }
    SECTION("0x0E float64, 4-D") {
        const auto p = dir.write("a.idx", idx_header(0x0E, {1, 1, 1, 2}) +
                                              big_endian_bytes<double>({1e-3, 7.0}));
        const auto d = read_idx(p, {});
        CHECK(d.values(0, 0) == 1e-3f);
        CHECK(*d.image_shape == vae::ImageShape{1, 1, 2});
    }
}

TEST_CASE("idx: progress is reported and can cancel", "[idx]") {
    TempDir dir;
    const auto path = dir.write("x-images-idx3-ubyte", images_file(20, 4, 4));
    dir.write("x-labels-idx1-ubyte", labels_file(std::vector<unsigned char>(20, 1)));
    double last = 0;
    LoadOptions options;
    options.progress = [&](double f) {
        CHECK(f >= last);
        last = f;
        return true;
    };
    (void)read_idx(path, options);
    CHECK(last == Approx(1.0));
    options.progress = [](double) { return false; };
    CHECK_THROWS_AS(read_idx(path, options), vae::LoadCancelled);
}

TEST_CASE("idx: malformed files are DataErrors naming the file and the problem", "[idx][errors]") {
    TempDir dir;
    SECTION("empty") {
        CHECK_THAT(load_error(dir.write("e-images-idx3-ubyte", "")).what(),
                   Catch::Contains("e-images-idx3-ubyte") && Catch::Contains("the file is empty"));
    }
    SECTION("bad magic") {
        CHECK_THAT(load_error(dir.write("b.idx", "P5\n28 28\n255\n")).what(),
                   Catch::Contains("b.idx") && Catch::Contains("not an IDX file") &&
                       Catch::Contains("0x50 0x35 0x0A 0x32") &&
                       Catch::Contains("0x00 0x00 0x08 0x03"));
    }
    SECTION("unknown element type") {
        const auto e = load_error(dir.write("t.idx", idx_header(0x0A, {1, 1}) + "x"));
        CHECK_THAT(e.what(), Catch::Contains("unknown IDX element type 0x0A"));
        CHECK(e.where().column == 2);
    }
    SECTION("zero or too many dimensions") {
        CHECK_THAT(load_error(dir.write("z.idx", std::string("\0\0\x08\0", 4))).what(),
                   Catch::Contains("declares 0 dimensions"));
        CHECK_THAT(load_error(dir.write("f.idx", idx_header(0x08, {1, 1, 1, 1, 1}))).what(),
                   Catch::Contains("declares 5 dimensions"));
    }
    SECTION("header cut short") {
        const auto e = load_error(dir.write("h.idx", idx_header(0x08, {10, 28, 28}).substr(0, 9)));
        CHECK_THAT(e.what(), Catch::Contains("ends inside the IDX header"));
        CHECK(e.where().column == 9);
    }
    SECTION("truncated data") {
        const auto bytes = images_file(10, 28, 28).substr(0, 16 + 1000);
        const auto e = load_error(dir.write("train-images-idx3-ubyte", bytes));
        CHECK_THAT(e.what(), Catch::Contains("train-images-idx3-ubyte") &&
                                 Catch::Contains("declares 10 x 28 x 28 values of unsigned byte "
                                                 "(7840 bytes) but the file holds 1000 bytes") &&
                                 Catch::Contains("truncated"));
        CHECK(e.where().column == 16);
    }
    SECTION("truncated gzip data") {
        const auto bytes = images_file(10, 28, 28).substr(0, 16 + 1000);
        const auto e = load_error(dir.write_gz("t-images-idx3-ubyte.gz", bytes));
        CHECK_THAT(e.what(), Catch::Contains("but the data ends after 1000 bytes"));
        CHECK(e.where().column == 1016);
    }
    SECTION("absurd dimensions overflow") {
        const auto e = load_error(
            dir.write("a.idx", idx_header(0x0E, {0xFFFFFFFF, 0xFFFFFFFF, 0xFFFFFFFF, 0xFFFFFFFF})));
        CHECK_THAT(e.what(), Catch::Contains("absurd size"));
    }
    SECTION("a lying header in a small gzip file is refused before allocating") {
        const auto e = load_error(dir.write_gz("a.idx.gz", idx_header(0x0D, {0xFFFFFFFF, 0xFFFF})));
        CHECK_THAT(e.what(), Catch::Contains("cannot hold that much"));
    }
    SECTION("a labels file given as data") {
        const auto e = load_error(dir.write("train-labels-idx1-ubyte", labels_file({1, 2})));
        CHECK_THAT(e.what(), Catch::Contains("1-D list of 2 values") &&
                                 Catch::Contains("name the images file"));
    }
    SECTION("no samples") {
        CHECK_THAT(load_error(dir.write("n.idx", idx_header(0x08, {0, 28, 28}))).what(),
                   Catch::Contains("holds no data (0 x 28 x 28)"));
    }
    SECTION("missing file") {
        CHECK_THAT(load_error(dir.file("nope-images-idx3-ubyte")).what(),
                   Catch::Contains("nope-images-idx3-ubyte") && Catch::Contains("cannot open"));
    }
}

TEST_CASE("idx: Fashion-MNIST loads with its labels", "[idx][fashion]") {
    const std::string base = "/usr/share/datasets/fashion-mnist/";
    const std::string train = base + "train-images-idx3-ubyte.gz";
    const std::string test = base + "t10k-images-idx3-ubyte.gz";
    if (!std::filesystem::exists(train) || !std::filesystem::exists(test)) {
        WARN("Fashion-MNIST is not installed under " << base << "; skipped");
        return;
    }
    const auto d = read_idx(train, {});
    REQUIRE(d.rows() == 60000);
    REQUIRE(d.cols() == 784);
    CHECK(*d.image_shape == vae::ImageShape{28, 28, 1});
    CHECK(d.classes() == 10);
    REQUIRE(d.labels.size() == 60000);
    std::vector<int> per_class(10, 0);
    for (const auto l : d.labels)
        ++per_class.at(static_cast<std::size_t>(l));
    CHECK(per_class == std::vector<int>(10, 6000)); // the set is exactly balanced
    CHECK(d.labels[0] == 9);                        // the first image is an ankle boot
    CHECK(d.label_names[9] == "Ankle boot");
    CHECK(d.label_names[0] == "T-shirt/top");
    CHECK(d.values.minCoeff() == 0.0f);
    CHECK(d.values.maxCoeff() == 255.0f);

    const auto t = read_idx(test, {});
    CHECK(t.rows() == 10000);
    CHECK(t.classes() == 10);
    CHECK(t.labels.size() == 10000);
}

TEST_CASE("idx: class names come from a known dataset's path only", "[idx]") {
    CHECK(known_class_names("/data/Fashion-MNIST/train-images-idx3-ubyte").size() == 10);
    CHECK(known_class_names("/data/fashion/t10k-images-idx3-ubyte.gz")[7] == "Sneaker");
    CHECK(known_class_names("/data/mnist/train-images-idx3-ubyte").empty());
}
