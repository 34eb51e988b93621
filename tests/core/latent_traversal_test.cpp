#include "latent/latent_traversal.h"

#include <catch2/catch.hpp>

#include <cmath>
#include <limits>
#include <stdexcept>
#include <vector>

using vae::Matrix;
using vae::Vector;

TEST_CASE("traversal values are evenly spaced with exact edges", "[latent]") {
    CHECK(vae::traversal_values(5, -2.0, 2.0) == std::vector<double>{-2, -1, 0, 1, 2});
    CHECK(vae::traversal_values(3, 1.0, -1.0) == std::vector<double>{1, 0, -1});
    CHECK(vae::traversal_values(1, -3.0, 1.0) == std::vector<double>{-1});
    // -2.1 .. 1.7: lo + (hi - lo) * 1 rounds to 1.7000000000000002; the edge must be 1.7.
    const auto v = vae::traversal_values(5, -2.1, 1.7);
    CHECK(v.front() == -2.1);
    CHECK(v.back() == 1.7);
    CHECK(v[2] == Approx(-0.2));
}

TEST_CASE("traversal latents vary one dimension per block of rows", "[latent]") {
    Vector base(4);
    base << 10, 20, 30, 40;
    const std::size_t dims[] = {2, 0};
    const Matrix z = vae::traversal_latents(base, dims, 3, -1.0, 1.0);
    Matrix expected(6, 4);
    expected << 10, 20, -1, 40, // dimension 2
        10, 20, 0, 40,          //
        10, 20, 1, 40,          //
        -1, 20, 30, 40,         // dimension 0
        0, 20, 30, 40,          //
        1, 20, 30, 40;
    CHECK(z == expected);
    CHECK(vae::traversal_latents(base, {}, 3, -1.0, 1.0).rows() == 0);
    CHECK(vae::traversal_latents(base, {}, 3, -1.0, 1.0).cols() == 4);
}

TEST_CASE("traversal latents name bad arguments", "[latent]") {
    using Catch::Contains;
    const Vector base = Vector::Zero(3);
    const std::size_t dims[] = {1, 3};
    CHECK_THROWS_WITH(vae::traversal_latents(base, dims, 3, -1.0, 1.0),
                      Contains("dimension 3") && Contains("has 3 dimensions"));
    const std::size_t ok[] = {1};
    CHECK_THROWS_WITH(vae::traversal_latents(base, ok, 0, -1.0, 1.0), Contains("got 0"));
    CHECK_THROWS_WITH(
        vae::traversal_latents(base, ok, 3, -1.0, std::numeric_limits<double>::infinity()),
        Contains("finite"));
    CHECK_THROWS_AS(vae::traversal_values(2, std::nan(""), 1.0), std::invalid_argument);
}
