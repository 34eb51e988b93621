#pragma once

#include "data/dataset.h"
#include "data/load_options.h"

#include <QMainWindow>

#include <memory>

class QLabel;
class QMenu;
class QProgressBar;
class QPushButton;

namespace vae::ui {

class DatasetLoadJob;
class DatasetOverview;

/// The application window: menus, the dataset overview in the middle, the loaded dataset
/// and load progress in the status bar.
class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    /// Starts loading `source` (a path or builtin:NAME) off the GUI thread.
    void openSource(const QString& source, const LoadOptions& options = {});
    [[nodiscard]] std::shared_ptr<const Dataset> dataset() const { return dataset_; }
    [[nodiscard]] DatasetOverview* overview() const { return overview_; }

signals:
    /// Emitted when a load ends, well or badly (for scripted runs and tests).
    void datasetLoadFinished(bool ok);

protected:
    void closeEvent(QCloseEvent* event) override;
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;

private:
    void buildMenus();
    void openDatasetDialog();
    void showAbout();
    void onLoaded(std::shared_ptr<const Dataset> data, double seconds);
    void onLoadFailed(const QString& message);
    void setLoading(bool loading);

    std::shared_ptr<const Dataset> dataset_;
    DatasetLoadJob* load_job_ = nullptr;
    DatasetOverview* overview_ = nullptr;
    QLabel* status_ = nullptr;
    QProgressBar* progress_ = nullptr;
    QPushButton* cancel_ = nullptr;
    QString pending_source_;
};

} // namespace vae::ui
