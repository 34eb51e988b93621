#pragma once

#include "data/dataset.h"
#include "data/load_options.h"

#include <QMainWindow>
#include <QStringList>

#include <memory>

class QAction;
class QLabel;
class QMenu;
class QProgressBar;
class QPushButton;
class QSplitter;
class QTabWidget;

namespace vae::ui {

class DatasetLoadJob;
class DatasetOverview;
class LatentPage;
class TrainingController;
class TrainingCurvesView;
class TrainingPanel;
class TrainingSession;

/// The application window: the training settings on the left; the dataset overview and the
/// live training curves in tabs on the right; menus for files, training and the view. Loads
/// run on a pool thread and training on TrainingSession's thread, so the window never waits
/// for either.
class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    /// Starts loading `source` (a path or builtin:NAME) off the GUI thread. Refused, with a
    /// message, while a training run is going.
    void openSource(const QString& source, const LoadOptions& options = {});
    /// Opens a file the way the user's File ▸ Open would: the import dialog for CSV files.
    void openFile(const QString& path);
    /// Starts (or continues) training with the panel's settings; false when it cannot.
    bool startTraining();
    /// Forgets the current weights: the next run starts afresh. Not during a run.
    void resetWeights();
    /// Writes the current weights and what they were trained on to `path` (.vaem, atomic).
    /// False with `error` set when there is nothing to save or the file cannot be written.
    bool saveModel(const QString& path, QString* error);
    /// Loads a .vaem: its weights become the current ones (Start continues from them) and the
    /// panel takes its architecture. False with `error` set when the file is bad or does not
    /// fit the loaded data.
    bool openModel(const QString& path, QString* error);

    /// Brings a page to the front: "data", "training" or "latent"; false for another name.
    bool showPage(const QString& name);

    [[nodiscard]] std::shared_ptr<const Dataset> dataset() const { return dataset_; }
    [[nodiscard]] DatasetOverview* overview() const { return overview_; }
    [[nodiscard]] TrainingPanel* trainingPanel() const { return panel_; }
    [[nodiscard]] TrainingCurvesView* curves() const { return curves_; }
    [[nodiscard]] LatentPage* latentPage() const { return latent_; }
    [[nodiscard]] TrainingSession* session() const;

signals:
    /// Emitted when a load ends, well or badly (for scripted runs and tests).
    void datasetLoadFinished(bool ok);
    /// A training run ended (completed, stopped or diverged: true; failed to start: false).
    void trainingFinished(bool ok);

protected:
    void closeEvent(QCloseEvent* event) override;
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;

private:
    void buildMenus();
    void buildFileMenu();
    void buildTrainingMenu();
    void buildViewMenu();
    void connectTraining();
    void openDatasetDialog();
    void openModelDialog();
    void saveModelDialog();
    void exportCurves(bool image);
    void showAbout();
    void onLoaded(std::shared_ptr<const Dataset> data, double seconds);
    void onLoadFailed(const QString& message);
    void updateActions();
    void setLoading(bool loading);
    void addRecentFile(const QString& path);
    void rebuildRecentMenu();
    void report(const QString& title, const QString& message);
    /// True (and tells the user) when a run is going: no new dataset until it ends.
    bool refuseWhileTraining();

    std::shared_ptr<const Dataset> dataset_;
    QString dataset_source_;
    QString pending_source_; ///< the source of the load in progress
    DatasetLoadJob* load_job_ = nullptr;
    TrainingController* controller_ = nullptr;

    QSplitter* splitter_ = nullptr;
    TrainingPanel* panel_ = nullptr;
    QTabWidget* tabs_ = nullptr;
    DatasetOverview* overview_ = nullptr;
    TrainingCurvesView* curves_ = nullptr;
    LatentPage* latent_ = nullptr;
    QLabel* status_ = nullptr;
    QProgressBar* progress_ = nullptr;
    QPushButton* cancel_ = nullptr;
    QMenu* recent_menu_ = nullptr;

    QAction* start_ = nullptr;
    QAction* pause_ = nullptr;
    QAction* stop_ = nullptr;
    QAction* reset_ = nullptr;
    QAction* save_model_ = nullptr;
    QAction* export_csv_ = nullptr;
    QAction* export_image_ = nullptr;
};

} // namespace vae::ui
