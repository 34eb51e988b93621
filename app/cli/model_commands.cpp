// vae-cli commands that use a saved model: evaluate, sample, encode, decode, interpolate.

#include "app/cli/cli_command.h"
#include "app/common/source_options.h"

#include "data/dataset_loader.h"
#include "data/load_error.h"
#include "io/json_writer.h"
#include "io/model_file.h"
#include "io/sample_export.h"
#include "metrics/sample_quality.h"
#include "nn/worker_pool.h"
#include "vae/evaluate_vae.h"
#include "vae/latent_ops.h"

#include <QCommandLineParser>
#include <QFileInfo>

#include <cstdio>
#include <functional>
#include <memory>

namespace vae::app {
namespace {

struct LoadedModel {
    ModelFile file;
    std::unique_ptr<VaeModel> model;
};

LoadedModel load_model(const QString& path) {
    LoadedModel m;
    m.file = load_model_file(path.toStdString());
    try {
        m.model = std::make_unique<VaeModel>(m.file.architecture, m.file.parameters);
    } catch (const std::invalid_argument& e) {
        throw DataError({path.toStdString()}, e.what(),
                        "the model file is damaged; train it again");
    }
    return m;
}

/// Parses "z1,z2,..." with exactly `dim` numbers.
std::optional<Vector> parse_z(const QString& text, std::size_t dim, const QString& option,
                              QString& error) {
    const QStringList parts = text.split(QLatin1Char(','), Qt::SkipEmptyParts);
    Vector z(static_cast<Eigen::Index>(parts.size()));
    for (qsizetype i = 0; i < parts.size(); ++i) {
        bool ok = false;
        z[i] = parts[i].trimmed().toFloat(&ok);
        if (!ok || !std::isfinite(z[i])) {
            error = QStringLiteral("--%1: '%2' is not a number").arg(option, parts[i]);
            return std::nullopt;
        }
    }
    if (static_cast<std::size_t>(z.size()) != dim) {
        error = QStringLiteral("--%1: the model's latent dimension is %2 but %3 numbers were given")
                    .arg(option)
                    .arg(dim)
                    .arg(z.size());
        return std::nullopt;
    }
    return z;
}

/// Runs `body` with the parsed options, turning every kind of failure into "error: ..." and
/// exit status 2. `setup` adds the command's options; `positional` names the arguments.
int run_command(const QStringList& args, const QString& description, const QStringList& positional,
                const std::function<void(QCommandLineParser&)>& setup,
                const std::function<int(QCommandLineParser&)>& body) {
    QCommandLineParser parser;
    parser.setApplicationDescription(description);
    parser.addHelpOption();
    for (const QString& p : positional)
        parser.addPositionalArgument(p.section(QLatin1Char(':'), 0, 0),
                                     p.section(QLatin1Char(':'), 1));
    setup(parser);
    if (!parser.parse(args))
        return fail(parser.errorText());
    if (parser.isSet(QStringLiteral("help"))) {
        std::fputs(qPrintable(parser.helpText()), stdout);
        return kExitOk;
    }
    if (parser.positionalArguments().size() != positional.size()) {
        QStringList names;
        for (const QString& p : positional)
            names << QStringLiteral("<%1>").arg(p.section(QLatin1Char(':'), 0, 0));
        return fail(QStringLiteral("expected %1 (see --help)").arg(names.join(QLatin1Char(' '))));
    }
    return run_guarded([&] { return body(parser); });
}

QString required(const QCommandLineParser& p, const QString& option) {
    QString v = p.value(option);
    if (v.isEmpty())
        throw std::invalid_argument("--" + option.toStdString() + " is required");
    return v;
}

/// The data of `source` in the model's units, checked against the model.
Dataset load_for_model(const QCommandLineParser& p, const LoadedModel& m, const QString& source) {
    QString error;
    auto options = source_options_from(p, error);
    if (!options)
        throw std::invalid_argument(error.toStdString());
    Dataset data = load_dataset(source.toStdString(), *options);
    print_notes(data);
    check_compatible(m.file, data, source.toStdString());
    convert_normalization(data, m.file.data.normalization);
    return data;
}

const QCommandLineOption
    kOut(QStringLiteral("out"),
         QStringLiteral("Output file: .csv (your columns and units), .npy, or .png (image grid)."),
         QStringLiteral("file"));

/// png_columns: tiles per row of a .png grid (0: as square as possible).
void write_output(const Matrix& decoded, const LoadedModel& m, const QString& out,
                  std::size_t png_columns = 0) {
    export_samples(decoded, m.file.data, out.toStdString(), png_columns);
    std::printf("{\"rows\":%lld,\"out\":%s}\n", static_cast<long long>(decoded.rows()),
                json_quote(out.toStdString()).c_str());
}

/// The sample-quality settings of `evaluate`, or nullopt for --quality-samples 0. Checked before
/// anything is loaded, so that a typo fails at once.
std::optional<SampleQualityOptions> quality_options_from(const QCommandLineParser& p) {
    SampleQualityOptions q;
    bool ok = true;
    if (p.isSet(QStringLiteral("quality-samples"))) {
        const QString v = p.value(QStringLiteral("quality-samples"));
        const qlonglong n = v.toLongLong(&ok);
        // Every pair of samples is scored: 100000 already means 5e9 distances.
        if (!ok || n < 0 || n > 100'000)
            throw std::invalid_argument("--quality-samples: '" + v.toStdString() +
                                        "' is not a whole number from 0 to 100000");
        if (n == 0)
            return std::nullopt;
        q.samples = static_cast<std::size_t>(n);
    }
    if (p.isSet(QStringLiteral("k"))) {
        const QString v = p.value(QStringLiteral("k"));
        const int k = v.toInt(&ok);
        if (!ok || k < 1 || k > 1000)
            throw std::invalid_argument("--k: '" + v.toStdString() +
                                        "' is not a whole number from 1 to 1000");
        q.k = static_cast<std::size_t>(k);
    }
    if (p.isSet(QStringLiteral("fd-features"))) {
        const QString v = p.value(QStringLiteral("fd-features"));
        if (v == QLatin1String("auto"))
            q.fd_features = FdFeatures::Auto;
        else if (v == QLatin1String("classifier"))
            q.fd_features = FdFeatures::Classifier;
        else if (v == QLatin1String("pca"))
            q.fd_features = FdFeatures::Pca;
        else
            throw std::invalid_argument("--fd-features: '" + v.toStdString() +
                                        "' is not one of auto, classifier, pca");
    }
    return q;
}

void write_quality(JsonWriter& j, const SampleQuality& q) {
    j.field("quality_samples", static_cast<std::uint64_t>(q.samples));
    j.field("quality_real_rows", static_cast<std::uint64_t>(q.real_rows));
    j.field("sharpness_ratio", q.sharpness_ratio);
    j.field("reconstruction_sharpness_ratio", q.reconstruction_sharpness_ratio);
    j.field("sharpness_measure", q.sharpness_measure);
    j.field("duplicate_rate", q.duplicate_rate);
    j.field("duplicate_threshold", q.duplicate_threshold);
    j.field("diversity_ratio", q.diversity_ratio);
    if (q.class_coverage.empty()) { // no labels: no classes to cover
        j.key("class_coverage_entropy").null();
    } else {
        j.field("class_coverage_entropy", q.class_coverage_entropy);
        j.field("real_class_entropy", q.real_class_entropy);
        j.key("class_coverage").begin_array();
        for (const double v : q.class_coverage)
            j.value(v);
        j.end_array();
    }
    j.field("precision", q.precision);
    j.field("recall", q.recall);
    j.field("fd", q.fd);
    j.field("fd_features", fd_features_name(q.fd_features));
    j.field("fd_label", fd_label(q.fd_features));
}

} // namespace

int run_evaluate(const QStringList& args) {
    return run_command(
        args,
        QStringLiteral("Evaluate a model on a dataset: ELBO, reconstruction, KL, active units "
                       "and (with --iwae-k) the importance-weighted log-likelihood, in nats "
                       "per sample; then the quality of prior samples against the data: "
                       "sharpness, duplicates, diversity, class coverage, precision/recall and "
                       "a Fréchet distance labelled by its features, \"FD (classifier)\" or "
                       "\"FD (PCA)\" (fd_label)."),
        {QStringLiteral("model:A .vaem model file."),
         QStringLiteral("source:The data to evaluate on.")},
        [](QCommandLineParser& p) {
            add_source_options(p);
            p.addOption({QStringLiteral("iwae-k"),
                         QStringLiteral("Samples for the IWAE bound (default: 0 = skip)."),
                         QStringLiteral("K")});
            p.addOption({QStringLiteral("seed"), QStringLiteral("Noise seed (default: 1)."),
                         QStringLiteral("N")});
            p.addOption({QStringLiteral("threads"), QStringLiteral("Threads (default: all cores)."),
                         QStringLiteral("N")});
            p.addOption({QStringLiteral("quality-samples"),
                         QStringLiteral("Prior samples scored for sharpness, duplicates, "
                                        "coverage, precision/recall and the Fréchet distance "
                                        "(default: 5000; 0 = skip these metrics)."),
                         QStringLiteral("N")});
            p.addOption({QStringLiteral("fd-features"),
                         QStringLiteral("Features of the Fréchet distance: auto, classifier or "
                                        "pca (default: auto = classifier when the data has "
                                        "labels). Not comparable with Inception-based FID."),
                         QStringLiteral("name")});
            p.addOption({QStringLiteral("k"),
                         QStringLiteral("Neighbours of the precision/recall manifolds "
                                        "(default: 3)."),
                         QStringLiteral("N")});
        },
        [](QCommandLineParser& p) {
            const auto pos = p.positionalArguments();
            const std::optional<SampleQualityOptions> quality = quality_options_from(p);
            const LoadedModel m = load_model(pos[0]);
            const Dataset data = load_for_model(p, m, pos[1]);
            EvaluationOptions o;
            bool ok = true;
            if (p.isSet(QStringLiteral("iwae-k"))) {
                const int k = p.value(QStringLiteral("iwae-k")).toInt(&ok);
                if (!ok || k < 0 || k > 100000)
                    throw std::invalid_argument("--iwae-k: '" +
                                                p.value(QStringLiteral("iwae-k")).toStdString() +
                                                "' is not a whole number from 0 to 100000");
                o.iwae_samples = static_cast<std::size_t>(k);
            }
            if (p.isSet(QStringLiteral("seed"))) {
                o.seed = p.value(QStringLiteral("seed")).toULongLong(&ok);
                if (!ok)
                    throw std::invalid_argument("--seed: not a whole number >= 0");
            }
            o.threads = WorkerPool::default_threads();
            if (p.isSet(QStringLiteral("threads"))) {
                const int t = p.value(QStringLiteral("threads")).toInt(&ok);
                if (!ok || t < 1 || t > 256)
                    throw std::invalid_argument("--threads: not a whole number from 1 to 256");
                o.threads = static_cast<std::size_t>(t);
            }
            const EvaluationResult r = evaluate_vae(*m.model, data.values, o);
            JsonWriter j;
            j.begin_object();
            j.field("samples", static_cast<std::uint64_t>(r.samples));
            j.field("elbo", r.elbo);
            j.field("recon", r.recon);
            j.field("kl", r.kl);
            j.key("kl_per_dim").begin_array();
            for (const double v : r.kl_per_dim)
                j.value(v);
            j.end_array();
            j.field("active_units", static_cast<std::uint64_t>(r.active_units));
            if (r.iwae) {
                j.field("iwae_ll", *r.iwae);
                j.field("iwae_k", static_cast<std::uint64_t>(o.iwae_samples));
            }
            if (quality) {
                SampleQualityOptions qo = *quality;
                qo.seed = o.seed;
                qo.threads = o.threads;
                write_quality(j, evaluate_sample_quality(*m.model, data, qo));
            }
            j.end_object();
            std::printf("%s\n", j.text().c_str());
            return kExitOk;
        });
}

int run_sample(const QStringList& args) {
    return run_command(
        args, QStringLiteral("Draw samples from the prior and decode them."),
        {QStringLiteral("model:A .vaem model file.")},
        [](QCommandLineParser& p) {
            p.addOption({QStringLiteral("count"), QStringLiteral("How many samples (default: 64)."),
                         QStringLiteral("N")});
            p.addOption({QStringLiteral("seed"), QStringLiteral("Seed (default: 1)."),
                         QStringLiteral("N")});
            p.addOption({QStringLiteral("means"),
                         QStringLiteral("Write the decoder's means instead of draws from the "
                                        "likelihood (tables are drawn by default: a column the "
                                        "latent does not explain keeps its spread).")});
            p.addOption(kOut);
        },
        [](QCommandLineParser& p) {
            const QString out = required(p, QStringLiteral("out"));
            const LoadedModel m = load_model(p.positionalArguments()[0]);
            bool ok = true;
            const int count =
                p.isSet(QStringLiteral("count")) ? p.value(QStringLiteral("count")).toInt(&ok) : 64;
            if (!ok || count < 1 || count > 10'000'000)
                throw std::invalid_argument("--count: not a whole number from 1 to 10000000");
            const std::uint64_t seed = p.isSet(QStringLiteral("seed"))
                                           ? p.value(QStringLiteral("seed")).toULongLong(&ok)
                                           : 1;
            if (!ok)
                throw std::invalid_argument("--seed: not a whole number >= 0");
            const Matrix z = sample_prior_latents(*m.model, static_cast<std::size_t>(count), seed);
            Matrix decoded = decode_latents(*m.model, z);
            if (!m.file.data.image_shape && !p.isSet(QStringLiteral("means")))
                draw_observations(*m.model, decoded, seed);
            write_output(decoded, m, out);
            return kExitOk;
        });
}

int run_encode(const QStringList& args) {
    return run_command(
        args,
        QStringLiteral(
            "Encode a dataset: writes id, label, latent means and log-variances as CSV."),
        {QStringLiteral("model:A .vaem model file."), QStringLiteral("source:The data to encode.")},
        [](QCommandLineParser& p) {
            add_source_options(p);
            p.addOption({QStringLiteral("out"), QStringLiteral("Output CSV file."),
                         QStringLiteral("file")});
        },
        [](QCommandLineParser& p) {
            const QString out = required(p, QStringLiteral("out"));
            const auto pos = p.positionalArguments();
            const LoadedModel m = load_model(pos[0]);
            const Dataset data = load_for_model(p, m, pos[1]);
            Matrix means, logvars;
            encode_rows(*m.model, data.values, {}, means, logvars);
            export_latents_csv(out.toStdString(), data.labels, data.label_names, means, logvars);
            std::printf("{\"rows\":%lld,\"out\":%s}\n", static_cast<long long>(means.rows()),
                        json_quote(out.toStdString()).c_str());
            return kExitOk;
        });
}

int run_decode(const QStringList& args) {
    return run_command(
        args, QStringLiteral("Decode one latent point."),
        {QStringLiteral("model:A .vaem model file.")},
        [](QCommandLineParser& p) {
            p.addOption({QStringLiteral("z"), QStringLiteral("The latent point, comma-separated."),
                         QStringLiteral("z1,z2,...")});
            p.addOption(kOut);
        },
        [](QCommandLineParser& p) {
            const QString out = required(p, QStringLiteral("out"));
            const LoadedModel m = load_model(p.positionalArguments()[0]);
            QString error;
            const auto z = parse_z(required(p, QStringLiteral("z")), m.model->latent_dim(),
                                   QStringLiteral("z"), error);
            if (!z)
                throw std::invalid_argument(error.toStdString());
            write_output(decode_latents(*m.model, Matrix(z->transpose())), m, out);
            return kExitOk;
        });
}

int run_interpolate(const QStringList& args) {
    return run_command(
        args, QStringLiteral("Decode the points on a path between two latent points."),
        {QStringLiteral("model:A .vaem model file.")},
        [](QCommandLineParser& p) {
            p.addOption({QStringLiteral("from"), QStringLiteral("Start point, comma-separated."),
                         QStringLiteral("z")});
            p.addOption({QStringLiteral("to"), QStringLiteral("End point, comma-separated."),
                         QStringLiteral("z")});
            p.addOption({QStringLiteral("steps"),
                         QStringLiteral("Points on the path, ends included (default: 10)."),
                         QStringLiteral("N")});
            p.addOption({QStringLiteral("slerp"),
                         QStringLiteral("Spherical instead of straight-line interpolation.")});
            p.addOption({QStringLiteral("columns"),
                         QStringLiteral("Frames per row of a .png output, wrapping the path into "
                                        "a grid (default: all in one row)."),
                         QStringLiteral("N")});
            p.addOption(kOut);
        },
        [](QCommandLineParser& p) {
            const QString out = required(p, QStringLiteral("out"));
            const LoadedModel m = load_model(p.positionalArguments()[0]);
            QString error;
            const auto from = parse_z(required(p, QStringLiteral("from")), m.model->latent_dim(),
                                      QStringLiteral("from"), error);
            if (!from)
                throw std::invalid_argument(error.toStdString());
            const auto to = parse_z(required(p, QStringLiteral("to")), m.model->latent_dim(),
                                    QStringLiteral("to"), error);
            if (!to)
                throw std::invalid_argument(error.toStdString());
            bool ok = true;
            const int steps =
                p.isSet(QStringLiteral("steps")) ? p.value(QStringLiteral("steps")).toInt(&ok) : 10;
            if (!ok || steps < 2 || steps > 100000)
                throw std::invalid_argument("--steps: not a whole number from 2 to 100000");
            // One row by default: a path reads left to right.
            int columns = steps;
            if (p.isSet(QStringLiteral("columns"))) {
                const QString v = p.value(QStringLiteral("columns"));
                columns = v.toInt(&ok);
                if (!ok || columns < 1 || columns > 100000)
                    throw std::invalid_argument("--columns: '" + v.toStdString() +
                                                "' is not a whole number from 1 to 100000");
                if (QFileInfo(out).suffix().compare(QLatin1String("png"), Qt::CaseInsensitive) != 0)
                    throw std::invalid_argument("--columns applies only to a .png output, not '" +
                                                out.toStdString() + "'");
            }
            const Matrix path = interpolate_latents(*from, *to, static_cast<std::size_t>(steps),
                                                    p.isSet(QStringLiteral("slerp")));
            write_output(decode_latents(*m.model, path), m, out, static_cast<std::size_t>(columns));
            return kExitOk;
        });
}

} // namespace vae::app
