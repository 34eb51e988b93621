#pragma once

#include "data/dataset.h"
#include "data/load_options.h"

#include <QDialog>
#include <QString>
#include <QTimer>

#include <memory>

class QDialogButtonBox;
class QLabel;
class QProgressBar;
class QPushButton;
class QTableWidget;

namespace vae::ui {

class CsvPreviewTable;
class CsvSettingsForm;
class DatasetLoadJob;

/// Lets the user check how a CSV file will be read before loading it: a live preview of the
/// first records as parsed next to every reader setting (delimiter, header, label column,
/// ignored columns, missing values, image shape, ...). The load runs off the GUI thread; a
/// failed load is explained inline and the dialog stays open so the setting can be fixed.
class CsvImportDialog : public QDialog {
    Q_OBJECT
public:
    /// Starts previewing `path` with the settings of `initial` (unset ones are detected); the
    /// file is read off the GUI thread and previewUpdated() tells when the preview is shown.
    explicit CsvImportDialog(const QString& path, const LoadOptions& initial = {},
                             QWidget* parent = nullptr);
    ~CsvImportDialog() override;

    /// The reader settings as the dialog currently shows them (no progress callback).
    [[nodiscard]] LoadOptions options() const;
    /// The dataset of the last successful load, else null.
    [[nodiscard]] std::shared_ptr<const Dataset> dataset() const { return dataset_; }
    /// The problem shown inline (preview or load error), empty when there is none.
    [[nodiscard]] QString errorText() const;
    [[nodiscard]] const QTableWidget* previewTable() const;
    /// True while a preview is being read (or waits for the settings to settle).
    [[nodiscard]] bool previewPending() const;

    /// True for the names this dialog is meant for: .csv, .tsv, .txt, each optionally .gz.
    static bool isCsvLike(const QString& path);

signals:
    /// The load succeeded; the dialog accepts right after.
    void datasetLoaded(std::shared_ptr<const vae::Dataset> data, double seconds);
    /// The preview was read again after a change of settings (for tests and scripted use).
    void previewUpdated();

public slots:
    /// While a load runs, cancels the load and keeps the dialog open; otherwise closes it.
    void reject() override;

private:
    void schedulePreview();
    void refreshPreview();
    struct PreviewOutcome;
    void showPreview(const PreviewOutcome& outcome);
    void updateColumnMarks();
    void updateLoadButton();
    void showError(const QString& message);
    void clearError();
    void startLoad();
    void setLoading(bool loading);
    void onLoaded(std::shared_ptr<const Dataset> data, double seconds);
    void onLoadFailed(const QString& message);

    QString path_;
    bool loading_ = false;

    CsvSettingsForm* form_ = nullptr;
    QLabel* preview_info_ = nullptr;
    CsvPreviewTable* preview_ = nullptr;
    QLabel* error_ = nullptr;
    QLabel* load_status_ = nullptr;
    QProgressBar* progress_ = nullptr;
    QDialogButtonBox* buttons_ = nullptr;
    QPushButton* load_button_ = nullptr;

    QTimer preview_timer_;
    quint64 preview_generation_ = 0; ///< the newest preview asked for
    quint64 preview_shown_ = 0;      ///< the newest preview shown
    DatasetLoadJob* job_ = nullptr;
    std::shared_ptr<const Dataset> dataset_;
};

} // namespace vae::ui
