#include "data/load_error.h"
#include "data/npy_reader.h"

#include "binary_test_files.h"
#include "temp_files.h"

#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

using vae::DataError;
using vae::LoadOptions;
using vae::read_npy;
using vae::test::npy_bytes;
using vae::test::npy_dict;
using vae::test::raw_bytes;
using vae::test::TempDir;

namespace {

std::string npy(const std::string& descr, const std::string& shape, const std::string& data) {
    return npy_bytes(npy_dict(descr, shape), data);
}

std::vector<float> iota_floats(std::size_t n) {
    std::vector<float> v(n);
    for (std::size_t i = 0; i < n; ++i)
        v[i] = static_cast<float>(i) * 0.5f;
    return v;
}

DataError load_error(const std::string& path, const LoadOptions& options = {}) {
    try {
        (void)read_npy(path, options);
    } catch (const DataError& e) {
        return e;
    }
    FAIL("no DataError for " << path);
    throw std::logic_error("unreachable");
}

} // namespace

TEST_CASE("npy: a float32 table keeps its values, row order and column names", "[npy]") {
    TempDir dir;
    const auto path = dir.write("t.npy", npy("<f4", "(3, 4)", raw_bytes(iota_floats(12))));
    const auto data = read_npy(path, {});
    REQUIRE(data.rows() == 3);
    REQUIRE(data.cols() == 4);
    CHECK(data.values(0, 0) == 0.0f);
    CHECK(data.values(1, 2) == 3.0f); // element 6
    CHECK(data.values(2, 3) == 5.5f);
    CHECK(data.column_names ==
          std::vector<std::string>{"column 1", "column 2", "column 3", "column 4"});
    CHECK_FALSE(data.image_shape);
    CHECK_FALSE(data.has_labels());
    CHECK(data.name == path);
    CHECK(data.missing_count == 0);
}

TEST_CASE("npy: every supported dtype converts to float", "[npy]") {
    TempDir dir;
    SECTION("<f8") {
        const auto p =
            dir.write("a.npy", npy("<f8", "(2, 2)", raw_bytes<double>({1.5, -2, 3, 1e10})));
        const auto d = read_npy(p, {});
        CHECK(d.values(0, 0) == 1.5f);
        CHECK(d.values(0, 1) == -2.0f);
        CHECK(d.values(1, 1) == 1e10f);
    }
    SECTION("|u1 keeps 0..255 unscaled") {
        const auto p = dir.write("a.npy", npy("|u1", "(1, 3)", std::string("\x00\x7f\xff", 3)));
        const auto d = read_npy(p, {});
        CHECK(d.values(0, 0) == 0.0f);
        CHECK(d.values(0, 1) == 127.0f);
        CHECK(d.values(0, 2) == 255.0f);
    }
    SECTION("|i1") {
        const auto p = dir.write("a.npy", npy("|i1", "(1, 2)", std::string("\xff\x05", 2)));
        const auto d = read_npy(p, {});
        CHECK(d.values(0, 0) == -1.0f);
        CHECK(d.values(0, 1) == 5.0f);
    }
    SECTION("<u2 and <i2") {
        const auto p =
            dir.write("a.npy", npy("<u2", "(1, 2)", raw_bytes<std::uint16_t>({65535, 7})));
        CHECK(read_npy(p, {}).values(0, 0) == 65535.0f);
        const auto q = dir.write("b.npy", npy("<i2", "(1, 2)", raw_bytes<std::int16_t>({-300, 7})));
        CHECK(read_npy(q, {}).values(0, 0) == -300.0f);
    }
    SECTION("<i4, <i8, <u4, <u8") {
        const auto p =
            dir.write("a.npy", npy("<i4", "(1, 2)", raw_bytes<std::int32_t>({-70000, 3})));
        CHECK(read_npy(p, {}).values(0, 0) == -70000.0f);
        const auto q =
            dir.write("b.npy", npy("<i8", "(1, 2)", raw_bytes<std::int64_t>({-5, 1LL << 40})));
        CHECK(read_npy(q, {}).values(0, 1) == static_cast<float>(1LL << 40));
        const auto r =
            dir.write("c.npy", npy("<u4", "(1, 1)", raw_bytes<std::uint32_t>({4000000000u})));
        CHECK(read_npy(r, {}).values(0, 0) == 4e9f);
        const auto s = dir.write("d.npy", npy("<u8", "(1, 1)", raw_bytes<std::uint64_t>({9})));
        CHECK(read_npy(s, {}).values(0, 0) == 9.0f);
    }
    SECTION("|b1") {
        const auto p = dir.write("a.npy", npy("|b1", "(1, 2)", std::string("\x01\x00", 2)));
        CHECK(read_npy(p, {}).values(0, 0) == 1.0f);
        CHECK(read_npy(p, {}).values(0, 1) == 0.0f);
    }
    SECTION(">f4 is byte-swapped") {
        const auto p = dir.write(
            "a.npy", npy(">f4", "(1, 2)", vae::test::big_endian_bytes<float>({2.5f, -1.0f})));
        const auto d = read_npy(p, {});
        CHECK(d.values(0, 0) == 2.5f);
        CHECK(d.values(0, 1) == -1.0f);
    }
}

TEST_CASE("npy: 3-D and 4-D arrays are images with width and height in the right order", "[npy]") {
    TempDir dir;
    SECTION("(N, H, W)") {
        const auto p = dir.write("i.npy", npy("<f4", "(2, 3, 4)", raw_bytes(iota_floats(24))));
        const auto d = read_npy(p, {});
        REQUIRE(d.image_shape);
        CHECK(*d.image_shape == vae::ImageShape{4, 3, 1});
        CHECK(d.rows() == 2);
        CHECK(d.cols() == 12);
        CHECK(d.column_names.front() == "pixel 0");
        CHECK(d.column_names.back() == "pixel 11");
        CHECK(d.values(1, 0) == 6.0f); // element 12
    }
    SECTION("(N, H, W, C)") {
        const auto p = dir.write("i.npy", npy("|u1", "(2, 5, 4, 2)", std::string(80, '\x07')));
        const auto d = read_npy(p, {});
        REQUIRE(d.image_shape);
        CHECK(*d.image_shape == vae::ImageShape{4, 5, 2});
        CHECK(d.cols() == 40);
        CHECK(d.notes.empty());
    }
    SECTION("(N, C, H, W), PyTorch's layout, is reordered to channels-last") {
        // One image of 3 channels, 2 rows, 5 columns; value = 100 c + 10 y + x.
        std::vector<float> v;
        for (int c = 0; c < 3; ++c)
            for (int y = 0; y < 2; ++y)
                for (int x = 0; x < 5; ++x)
                    v.push_back(static_cast<float>(100 * c + 10 * y + x));
        const auto p = dir.write("i.npy", npy("<f4", "(1, 3, 2, 5)", raw_bytes(v)));
        const auto d = read_npy(p, {});
        REQUIRE(d.image_shape);
        CHECK(*d.image_shape == vae::ImageShape{5, 2, 3});
        for (int y = 0; y < 2; ++y)
            for (int x = 0; x < 5; ++x)
                for (int c = 0; c < 3; ++c)
                    CHECK(d.values(0, (y * 5 + x) * 3 + c) ==
                          static_cast<float>(100 * c + 10 * y + x));
        REQUIRE(d.notes.size() == 1);
        CHECK_THAT(d.notes[0], Catch::Contains("channels-first"));
    }
    SECTION("a shape that fits both layouts stays channels-last, with a note") {
        const auto p = dir.write("i.npy", npy("|u1", "(2, 3, 4, 3)", std::string(72, '\x07')));
        const auto d = read_npy(p, {});
        REQUIRE(d.image_shape);
        CHECK(*d.image_shape == vae::ImageShape{4, 3, 3});
        REQUIRE(d.notes.size() == 1);
        CHECK_THAT(d.notes[0], Catch::Contains("transpose(0, 2, 3, 1)"));
    }
}

TEST_CASE("npy: infinities are read as missing values and noted", "[npy]") {
    TempDir dir;
    const float inf = std::numeric_limits<float>::infinity();
    const std::vector<float> v = {1, inf, 3, -inf, 5, std::numeric_limits<float>::quiet_NaN()};
    const auto d = read_npy(dir.write("t.npy", npy("<f4", "(2, 3)", raw_bytes(v))), {});
    CHECK(d.missing_count == 3);
    CHECK(std::isnan(d.values(0, 1)));
    CHECK(std::isnan(d.values(1, 0)));
    CHECK(d.values(1, 1) == 5.0f);
    REQUIRE(d.notes.size() == 1);
    CHECK_THAT(d.notes[0], Catch::Contains("2 infinite"));
}

TEST_CASE("npy: format versions 2.0 and 3.0 and header spelling variants", "[npy]") {
    TempDir dir;
    const std::string data = raw_bytes(iota_floats(6));
    for (int major : {2, 3}) {
        const auto p = dir.write("v.npy", npy_bytes(npy_dict("<f4", "(2, 3)"), data, major));
        const auto d = read_npy(p, {});
        CHECK(d.rows() == 2);
        CHECK(d.values(1, 2) == 2.5f);
    }
    const auto p = dir.write(
        "w.npy",
        npy_bytes("{\"shape\": (2L, 3L), \"fortran_order\": False, \"descr\": \"<f4\"}", data));
    CHECK(read_npy(p, {}).cols() == 3);
    // A Fortran-ordered single column is laid out exactly like a C-ordered one.
    const auto q = dir.write("f.npy", npy_bytes(npy_dict("<f4", "(6, 1)", true), data));
    CHECK(read_npy(q, {}).values(5, 0) == 2.5f);
}

TEST_CASE("npy: gzip-compressed files read the same", "[npy]") {
    TempDir dir;
    const auto bytes = npy("<f4", "(50, 3)", raw_bytes(iota_floats(150)));
    const auto d = read_npy(dir.write_gz("t.npy.gz", bytes), {});
    REQUIRE(d.rows() == 50);
    CHECK(d.values(49, 2) == 74.5f);
}

TEST_CASE("npy: limit reads only the first rows, progress is reported and can cancel", "[npy]") {
    TempDir dir;
    const auto path = dir.write("t.npy", npy("<f4", "(100, 2)", raw_bytes(iota_floats(200))));
    LoadOptions options;
    options.limit = 7;
    const auto limited = read_npy(path, options);
    REQUIRE(limited.rows() == 7);
    CHECK(limited.values(6, 1) == 6.5f);

    std::vector<double> seen;
    LoadOptions with_progress;
    with_progress.progress = [&](double f) {
        seen.push_back(f);
        return true;
    };
    (void)read_npy(path, with_progress);
    REQUIRE_FALSE(seen.empty());
    CHECK(seen.back() == Approx(1.0));

    LoadOptions cancel;
    cancel.progress = [](double) { return false; };
    CHECK_THROWS_AS(read_npy(path, cancel), vae::LoadCancelled);
}

TEST_CASE("npy: a label column becomes classes or targets", "[npy]") {
    TempDir dir;
    // Column 2 holds the integers 3 and 7 (two classes), column 3 arbitrary floats.
    const std::vector<float> v = {0.5f, 7, 0.25f, 1.5f, 3, 1.75f, 2.5f, 7, 9.5f};
    const auto path = dir.write("t.npy", npy("<f4", "(3, 3)", raw_bytes(v)));
    LoadOptions options;
    SECTION("by position from 1: integers become classes in ascending order") {
        options.label_column = "2";
        const auto d = read_npy(path, options);
        CHECK(d.cols() == 2);
        CHECK(d.column_names == std::vector<std::string>{"column 1", "column 3"});
        CHECK(d.label_column == "column 2");
        CHECK(d.label_names == std::vector<std::string>{"3", "7"});
        CHECK(d.labels == std::vector<std::int32_t>{1, 0, 1});
        CHECK(d.values(1, 1) == 1.75f);
        CHECK(d.targets.empty());
    }
    SECTION("\"column 2\" names the same column") {
        options.label_column = "column 2";
        CHECK(read_npy(path, options).label_names.size() == 2);
    }
    SECTION("a negative index counts from the end; non-integers become targets") {
        options.label_column = "-1";
        const auto d = read_npy(path, options);
        CHECK(d.label_column == "column 3");
        CHECK_FALSE(d.has_labels());
        CHECK(d.targets == std::vector<float>{0.25f, 1.75f, 9.5f});
        CHECK(d.column_names == std::vector<std::string>{"column 1", "column 2"});
    }
    SECTION("a position out of range, or 0, is an error naming the column count") {
        options.label_column = GENERATE(as<std::string>{}, "4", "0", "-4");
        const auto e = load_error(path, options);
        CHECK_THAT(e.what(), Catch::Contains("t.npy") && Catch::Contains("label column") &&
                                 Catch::Contains("3 columns") &&
                                 Catch::Contains("the first column is 1"));
    }
    SECTION("a name is an error") {
        options.label_column = "species";
        CHECK_THAT(load_error(path, options).what(),
                   Catch::Contains("'species'") && Catch::Contains("not a column position"));
    }
}

TEST_CASE("npy: more than 256 distinct integers make targets, not classes", "[npy]") {
    TempDir dir;
    std::vector<float> v;
    for (int i = 0; i < 300; ++i) {
        v.push_back(static_cast<float>(i));
        v.push_back(0.0f);
    }
    LoadOptions options;
    options.label_column = "1";
    const auto d = read_npy(dir.write("t.npy", npy("<f4", "(300, 2)", raw_bytes(v))), options);
    CHECK_FALSE(d.has_labels());
    CHECK(d.targets.size() == 300);
    CHECK(d.targets[299] == 299.0f);
}

TEST_CASE("npy: NaNs are kept and counted as missing", "[npy]") {
    TempDir dir;
    const float nan = std::numeric_limits<float>::quiet_NaN();
    const auto d =
        read_npy(dir.write("t.npy", npy("<f4", "(2, 2)", raw_bytes<float>({1, nan, nan, 2}))), {});
    CHECK(d.missing_count == 2);
    CHECK(std::isnan(d.values(0, 1)));
}

TEST_CASE("npy: errors name the file, what was found and what to do", "[npy][errors]") {
    TempDir dir;
    SECTION("empty file") {
        CHECK_THAT(load_error(dir.write("e.npy", "")).what(),
                   Catch::Contains("e.npy") && Catch::Contains("the file is empty"));
    }
    SECTION("bad magic") {
        const auto e = load_error(dir.write("b.npy", "a,b,c\n1,2,3\n"));
        CHECK_THAT(e.what(), Catch::Contains("b.npy") && Catch::Contains("not a NumPy .npy file") &&
                                 Catch::Contains("61 2c 62 2c"));
    }
    SECTION("truncated data: declared vs held sizes and the data offset") {
        const std::string bytes = npy("<f4", "(60000, 784)", std::string(1000, '\0'));
        const auto e = load_error(dir.write("train.npy", bytes));
        CHECK_THAT(e.what(), Catch::Contains("train.npy") &&
                                 Catch::Contains("header declares shape (60000, 784) = 188160000 "
                                                 "bytes of '<f4' but the file holds 1000 bytes "
                                                 "after the header") &&
                                 Catch::Contains("truncated") && Catch::Contains("numpy.save"));
        CHECK(e.where().column == bytes.size() - 1000);
        CHECK(e.where().line == 0);
    }
    SECTION("truncated gzip data stops at the real end") {
        const auto e =
            load_error(dir.write_gz("t.npy.gz", npy("<f4", "(10, 10)", std::string(120, '\0'))));
        CHECK_THAT(e.what(),
                   Catch::Contains("t.npy.gz") &&
                       Catch::Contains("= 400 bytes of '<f4' but the data ends after 120 bytes"));
    }
    SECTION("absurd shape: the product overflows") {
        const auto e =
            load_error(dir.write("a.npy", npy("<f8", "(4294967296, 4294967296, 4294967296)", "")));
        CHECK_THAT(e.what(), Catch::Contains("absurd") &&
                                 Catch::Contains("(4294967296, 4294967296, 4294967296)"));
    }
    SECTION("absurd shape in a small gzip file is refused before allocating") {
        const auto e = load_error(dir.write_gz("a.npy.gz", npy("<f4", "(100000000, 1000)", "")));
        CHECK_THAT(e.what(), Catch::Contains("400000000000 bytes") &&
                                 Catch::Contains("cannot hold that much"));
    }
    SECTION("unsupported dtype") {
        const auto e = load_error(dir.write("c.npy", npy("<c8", "(2, 2)", std::string(32, '\0'))));
        CHECK_THAT(e.what(), Catch::Contains("dtype '<c8' is not supported") &&
                                 Catch::Contains("'<f4'") && Catch::Contains("astype"));
    }
    SECTION("structured dtype") {
        const auto e = load_error(dir.write(
            "s.npy", npy_bytes("{'descr': [('a', '<f4'), ('b', '<i4')], 'fortran_order': False, "
                               "'shape': (2,), }",
                               std::string(16, '\0'))));
        CHECK_THAT(e.what(), Catch::Contains("structured dtype"));
    }
    SECTION("fortran order") {
        const auto e = load_error(
            dir.write("f.npy", npy_bytes(npy_dict("<f4", "(2, 3)", true), std::string(24, '\0'))));
        CHECK_THAT(e.what(), Catch::Contains("f.npy") && Catch::Contains("Fortran") &&
                                 Catch::Contains("numpy.ascontiguousarray"));
    }
    SECTION("1-D arrays") {
        const auto e = load_error(dir.write("o.npy", npy("<f4", "(5,)", std::string(20, '\0'))));
        CHECK_THAT(e.what(),
                   Catch::Contains("1-D array (shape (5,))") && Catch::Contains("reshape(-1, 1)"));
    }
    SECTION("5-D arrays") {
        const auto e =
            load_error(dir.write("v.npy", npy("<f4", "(1, 1, 1, 1, 1)", std::string(4, '\0'))));
        CHECK_THAT(e.what(), Catch::Contains("5-D array"));
    }
    SECTION("an empty array") {
        const auto e = load_error(dir.write("z.npy", npy("<f4", "(0, 3)", "")));
        CHECK_THAT(e.what(), Catch::Contains("holds no data (shape (0, 3))"));
    }
    SECTION("a malformed header points at the byte") {
        const auto bytes = npy_bytes("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3}",
                                     std::string(24, '\0'));
        const auto e = load_error(dir.write("m.npy", bytes));
        CHECK_THAT(e.what(), Catch::Contains("malformed .npy header") &&
                                 Catch::Contains("expected ',' or ')'"));
        CHECK(e.where().column == 10 + 55); // header text starts at byte 10; '}' is its 56th char
    }
    SECTION("a header without 'shape'") {
        const auto e = load_error(
            dir.write("k.npy", npy_bytes("{'descr': '<f4', 'fortran_order': False}", "")));
        CHECK_THAT(e.what(), Catch::Contains("no 'shape' entry"));
    }
    SECTION("a file that ends inside the header") {
        const auto bytes = npy("<f4", "(2, 3)", "");
        const auto e = load_error(dir.write("h.npy", bytes.substr(0, 30)));
        CHECK_THAT(e.what(), Catch::Contains("ends inside the .npy header"));
    }
    SECTION("an unknown format version") {
        const auto e =
            load_error(dir.write("x.npy", npy_bytes(npy_dict("<f4", "(1, 1)"), "abcd", 4)));
        CHECK_THAT(e.what(), Catch::Contains("format version 4.0"));
    }
    SECTION("a label column on images") {
        LoadOptions options;
        options.label_column = "1";
        const auto e =
            load_error(dir.write("i.npy", npy("|u1", "(1, 2, 2)", std::string(4, '\0'))), options);
        CHECK_THAT(e.what(), Catch::Contains("holds images"));
    }
}
