#pragma once

#include "data/load_options.h"

#include <QSet>
#include <QString>
#include <QStringList>
#include <QWidget>

#include <vector>

class QComboBox;
class QLabel;
class QListWidget;
class QSpinBox;

namespace vae::ui {

/// Every reader setting of a CSV import as a form: how the file is split (delimiter, header,
/// skipped lines, row limit), which column is the label and which are ignored, and how values
/// are treated (text columns, missing values, normalization, image shape). The column pickers
/// list the header of the latest preview and keep the user's picks by name across re-parses.
class CsvSettingsForm : public QWidget {
    Q_OBJECT
public:
    /// Shows `initial`; its label and ignored columns are matched on the first setColumns.
    explicit CsvSettingsForm(const LoadOptions& initial, QWidget* parent = nullptr);

    /// The settings as shown (no progress callback). Columns are given by header name, or by
    /// position for a repeated name, which is how the reader resolves them.
    [[nodiscard]] LoadOptions options() const;
    /// False while the image shape text is not a shape; the problem is shown under the field.
    [[nodiscard]] bool isValid() const;

    /// Shows what the reader detected where the choice was left to it ("Auto (detected: tab)").
    void setDetected(char delimiter, bool header, char decimal = '.');
    /// The header of the latest preview. Picks are kept by name; a column that kept its
    /// position but lost its name (header switched off) keeps its role. Emits nothing.
    void setColumns(const QStringList& names);
    [[nodiscard]] const QStringList& columns() const { return columns_; }
    /// The reader's proposal for the label column (-1: none) and why; taken when the initial
    /// label column is "auto" and the user has not picked one. Call before setColumns.
    void setProposedLabel(int index, const QString& reason);
    /// Index of the label column in columns(), -1 for none.
    [[nodiscard]] int labelIndex() const;
    /// One flag per column of columns(); the label column is never flagged.
    [[nodiscard]] std::vector<bool> ignoredFlags() const;

signals:
    /// The user changed any setting.
    void settingsChanged();
    /// The user changed the label or the ignored columns (also followed by settingsChanged).
    void columnRolesChanged();

private:
    void buildControls();
    void applyInitialOptions();
    void connectControls();
    void resolveInitialColumns();
    void updateColumnItems();
    void updateImageShapeNote();
    [[nodiscard]] QString columnSpec(int index) const;

    LoadOptions initial_;
    bool initial_columns_resolved_ = false;
    bool repopulating_ = false; ///< set while code, not the user, changes the pickers

    QStringList columns_;
    /// What the user picked, by name, so a re-parse that brings the column back restores it.
    QString wanted_label_;
    int proposed_label_ = -1;
    QString proposed_label_reason_;
    QSet<QString> wanted_ignored_;

    QComboBox* delimiter_ = nullptr;
    QComboBox* decimal_ = nullptr;
    QComboBox* header_ = nullptr;
    QSpinBox* skip_rows_ = nullptr;
    QSpinBox* limit_ = nullptr;
    QComboBox* label_ = nullptr;
    QListWidget* ignore_ = nullptr;
    QComboBox* categorical_ = nullptr;
    QComboBox* missing_ = nullptr;
    QComboBox* normalization_ = nullptr;
    QComboBox* image_shape_ = nullptr;
    QLabel* image_shape_note_ = nullptr;
};

} // namespace vae::ui
