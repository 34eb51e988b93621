#include "data/toy_tables.h"

#include "data/seeded_random.h"

#include <cmath>
#include <string>

namespace vae {
namespace {

constexpr double kPi = 3.14159265358979323846;
constexpr double kPlanarNoise = 0.1;
constexpr double kEmbeddingNoise = 0.05;
// Fixed so that "moons10d" means the same embedding for every seed and every build.
constexpr std::uint64_t kEmbeddingSeed = 0x5eed0f10d5ULL;
// Distinct streams keep the embedding noise independent from the planar draws.
constexpr std::uint64_t kEmbeddingNoiseStream = 0xe3b0c44298fc1c14ULL;

Dataset planar_table(std::size_t rows, std::vector<std::string> label_names) {
    Dataset data;
    data.values.resize(static_cast<Eigen::Index>(rows), 2);
    data.factors.resize(static_cast<Eigen::Index>(rows), 1);
    data.factor_names = {"angle"};
    data.column_names = {"x", "y"};
    data.label_names = std::move(label_names);
    data.label_column = "label";
    data.labels.resize(rows);
    return data;
}

} // namespace

Dataset make_moons(std::size_t rows, std::uint64_t seed) {
    Dataset data = planar_table(rows, {"0", "1"});
    SeededRandom random(seed, 1);
    for (std::size_t i = 0; i < rows; ++i) {
        const auto r = static_cast<Eigen::Index>(i);
        const int label = static_cast<int>(i % 2);
        const double t = random.uniform(0.0, kPi);
        double x = std::cos(t);
        double y = std::sin(t);
        if (label == 1) {
            x = 1.0 - x;
            y = 0.5 - y;
        }
        data.values(r, 0) = static_cast<float>(x + kPlanarNoise * random.normal());
        data.values(r, 1) = static_cast<float>(y + kPlanarNoise * random.normal());
        data.factors(r, 0) = static_cast<float>(t);
        data.labels[i] = label;
    }
    return data;
}

Dataset make_rings(std::size_t rows, std::uint64_t seed) {
    Dataset data = planar_table(rows, {"inner", "middle", "outer"});
    SeededRandom random(seed, 2);
    for (std::size_t i = 0; i < rows; ++i) {
        const auto r = static_cast<Eigen::Index>(i);
        const int label = static_cast<int>(i % 3);
        const double radius = 1.0 + label;
        const double t = random.uniform(0.0, 2.0 * kPi);
        data.values(r, 0) =
            static_cast<float>(radius * std::cos(t) + kPlanarNoise * random.normal());
        data.values(r, 1) =
            static_cast<float>(radius * std::sin(t) + kPlanarNoise * random.normal());
        data.factors(r, 0) = static_cast<float>(t);
        data.labels[i] = label;
    }
    return data;
}

Eigen::MatrixXf toy_embedding_basis() {
    // Gram-Schmidt on two Gaussian vectors from a fixed stream: a uniformly random 2-D
    // subspace, computed with plain arithmetic so every platform gets the same numbers.
    SeededRandom random(kEmbeddingSeed);
    Eigen::MatrixXd q(kToyEmbeddingDims, 2);
    for (int j = 0; j < 2; ++j)
        for (int i = 0; i < kToyEmbeddingDims; ++i)
            q(i, j) = random.normal();
    q.col(0) /= q.col(0).norm();
    q.col(1) -= q.col(0).dot(q.col(1)) * q.col(0);
    q.col(1) /= q.col(1).norm();
    return q.cast<float>();
}

Dataset embed_toy_table(Dataset planar, std::uint64_t seed) {
    const Eigen::MatrixXf basis = toy_embedding_basis();
    SeededRandom random(seed, kEmbeddingNoiseStream);
    Matrix embedded(planar.values.rows(), kToyEmbeddingDims);
    for (Eigen::Index r = 0; r < embedded.rows(); ++r) {
        const double x = planar.values(r, 0);
        const double y = planar.values(r, 1);
        for (Eigen::Index c = 0; c < kToyEmbeddingDims; ++c)
            embedded(r, c) = static_cast<float>(x * basis(c, 0) + y * basis(c, 1) +
                                                kEmbeddingNoise * random.normal());
    }
    planar.values = std::move(embedded);
    planar.column_names.clear();
    for (int i = 0; i < kToyEmbeddingDims; ++i)
        planar.column_names.push_back(std::string("x").append(std::to_string(i)));
    return planar;
}

} // namespace vae
