#include "ui/training/layers_text.h"

#include <QCoreApplication>
#include <QRegularExpression>
#include <QStringList>

#include <algorithm>

namespace vae::ui {
namespace {

constexpr std::size_t kMaxHiddenWidth = 16384;
constexpr std::size_t kMaxHiddenLayers = 16;

QString translated(const char* text) {
    return QCoreApplication::translate("vae::ui::TrainingPanel", text);
}

} // namespace

std::optional<ArchitectureSpec> parse_layers_text(const QString& text, QString* error) {
    const QString trimmed = text.trimmed();
    const bool named = trimmed.contains(QLatin1Char(':')) || trimmed == QLatin1String("linear") ||
                       std::ranges::count(architecture_preset_names(), trimmed.toStdString()) > 0;
    if (named) {
        try {
            return resolve_architecture(trimmed.toStdString());
        } catch (const ArchitectureSpecError& e) {
            if (error)
                *error = translated("layers: %1").arg(QString::fromStdString(e.what()));
            return std::nullopt;
        }
    }
    static const QRegularExpression separators(QStringLiteral("[,;\\s]+"));
    ArchitectureSpec spec;
    for (const QString& part : trimmed.split(separators, Qt::SkipEmptyParts)) {
        bool ok = false;
        const qulonglong w = part.toULongLong(&ok);
        if (!ok) {
            if (error)
                *error = translated("layers: '%1' is not a width; write widths such as \"512, "
                                    "256\" or a spec such as conv:32,64/dense:256")
                             .arg(part);
            return std::nullopt;
        }
        spec.dense.push_back(static_cast<std::size_t>(w));
    }
    return spec;
}

QString layers_text(const ArchitectureSpec& spec) {
    if (!spec.conv.empty())
        return QString::fromStdString(architecture_spec_text(spec));
    QStringList parts;
    for (const auto w : spec.dense)
        parts << QString::number(w);
    return parts.join(QStringLiteral(", "));
}

QValidator::State LayersValidator::validate(QString& text, int& /*pos*/) const {
    const auto spec = parse_layers_text(text);
    if (!spec || spec->dense.size() > kMaxHiddenLayers)
        return Intermediate;
    const bool in_range = std::all_of(spec->dense.begin(), spec->dense.end(),
                                      [](std::size_t w) { return w >= 1 && w <= kMaxHiddenWidth; });
    return in_range ? Acceptable : Intermediate;
}

} // namespace vae::ui
