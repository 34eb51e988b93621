#include "ui/quality/quality_metric_rows.h"

#include "vae/active_units.h"

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

QString distance_text(double v) {
    if (!std::isfinite(v))
        return kNone;
    return QString::number(v, 'f', std::abs(v) >= 100.0 ? 0 : std::abs(v) >= 10.0 ? 1 : 2);
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

QString fd_label_text(FdFeatures f) {
    return QString::fromStdString(fd_label(f));
}

std::vector<QualityMetricRow> sample_quality_rows(const std::optional<SampleQuality>& q,
                                                  const SampleQualityOptions& o) {
    const bool has = q.has_value();
    const auto v = [&](double SampleQuality::*m) { return has ? (*q).*m : kNaN; };
    const bool table = has && q->sharpness_measure == "feature-variance";
    std::vector<QualityMetricRow> rows;
    rows.push_back({QStringLiteral("sharpness_ratio"), tr("Sharpness (samples)"),
                    ratio_text(v(&SampleQuality::sharpness_ratio)), kIdeal,
                    table ? tr("feature variance, samples / data; < 1 = too smooth")
                          : tr("edge energy, samples / data; < 1 = blurrier"),
                    table ? tr("Mean per-feature variance of prior samples divided by that of "
                               "the real rows. Under 1: samples hug the mean.")
                          : tr("Mean Laplacian variance (edge energy) of prior samples divided "
                               "by that of the real images. 1.0 is as sharp as the data; under "
                               "1 the samples are blurrier."),
                    v(&SampleQuality::sharpness_ratio)});
    rows.push_back({QStringLiteral("reconstruction_sharpness_ratio"),
                    tr("Sharpness (reconstructions)"),
                    ratio_text(v(&SampleQuality::reconstruction_sharpness_ratio)), kIdeal,
                    tr("the same for reconstructions of held-out rows"),
                    tr("The sharpness ratio of the decoded means of held-out rows' encodings: "
                       "blur that even the best code for a real row cannot avoid."),
                    v(&SampleQuality::reconstruction_sharpness_ratio)});
    rows.push_back(
        {QStringLiteral("duplicate_rate"), tr("Duplicate rate"),
         percent_text(v(&SampleQuality::duplicate_rate)), kLower,
         tr("samples with a near-copy among the others"),
         tr("Share of samples with another sample closer than the %1 % quantile of the real "
            "rows' nearest-neighbour distances%2. High: the model repeats itself.")
             .arg(100.0 * o.duplicate_quantile)
             .arg(has ? tr(" (%1)").arg(ratio_text(q->duplicate_threshold)) : QString()),
         v(&SampleQuality::duplicate_rate)});
    rows.push_back({QStringLiteral("diversity_ratio"), tr("Diversity ratio"),
                    ratio_text(v(&SampleQuality::diversity_ratio)), kIdeal,
                    tr("mean pairwise distance, samples / real rows"),
                    tr("Mean pairwise distance among samples divided by that among real rows. "
                       "Under 1: the samples are more alike than the data."),
                    v(&SampleQuality::diversity_ratio)});
    const bool classes = has && !q->class_coverage.empty();
    rows.push_back(
        {QStringLiteral("class_coverage_entropy"), tr("Class coverage (entropy)"),
         classes ? QStringLiteral("%1 / %2").arg(nats(q->class_coverage_entropy),
                                                 nats(q->real_class_entropy))
                 : kNone,
         tr("↑ to data's"),
         classes ? tr("spread over classes: samples / data, nats") : tr("needs labelled data"),
         tr("Each sample takes the class of its nearest real row; the entropy of those shares "
            "against the real rows' entropy. Lower: some classes are rarely generated."),
         classes ? q->class_coverage_entropy : kNaN});
    rows.push_back({QStringLiteral("precision"), tr("Precision"),
                    fraction_text(v(&SampleQuality::precision)), kHigher,
                    tr("samples inside the data's %1-NN manifold: realism").arg(o.k),
                    tr("Share of samples within the %1-nearest-neighbour radius of some real "
                       "row (Kynkäänniemi et al. 2019), in PCA features. Blurry samples score "
                       "high here: read it with recall and sharpness.")
                        .arg(o.k),
                    v(&SampleQuality::precision)});
    rows.push_back({QStringLiteral("recall"), tr("Recall"),
                    fraction_text(v(&SampleQuality::recall)), kHigher,
                    tr("data covered by the samples' %1-NN manifold").arg(o.k),
                    tr("Share of real rows within the %1-nearest-neighbour radius of some "
                       "sample. Low: much of the data is never generated.")
                        .arg(o.k),
                    v(&SampleQuality::recall)});
    const FdFeatures fd_space = has ? q->fd_features : o.fd_features;
    QString fd_detail;
    switch (fd_space) {
    case FdFeatures::Classifier:
        fd_detail = tr("Fréchet distance between Gaussians fitted to real and generated features: "
                       "the penultimate layer of a small classifier trained on this data.");
        break;
    case FdFeatures::Pca:
        fd_detail = tr("Fréchet distance between Gaussians fitted to real and generated features: "
                       "a %1-component PCA of the real rows.")
                        .arg(o.pca_components);
        break;
    case FdFeatures::Auto:
        fd_detail = tr("Fréchet distance between Gaussians fitted to real and generated features: "
                       "a small classifier trained on the data when it has labels, else a PCA.");
        break;
    }
    fd_detail += tr(" Compares runs scored on the same data; not an Inception-based figure from "
                    "the literature.");
    rows.push_back({QStringLiteral("fd"), fd_label_text(fd_space),
                    distance_text(v(&SampleQuality::fd)), kLower,
                    has ? tr("real vs generated, %1").arg(fd_features_text(q->fd_features))
                        : tr("real vs generated feature Gaussians"),
                    fd_detail, v(&SampleQuality::fd)});
    return rows;
}

std::vector<QualityMetricRow> evaluation_rows(const EvaluationResult& e, std::size_t iwae_samples) {
    const auto dims = e.kl_per_dim.size();
    std::vector<QualityMetricRow> rows;
    rows.push_back({QStringLiteral("elbo"), tr("ELBO"), nats(e.elbo), kHigher,
                    tr("evidence lower bound, nats per sample"),
                    tr("−(reconstruction + KL) on held-out rows, one z sample per row."), e.elbo});
    rows.push_back({QStringLiteral("recon"), tr("Reconstruction −log p(x|z)"), nats(e.recon),
                    kLower, tr("how well held-out rows come back"),
                    tr("Negative log-likelihood of held-out rows under their decoded codes."),
                    e.recon});
    rows.push_back({QStringLiteral("kl"), tr("KL(q(z|x) ‖ p(z))"), nats(e.kl), tr("balance"),
                    tr("nats in the code; ≈ 0 = posterior collapse"),
                    tr("Nats the codes carry. Near 0: the decoder ignores z (posterior "
                       "collapse). Large: the aggregate posterior leaves holes in the prior, "
                       "where samples decode to garbage."),
                    e.kl});
    rows.push_back(
        {QStringLiteral("iwae"),
         iwae_samples > 0 ? tr("IWAE bound (K = %1)").arg(iwae_samples) : tr("IWAE bound"),
         e.iwae ? nats(*e.iwae) : kNone, kHigher, tr("tighter bound on log p(x)"),
         tr("Importance-weighted bound (Burda et al. 2015): at least the ELBO, closer to the "
            "held-out log-likelihood as K grows."),
         e.iwae ? *e.iwae : kNaN});
    rows.push_back({QStringLiteral("active_units"), tr("Active units"),
                    QStringLiteral("%1 of %2").arg(e.active_units).arg(dims), kHigher,
                    tr("latent dimensions in use"),
                    tr("Dimensions whose encoder mean varies over the data (variance of "
                       "E[z|x] > %1); the rest collapsed to the prior.")
                        .arg(kActiveUnitThreshold),
                    static_cast<double>(e.active_units)});
    return rows;
}

} // namespace vae::ui
