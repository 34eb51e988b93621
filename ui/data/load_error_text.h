#pragma once

#include <QString>
#include <QStringList>

namespace vae::ui {

/// A loader message made readable in a dialog: where it happened in words, and the
/// command-line options its hints name replaced by the dialog's own setting names.
struct LoadErrorText {
    QString text;   ///< "data.csv, line 3, column 2 (“weight”): found 'x' in ..."
    int line = 0;   ///< 1-based line of the file, 0 when the message names none
    int column = 0; ///< 1-based field, 0 when the message names none
};

/// Reads `message` in the form DataError::what() gives ("<path>:<line>:<column>: <found>
/// (<hint>)") for the source `path`; `column_names` (the parsed header) name the field.
/// A message that does not start with `path` is kept as it is, apart from the hint wording.
LoadErrorText describe_load_error(const QString& message, const QString& path,
                                  const QStringList& column_names = {});

} // namespace vae::ui
