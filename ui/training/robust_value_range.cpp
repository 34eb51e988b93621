#include "ui/training/robust_value_range.h"

#include <qcustomplot.h>

#include <algorithm>
#include <cmath>
#include <limits>

namespace vae::ui {

bool robust_value_range(const std::vector<QCPGraph*>& noisy, const std::vector<QCPGraph*>& exact,
                        const QCPRange& keys, std::vector<double>& scratch, QCPRange* out) {
    scratch.clear();
    for (const QCPGraph* g : noisy) {
        if (!g->visible())
            continue;
        const auto end = g->data()->findEnd(keys.upper);
        for (auto it = g->data()->findBegin(keys.lower); it != end; ++it)
            if (std::isfinite(it->value))
                scratch.push_back(it->value);
    }
    bool found = !scratch.empty();
    double lower = std::numeric_limits<double>::infinity();
    double upper = -lower;
    if (found) {
        const auto n = scratch.size();
        const auto cut = static_cast<std::size_t>(kOutlierShare * static_cast<double>(n));
        auto lo = scratch.begin() + static_cast<std::ptrdiff_t>(cut);
        auto hi = scratch.begin() + static_cast<std::ptrdiff_t>(n - 1 - cut);
        std::nth_element(scratch.begin(), lo, scratch.end());
        lower = *lo;
        std::nth_element(lo, hi, scratch.end());
        upper = *hi;
    }
    for (const QCPGraph* g : exact) {
        bool has = false;
        const QCPRange r = g->visible() ? g->getValueRange(has, QCP::sdBoth, keys) : QCPRange();
        if (has) {
            lower = std::min(lower, r.lower);
            upper = std::max(upper, r.upper);
            found = true;
        }
    }
    if (!found)
        return false;
    const double pad =
        upper > lower ? 0.06 * (upper - lower) : std::max(1e-3, 0.05 * std::abs(upper));
    *out = QCPRange(lower - pad, upper + pad);
    return true;
}

} // namespace vae::ui
