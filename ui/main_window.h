#pragma once

#include "data/dataset.h"
#include "data/load_options.h"
#include "training/trainer.h"
#include "ui/quality/quality_job.h"
#include "ui/widgets/sample_renderer.h"

#include <QDateTime>
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
class QualityPanel;
class RunListModel;
class RunsTable;
class TrainingController;
class TrainingCurvesView;
class TrainingPanel;
class TrainingSession;

/// The application window: the training settings on the left; the dataset overview, the live
/// training curves, the latent plane, the sample-quality figures and the session's runs in
/// tabs on the right; menus for files, training and the view. Loads and quality figures run on
/// a pool thread and training on TrainingSession's thread, so the window never waits for them.
/// Each run that ends gets a row in the Runs table and, unless the Quality page says otherwise,
/// its figures computed.
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

    /// Puts a diverged run's suggested fix into effect: the learning rate or gradient clip in
    /// the settings panel, or the data loaded again with the normalisation named. The app
    /// offers it in the divergence message. False when there is nothing to apply it to.
    bool applySuggestedFix(const SuggestedFix& fix);
    /// Whether the current weights were trained (or changed) since they were last saved or
    /// opened: closing the window then asks Save, Discard or Cancel.
    [[nodiscard]] bool hasUnsavedWeights() const;

    /// Makes the weights of run `row` of the Runs table current (as Open Model does with a
    /// file). False with `error` set during a run or when they do not fit the loaded data.
    bool openRun(int row, QString* error);

    /// Puts the settings panel, the window's size and splitter and the page shown back to their
    /// defaults, and forgets the saved ones (Settings ▸ Restore Defaults).
    void restoreDefaults();

    /// Brings a page to the front: "data", "training", "latent", "quality" or "runs"; false
    /// for another name.
    bool showPage(const QString& name);

    [[nodiscard]] std::shared_ptr<const Dataset> dataset() const { return dataset_; }
    [[nodiscard]] DatasetOverview* overview() const { return overview_; }
    [[nodiscard]] TrainingPanel* trainingPanel() const { return panel_; }
    [[nodiscard]] TrainingCurvesView* curves() const { return curves_; }
    [[nodiscard]] LatentPage* latentPage() const { return latent_; }
    /// The page (tab) shown.
    [[nodiscard]] QWidget* currentPage() const;
    [[nodiscard]] QualityPanel* qualityPanel() const { return quality_; }
    [[nodiscard]] RunsTable* runsTable() const { return runs_; }
    [[nodiscard]] RunListModel* runs() const { return runs_model_; }
    [[nodiscard]] TrainingSession* session() const;

signals:
    /// Emitted when a load ends, well or badly (for scripted runs and tests).
    void datasetLoadFinished(bool ok);
    /// A training run ended (completed, stopped or diverged: true; failed to start: false).
    /// Its row is in runs() by then.
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
    void recordRun();
    void updateQualityContext();
    void onQualityReport(const std::shared_ptr<const QualityReport>& report);
    void showAbout();
    void onLoaded(std::shared_ptr<const Dataset> data, double seconds);
    void onLoadFailed(const QString& message);
    void updateActions();
    void setLoading(bool loading);
    void addRecentFile(const QString& path);
    void rebuildRecentMenu();
    void report(const QString& title, const QString& message);
    /// The divergence message, with the suggested fix as a button when there is one.
    void reportDivergence(const QString& text);
    /// Asks Save, Discard or Cancel for unsaved weights; true when the window may close.
    bool confirmDiscardWeights();
    /// True (and tells the user) when a run is going: no new dataset until it ends.
    bool refuseWhileTraining();

    std::shared_ptr<const Dataset> dataset_;
    QString dataset_source_;
    QString pending_source_;      ///< the source of the load in progress
    LoadOptions pending_options_; ///< the options of the load in progress
    LoadOptions dataset_options_; ///< the options dataset_ was loaded with
    bool weights_unsaved_ = false;
    TrainingConfig panel_defaults_; ///< the settings panel as it starts, for Restore Defaults
    DatasetLoadJob* load_job_ = nullptr;
    TrainingController* controller_ = nullptr;

    QSplitter* splitter_ = nullptr;
    TrainingPanel* panel_ = nullptr;
    QTabWidget* tabs_ = nullptr;
    DatasetOverview* overview_ = nullptr;
    TrainingCurvesView* curves_ = nullptr;
    LatentPage* latent_ = nullptr;
    QualityPanel* quality_ = nullptr;
    RunListModel* runs_model_ = nullptr;
    RunsTable* runs_ = nullptr;
    SampleRenderer renderer_; ///< draws run thumbnails for the loaded data
    QDateTime run_started_;
    QString run_source_; ///< the dataset source of the run going on
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
    QAction* export_runs_ = nullptr;
};

} // namespace vae::ui
