// Normalization::Kind::Auto, the request a user makes by default: what the loader resolves it to,
// what the likelihood default sees, and that everything shown or exported stays in user units.

#include "data/dataset_loader.h"
#include "data/dataset_metadata.h"
#include "data/seeded_random.h"
#include "io/model_file.h"
#include "io/sample_export.h"
#include "latent/decoded_features.h"
#include "training/training_defaults.h"
#include "vae/latent_ops.h"
#include "vae/training_step.h"

#include "temp_files.h"

#include <catch2/catch.hpp>

#include <cmath>
#include <string>
#include <vector>

using namespace vae;

namespace {

LoadOptions auto_options() {
    LoadOptions o;
    o.normalization = Normalization::Kind::Auto;
    return o;
}

Dataset image_data(float scale, bool whole_numbers) {
    Dataset d;
    d.values.resize(4, 64);
    for (Eigen::Index i = 0; i < d.values.size(); ++i) {
        const float v = static_cast<float>((i * 37) % 256) / 255.0f * scale;
        d.values.data()[i] = whole_numbers ? std::round(v) : v;
    }
    return d;
}

struct ColumnStats {
    double mean = 0;
    double sd = 0;
};

ColumnStats stats(const Matrix& m, Eigen::Index column) {
    const auto c = m.col(column).cast<double>();
    const double mean = c.mean();
    return {mean, std::sqrt((c.array() - mean).square().mean())};
}

// Columns on the scales 0.001, 1 and 1000, all driven by one latent factor t ~ N(0, 1) plus 5%
// noise, so that a 1-D latent explains them and decoded means spread like the data.
std::string mixed_scale_csv(std::size_t rows) {
    SeededRandom rng(7);
    std::string csv = "tiny,unit,large\n";
    for (std::size_t i = 0; i < rows; ++i) {
        const double t = rng.normal();
        const double tiny = 0.001 * (2.0 + t + 0.05 * rng.normal());
        const double unit = 3.0 - t + 0.05 * rng.normal();
        const double large = 1000.0 * (4.0 + 2.0 * t + 0.1 * rng.normal());
        csv +=
            std::to_string(tiny) + "," + std::to_string(unit) + "," + std::to_string(large) + "\n";
    }
    return csv;
}

} // namespace

TEST_CASE("Auto z-scores each table column and is never stored as Auto", "[loader][auto]") {
    test::TempDir dir;
    const auto path = dir.write("mixed.csv", mixed_scale_csv(200));
    const Dataset d = load_dataset(path, auto_options());
    CHECK(d.normalization.kind == Normalization::Kind::ZScore);
    CHECK_FALSE(d.normalization.scaled_from_255);
    REQUIRE(d.normalization.scale.size() == 3);
    for (Eigen::Index j = 0; j < 3; ++j) {
        const auto s = stats(d.values, j);
        CHECK(s.mean == Approx(0.0).margin(1e-4));
        CHECK(s.sd == Approx(1.0).epsilon(1e-3));
    }
    // The scales found are the columns' own, three orders of magnitude apart.
    CHECK(d.normalization.scale[0] == Approx(0.001).epsilon(0.2));
    CHECK(d.normalization.scale[2] == Approx(2000.0).epsilon(0.2));
}

TEST_CASE("Auto keeps a constant column finite and decodes it back to the constant",
          "[loader][auto]") {
    Dataset d;
    d.values = Matrix::Random(30, 3) * 10.0f;
    d.values.col(1).setConstant(4000.0f);
    d.values.col(2).setConstant(0.001f);
    prepare_dataset(d, auto_options(), "t");
    CHECK(d.normalization.kind == Normalization::Kind::ZScore);
    CHECK(d.values.allFinite());
    CHECK(d.values.col(1).cwiseAbs().maxCoeff() == 0.0f);
    CHECK(d.values.col(2).cwiseAbs().maxCoeff() == 0.0f);
    Matrix back = d.values;
    d.normalization.inverse(back);
    CHECK((back.col(1).array() == 4000.0f).all());
    CHECK((back.col(2).array() == 0.001f).all());
}

TEST_CASE("Auto on images keeps them images", "[loader][auto]") {
    SECTION("0..255 integers are divided by 255 and nothing else") {
        Dataset d = image_data(255.0f, true);
        const Matrix raw = d.values;
        prepare_dataset(d, auto_options(), "t");
        REQUIRE(d.image_shape);
        CHECK(d.normalization.kind == Normalization::Kind::None);
        CHECK(d.normalization.scaled_from_255);
        CHECK(d.values.minCoeff() >= 0.0f);
        CHECK(d.values.maxCoeff() <= 1.0f);
        CHECK(d.values(0, 1) == Approx(raw(0, 1) / 255.0f));
    }
    SECTION("values already in [0, 1] are kept as they are") {
        Dataset d = image_data(1.0f, false);
        const Matrix raw = d.values;
        prepare_dataset(d, auto_options(), "t");
        CHECK(d.normalization.kind == Normalization::Kind::None);
        CHECK(d.normalization.is_identity());
        CHECK(d.values == raw);
    }
    SECTION("whole numbers in a low range (4-bit 0..16 digits) are stretched, not divided by 255") {
        Dataset d = image_data(16.0f, true);
        prepare_dataset(d, auto_options(), "t");
        REQUIRE(d.image_shape);
        CHECK_FALSE(d.normalization.scaled_from_255);
        CHECK(d.normalization.kind == Normalization::Kind::MinMax);
        CHECK(d.values.maxCoeff() == Approx(1.0f));
    }
    SECTION("any other range is stretched to [0, 1] with one statistic for all pixels") {
        // Such values are no pixels by their look, so the shape comes from the format.
        Dataset d = image_data(4000.0f, false);
        d.image_shape = ImageShape{8, 8, 1};
        prepare_dataset(d, auto_options(), "t");
        CHECK(d.normalization.kind == Normalization::Kind::MinMax);
        CHECK(d.values.minCoeff() == Approx(0.0f).margin(1e-6));
        CHECK(d.values.maxCoeff() == Approx(1.0f));
        CHECK((d.normalization.scale.array() == d.normalization.scale[0]).all());
    }
}

TEST_CASE("the Auto likelihood is chosen from the normalized data", "[loader][auto]") {
    SECTION("z-scored tables get a Gaussian with a sigma per column") {
        test::TempDir dir;
        const Dataset d = load_dataset(dir.write("mixed.csv", mixed_scale_csv(50)), auto_options());
        CHECK(default_likelihood(d) == Likelihood::GaussianLearnedPerDim);
    }
    SECTION("even when every column is constant, so every stored value is 0") {
        Dataset d;
        d.values = Matrix::Constant(10, 3, 0.5f);
        prepare_dataset(d, auto_options(), "t");
        CHECK(default_likelihood(d) == Likelihood::GaussianLearnedPerDim);
    }
    SECTION("0..255 images, scaled to [0, 1], get a Bernoulli") {
        Dataset d = image_data(255.0f, true);
        prepare_dataset(d, auto_options(), "t");
        CHECK(default_likelihood(d) == Likelihood::Bernoulli);
    }
}

TEST_CASE("a model trained on Auto data saves the resolved normalization", "[loader][auto]") {
    test::TempDir dir;
    const Dataset d = load_dataset(dir.write("mixed.csv", mixed_scale_csv(20)), auto_options());
    ModelFile m;
    m.architecture.input_dim = 3;
    m.architecture.hidden = {};
    m.parameters.assign(VaeModel::parameter_count(m.architecture), 0.5f);
    m.data = metadata_of(d);
    save_model_file(m, dir.file("model.vaem"));
    const auto back = load_model_file(dir.file("model.vaem"));
    CHECK(back.data.normalization.kind == Normalization::Kind::ZScore);
    CHECK(back.data == m.data);
}

TEST_CASE("samples of a mixed-scale table come back in the user's units",
          "[loader][auto][export]") {
    test::TempDir dir;
    const auto source = dir.write("mixed.csv", mixed_scale_csv(512));
    const Dataset d = load_dataset(source, auto_options());
    LoadOptions raw_options;
    raw_options.normalization = Normalization::Kind::None;
    const Dataset raw = load_dataset(source, raw_options);

    VaeArchitecture arch;
    arch.input_dim = 3;
    arch.hidden = {16};
    arch.latent_dim = 1;
    arch.likelihood = default_likelihood(d);
    TrainingStepConfig config;
    config.threads = 1;
    TrainingStep step(VaeModel(arch, 3), config);
    StepOptions options;
    options.learning_rate = 1e-2f;
    std::vector<std::size_t> rows(64);
    SeededRandom rng(2);
    for (int s = 0; s < 800; ++s) {
        for (auto& r : rows)
            r = rng.below(d.rows());
        REQUIRE(step.step(d.values, rows, options).finite);
    }
    const Matrix samples =
        decode_latents(step.model(), sample_prior_latents(step.model(), 2000, 5));
    const DatasetMetadata meta = metadata_of(d);

    // Decoded means carry no observation noise: their spread is a little below the data's.
    auto check_tracks_data = [&](const Matrix& exported) {
        REQUIRE(exported.cols() == 3);
        for (Eigen::Index j = 0; j < 3; ++j) {
            const auto want = stats(raw.values, j);
            const auto got = stats(exported, j);
            INFO("column " << j << ": data mean " << want.mean << " sd " << want.sd
                           << ", samples mean " << got.mean << " sd " << got.sd);
            CHECK(std::abs(got.mean - want.mean) < 0.25 * want.sd);
            CHECK(got.sd > 0.6 * want.sd);
            CHECK(got.sd < 1.4 * want.sd);
        }
    };
    SECTION("CSV") {
        export_samples(samples, meta, dir.file("samples.csv"));
        check_tracks_data(load_dataset(dir.file("samples.csv"), raw_options).values);
    }
    SECTION("NPY") {
        export_samples(samples, meta, dir.file("samples.npy"));
        check_tracks_data(load_dataset(dir.file("samples.npy"), raw_options).values);
    }
    SECTION("decoded-feature bars") {
        Matrix shown(samples.rows(), 3);
        const auto ranges = column_ranges(d);
        for (Eigen::Index i = 0; i < samples.rows(); ++i) {
            const auto features = decoded_features(samples.row(i), meta, ranges);
            REQUIRE(features.size() == 3);
            for (Eigen::Index j = 0; j < 3; ++j)
                shown(i, j) = features[static_cast<std::size_t>(j)].value;
        }
        check_tracks_data(shown);
        CHECK(ranges.max[2] == Approx(raw.values.col(2).maxCoeff()).epsilon(1e-5));
    }
}
