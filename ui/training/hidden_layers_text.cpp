#include "ui/training/hidden_layers_text.h"

#include <QCoreApplication>
#include <QRegularExpression>
#include <QStringList>

#include <algorithm>

namespace vae::ui {
namespace {

constexpr std::size_t kMaxHiddenWidth = 16384;
constexpr std::size_t kMaxHiddenLayers = 16;

} // namespace

std::optional<std::vector<std::size_t>> parse_hidden_layers(const QString& text, QString* error) {
    static const QRegularExpression separators(QStringLiteral("[,;\\s]+"));
    std::vector<std::size_t> widths;
    for (const QString& part : text.split(separators, Qt::SkipEmptyParts)) {
        bool ok = false;
        const qulonglong w = part.toULongLong(&ok);
        if (!ok) {
            if (error)
                *error = QCoreApplication::translate("vae::ui::TrainingPanel",
                                                     "hidden layers: '%1' is not a width")
                             .arg(part);
            return std::nullopt;
        }
        widths.push_back(static_cast<std::size_t>(w));
    }
    return widths;
}

QString hidden_layers_text(const std::vector<std::size_t>& widths) {
    QStringList parts;
    for (const auto w : widths)
        parts << QString::number(w);
    return parts.join(QStringLiteral(", "));
}

QValidator::State HiddenLayersValidator::validate(QString& text, int& /*pos*/) const {
    const auto widths = parse_hidden_layers(text);
    if (!widths || widths->size() > kMaxHiddenLayers)
        return Intermediate;
    const bool in_range = std::all_of(widths->begin(), widths->end(),
                                      [](std::size_t w) { return w >= 1 && w <= kMaxHiddenWidth; });
    return in_range ? Acceptable : Intermediate;
}

} // namespace vae::ui
