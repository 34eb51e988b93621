#include "ui/data/csv_preview_table.h"

#include <QHeaderView>

#include <algorithm>

namespace vae::ui {
namespace {

constexpr int kMaxColumnWidth = 220;

} // namespace

CsvPreviewTable::CsvPreviewTable(QWidget* parent) : QTableWidget(parent) {
    setEditTriggers(QAbstractItemView::NoEditTriggers);
    setSelectionMode(QAbstractItemView::NoSelection);
    setWordWrap(false);
    horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    horizontalHeader()->setHighlightSections(false);
    verticalHeader()->setDefaultSectionSize(verticalHeader()->minimumSectionSize() + 4);
}

QString CsvPreviewTable::labelSuffix() {
    return tr(" — label");
}

QString CsvPreviewTable::ignoredSuffix() {
    return tr(" — ignored");
}

void CsvPreviewTable::setRawLines(const QStringList& lines) {
    names_ = QStringList{tr("Line as written in the file")};
    label_ = -1;
    ignored_.clear();
    error_column_ = -1;
    clear();
    setColumnCount(1);
    setRowCount(static_cast<int>(lines.size()));
    for (int r = 0; r < rowCount(); ++r)
        setItem(r, 0, new QTableWidgetItem(lines.at(r)));
    updateHeaders();
    horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
}

void CsvPreviewTable::setPreview(const CsvPreview& preview) {
    names_.clear();
    for (const auto& n : preview.column_names)
        names_ << QString::fromStdString(n);
    label_ = -1;
    ignored_.clear();
    error_column_ = -1;
    clear();
    horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    setColumnCount(static_cast<int>(names_.size()));
    setRowCount(static_cast<int>(preview.rows.size()));
    for (int r = 0; r < rowCount(); ++r) {
        const auto& fields = preview.rows[static_cast<std::size_t>(r)];
        // A ragged record shows its extra fields only as far as there are named columns.
        const int n = std::min(columnCount(), static_cast<int>(fields.size()));
        for (int c = 0; c < n; ++c)
            setItem(
                r, c,
                new QTableWidgetItem(QString::fromStdString(fields[static_cast<std::size_t>(c)])));
    }
    updateHeaders();
}

void CsvPreviewTable::setColumnRoles(int label, const std::vector<bool>& ignored) {
    label_ = label;
    ignored_ = ignored;
    updateHeaders();
}

void CsvPreviewTable::setErrorColumn(int column) {
    error_column_ = column;
    updateHeaders();
}

void CsvPreviewTable::updateHeaders() {
    const QColor dim = palette().color(QPalette::Disabled, QPalette::Text);
    QColor tint = palette().color(QPalette::Highlight);
    tint.setAlpha(45);
    for (int c = 0; c < columnCount(); ++c) {
        const bool is_label = c == label_;
        const bool is_ignored = !is_label && c < static_cast<int>(ignored_.size()) &&
                                ignored_[static_cast<std::size_t>(c)];
        QString text = names_.value(c);
        QString tip = text;
        if (is_label) {
            text += labelSuffix();
            tip = tr("“%1” is the label column: it names each row's class and is not "
                     "learned from.")
                      .arg(names_.value(c));
        } else if (is_ignored) {
            text += ignoredSuffix();
            tip = tr("“%1” is ignored.").arg(names_.value(c));
        }
        auto* header = new QTableWidgetItem(text);
        QFont f = font();
        f.setBold(is_label);
        f.setItalic(is_ignored);
        header->setFont(f);
        if (c == error_column_) {
            header->setForeground(QColor(0xb0, 0x00, 0x20));
            tip += QLatin1Char('\n') + tr("The load error is in this column.");
        } else if (is_ignored) {
            header->setForeground(dim);
        }
        header->setToolTip(tip);
        setHorizontalHeaderItem(c, header);
        for (int r = 0; r < rowCount(); ++r) {
            QTableWidgetItem* cell = item(r, c);
            if (!cell)
                continue;
            cell->setForeground(is_ignored ? QBrush(dim) : QBrush());
            cell->setBackground(is_label ? QBrush(tint) : QBrush());
        }
    }
    // The role suffixes change the header widths.
    if (horizontalHeader()->sectionResizeMode(0) == QHeaderView::Stretch)
        return;
    resizeColumnsToContents();
    for (int c = 0; c < columnCount(); ++c)
        setColumnWidth(c, std::min(columnWidth(c), kMaxColumnWidth));
}

} // namespace vae::ui
