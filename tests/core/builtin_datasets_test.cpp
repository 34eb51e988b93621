#include "data/builtin_datasets.h"
#include "data/load_error.h"
#include "data/toy_tables.h"

#include <catch2/catch.hpp>

#include <cmath>
#include <string>
#include <vector>

using vae::LoadOptions;
using vae::make_builtin;

namespace {

std::vector<int> class_counts(const vae::Dataset& d) {
    std::vector<int> counts(d.classes(), 0);
    for (const auto l : d.labels)
        ++counts.at(static_cast<std::size_t>(l));
    return counts;
}

/// Mean distance of the rows of class `label` from (cx, cy) in the first two columns.
double mean_radius(const vae::Dataset& d, int label, double cx = 0, double cy = 0) {
    double sum = 0;
    int n = 0;
    for (std::size_t i = 0; i < d.rows(); ++i) {
        if (d.labels[i] != label)
            continue;
        const auto r = static_cast<Eigen::Index>(i);
        sum += std::hypot(d.values(r, 0) - cx, d.values(r, 1) - cy);
        ++n;
    }
    return sum / n;
}

} // namespace

TEST_CASE("builtin: the catalogue and the source prefix", "[builtin]") {
    const auto sets = vae::builtin_datasets();
    std::vector<std::string> names;
    for (const auto& s : sets) {
        names.push_back(s.name);
        CHECK_FALSE(s.description.empty());
        CHECK(s.default_rows > 0);
    }
    CHECK(names == std::vector<std::string>{"sprites", "moons", "rings", "moons10d", "rings10d"});
    CHECK(sets[0].default_rows == 20000);
    CHECK(sets[1].default_rows == 2000);

    CHECK(vae::is_builtin_source("builtin:sprites"));
    CHECK(vae::is_builtin_source("builtin:nothing"));
    CHECK_FALSE(vae::is_builtin_source("sprites"));
    CHECK_FALSE(vae::is_builtin_source("data/builtin.csv"));
}

TEST_CASE("builtin: an unknown name lists the available ones", "[builtin][errors]") {
    try {
        (void)make_builtin("spirals", {});
        FAIL("no error");
    } catch (const vae::DataError& e) {
        CHECK(e.where().file == "builtin:spirals");
        CHECK_THAT(e.what(), Catch::Contains("no built-in dataset named 'spirals'") &&
                                 Catch::Contains("sprites, moons, rings, moons10d, rings10d"));
    }
}

TEST_CASE("builtin: too many rows are refused before allocating", "[builtin][errors]") {
    LoadOptions options;
    options.builtin_rows = 1'000'000'000;
    CHECK_THROWS_WITH(make_builtin("sprites", options),
                      Catch::Contains("1000000000 rows") && Catch::Contains("at most"));
}

TEST_CASE("builtin: moons are two balanced, interleaving half circles", "[builtin]") {
    const auto d = make_builtin("moons", {});
    REQUIRE(d.rows() == 2000);
    REQUIRE(d.cols() == 2);
    CHECK(d.name == "builtin:moons");
    CHECK(d.column_names == std::vector<std::string>{"x", "y"});
    CHECK_FALSE(d.image_shape);
    CHECK(d.label_names == std::vector<std::string>{"0", "1"});
    CHECK(class_counts(d) == std::vector<int>{1000, 1000});
    CHECK(mean_radius(d, 0, 0.0, 0.0) == Approx(1.0).margin(0.03));
    CHECK(mean_radius(d, 1, 1.0, 0.5) == Approx(1.0).margin(0.03));
    // Upper arc above the lower one on average, overlapping in x: they interleave.
    double upper_y = 0, lower_y = 0;
    for (std::size_t i = 0; i < d.rows(); ++i)
        (d.labels[i] == 0 ? upper_y : lower_y) += d.values(static_cast<Eigen::Index>(i), 1);
    CHECK(upper_y / 1000 == Approx(2 / 3.14159).margin(0.05));
    CHECK(lower_y / 1000 == Approx(0.5 - 2 / 3.14159).margin(0.05));
    CHECK(d.factor_names == std::vector<std::string>{"angle"});
    CHECK(d.factors.rows() == 2000);
}

TEST_CASE("builtin: rings have radii 1, 2, 3 and balanced classes", "[builtin]") {
    const auto d = make_builtin("rings", {});
    REQUIRE(d.rows() == 3000);
    REQUIRE(d.cols() == 2);
    CHECK(class_counts(d) == std::vector<int>{1000, 1000, 1000});
    CHECK(d.label_names == std::vector<std::string>{"inner", "middle", "outer"});
    for (int label = 0; label < 3; ++label)
        CHECK(mean_radius(d, label) == Approx(label + 1.0).margin(0.03));
    // The stored angle is where the point lies.
    const auto a = d.factors(2, 0);
    CHECK(std::atan2(d.values(2, 1), d.values(2, 0)) ==
          Approx(a > 3.14159f ? a - 2 * 3.14159265f : a).margin(0.15));
}

TEST_CASE("builtin: tables are deterministic per seed; rows and limit resize them", "[builtin]") {
    for (const char* name : {"moons", "rings", "moons10d", "rings10d"}) {
        INFO(name);
        LoadOptions a;
        a.seed = 7;
        LoadOptions b = a;
        b.seed = 8;
        const auto first = make_builtin(name, a);
        CHECK(first.values == make_builtin(name, a).values);
        CHECK_FALSE(first.values == make_builtin(name, b).values);

        a.builtin_rows = 123;
        CHECK(make_builtin(name, a).rows() == 123);
        a.limit = 50;
        const auto limited = make_builtin(name, a);
        CHECK(limited.rows() == 50);
        CHECK(limited.labels.size() == 50);
        CHECK(limited.values.row(10) == first.values.row(10)); // a prefix of the same draw
    }
}

TEST_CASE("builtin: the 10-D variants embed the 2-D sets isometrically", "[builtin]") {
    const auto basis = vae::toy_embedding_basis();
    REQUIRE(basis.rows() == 10);
    REQUIRE(basis.cols() == 2);
    CHECK((basis.transpose() * basis - Eigen::Matrix2f::Identity()).cwiseAbs().maxCoeff() < 1e-5f);
    CHECK(basis == vae::toy_embedding_basis()); // fixed, not seeded

    LoadOptions options;
    options.seed = 3;
    const auto flat = make_builtin("rings", options);
    const auto deep = make_builtin("rings10d", options);
    REQUIRE(deep.cols() == 10);
    CHECK(deep.column_names.front() == "x0");
    CHECK(deep.column_names.back() == "x9");
    CHECK(deep.labels == flat.labels);
    CHECK_FALSE(deep.image_shape);
    // Projecting back onto the two directions recovers the planar points up to the noise.
    const vae::Matrix back = deep.values * basis;
    CHECK((back - flat.values).cwiseAbs().mean() < 0.06f);
    // The noise off the plane is small: sd 0.05 per coordinate.
    const vae::Matrix off = deep.values - back * basis.transpose();
    CHECK(std::sqrt(off.squaredNorm() / static_cast<float>(off.size())) ==
          Approx(0.05 * std::sqrt(0.8)).margin(0.01));
}

TEST_CASE("builtin: progress can cancel a built-in set", "[builtin]") {
    LoadOptions options;
    options.progress = [](double) { return false; };
    CHECK_THROWS_AS(make_builtin("moons", options), vae::LoadCancelled);
    options.builtin_rows = 100;
    CHECK_THROWS_AS(make_builtin("sprites", options), vae::LoadCancelled);
}
