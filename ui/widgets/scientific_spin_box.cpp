#include "ui/widgets/scientific_spin_box.h"

#include <QRegularExpression>

#include <algorithm>
#include <cmath>

namespace vae::ui {

ScientificSpinBox::ScientificSpinBox(QWidget* parent) : QDoubleSpinBox(parent) {
    // QDoubleSpinBox rounds every value to `decimals`; 12 keeps rates down to 1e-8 exact
    // enough while the text shows only the significant digits.
    setDecimals(12);
    setRange(1e-8, 10.0);
    setValue(1e-3);
}

double ScientificSpinBox::nextInSeries(double value, bool up) {
    if (!(value > 0.0) || !std::isfinite(value))
        return up ? 1e-8 : 0.0;
    static constexpr double kMantissas[] = {1.0, 2.0, 5.0};
    const int exponent = static_cast<int>(std::floor(std::log10(value)));
    // Relative tolerance so that 0.001 stored as 0.0010000000475 still counts as 1e-3.
    const double tolerance = value * 1e-6;
    double best = up ? HUGE_VAL : 0.0;
    for (int e = exponent - 1; e <= exponent + 1; ++e) {
        for (const double m : kMantissas) {
            const double candidate = m * std::pow(10.0, e);
            if (up && candidate > value + tolerance)
                best = std::min(best, candidate);
            if (!up && candidate < value - tolerance)
                best = std::max(best, candidate);
        }
    }
    return best;
}

void ScientificSpinBox::stepBy(int steps) {
    double v = value();
    for (int i = 0; i < std::abs(steps); ++i)
        v = nextInSeries(v, steps > 0);
    setValue(std::clamp(v, minimum(), maximum()));
    selectAll();
}

QString ScientificSpinBox::textFromValue(double value) const {
    // Locales write "1E-05" or "1e-05"; "1e-5" is how rates are written in papers and on the
    // command line, and valueFromText reads it in every locale.
    static const QRegularExpression exponent(QStringLiteral("[eE]\\+?(-?)0*(\\d)"));
    QString text = locale().toString(value, 'g', 4);
    text.replace(exponent, QStringLiteral("e\\1\\2"));
    return text;
}

double ScientificSpinBox::valueFromText(const QString& text) const {
    bool ok = false;
    const double v = locale().toDouble(text.trimmed(), &ok);
    return ok ? v : value();
}

QValidator::State ScientificSpinBox::validate(QString& text, int& /*pos*/) const {
    const QString t = text.trimmed();
    bool ok = false;
    const double v = locale().toDouble(t, &ok);
    if (ok && std::isfinite(v))
        return v >= minimum() && v <= maximum() ? QValidator::Acceptable : QValidator::Intermediate;
    const QString allowed = QStringLiteral("0123456789eE+-") + locale().decimalPoint();
    const bool partial =
        std::all_of(t.begin(), t.end(), [&](QChar c) { return allowed.contains(c); });
    return partial ? QValidator::Intermediate : QValidator::Invalid;
}

} // namespace vae::ui
