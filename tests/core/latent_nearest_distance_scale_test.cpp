#include "latent/nearest_distance_scale.h"

#include <catch2/catch.hpp>

#include <stdexcept>

using vae::Matrix;

TEST_CASE("nearest distance scale: the data's own nearest-neighbour distances", "[latent]") {
    Matrix data(4, 2);
    data << 0, 0, 3, 0, 3, 4, 0, 0; // row 3 duplicates row 0
    const vae::NearestRowIndex index(data);
    const std::size_t rows[] = {0, 1, 2, 3};
    const auto d = vae::nearest_other_distances(index, data, rows);
    REQUIRE(d.size() == 4);
    CHECK(d[0] == Approx(0.0)); // its duplicate, not itself... both are at 0
    CHECK(d[1] == Approx(3.0));
    CHECK(d[2] == Approx(4.0));
    CHECK(d[3] == Approx(0.0));
    const std::size_t beyond[] = {4};
    CHECK_THROWS_AS(vae::nearest_other_distances(index, data, beyond), std::out_of_range);

    const Eigen::RowVectorXf q = (Eigen::RowVectorXf(2) << 3, 1).finished();
    const auto near = vae::nearest_neighbours(index, data, q, 2);
    REQUIRE(near.size() == 2);
    CHECK(near[0].row == 1);
    CHECK(near[0].distance == Approx(1.0));
    CHECK(near[1].row == 2);
    CHECK(near[1].distance == Approx(3.0));
}

TEST_CASE("nearest distance scale: quantiles, spread rows and verdicts", "[latent]") {
    CHECK(vae::quantile({3, 1, 2}, 0.5) == Approx(2.0));
    CHECK(vae::quantile({0, 10}, 0.25) == Approx(2.5));
    CHECK(vae::quantile({5}, 0.99) == Approx(5.0));
    CHECK_THROWS_AS(vae::quantile({}, 0.5), std::invalid_argument);
    CHECK_THROWS_AS(vae::quantile({1}, 1.5), std::invalid_argument);
    CHECK(vae::spread_rows(10, 4) == std::vector<std::size_t>{0, 2, 5, 7});
    CHECK(vae::spread_rows(3, 8).size() == 3);

    std::vector<double> d(101);
    for (std::size_t i = 0; i < d.size(); ++i)
        d[i] = static_cast<double>(i);
    const auto scale = vae::nearest_distance_scale(d);
    CHECK(scale.low == Approx(1.0));
    CHECK(scale.high == Approx(99.0));
    CHECK(scale.sampled == 101);
    CHECK(vae::nearest_verdict(0.0, scale) == vae::NearestVerdict::NearCopy);
    CHECK(vae::nearest_verdict(1.0, scale) == vae::NearestVerdict::NearCopy);
    CHECK(vae::nearest_verdict(50.0, scale) == vae::NearestVerdict::Typical);
    CHECK(vae::nearest_verdict(99.0, scale) == vae::NearestVerdict::Typical);
    CHECK(vae::nearest_verdict(99.5, scale) == vae::NearestVerdict::Unlike);
}
