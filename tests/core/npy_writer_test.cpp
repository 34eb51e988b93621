#include "data/npy_reader.h"
#include "io/npy_writer.h"

#include "temp_files.h"

#include <catch2/catch.hpp>

#include <cstring>
#include <fstream>
#include <limits>
#include <sstream>
#include <string>

using vae::test::TempDir;

namespace {

using vae::test::slurp;

} // namespace

TEST_CASE("npy writer: header is NumPy's 1.0 layout, data 64-byte aligned", "[npy]") {
    TempDir dir;
    vae::Matrix m(2, 3);
    m << 1, 2, 3, 4, 5, 6;
    const auto path = dir.file("m.npy");
    vae::write_npy(m, path);
    const auto b = slurp(path);
    REQUIRE(b.size() == 128 + 6 * 4);
    CHECK(b.substr(0, 8) == std::string("\x93NUMPY\x01\x00", 8));
    const auto header_len = static_cast<unsigned char>(b[8]) | static_cast<unsigned char>(b[9])
                                                                   << 8;
    CHECK(header_len == 128 - 10);
    const auto header = b.substr(10, static_cast<std::size_t>(header_len));
    CHECK(header.rfind("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }", 0) == 0);
    CHECK(header.back() == '\n');
    float third = 0;
    std::memcpy(&third, b.data() + 128 + 2 * 4, 4);
    CHECK(third == 3.0f);
}

TEST_CASE("npy writer: read_npy reads back every value bitwise", "[npy]") {
    TempDir dir;
    const int rows = GENERATE(0, 1, 37);
    vae::Matrix m(rows, 5);
    for (int i = 0; i < rows; ++i)
        for (int j = 0; j < 5; ++j)
            m(i, j) = static_cast<float>(i * 5 + j) * 0.1f - 3.0f;
    if (rows > 0) {
        m(0, 1) = -0.0f;
        m(0, 2) = std::numeric_limits<float>::denorm_min();
        m(0, 3) = std::numeric_limits<float>::max(); // an infinity would be read as missing
    }
    const auto path = dir.file("m.npy");
    vae::write_npy(m, path);
    if (rows == 0) {
        CHECK(slurp(path).size() == 128); // header only
        return;
    }
    const auto d = vae::read_npy(path, {});
    REQUIRE(d.rows() == static_cast<std::size_t>(rows));
    REQUIRE(d.cols() == 5);
    CHECK(std::memcmp(d.values.data(), m.data(), m.size() * sizeof(float)) == 0);
}
