#include "app/common/training_options.h"

#include <QStringList>

#include <cmath>
#include <limits>

namespace vae::app {
namespace {

QString bad_value(const QString& option, const QString& value, const QString& accepted) {
    return QStringLiteral("--%1: '%2' is not accepted (%3)").arg(option, value, accepted);
}

// Reads a number option into `out` when given; false (with `error`) when it is not a number
// within [lo, hi].
template <class T>
bool read_number(const QCommandLineParser& p, const QString& name, T& out, double lo, double hi,
                 const QString& accepted, QString& error) {
    if (!p.isSet(name))
        return true;
    bool ok = false;
    const double v = p.value(name).toDouble(&ok);
    const bool whole = std::is_integral_v<T>;
    if (!ok || !std::isfinite(v) || v < lo || v > hi || (whole && v != std::floor(v))) {
        error = bad_value(name, p.value(name), accepted);
        return false;
    }
    out = static_cast<T>(v);
    return true;
}

} // namespace

QStringList with_feature_matching_default(QStringList args, const QString& default_weight) {
    for (qsizetype i = 0; i < args.size(); ++i) {
        if (args[i] != QLatin1String("--feature-matching"))
            continue;
        bool number = false;
        if (i + 1 < args.size())
            args[i + 1].toDouble(&number);
        if (!number)
            args.insert(i + 1, default_weight);
    }
    return args;
}

void add_training_options(QCommandLineParser& p) {
    p.addOptions({
        {QStringLiteral("latent"), QStringLiteral("Latent dimension, 1 to 64 (default: 2)."),
         QStringLiteral("N")},
        {QStringLiteral("arch"),
         QStringLiteral("Encoder layers: mlp (default: dense 512,256), conv-small, conv-deep, or a "
                        "spec such as conv:32,64/dense:256 (conv layers need image data); the "
                        "decoder mirrors them."),
         QStringLiteral("spec")},
        {QStringLiteral("hidden"),
         QStringLiteral("Dense encoder widths, after any conv layers; the decoder mirrors them "
                        "(default: 512,256)."),
         QStringLiteral("list")},
        {QStringLiteral("activation"),
         QStringLiteral("relu, leaky_relu, elu, silu, tanh or sigmoid (default: relu)."),
         QStringLiteral("name")},
        {QStringLiteral("likelihood"),
         QStringLiteral("auto, bernoulli, gaussian, gaussian-learned or gaussian-learned-per-dim "
                        "(default: auto: bernoulli for data in [0,1], else gaussian-learned)."),
         QStringLiteral("name")},
        {QStringLiteral("sigma"),
         QStringLiteral("Standard deviation of the gaussian likelihood (initial value when "
                        "learned; default: 1)."),
         QStringLiteral("x")},
        {QStringLiteral("beta"), QStringLiteral("Weight of the KL term (default: 1)."),
         QStringLiteral("x")},
        {QStringLiteral("warmup-epochs"),
         QStringLiteral("Ramp the KL weight from 0 to beta over N epochs (default: 0)."),
         QStringLiteral("N")},
        {QStringLiteral("free-bits"),
         QStringLiteral("KL floor per latent dimension in nats (default: 0 = off)."),
         QStringLiteral("x")},
        {QStringLiteral("warmup-schedule"),
         QStringLiteral("How the KL weight reaches beta: linear (over --warmup-epochs) or cyclical "
                        "(ramps repeating every --cycle-epochs; default: linear)."),
         QStringLiteral("name")},
        {QStringLiteral("cycle-epochs"),
         QStringLiteral("Cyclical warm-up: length of one cycle in epochs (default: 2.5)."),
         QStringLiteral("x")},
        {QStringLiteral("cycle-ratio"),
         QStringLiteral("Cyclical warm-up: fraction of each cycle spent ramping, above 0 and at "
                        "most 1 (default: 0.5)."),
         QStringLiteral("r")},
        {QStringLiteral("mmd"),
         QStringLiteral("Weight of the MMD between aggregate posterior and prior (InfoVAE), "
                        "e.g. 100 (default: 0 = off)."),
         QStringLiteral("lambda")},
        {QStringLiteral("gan"),
         QStringLiteral("VAE-GAN: weight of the adversarial loss, e.g. 0.05 (default: 0 = off)."),
         QStringLiteral("gamma")},
        {QStringLiteral("feature-matching"),
         QStringLiteral("VAE-GAN: weight of the reconstruction in the discriminator's features "
                        "(default: 0 = off; given without a number: 1)."),
         QStringLiteral("weight")},
        {QStringLiteral("gan-lr"),
         QStringLiteral("VAE-GAN: the discriminator's learning rate (default: 2e-4)."),
         QStringLiteral("x")},
        {QStringLiteral("gan-hidden"),
         QStringLiteral("VAE-GAN: the discriminator's one or two layer widths (default: 256,128)."),
         QStringLiteral("list")},
        {QStringLiteral("epochs"), QStringLiteral("Passes over the training rows (default: 10)."),
         QStringLiteral("N")},
        {QStringLiteral("batch"), QStringLiteral("Minibatch size (default: 128)."),
         QStringLiteral("N")},
        {QStringLiteral("lr"), QStringLiteral("Learning rate (default: 1e-3)."),
         QStringLiteral("x")},
        {QStringLiteral("optimizer"), QStringLiteral("adam or adamw (default: adam)."),
         QStringLiteral("name")},
        {QStringLiteral("weight-decay"), QStringLiteral("AdamW weight decay (default: 0)."),
         QStringLiteral("x")},
        {QStringLiteral("clip-norm"),
         QStringLiteral("Clip the gradient to this global norm (default: 0 = off)."),
         QStringLiteral("x")},
        {QStringLiteral("schedule"),
         QStringLiteral("Learning-rate schedule: constant or cosine (default: constant)."),
         QStringLiteral("name")},
        {QStringLiteral("seed"),
         QStringLiteral("Seed of weights, split, shuffles and noise (default: 1)."),
         QStringLiteral("N")},
        {QStringLiteral("threads"), QStringLiteral("Threads to train with (default: all cores)."),
         QStringLiteral("N")},
        {QStringLiteral("validation-split"),
         QStringLiteral("Fraction of rows held out for validation (default: 0.1)."),
         QStringLiteral("x")},
    });
}

std::optional<TrainingConfig> training_config_from(const QCommandLineParser& p,
                                                   bool& auto_likelihood, QString& error) {
    TrainingConfig c;
    auto& a = c.architecture;
    const double inf = std::numeric_limits<double>::infinity();
    if (!read_number(p, QStringLiteral("latent"), a.latent_dim, 1, 64,
                     QStringLiteral("a whole number from 1 to 64"), error) ||
        !read_number(p, QStringLiteral("sigma"), a.sigma, 1e-6, 1e6, QStringLiteral("a number > 0"),
                     error) ||
        !read_number(p, QStringLiteral("beta"), c.beta, 0, 1e6, QStringLiteral("a number >= 0"),
                     error) ||
        !read_number(p, QStringLiteral("warmup-epochs"), c.warmup_epochs, 0, 1e6,
                     QStringLiteral("a whole number >= 0"), error) ||
        !read_number(p, QStringLiteral("free-bits"), c.free_bits, 0, 1e6,
                     QStringLiteral("a number >= 0"), error) ||
        !read_number(p, QStringLiteral("cycle-epochs"), c.cycle_epochs, 1e-3, 1e6,
                     QStringLiteral("a number of epochs from 0.001 to 1e6"), error) ||
        !read_number(p, QStringLiteral("cycle-ratio"), c.cycle_ratio, 1e-3, 1,
                     QStringLiteral("a number from 0.001 to 1"), error) ||
        !read_number(p, QStringLiteral("mmd"), c.mmd_weight, 0, 1e9,
                     QStringLiteral("a number >= 0"), error) ||
        !read_number(p, QStringLiteral("gan"), c.gan_weight, 0, 1e6,
                     QStringLiteral("a number >= 0"), error) ||
        !read_number(p, QStringLiteral("feature-matching"), c.feature_matching, 0, 1e6,
                     QStringLiteral("a number >= 0"), error) ||
        !read_number(p, QStringLiteral("gan-lr"), c.gan_learning_rate, 1e-12, 1,
                     QStringLiteral("a number > 0 and at most 1"), error) ||
        !read_number(p, QStringLiteral("epochs"), c.epochs, 1, 1e6,
                     QStringLiteral("a whole number >= 1"), error) ||
        !read_number(p, QStringLiteral("batch"), c.batch_size, 1, 65536,
                     QStringLiteral("a whole number from 1 to 65536"), error) ||
        !read_number(p, QStringLiteral("lr"), c.learning_rate, 1e-12, inf,
                     QStringLiteral("a number > 0"), error) ||
        !read_number(p, QStringLiteral("weight-decay"), c.weight_decay, 0, inf,
                     QStringLiteral("a number >= 0"), error) ||
        !read_number(p, QStringLiteral("clip-norm"), c.clip_norm, 0, inf,
                     QStringLiteral("a number >= 0"), error) ||
        !read_number(p, QStringLiteral("seed"), c.seed, 0, 9.0e15,
                     QStringLiteral("a whole number >= 0"), error) ||
        !read_number(p, QStringLiteral("threads"), c.threads, 1, 256,
                     QStringLiteral("a whole number from 1 to 256"), error) ||
        !read_number(p, QStringLiteral("validation-split"), c.validation_split, 0, 0.9,
                     QStringLiteral("a number from 0 to 0.9"), error))
        return std::nullopt;

    if (p.isSet(QStringLiteral("arch"))) {
        try {
            apply_architecture_spec(
                a, resolve_architecture(p.value(QStringLiteral("arch")).toStdString()));
        } catch (const ArchitectureSpecError& e) {
            error = QStringLiteral("--arch: ") + QString::fromStdString(e.what());
            return std::nullopt;
        }
    }
    if (p.isSet(QStringLiteral("hidden"))) {
        a.hidden.clear();
        const QString text = p.value(QStringLiteral("hidden"));
        for (const QString& part : text.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
            bool ok = false;
            const uint w = part.trimmed().toUInt(&ok);
            if (!ok || w < 1 || w > 16384) {
                error = bad_value(
                    QStringLiteral("hidden"), text,
                    QStringLiteral("comma-separated widths from 1 to 16384, e.g. 512,256"));
                return std::nullopt;
            }
            a.hidden.push_back(w);
        }
    }
    if (p.isSet(QStringLiteral("gan-hidden"))) {
        const QString text = p.value(QStringLiteral("gan-hidden"));
        const QStringList parts = text.split(QLatin1Char(','), Qt::SkipEmptyParts);
        c.discriminator_hidden = {0, 0};
        bool ok = !parts.isEmpty() && parts.size() <= 2;
        for (qsizetype i = 0; ok && i < parts.size(); ++i) {
            const uint w = parts[i].trimmed().toUInt(&ok);
            ok = ok && w >= 1 && w <= 16384;
            c.discriminator_hidden[static_cast<std::size_t>(i)] = w;
        }
        if (!ok) {
            error = bad_value(QStringLiteral("gan-hidden"), text,
                              QStringLiteral("one or two comma-separated widths from 1 to 16384, "
                                             "e.g. 256,128"));
            return std::nullopt;
        }
    }
    if (!c.gan_enabled())
        for (const char* name : {"gan-lr", "gan-hidden"})
            if (p.isSet(QLatin1String(name))) {
                error = QStringLiteral("--%1 applies only to a VAE-GAN: add --gan or "
                                       "--feature-matching with a weight > 0")
                            .arg(QLatin1String(name));
                return std::nullopt;
            }
    const QString warmup = p.value(QStringLiteral("warmup-schedule"));
    if (!warmup.isEmpty()) {
        const auto w = parse_warmup_schedule(warmup.toStdString());
        if (!w) {
            error = bad_value(QStringLiteral("warmup-schedule"), warmup,
                              QStringLiteral("use linear or cyclical"));
            return std::nullopt;
        }
        c.warmup_schedule = *w;
    }
    if (c.warmup_schedule != WarmupSchedule::Cyclical)
        for (const char* name : {"cycle-epochs", "cycle-ratio"})
            if (p.isSet(QLatin1String(name))) {
                error = QStringLiteral("--%1 applies only to --warmup-schedule cyclical")
                            .arg(QLatin1String(name));
                return std::nullopt;
            }
    if (c.warmup_schedule == WarmupSchedule::Cyclical && p.isSet(QStringLiteral("warmup-epochs"))) {
        error = QStringLiteral("--warmup-epochs is the linear schedule's ramp: with "
                               "--warmup-schedule cyclical use --cycle-epochs and --cycle-ratio");
        return std::nullopt;
    }
    if (p.isSet(QStringLiteral("activation"))) {
        const auto act = parse_activation(p.value(QStringLiteral("activation")).toStdString());
        if (!act) {
            error = bad_value(QStringLiteral("activation"), p.value(QStringLiteral("activation")),
                              QStringLiteral("use relu, leaky_relu, elu, silu, tanh or sigmoid"));
            return std::nullopt;
        }
        a.activation = *act;
    }
    auto_likelihood = true;
    const QString lik = p.value(QStringLiteral("likelihood"));
    if (!lik.isEmpty() && lik != QLatin1String("auto")) {
        const auto l = parse_likelihood(lik.toStdString());
        if (!l) {
            error = bad_value(QStringLiteral("likelihood"), lik,
                              QStringLiteral("use auto, bernoulli, gaussian, gaussian-learned or "
                                             "gaussian-learned-per-dim"));
            return std::nullopt;
        }
        a.likelihood = *l;
        auto_likelihood = false;
    }
    const QString opt = p.value(QStringLiteral("optimizer"));
    if (opt == QLatin1String("adamw"))
        c.optimizer = OptimizerKind::AdamW;
    else if (!opt.isEmpty() && opt != QLatin1String("adam")) {
        error = bad_value(QStringLiteral("optimizer"), opt, QStringLiteral("use adam or adamw"));
        return std::nullopt;
    }
    const QString sched = p.value(QStringLiteral("schedule"));
    if (sched == QLatin1String("cosine"))
        c.schedule = LrSchedule::Cosine;
    else if (!sched.isEmpty() && sched != QLatin1String("constant")) {
        error =
            bad_value(QStringLiteral("schedule"), sched, QStringLiteral("use constant or cosine"));
        return std::nullopt;
    }
    if (const std::string problem = validate(c); !problem.empty()) {
        error = QString::fromStdString(problem);
        return std::nullopt;
    }
    return c;
}

} // namespace vae::app
