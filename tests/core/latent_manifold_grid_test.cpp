#include "latent/manifold_grid.h"
#include "vae/latent_ops.h"

#include <catch2/catch.hpp>

#include <cmath>
#include <limits>

using vae::LatentProjection;
using vae::Matrix;

TEST_CASE("manifold grid: cells run row-major from the top-left corner", "[latent]") {
    const auto plane = LatentProjection::dimensions(2, 0, 1);
    const Matrix z = vae::manifold_grid_latents(plane, 0.0, 2.0, -1.0, 1.0, 3, 2);
    Matrix expected(6, 2);
    expected << 0, 1, 1, 1, 2, 1, // top row: y = y1
        0, -1, 1, -1, 2, -1;      // bottom row: y = y0
    CHECK(z == expected);

    // One column or row sits in the middle; mirrored bounds mirror the grid.
    const Matrix single = vae::manifold_grid_latents(plane, -1.0, 3.0, 0.0, 10.0, 1, 3);
    Matrix middle(3, 2);
    middle << 1, 10, 1, 5, 1, 0;
    CHECK(single == middle);
    const Matrix mirrored = vae::manifold_grid_latents(plane, 2.0, 0.0, -1.0, 1.0, 3, 2);
    Matrix flipped(6, 2);
    flipped << 2, 1, 1, 1, 0, 1, //
        2, -1, 1, -1, 0, -1;
    CHECK(mirrored == flipped);
}

TEST_CASE("manifold grid: other dimensions come from the projection's reference", "[latent]") {
    vae::Vector ref(3);
    ref << 7.0f, 8.0f, 9.0f;
    const auto plane = LatentProjection::dimensions(3, 2, 0, ref);
    const Matrix z = vae::manifold_grid_latents(plane, 0.0, 1.0, 0.0, 1.0, 2, 2);
    Matrix expected(4, 3);
    expected << 1, 8, 0, //  (x, y) = (0, 1): z2 = 0, z0 = 1
        1, 8, 1,         //  (1, 1)
        0, 8, 0,         //  (0, 0)
        0, 8, 1;         //  (1, 0)
    CHECK(z == expected);
}

TEST_CASE("manifold grid: decoded corner cells are the decoded corner codes", "[latent]") {
    vae::VaeArchitecture arch;
    arch.input_dim = 6;
    arch.hidden = {8};
    arch.latent_dim = 3;
    const vae::VaeModel model(arch, 11);
    Matrix means = Matrix::Random(30, 3);
    means.col(1) *= 2.0f;
    const auto plane = LatentProjection::pca(means);
    const double x0 = -1.3, x1 = 2.1, y0 = -0.7, y1 = 1.9; // not all exact in float
    const std::size_t cols = 5, rows = 4;
    const Matrix decoded = vae::decode_manifold_grid(model, plane, x0, x1, y0, y1, cols, rows);
    REQUIRE(decoded.rows() == 20);
    REQUIRE(decoded.cols() == 6);
    CHECK(decoded.minCoeff() > 0.0f); // Bernoulli means
    CHECK(decoded.maxCoeff() < 1.0f);

    Matrix corners(4, 3);
    corners.row(0) = plane.lift(x0, y1).transpose();
    corners.row(1) = plane.lift(x1, y1).transpose();
    corners.row(2) = plane.lift(x0, y0).transpose();
    corners.row(3) = plane.lift(x1, y0).transpose();
    const Matrix expected = vae::decode_latents(model, corners);
    const Eigen::Index at[] = {0, 4, 15, 19};
    for (int k = 0; k < 4; ++k)
        CHECK((decoded.row(at[k]) - expected.row(k)).cwiseAbs().maxCoeff() < 1e-6f);
    // The cells between them differ from every corner.
    CHECK((decoded.row(7) - expected.row(0)).cwiseAbs().maxCoeff() > 1e-4f);

    // Caller-owned buffers give the same cells and keep their memory for the same cell count.
    vae::VaeWorkspace ws;
    Matrix reused;
    vae::decode_manifold_grid(model, plane, x0, x1, y0, y1, cols, rows, ws, reused);
    CHECK(reused == decoded);
    const float* storage = reused.data();
    vae::decode_manifold_grid(model, plane, 0.0, 1.0, 0.0, 1.0, cols, rows, ws, reused);
    CHECK(reused.data() == storage);
    CHECK((reused.row(0) - decoded.row(0)).cwiseAbs().maxCoeff() > 1e-4f);
}

TEST_CASE("manifold grid: invalid sizes and bounds are named", "[latent]") {
    using Catch::Contains;
    const auto plane = LatentProjection::dimensions(2, 0, 1);
    CHECK_THROWS_WITH(vae::manifold_grid_latents(plane, 0, 1, 0, 1, 0, 4),
                      Contains("got 0 columns x 4 rows"));
    CHECK_THROWS_WITH(vae::manifold_grid_latents(plane, 0, 1, 0, 1, 3, 0),
                      Contains("3 columns x 0 rows"));
    CHECK_THROWS_WITH(
        vae::manifold_grid_latents(plane, 0, 1, std::numeric_limits<double>::infinity(), 1, 2, 2),
        Contains("bound y0 is inf"));
    vae::VaeArchitecture arch;
    arch.input_dim = 4;
    arch.latent_dim = 3;
    const vae::VaeModel model(arch, 1);
    CHECK_THROWS_WITH(vae::decode_manifold_grid(model, plane, 0, 1, 0, 1, 2, 2),
                      Contains("plane is for 2 dimensions") &&
                          Contains("model's latent dimension is 3"));
}
