#include "data/csv_reader.h"
#include "data/csv_writer.h"

#include "temp_files.h"

#include <catch2/catch.hpp>

#include <cstring>
#include <fstream>
#include <random>
#include <sstream>
#include <string>

using vae::LoadOptions;
using vae::read_csv;
using vae::write_csv;
using vae::test::TempDir;

namespace {

using vae::test::slurp;

} // namespace

TEST_CASE("csv writer: header, label first, quoting", "[csv]") {
    vae::Dataset d;
    d.values.resize(2, 2);
    d.values << 0.1f, 255, -1.5e-7f, 3;
    d.column_names = {"x", "y, with comma"};
    d.labels = {1, 0};
    d.label_names = {"a \"quoted\" name", "b"};
    d.label_column = "kind";
    TempDir dir;
    const auto path = dir.file("out.csv");
    write_csv(d, path);
    CHECK(slurp(path) == "kind,x,\"y, with comma\"\n"
                         "b,0.1,255\n"
                         "\"a \"\"quoted\"\" name\",-1.5e-07,3\n");
}

TEST_CASE("csv writer: targets, NaN, default label name", "[csv]") {
    vae::Dataset d;
    d.values.resize(2, 1);
    d.values << std::numeric_limits<float>::quiet_NaN(), 2;
    d.column_names = {"v"};
    d.targets = {0.5f, 1.25f};
    TempDir dir;
    const auto path = dir.file("t.csv");
    write_csv(d, path);
    CHECK(slurp(path) == "label,v\n0.5,\n1.25,2\n");
}

TEST_CASE("csv writer: inverse normalization and one-hot groups", "[csv]") {
    vae::Dataset d;
    d.values.resize(3, 4);
    d.values << 0.5f, 0, 1, 0, //
        1, 1, 0, 0,            //
        0, 0, 0.2f, 0.7f;
    d.column_names = {"w", "c=blue", "c=red", "c=x y"};
    d.categorical_columns.push_back({"c", 1, {"blue", "red", "x y"}});
    d.normalization.kind = vae::Normalization::Kind::MinMax;
    d.normalization.offset = Eigen::VectorXf::Constant(4, 0.0f);
    d.normalization.offset(0) = 10;
    d.normalization.scale = Eigen::VectorXf::Constant(4, 1.0f);
    d.normalization.scale(0) = 4;
    TempDir dir;
    const auto path = dir.file("c.csv");
    write_csv(d, path);
    CHECK(slurp(path) == "w,c\n12,red\n14,blue\n10,x y\n");
}

TEST_CASE("csv writer: replaces the file atomically and reports bad paths", "[csv]") {
    vae::Dataset d;
    d.values.resize(1, 1);
    d.values << 1;
    d.column_names = {"v"};
    TempDir dir;
    const auto path = dir.write("f.csv", "old");
    write_csv(d, path);
    CHECK(slurp(path) == "v\n1\n");
    CHECK_THROWS_AS(write_csv(d, dir.file("no/such/dir/f.csv")), std::runtime_error);
}

TEST_CASE("csv round trip reproduces every float exactly", "[csv]") {
    std::mt19937 rng(7);
    std::uniform_int_distribution<std::uint32_t> bits;
    std::string text = "label,a,b,c,color\n";
    const char* colors[] = {"red", "green", "blue, dark"};
    for (int r = 0; r < 500; ++r) {
        text += std::to_string(r % 4);
        for (int c = 0; c < 3; ++c) {
            float v;
            do {
                const std::uint32_t b = bits(rng);
                std::memcpy(&v, &b, sizeof v);
            } while (!std::isfinite(v));
            if (c == 1)
                v = static_cast<float>(r) / 7.0f;
            char buf[64];
            std::snprintf(buf, sizeof buf, "%.9g", static_cast<double>(v));
            text += std::string(",") + buf;
        }
        text += std::string(",\"") + colors[r % 3] + "\"\n";
    }
    TempDir dir;
    LoadOptions o;
    o.label_column = "label";
    const auto first = read_csv(dir.write("in.csv", text), o);
    REQUIRE(first.rows() == 500);
    REQUIRE(first.cols() == 6);
    const auto out = dir.file("out.csv");
    write_csv(first, out);
    const auto second = read_csv(out, o);
    REQUIRE(second.rows() == first.rows());
    REQUIRE(second.cols() == first.cols());
    CHECK(second.column_names == first.column_names);
    CHECK(second.labels == first.labels);
    CHECK(second.label_names == first.label_names);
    CHECK(second.label_column == "label");
    CHECK(second.categorical_columns.size() == 1);
    CHECK(second.categorical_columns[0].categories == first.categorical_columns[0].categories);
    CHECK(std::memcmp(second.values.data(), first.values.data(),
                      first.values.size() * sizeof(float)) == 0);
}
