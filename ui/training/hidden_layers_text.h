#pragma once

#include <QString>
#include <QValidator>

#include <cstddef>
#include <optional>
#include <vector>

namespace vae::ui {

/// The widths in a hidden-layer text such as "512, 256" (commas or spaces between widths; empty
/// for no hidden layer), or nullopt with `error` naming the first part that is not a width.
std::optional<std::vector<std::size_t>> parse_hidden_layers(const QString& text,
                                                            QString* error = nullptr);

/// "512, 256": the one way the settings write a list of hidden widths.
QString hidden_layers_text(const std::vector<std::size_t>& widths);

/// Acceptable for up to 16 hidden widths of 1 to 16384. Never rejects a keystroke: a
/// half-typed or wrong list is Intermediate, and the panel says under the form what is wrong
/// with it, which helps more than a key that does nothing.
class HiddenLayersValidator : public QValidator {
public:
    using QValidator::QValidator;
    State validate(QString& text, int& pos) const override;
};

} // namespace vae::ui
