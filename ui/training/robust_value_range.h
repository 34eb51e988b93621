#pragma once

#include <vector>

class QCPGraph;
class QCPRange;

namespace vae::ui {

/// Share of the noisy points left out at each end when the curves scale a value axis, as
/// TensorBoard's "ignore outliers" does: the first steps of a run (an ELBO of -1500 and the
/// like) would otherwise squash the rest of the curve into a line.
inline constexpr double kOutlierShare = 0.01;

/// Value range of the visible graphs within `keys`, padded: of `noisy` without the
/// kOutlierShare extremes at each end, joined with the whole range of `exact` (few, meaningful
/// points). False, with `out` untouched, when no visible graph has a finite point there.
/// `scratch` is reused memory.
bool robust_value_range(const std::vector<QCPGraph*>& noisy, const std::vector<QCPGraph*>& exact,
                        const QCPRange& keys, std::vector<double>& scratch, QCPRange* out);

} // namespace vae::ui
