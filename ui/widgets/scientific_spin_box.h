#pragma once

#include <QDoubleSpinBox>

namespace vae::ui {

/// A spin box for values that span orders of magnitude, such as learning rates: it shows
/// "0.001" or "1e-5", accepts either notation when typed, and its arrows step along
/// 1, 2, 5 × 10ⁿ, so 1e-3 is two clicks from 1e-4 rather than hundreds.
class ScientificSpinBox : public QDoubleSpinBox {
    Q_OBJECT
public:
    /// Starts with the range [1e-8, 10] and the value 1e-3.
    explicit ScientificSpinBox(QWidget* parent = nullptr);

    /// Moves to the next value of the 1-2-5 series above (steps > 0) or below, within range.
    void stepBy(int steps) override;
    /// Up to four significant digits, with an exponent below 1e-4 ("1e-5", not "1e-05").
    [[nodiscard]] QString textFromValue(double value) const override;
    [[nodiscard]] double valueFromText(const QString& text) const override;
    /// Acceptable for a number in range; Intermediate while it may still become one ("1e-",
    /// "0.0"); Invalid for other characters.
    QValidator::State validate(QString& text, int& pos) const override;

    /// The value after `value` in the 1-2-5 series: the next larger one when `up`, else the
    /// next smaller one.
    [[nodiscard]] static double nextInSeries(double value, bool up);
};

} // namespace vae::ui
