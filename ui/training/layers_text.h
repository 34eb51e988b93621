#pragma once

#include "vae/architecture_spec.h"

#include <QString>
#include <QValidator>

#include <optional>

namespace vae::ui {

/// The encoder layers in a settings text: a preset name ("conv-small"), a spec
/// ("conv:32,64/dense:256", see parse_architecture_spec), or a plain list of dense widths
/// ("512, 256", commas or spaces between them; empty for none, a linear model), the form older
/// settings files hold. nullopt with `error` naming the first bad part.
std::optional<ArchitectureSpec> parse_layers_text(const QString& text, QString* error = nullptr);

/// The one way the settings write layers: "512, 256" for dense layers only, as before conv
/// layers existed, else the spec ("conv:32,64/dense:256").
QString layers_text(const ArchitectureSpec& spec);

/// Acceptable for text parse_layers_text reads, with up to 16 dense widths of 1 to 16384. Never
/// rejects a keystroke: a half-typed or wrong spec is Intermediate, and the panel says under the
/// form what is wrong with it, which helps more than a key that does nothing.
class LayersValidator : public QValidator {
public:
    using QValidator::QValidator;
    State validate(QString& text, int& pos) const override;
};

} // namespace vae::ui
