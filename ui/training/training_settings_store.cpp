#include "ui/training/training_settings_store.h"

#include "nn/activation.h"
#include "ui/training/layers_text.h"
#include "vae/vae_architecture.h"

#include <cmath>

namespace vae::ui {
namespace {

const QString kGroup = QStringLiteral("training/");

QString key(const char* name) {
    return kGroup + QLatin1String(name);
}

/// Sets `out` from a saved number within [lo, hi]; anything else leaves it.
template <class T>
void read_number(const QSettings& s, const char* name, double lo, double hi, T& out) {
    const QVariant v = s.value(key(name));
    if (!v.isValid())
        return;
    bool ok = false;
    const double d = v.toDouble(&ok);
    if (ok && std::isfinite(d) && d >= lo && d <= hi)
        out = static_cast<T>(d);
}

} // namespace

void save_training_settings(QSettings& s, const TrainingConfig& c, bool auto_likelihood) {
    const VaeArchitecture& a = c.architecture;
    s.setValue(key("latent_dim"), static_cast<qulonglong>(a.latent_dim));
    // The key keeps its old name: a settings file from before conv layers holds widths there.
    s.setValue(key("hidden"), layers_text(architecture_spec(a)));
    s.setValue(key("activation"), QString::fromStdString(activation_name(a.activation)));
    s.setValue(key("likelihood"), auto_likelihood
                                      ? QStringLiteral("auto")
                                      : QString::fromStdString(likelihood_name(a.likelihood)));
    s.setValue(key("beta"), static_cast<double>(c.beta));
    s.setValue(key("warmup_epochs"), static_cast<qulonglong>(c.warmup_epochs));
    s.setValue(key("warmup_schedule"),
               QString::fromStdString(warmup_schedule_name(c.warmup_schedule)));
    s.setValue(key("cycle_epochs"), c.cycle_epochs);
    s.setValue(key("cycle_ratio"), c.cycle_ratio);
    s.setValue(key("free_bits"), static_cast<double>(c.free_bits));
    s.setValue(key("mmd_weight"), static_cast<double>(c.mmd_weight));
    s.setValue(key("gan_weight"), static_cast<double>(c.gan_weight));
    s.setValue(key("feature_matching"), static_cast<double>(c.feature_matching));
    s.setValue(key("epochs"), static_cast<qulonglong>(c.epochs));
    s.setValue(key("batch_size"), static_cast<qulonglong>(c.batch_size));
    s.setValue(key("learning_rate"), static_cast<double>(c.learning_rate));
    s.setValue(key("seed"), static_cast<qulonglong>(c.seed));
    s.setValue(key("threads"), c.threads);
}

TrainingConfig load_training_settings(const QSettings& s, TrainingConfig c, bool& auto_likelihood) {
    VaeArchitecture& a = c.architecture;
    read_number(s, "latent_dim", 1, 64, a.latent_dim);
    if (const QVariant v = s.value(key("hidden")); v.isValid())
        if (const auto spec = parse_layers_text(v.toString()))
            apply_architecture_spec(a, *spec);
    if (const auto act = parse_activation(s.value(key("activation")).toString().toStdString()))
        a.activation = *act;
    const QString likelihood = s.value(key("likelihood"), QStringLiteral("auto")).toString();
    auto_likelihood = true;
    if (const auto l = parse_likelihood(likelihood.toStdString())) {
        a.likelihood = *l;
        auto_likelihood = false;
    }
    constexpr double kBig = 1e9;
    read_number(s, "beta", 0, kBig, c.beta);
    read_number(s, "warmup_epochs", 0, kBig, c.warmup_epochs);
    if (const auto w =
            parse_warmup_schedule(s.value(key("warmup_schedule")).toString().toStdString()))
        c.warmup_schedule = *w;
    read_number(s, "cycle_epochs", 1e-6, kBig, c.cycle_epochs);
    read_number(s, "cycle_ratio", 1e-6, 1, c.cycle_ratio);
    read_number(s, "free_bits", 0, kBig, c.free_bits);
    read_number(s, "mmd_weight", 0, kBig, c.mmd_weight);
    read_number(s, "gan_weight", 0, kBig, c.gan_weight);
    read_number(s, "feature_matching", 0, kBig, c.feature_matching);
    read_number(s, "epochs", 1, kBig, c.epochs);
    read_number(s, "batch_size", 1, kBig, c.batch_size);
    read_number(s, "learning_rate", 1e-12, 1e3, c.learning_rate);
    read_number(s, "seed", 0, 9007199254740992.0, c.seed); // 2^53: exact as a double
    read_number(s, "threads", 0, 4096, c.threads);
    return c;
}

void clear_training_settings(QSettings& s) {
    s.remove(QStringLiteral("training"));
}

} // namespace vae::ui
