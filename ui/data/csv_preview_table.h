#pragma once

#include "data/csv_reader.h"

#include <QTableWidget>

#include <vector>

namespace vae::ui {

/// The first records of a CSV file as the reader split them, with the role the user gave
/// each column visible at a glance: the label column highlighted, ignored columns greyed,
/// the column a load error points at in red.
class CsvPreviewTable : public QTableWidget {
    Q_OBJECT
public:
    explicit CsvPreviewTable(QWidget* parent = nullptr);

    /// Shows `preview`'s column names and rows; column marks are reset.
    void setPreview(const CsvPreview& preview);
    /// Shows lines of the file as they are, one per row, numbered from 1: what the user needs
    /// to see when no columns can be read (a title line to skip, a wrong delimiter).
    void setRawLines(const QStringList& lines);
    /// `label`: column index or -1; `ignored`: one flag per column (shorter means not ignored).
    void setColumnRoles(int label, const std::vector<bool>& ignored);
    /// Marks the 0-based column a load error is about; -1 clears the mark.
    void setErrorColumn(int column);

    /// Appended to a header name to say what the column is used for.
    static QString labelSuffix();
    static QString ignoredSuffix();

private:
    void updateHeaders();

    QStringList names_;
    int label_ = -1;
    std::vector<bool> ignored_;
    int error_column_ = -1;
};

} // namespace vae::ui
