#pragma once

#include "metrics/sample_quality.h"
#include "vae/evaluate_vae.h"

#include <QString>

#include <optional>
#include <vector>

namespace vae::ui {

/// One line of the Quality panel's table: a figure, its value as text, which way is good, and
/// what it says in one line.
struct QualityMetricRow {
    QString key;         ///< stable id ("sharpness_ratio"), also the Runs table's CSV column
    QString name;        ///< "Sharpness ratio (samples)"
    QString value;       ///< "0.42", "12.3 %", "—" when not computed
    QString goal;        ///< "→ 1.0", "↑ higher", "↓ lower"
    QString meaning;     ///< one short line: what the number measures
    QString detail;      ///< the longer explanation, for a tooltip
    double number = 0.0; ///< the value itself (NaN when not computed), for sorting and checks
};

/// The sample-quality figures of `q` (all "—" when it is empty), in display order; `o` are
/// the options they were computed with (k, the duplicate quantile).
[[nodiscard]] std::vector<QualityMetricRow>
sample_quality_rows(const std::optional<SampleQuality>& q, const SampleQualityOptions& o);

/// The held-out likelihood figures of `e`; `iwae_samples` is the K behind e.iwae.
[[nodiscard]] std::vector<QualityMetricRow> evaluation_rows(const EvaluationResult& e,
                                                            std::size_t iwae_samples);

/// "FD (classifier)" / "FD (PCA)" (core's fd_label()): the Fréchet distance's name wherever a
/// user reads it, a table header included; never "FID".
[[nodiscard]] QString fd_label_text(FdFeatures f);
/// "classifier features" / "PCA features": what the Fréchet distance was measured in.
[[nodiscard]] QString fd_features_text(FdFeatures f);

/// The figure as the table shows it: ratios and distances to 3 significant digits, shares as
/// percentages with one decimal, precision/recall with 3 decimals.
[[nodiscard]] QString ratio_text(double v);
/// Distances (the Fréchet distance): 2 decimals under 10, 1 under 100, else none.
[[nodiscard]] QString distance_text(double v);
[[nodiscard]] QString percent_text(double share);
[[nodiscard]] QString fraction_text(double v);

} // namespace vae::ui
