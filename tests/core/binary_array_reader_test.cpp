#include "data/binary_array_reader.h"
#include "data/input_stream.h"
#include "data/load_error.h"

#include "binary_test_files.h"
#include "temp_files.h"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

using vae::ArrayLayout;
using vae::ElementType;

namespace {

vae::DataError truncated_error(std::uint64_t found) {
    return vae::DataError({"x"}, "ends after " + std::to_string(found));
}

} // namespace

TEST_CASE("binary arrays: gzip input grows the matrix step by step without losing rows",
          "[binary]") {
    vae::test::TempDir dir;
    std::vector<float> values(1000 * 3);
    for (std::size_t i = 0; i < values.size(); ++i)
        values[i] = static_cast<float>(i);
    const auto path = dir.write_gz("a.gz", vae::test::raw_bytes(values));
    vae::InputStream in(path);
    ArrayLayout layout;
    layout.rows = 1000;
    layout.row_values = 3;
    layout.growth_step_bytes = 7 * 3 * sizeof(float); // 7 rows, then 14, 28, ...
    const auto m = vae::read_array_rows(in, layout, 1000, {}, 0, 1, truncated_error);
    REQUIRE(m.rows() == 1000);
    REQUIRE(m.cols() == 3);
    for (Eigen::Index r = 0; r < m.rows(); ++r)
        for (Eigen::Index c = 0; c < 3; ++c)
            REQUIRE(m(r, c) == static_cast<float>(r * 3 + c));
}

TEST_CASE("binary arrays: a lying size in gzip input ends in the truncation error", "[binary]") {
    vae::test::TempDir dir;
    const auto path = dir.write_gz("a.gz", std::string(100, '\x01'));
    vae::InputStream in(path);
    ArrayLayout layout;
    layout.type = ElementType::UInt8;
    layout.rows = 1'000'000'000;
    layout.row_values = 1000;
    layout.growth_step_bytes = 4000;
    CHECK_THROWS_WITH(vae::read_array_rows(in, layout, layout.rows, {}, 0, 1, truncated_error),
                      "x: ends after 100");
}

TEST_CASE("binary arrays: products saturate instead of wrapping", "[binary]") {
    CHECK(vae::saturating_product({60000, 784, 4}) == 188160000u);
    CHECK(vae::saturating_product({1ULL << 32, 1ULL << 32}) == ~0ULL);
    CHECK(vae::saturating_product({1ULL << 32, 1ULL << 32, 0}) == 0u);
    CHECK(vae::element_size(ElementType::Float64) == 8);
    CHECK(vae::element_size(ElementType::Int16) == 2);
}
