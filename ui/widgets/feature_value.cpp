#include "ui/widgets/feature_value.h"

#include <QCoreApplication>

#include <cmath>

namespace vae::ui {

double range_position(const FeatureValue& f) {
    const double span = f.hi - f.lo;
    if (!(span > 0.0) || !std::isfinite(span) || !std::isfinite(f.value))
        return 0.5;
    return (f.value - f.lo) / span;
}

QString feature_number_text(double v) {
    if (!std::isfinite(v))
        return QStringLiteral("–");
    // 'g' would print 4350.2 as 4350 but 12345 as 1.234e+04: whole thousands read better.
    if (std::abs(v) >= 1e4 && std::abs(v) < 1e9)
        return QString::number(std::round(v), 'f', 0);
    return QString::number(v, 'g', 4);
}

QString feature_value_text(const FeatureValue& f) {
    if (f.categorical())
        return QStringLiteral("%1 (%2)").arg(f.category, QString::number(f.score, 'f', 2));
    return feature_number_text(f.value);
}

QString out_of_range_text(const FeatureValue& f) {
    return QCoreApplication::translate("vae::ui::FeatureValue",
                                       "outside the training range [%1, %2]")
        .arg(feature_number_text(f.lo), feature_number_text(f.hi));
}

} // namespace vae::ui
