#include "ui/runs/run_settings.h"

#include "io/number_text.h"

#include <QStringList>

namespace vae::ui {
namespace {

QString number(double v) {
    return QString::fromStdString(number_text(v));
}

/// Settings whose value means "off": the summary leaves them out.
bool is_neutral(const RunSetting& s) {
    if (s.key == QLatin1String("warmup_schedule"))
        return s.value == QLatin1String("linear");
    return (s.key == QLatin1String("warmup_epochs") || s.key == QLatin1String("free_bits") ||
            s.key == QLatin1String("mmd") || s.key == QLatin1String("gan") ||
            s.key == QLatin1String("feature_matching")) &&
           s.value == QLatin1String("0");
}

} // namespace

QString run_network_text(const VaeArchitecture& a) {
    const ArchitectureSpec spec = architecture_spec(a);
    const std::string preset = preset_name_of(spec);
    return QString::fromStdString(preset.empty() ? architecture_spec_text(spec) : preset);
}

std::vector<RunSetting> run_settings(const TrainingConfig& c) {
    const auto& a = c.architecture;
    QStringList hidden;
    for (const auto w : a.hidden)
        hidden << QString::number(w);
    // Dense widths keep their short form; conv layers need the spec to be read.
    const QString layers =
        !a.conv.empty()    ? QString::fromStdString(architecture_spec_text(architecture_spec(a)))
        : hidden.isEmpty() ? QStringLiteral("none")
                           : hidden.join('-');
    return {
        {QStringLiteral("latent"), QStringLiteral("z"), QString::number(a.latent_dim)},
        {QStringLiteral("hidden"), {}, layers},
        {QStringLiteral("activation"), {}, QString::fromStdString(activation_name(a.activation))},
        {QStringLiteral("likelihood"), {}, QString::fromStdString(likelihood_name(a.likelihood))},
        {QStringLiteral("beta"), QStringLiteral("β"), number(c.beta)},
        {QStringLiteral("warmup_epochs"), QStringLiteral("warm-up"),
         QString::number(c.warmup_epochs)},
        {QStringLiteral("free_bits"), QStringLiteral("free bits"), number(c.free_bits)},
        {QStringLiteral("warmup_schedule"), QStringLiteral("warm-up"),
         c.warmup_schedule == WarmupSchedule::Cyclical
             ? QStringLiteral("cyclical %1/%2").arg(number(c.cycle_epochs), number(c.cycle_ratio))
             : QStringLiteral("linear")},
        {QStringLiteral("mmd"), QStringLiteral("MMD λ"), number(c.mmd_weight)},
        {QStringLiteral("gan"), QStringLiteral("GAN γ"), number(c.gan_weight)},
        {QStringLiteral("feature_matching"), QStringLiteral("feature matching"),
         number(c.feature_matching)},
        {QStringLiteral("batch"), QStringLiteral("batch"), QString::number(c.batch_size)},
        {QStringLiteral("lr"), QStringLiteral("lr"), number(c.learning_rate)},
        {QStringLiteral("seed"), QStringLiteral("seed"), QString::number(c.seed)},
    };
}

namespace {

/// The summary's parts: the network's shape, then the objective (the likelihood included).
std::pair<QStringList, QStringList> summary_parts(const TrainingConfig& c) {
    std::pair<QStringList, QStringList> parts;
    for (const RunSetting& s : run_settings(c)) {
        // Batch, learning rate and seed are in the tooltip and the CSV; the summary keeps to
        // what shapes the samples.
        if (is_neutral(s) || s.key == QLatin1String("batch") || s.key == QLatin1String("lr") ||
            s.key == QLatin1String("seed"))
            continue;
        const bool shape = s.key == QLatin1String("latent") || s.key == QLatin1String("hidden") ||
                           s.key == QLatin1String("activation");
        (shape ? parts.first : parts.second)
            << (s.label.isEmpty() ? s.value : s.label + QLatin1Char(' ') + s.value);
    }
    return parts;
}

} // namespace

QString run_settings_summary(const TrainingConfig& c) {
    const auto [shape, objective] = summary_parts(c);
    return (shape + objective).join(QStringLiteral(" · "));
}

QString run_settings_lines(const TrainingConfig& c) {
    const auto [shape, objective] = summary_parts(c);
    return shape.join(QStringLiteral(" · ")) + QLatin1Char('\n') +
           objective.join(QStringLiteral(" · "));
}

} // namespace vae::ui
