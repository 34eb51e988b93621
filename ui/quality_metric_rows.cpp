#include "ui/quality_metric_rows.h"

#include <QCoreApplication>

#include <cmath>
#include <limits>

namespace vae::ui {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

QString tr(const char* text) {
    return QCoreApplication::translate("vae::ui::QualityMetricRows", text);
}

const QString kIdeal = QStringLiteral("→ 1.0");
const QString kHigher = QStringLiteral("↑ higher");
const QString kLower = QStringLiteral("↓ lower");
const QString kNone = QStringLiteral("—");

QString nats(double v) {
    return std::isfinite(v) ? QString::number(v, 'f', 2) : kNone;
}

} // namespace

QString ratio_text(double v) {
    if (!std::isfinite(v))
        return kNone;
    return QString::number(v, 'g', 3);
}

QString percent_text(double share) {
    if (!std::isfinite(share))
        return kNone;
    return QString::number(100.0 * share, 'f', 1) + QStringLiteral(" %");
}

QString fraction_text(double v) {
    return std::isfinite(v) ? QString::number(v, 'f', 3) : kNone;
}

QString fd_features_text(FdFeatures f) {
    switch (f) {
    case FdFeatures::Classifier:
        return tr("classifier features");
    case FdFeatures::Pca:
        return tr("PCA features");
    case FdFeatures::Auto:
        break;
    }
    return tr("auto");
}

std::vector<QualityMetricRow> sample_quality_rows(const std::optional<SampleQuality>& q,
                                                  const SampleQualityOptions& o) {
    const bool has = q.has_value();
    const auto v = [&](double SampleQuality::*m) { return has ? (*q).*m : kNaN; };
    const bool images = has && q->sharpness_measure == "laplacian-variance";
    const QString sharp_what =
        !has     ? tr("detail of generated samples relative to the data")
        : images ? tr("Laplacian variance (edge energy) of prior samples / of real images; "
                      "under 1 = blurrier than the data")
                 : tr("per-feature variance of prior samples / of real rows; under 1 = "
                      "samples hug the mean");
    std::vector<QualityMetricRow> rows;
    rows.push_back({QStringLiteral("sharpness_ratio"), tr("Sharpness ratio (samples)"),
                    ratio_text(v(&SampleQuality::sharpness_ratio)), kIdeal, sharp_what,
                    v(&SampleQuality::sharpness_ratio)});
    rows.push_back({QStringLiteral("reconstruction_sharpness_ratio"),
                    tr("Sharpness ratio (reconstructions)"),
                    ratio_text(v(&SampleQuality::reconstruction_sharpness_ratio)), kIdeal,
                    tr("the same for reconstructions of held-out rows"),
                    v(&SampleQuality::reconstruction_sharpness_ratio)});
    rows.push_back(
        {QStringLiteral("duplicate_rate"), tr("Duplicate rate"),
         percent_text(v(&SampleQuality::duplicate_rate)), kLower,
         tr("share of samples with a near-copy among the others (closer than the "
            "%1 % quantile of real nearest-neighbour distances%2)")
             .arg(100.0 * o.duplicate_quantile)
             .arg(has ? QStringLiteral(", ") + ratio_text(q->duplicate_threshold) : QString()),
         v(&SampleQuality::duplicate_rate)});
    rows.push_back({QStringLiteral("diversity_ratio"), tr("Diversity ratio"),
                    ratio_text(v(&SampleQuality::diversity_ratio)), kIdeal,
                    tr("mean pairwise distance of samples / of real rows; under 1 = samples "
                       "more alike than the data"),
                    v(&SampleQuality::diversity_ratio)});
    const bool classes = has && !q->class_coverage.empty();
    rows.push_back(
        {QStringLiteral("class_coverage_entropy"), tr("Class coverage entropy"),
         classes ? QStringLiteral("%1 / %2").arg(nats(q->class_coverage_entropy),
                                                 nats(q->real_class_entropy))
                 : kNone,
         tr("↑ to the data's"),
         classes ? tr("entropy (nats) of the samples' classes by nearest real row, against the "
                      "data's; lower = some classes rarely generated")
                 : tr("needs labelled data: how evenly the samples spread over the classes"),
         classes ? q->class_coverage_entropy : kNaN});
    rows.push_back({QStringLiteral("precision"), tr("Precision"),
                    fraction_text(v(&SampleQuality::precision)), kHigher,
                    tr("share of samples inside the real data's %1-NN manifold: realism").arg(o.k),
                    v(&SampleQuality::precision)});
    rows.push_back({QStringLiteral("recall"), tr("Recall"),
                    fraction_text(v(&SampleQuality::recall)), kHigher,
                    tr("share of real rows inside the samples' %1-NN manifold: coverage of the "
                       "data")
                        .arg(o.k),
                    v(&SampleQuality::recall)});
    rows.push_back({QStringLiteral("fd"), tr("Fréchet distance"), ratio_text(v(&SampleQuality::fd)),
                    kLower,
                    has ? tr("between Gaussians fitted to real and generated %1 (not comparable "
                             "with Inception-based FID)")
                              .arg(fd_features_text(q->fd_features))
                        : tr("between Gaussians fitted to real and generated features"),
                    v(&SampleQuality::fd)});
    return rows;
}

std::vector<QualityMetricRow> evaluation_rows(const EvaluationResult& e, std::size_t iwae_samples) {
    const auto dims = e.kl_per_dim.size();
    std::vector<QualityMetricRow> rows;
    rows.push_back({QStringLiteral("elbo"), tr("ELBO"), nats(e.elbo), kHigher,
                    tr("evidence lower bound on held-out rows, nats per sample"), e.elbo});
    rows.push_back({QStringLiteral("recon"), tr("Reconstruction −log p(x|z)"), nats(e.recon),
                    kLower, tr("how well held-out rows come back through the model, nats"),
                    e.recon});
    rows.push_back({QStringLiteral("kl"), tr("KL(q(z|x) ‖ p(z))"), nats(e.kl), tr("balance"),
                    tr("nats the code carries; near 0 = posterior collapse, large = holes in "
                       "the prior"),
                    e.kl});
    rows.push_back({QStringLiteral("iwae"),
                    iwae_samples > 0 ? tr("IWAE bound (K=%1)").arg(iwae_samples) : tr("IWAE bound"),
                    e.iwae ? nats(*e.iwae) : kNone, kHigher,
                    tr("tighter lower bound on log p(x) than the ELBO, nats per sample"),
                    e.iwae ? *e.iwae : kNaN});
    rows.push_back({QStringLiteral("active_units"), tr("Active units"),
                    QStringLiteral("%1 of %2").arg(e.active_units).arg(dims), kHigher,
                    tr("latent dimensions the encoder uses (variance of E[z|x] > 0.01); the "
                       "rest collapsed to the prior"),
                    static_cast<double>(e.active_units)});
    return rows;
}

} // namespace vae::ui
