#include "latent/nearest_rows.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <thread>
#include <vector>

using vae::Matrix;
using vae::NearestRowIndex;
using Idx = std::vector<std::size_t>;

namespace {

/// Brute force in double with an explicit (distance, index) order: the reference answer.
Idx brute_force(const Matrix& data, const Eigen::RowVectorXf& q, std::size_t k) {
    std::vector<std::pair<double, std::size_t>> all;
    for (Eigen::Index i = 0; i < data.rows(); ++i)
        all.emplace_back((data.row(i).cast<double>() - q.cast<double>()).squaredNorm(),
                         static_cast<std::size_t>(i));
    std::sort(all.begin(), all.end());
    Idx out;
    for (std::size_t j = 0; j < std::min(k, all.size()); ++j)
        out.push_back(all[j].second);
    return out;
}

} // namespace

TEST_CASE("nearest rows: known answers on a tiny set", "[latent]") {
    Matrix data(5, 2);
    data << 0, 0, //  0: d^2 to (1, 1) = 2
        3, 1,     //  1: 4
        1, 2,     //  2: 1
        -1, -1,   //  3: 8
        1, 1.5f;  //  4: 0.25
    const NearestRowIndex index(data);
    CHECK(index.rows() == 5);
    CHECK(index.cols() == 2);
    CHECK(index.nearest(Eigen::RowVectorXf{{1, 1}}, 1) == Idx{4});
    CHECK(index.nearest(Eigen::RowVectorXf{{1, 1}}, 3) == Idx{4, 2, 0});
    CHECK(index.nearest(Eigen::RowVectorXf{{-1, -1}}, 2) == Idx{3, 0});
    CHECK(index.nearest(data.row(1), 1) == Idx{1}); // a row of the data is its own nearest
    CHECK(vae::nearest_rows(data, Eigen::RowVectorXf{{1, 1}}, 2) == Idx{4, 2});
}

TEST_CASE("nearest rows: ties go to the lower row index; k clamps to the row count", "[latent]") {
    Matrix data(6, 2);
    data << 2, 2, //  0: d^2 8
        0, 1,     //  1: 1
        -1, 0,    //  2: 1
        1, 0,     //  3: 1
        0, -1,    //  4: 1
        0, 1;     //  5: 1 (a duplicate of row 1)
    const NearestRowIndex index(data);
    CHECK(index.nearest(Eigen::RowVectorXf{{0, 0}}, 2) == Idx{1, 2});
    CHECK(index.nearest(Eigen::RowVectorXf{{0, 0}}, 5) == Idx{1, 2, 3, 4, 5});
    CHECK(index.nearest(Eigen::RowVectorXf{{0, 0}}, 100) == Idx{1, 2, 3, 4, 5, 0});
    CHECK(index.nearest(Eigen::RowVectorXf{{0, 1}}, 2) == Idx{1, 5});
    CHECK(index.nearest(Eigen::RowVectorXf{{0, 0}}, 0).empty());
    const Matrix none(0, 2);
    CHECK(NearestRowIndex(none).nearest(Eigen::RowVectorXf{{0, 0}}, 3).empty());
}

TEST_CASE("nearest rows: exact far from the origin, where the expansion alone is not", "[latent]") {
    // Rows 1000 + small offsets: ||x||^2 ~ 1.6e7, so the float expansion's rounding (about 1)
    // dwarfs the distances between rows (about 1e-3); the re-ranking must restore the order.
    Matrix data = Matrix::Constant(400, 16, 1000.0f) + 0.01f * Matrix::Random(400, 16);
    const NearestRowIndex index(data);
    for (int t = 0; t < 20; ++t) {
        const Eigen::RowVectorXf q =
            Eigen::RowVectorXf::Constant(16, 1000.0f) + 0.01f * Eigen::RowVectorXf::Random(16);
        CHECK(index.nearest(q, 5) == brute_force(data, q, 5));
    }
}

TEST_CASE("nearest rows: a batch of queries gives the single answers", "[latent]") {
    Matrix data = Matrix::Random(700, 30);
    data.middleRows(100, 10) = data.middleRows(0, 10); // duplicates to exercise ties
    const Matrix queries = Matrix::Random(45, 30);
    Matrix with_rows(50, 30);
    with_rows << queries, data.topRows(5);
    const NearestRowIndex index(data);
    const auto batch = index.nearest_batch(with_rows, 7);
    REQUIRE(batch.size() == 50);
    for (Eigen::Index m = 0; m < with_rows.rows(); ++m) {
        const Eigen::RowVectorXf q = with_rows.row(m);
        const auto expected = brute_force(data, q, 7);
        CHECK(batch[static_cast<std::size_t>(m)] == expected);
        CHECK(index.nearest(q, 7) == expected);
    }
    CHECK(batch[45][0] == 0);
    CHECK(batch[45][1] == 100);
    // Const queries from several threads at once agree.
    std::vector<std::vector<Idx>> results(3);
    std::vector<std::thread> threads;
    threads.reserve(results.size());
    for (auto& r : results)
        threads.emplace_back([&] { r = index.nearest_batch(with_rows, 7); });
    for (auto& t : threads)
        t.join();
    for (const auto& r : results)
        CHECK(r == batch);
}

TEST_CASE("nearest rows: data streamed in several blocks, queries in several chunks", "[latent]") {
    // More rows than one block of a single query (8192) or of a 64-query chunk, and more
    // queries than one chunk (64), so the running threshold carries across blocks.
    Matrix data = Matrix::Random(9000, 4);
    data.bottomRows(10) = data.topRows(10); // ties across the first and the last block
    Matrix queries = Matrix::Random(70, 4);
    queries.topRows(3) = data.topRows(3);
    const NearestRowIndex index(data);
    const auto batch = index.nearest_batch(queries, 4);
    for (Eigen::Index m = 0; m < queries.rows(); ++m) {
        const Eigen::RowVectorXf q = queries.row(m);
        CHECK(batch[static_cast<std::size_t>(m)] == brute_force(data, q, 4));
    }
    CHECK(batch[1][0] == 1);
    CHECK(batch[1][1] == 8991);
    for (Eigen::Index m = 0; m < 5; ++m) {
        const Eigen::RowVectorXf q = queries.row(m);
        CHECK(index.nearest(q, 4) == brute_force(data, q, 4));
    }
}

TEST_CASE("nearest rows: rows with NaN rank last; bad queries are named", "[latent]") {
    using Catch::Contains;
    Matrix data(3, 2);
    data << 0, 0, std::nanf(""), 0, 5, 5;
    const NearestRowIndex index(data);
    CHECK(index.nearest(Eigen::RowVectorXf{{0, 0}}, 3) == Idx{0, 2, 1});
    CHECK_THROWS_WITH(index.nearest(Eigen::RowVectorXf{{1, 2, 3}}, 1),
                      Contains("the query has 3 values") && Contains("data rows have 2"));
    CHECK_THROWS_WITH(index.nearest(Eigen::RowVectorXf{{1, std::nanf("")}}, 1),
                      Contains("nan in column 1"));
    Matrix queries = Matrix::Zero(3, 2);
    queries(2, 0) = INFINITY;
    CHECK_THROWS_WITH(index.nearest_batch(queries, 1), Contains("query 2 has inf in column 0"));
}
