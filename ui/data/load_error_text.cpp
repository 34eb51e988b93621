#include "ui/data/load_error_text.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QRegularExpression>

#include <utility>

namespace vae::ui {
namespace {

QString tr(const char* text) {
    return QCoreApplication::translate("vae::ui::CsvImportDialog", text);
}

/// The loader's hints speak the command line's language; a dialog user knows the settings.
/// Keep these names in step with the labels in CsvImportDialog.
QString gui_wording(QString text) {
    const std::pair<QString, QString> fixed[] = {
        {QStringLiteral("--missing drop"), tr("“Missing values: Drop rows”")},
        {QStringLiteral("--missing mean"), tr("“Missing values: Fill with column mean”")},
        {QStringLiteral("--categorical onehot"), tr("“Text columns: One-hot encode”")},
        {QStringLiteral("--categorical drop"), tr("“Text columns: Drop them”")},
        {QStringLiteral("--image-shape none"), tr("“Image shape: Table (no image)”")},
        {QStringLiteral("--drop-columns"), tr("“Ignore columns”")},
    };
    for (const auto& [option, setting] : fixed)
        text.replace(option, setting);
    static const QRegularExpression skip(QStringLiteral("--skip-rows (\\d+)"));
    text.replace(skip, tr("“Skip rows: \\1”"));
    text.replace(QStringLiteral("--skip-rows"), tr("“Skip rows”"));
    text.replace(QStringLiteral("--image-shape"), tr("image shape"));
    return text;
}

} // namespace

LoadErrorText describe_load_error(const QString& message, const QString& path,
                                  const QStringList& column_names) {
    LoadErrorText out;
    if (path.isEmpty() || !message.startsWith(path)) {
        out.text = gui_wording(message);
        return out;
    }
    static const QRegularExpression where(QStringLiteral("^(?::(\\d+))?(?::(\\d+))?: "));
    const QString rest = message.mid(path.size());
    const auto m = where.match(rest);
    if (!m.hasMatch()) {
        out.text = gui_wording(message);
        return out;
    }
    out.line = m.captured(1).toInt();
    out.column = m.captured(2).toInt();
    QString place = QFileInfo(path).fileName();
    if (out.line > 0)
        place = tr("%1, line %2").arg(place).arg(out.line);
    if (out.column > 0) {
        place = tr("%1, column %2").arg(place).arg(out.column);
        if (out.column <= column_names.size())
            place += QStringLiteral(" (“%1”)").arg(column_names.at(out.column - 1));
    }
    out.text = place + QStringLiteral(": ") + gui_wording(rest.mid(m.capturedLength()));
    return out;
}

} // namespace vae::ui
