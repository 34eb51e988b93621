#include "data/seeded_random.h"
#include "metrics/feature_classifier.h"

#include <catch2/catch.hpp>

#include <vector>

using vae::Matrix;

namespace {

/// Three classes in 8-D: class c is noise (std 1) around 4 on axis c.
void blobs(Eigen::Index n, std::uint64_t seed, Matrix& x, std::vector<std::int32_t>& y) {
    vae::SeededRandom rng(seed);
    x.resize(n, 8);
    y.resize(static_cast<std::size_t>(n));
    for (Eigen::Index i = 0; i < n; ++i) {
        const auto c = static_cast<std::int32_t>(i % 3);
        y[static_cast<std::size_t>(i)] = c;
        for (Eigen::Index j = 0; j < 8; ++j)
            x(i, j) = static_cast<float>(rng.normal() + (j == c ? 4.0 : 0.0));
    }
}

} // namespace

TEST_CASE("feature classifier: learns a separable toy set", "[metrics]") {
    Matrix x, test;
    std::vector<std::int32_t> y, test_y;
    blobs(600, 1, x, y);
    blobs(300, 2, test, test_y);
    vae::ClassifierOptions o;
    o.hidden = {32, 16};
    o.epochs = 10;
    std::vector<double> seen;
    const auto c = vae::FeatureClassifier::train(x, y, 3, o,
                                                 [&](double t) { return seen.push_back(t), true; });
    CHECK(seen.size() == 10);
    CHECK(seen.back() == 1.0);
    CHECK(c.classes() == 3);
    CHECK(c.feature_count() == 16);
    CHECK(c.accuracy(x, y) > 0.97);
    CHECK(c.accuracy(test, test_y) > 0.95);
    const Matrix f = c.features(test);
    CHECK(f.rows() == 300);
    CHECK(f.cols() == 16);
    CHECK(f.minCoeff() >= 0.0f); // ReLU features
    // Deterministic for a seed.
    const auto again = vae::FeatureClassifier::train(x, y, 3, o);
    CHECK((again.features(test) - f).cwiseAbs().maxCoeff() == 0.0f);
}

TEST_CASE("feature classifier: cancel and bad input", "[metrics]") {
    Matrix x;
    std::vector<std::int32_t> y;
    blobs(30, 1, x, y);
    vae::ClassifierOptions o;
    CHECK_THROWS_WITH(vae::FeatureClassifier::train(x, y, 3, o, [](double) { return false; }),
                      "cancelled");
    CHECK_THROWS_WITH(vae::FeatureClassifier::train(x, y, 2, o),
                      Catch::Contains("row 2 has label 2 outside 0..2-1"));
    CHECK_THROWS_WITH(vae::FeatureClassifier::train(x, y, 1, o),
                      Catch::Contains("at least 2 classes"));
    CHECK_THROWS_WITH(vae::FeatureClassifier::train(Matrix(0, 8), {}, 3, o),
                      Catch::Contains("no training data"));
    y.pop_back();
    CHECK_THROWS_WITH(vae::FeatureClassifier::train(x, y, 3, o),
                      Catch::Contains("29 labels for 30 rows"));
    y.push_back(0);
    o.epochs = 1;
    const auto c = vae::FeatureClassifier::train(x, y, 3, o);
    CHECK_THROWS_WITH(c.features(Matrix::Zero(2, 5)),
                      Catch::Contains("5 values") && Catch::Contains("trained on 8"));
}

TEST_CASE("feature classifier: a cancel stops it within a minibatch", "[metrics]") {
    // 600 rows in minibatches of 128: 5 a epoch, 50 in 10 epochs. Stop at the 7th.
    Matrix x;
    std::vector<std::int32_t> y;
    blobs(600, 1, x, y);
    vae::ClassifierOptions o;
    o.epochs = 10;
    int checks = 0, epochs = 0;
    CHECK_THROWS_AS(
        vae::FeatureClassifier::train(
            x, y, 3, o, [&](double) { return ++epochs, true; }, [&] { return ++checks > 6; }),
        vae::MetricsCancelled);
    CHECK(checks == 7);
    CHECK(epochs == 1); // the second epoch was under way
}
