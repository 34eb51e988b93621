#include "ui/main_window.h"

#include "data/dataset_loader.h"
#include "data/load_error.h"
#include "io/model_file.h"
#include "io/trained_model_file.h"
#include "training/suggested_fix.h"
#include "ui/data/csv_import_dialog.h"
#include "ui/data/dataset_load_job.h"
#include "ui/data/dataset_overview.h"
#include "ui/latent/latent_page.h"
#include "ui/quality/prior_samples.h"
#include "ui/quality/quality_panel.h"
#include "ui/runs/run_list_model.h"
#include "ui/runs/runs_table.h"
#include "ui/training/training_controller.h"
#include "ui/training/training_curves_view.h"
#include "ui/training/training_panel.h"
#include "ui/training/training_session.h"
#include "ui/training/training_settings_store.h"
#include "ui/widgets/last_directory.h"
#include "ui/widgets/save_path_dialog.h"

#include <QCloseEvent>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QMessageBox>
#include <QMimeData>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollArea>
#include <QSettings>
#include <QSplitter>
#include <QStatusBar>
#include <QTabWidget>

#include <limits>

namespace vae::ui {
namespace {

/// Prior samples kept with each run for its thumbnail and the side-by-side comparison; the
/// Quality panel's grid shows the same ones (same count and seed).
constexpr std::size_t kRunSamples = 32;

} // namespace

MainWindow::MainWindow(QWidget* parent) : QMainWindow(parent) {
    setWindowTitle(QStringLiteral("VAE Explorer"));
    setAcceptDrops(true);

    panel_ = new TrainingPanel(this);
    overview_ = new DatasetOverview(this);
    curves_ = new TrainingCurvesView(this);
    controller_ = new TrainingController(panel_, curves_, this);
    tabs_ = new QTabWidget(this);
    tabs_->addTab(overview_, tr("&Data"));
    tabs_->addTab(curves_, tr("&Training"));
    latent_ = new LatentPage(this);
    tabs_->addTab(latent_, tr("&Latent Plane"));
    quality_ = new QualityPanel(this);
    quality_->setQualityFunction(&vae::evaluate_sample_quality);
    tabs_->addTab(quality_, tr("&Quality"));
    runs_model_ = new RunListModel(this);
    runs_ = new RunsTable(runs_model_, this);
    tabs_->addTab(runs_, tr("R&uns"));

    auto* panel_scroll = new QScrollArea(this);
    panel_scroll->setWidget(panel_);
    panel_scroll->setWidgetResizable(true);
    panel_scroll->setFrameShape(QFrame::NoFrame);
    panel_scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    splitter_ = new QSplitter(Qt::Horizontal, this);
    splitter_->setObjectName(QStringLiteral("mainSplitter"));
    splitter_->addWidget(panel_scroll);
    splitter_->addWidget(tabs_);
    splitter_->setStretchFactor(0, 0);
    splitter_->setStretchFactor(1, 1);
    splitter_->setCollapsible(1, false);
    setCentralWidget(splitter_);

    status_ = new QLabel(tr("No dataset"), this);
    progress_ = new QProgressBar(this);
    progress_->setRange(0, 1000);
    progress_->setMaximumWidth(200);
    cancel_ = new QPushButton(tr("Cancel"), this);
    statusBar()->addWidget(status_, 1);
    statusBar()->addPermanentWidget(progress_);
    statusBar()->addPermanentWidget(cancel_);
    setLoading(false);

    load_job_ = new DatasetLoadJob(this);
    connect(load_job_, &DatasetLoadJob::progressChanged, this,
            [this](double f) { progress_->setValue(static_cast<int>(f * 1000)); });
    connect(load_job_, &DatasetLoadJob::loaded, this, &MainWindow::onLoaded);
    connect(load_job_, &DatasetLoadJob::failed, this, &MainWindow::onLoadFailed);
    connect(load_job_, &DatasetLoadJob::cancelled, this, [this] {
        setLoading(false);
        statusBar()->showMessage(tr("Loading cancelled"), 5000);
        emit datasetLoadFinished(false);
    });
    connect(cancel_, &QPushButton::clicked, load_job_, &DatasetLoadJob::cancel);

    buildMenus();
    connectTraining();
    updateActions();

    QSettings settings;
    if (!restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray()))
        resize(1280, 820);
    if (!splitter_->restoreState(settings.value(QStringLiteral("window/splitter")).toByteArray()))
        splitter_->setSizes({340, 940});
    bool auto_likelihood = true;
    panel_defaults_ = panel_->config();
    panel_->setConfig(load_training_settings(settings, panel_defaults_, auto_likelihood));
    panel_->setAutoLikelihood(auto_likelihood);
    const int page = settings.value(QStringLiteral("window/page"), 0).toInt();
    if (page >= 0 && page < tabs_->count())
        tabs_->setCurrentIndex(page);
}

void MainWindow::restoreDefaults() {
    QSettings settings;
    clear_training_settings(settings);
    settings.remove(QStringLiteral("window"));
    panel_->setConfig(panel_defaults_);
    panel_->setAutoLikelihood(true);
    resize(1280, 820);
    splitter_->setSizes({340, 940});
    tabs_->setCurrentIndex(0);
    statusBar()->showMessage(tr("Settings restored to their defaults"), 8000);
}

MainWindow::~MainWindow() = default;

void MainWindow::connectTraining() {
    connect(panel_, &TrainingPanel::startRequested, this, &MainWindow::startTraining);
    connect(controller_, &TrainingController::changed, this, &MainWindow::updateActions);
    connect(session(), &TrainingSession::resultsUpdated, this,
            [this] { latent_->setResults(session()->model(), session()->snapshot()); });
    connect(controller_, &TrainingController::message, this,
            [this](const QString& text) { statusBar()->showMessage(text, 10000); });
    connect(controller_, &TrainingController::changed, this, &MainWindow::updateQualityContext);
    connect(controller_, &TrainingController::runEnded, this,
            [this](const QString& text, bool diverged) {
                statusBar()->showMessage(text, 15000);
                recordRun();
                weights_unsaved_ = session()->model() != nullptr;
                if (diverged)
                    reportDivergence(text);
                emit trainingFinished(true);
            });
    connect(quality_, &QualityPanel::reportReady, this, &MainWindow::onQualityReport);
    connect(quality_, &QualityPanel::sampleChosen, this,
            [this](const Matrix& x, const QString& caption) {
                latent_->showNearestOf(x, caption);
                tabs_->setCurrentWidget(latent_);
            });
    connect(runs_, &RunsTable::openModelRequested, this, [this](int row) {
        QString error;
        if (!openRun(row, &error))
            report(tr("Cannot open the run's model"), error);
    });
    connect(runs_, &RunsTable::problem, this, &MainWindow::report);
    connect(runs_, &RunsTable::message, this,
            [this](const QString& text) { statusBar()->showMessage(text, 8000); });
    connect(controller_, &TrainingController::runFailed, this, [this](const QString& reason) {
        report(tr("Cannot train"), reason);
        emit trainingFinished(false);
    });
}

TrainingSession* MainWindow::session() const {
    return controller_->session();
}

void MainWindow::updateQualityContext() {
    quality_->setContext(session()->model(), dataset_, controller_->runConfig());
}

void MainWindow::recordRun() {
    const auto model = session()->model();
    const auto& result = controller_->lastResult();
    if (!model || !result)
        return;
    RunRecord run;
    run.started = run_started_;
    run.dataset = run_source_;
    run.config = controller_->runConfig();
    run.epochs = result->epochs_completed;
    run.val_elbo = result->last_epoch ? result->last_epoch->val_elbo
                                      : std::numeric_limits<double>::quiet_NaN();
    run.end = result->end == TrainingResult::End::Completed ? tr("completed")
              : result->end == TrainingResult::End::Stopped ? tr("stopped")
                                                            : tr("diverged");
    run.model = model;
    run.data = controller_->weightsData();
    // A few dozen rows through the decoder: well under the time of a frame.
    run.samples = prior_sample_images(*model, renderer_, kRunSamples, quality_->options().seed);
    runs_model_->addRun(std::move(run));
    updateActions();
    updateQualityContext();
    if (quality_->autoCompute())
        quality_->compute();
}

void MainWindow::onQualityReport(const std::shared_ptr<const QualityReport>& report) {
    runs_model_->setReport(report, row_images(report->prior, renderer_));
}

bool MainWindow::openRun(int row, QString* error) {
    if (row < 0 || row >= runs_model_->runCount()) {
        *error = tr("There is no such run.");
        return false;
    }
    if (session()->busy()) {
        *error = tr("Stop the training run before opening another run's model.");
        return false;
    }
    const RunRecord& run = runs_model_->run(row);
    if (!dataset_ || run.model->input_dim() != dataset_->cols()) {
        *error = tr("Run %1 trained on %2, which has %3 columns: open that dataset first.")
                     .arg(run.number)
                     .arg(run.dataset)
                     .arg(run.model->input_dim());
        return false;
    }
    // The run's own settings come with its weights: Start continues the way it trained.
    TrainingConfig config = run.config;
    config.epochs = panel_->config().epochs;
    panel_->setConfig(config);
    controller_->adoptModel(run.model, run.data);
    panel_->showMessage(
        tr("Run %1's weights are current: Start continues training from them").arg(run.number));
    if (run.report)
        quality_->showReport(run.report);
    // Same width, other data (MNIST and Fashion-MNIST, say): allowed, but worth saying.
    statusBar()->showMessage(
        run.dataset == dataset_source_
            ? tr("Opened the model of run %1").arg(run.number)
            : tr("Opened the model of run %1, trained on %2").arg(run.number).arg(run.dataset),
        8000);
    updateActions();
    return true;
}

QWidget* MainWindow::currentPage() const {
    return tabs_->currentWidget();
}

bool MainWindow::showPage(const QString& name) {
    QWidget* page = name == QLatin1String("data")       ? static_cast<QWidget*>(overview_)
                    : name == QLatin1String("training") ? static_cast<QWidget*>(curves_)
                    : name == QLatin1String("latent")   ? static_cast<QWidget*>(latent_)
                    : name == QLatin1String("quality")  ? static_cast<QWidget*>(quality_)
                    : name == QLatin1String("runs")     ? static_cast<QWidget*>(runs_)
                                                        : nullptr;
    if (page)
        tabs_->setCurrentWidget(page);
    return page != nullptr;
}

bool MainWindow::startTraining() {
    QString error;
    controller_->setSnapshotPoints(latent_->pointLimit());
    if (!controller_->start(&error)) {
        report(tr("Cannot start training"), error);
        return false;
    }
    run_started_ = QDateTime::currentDateTime();
    run_source_ = dataset_source_;
    weights_unsaved_ = true;
    tabs_->setCurrentWidget(curves_);
    return true;
}

void MainWindow::resetWeights() {
    controller_->resetWeights();
    weights_unsaved_ = false;
}

bool MainWindow::hasUnsavedWeights() const {
    return weights_unsaved_ && session()->model() != nullptr;
}

bool MainWindow::applySuggestedFix(const SuggestedFix& fix) {
    if (session()->busy())
        return false;
    TrainingConfig config = panel_->config();
    switch (fix.setting) {
    case SuggestedFix::Setting::LearningRate:
        config.learning_rate = static_cast<float>(fix.value);
        break;
    case SuggestedFix::Setting::ClipNorm:
        config.clip_norm = static_cast<float>(fix.value);
        break;
    case SuggestedFix::Setting::Normalization: {
        if (!dataset_ || dataset_source_.isEmpty())
            return false;
        LoadOptions o = dataset_options_;
        o.normalization = static_cast<Normalization::Kind>(static_cast<int>(fix.value));
        openSource(dataset_source_, o);
        return true;
    }
    }
    panel_->setConfig(config);
    panel_->showMessage(tr("%1 set to %2: Start to try again")
                            .arg(QString::fromStdString(fix.label))
                            .arg(fix.value));
    return true;
}

void MainWindow::reportDivergence(const QString& text) {
    const auto& result = controller_->lastResult();
    const std::optional<SuggestedFix> fix = result ? result->suggested_fix : std::nullopt;
    statusBar()->showMessage(text, 15000);
    if (property("scripted").toBool())
        return;
    QMessageBox box(QMessageBox::Warning, tr("Training diverged"), text, QMessageBox::Close, this);
    QPushButton* apply = nullptr;
    if (fix)
        apply = box.addButton(tr("Apply: %1").arg(QString::fromStdString(describe(*fix))),
                              QMessageBox::AcceptRole);
    box.exec();
    if (apply && box.clickedButton() == apply)
        applySuggestedFix(*fix);
}

bool MainWindow::confirmDiscardWeights() {
    if (!hasUnsavedWeights() || property("scripted").toBool())
        return true;
    QMessageBox box(QMessageBox::Question, tr("Save the trained weights?"),
                    tr("The weights trained in this session have not been saved. Save them as a "
                       "model file before closing?"),
                    QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, this);
    box.setObjectName(QStringLiteral("unsavedWeights"));
    box.setDefaultButton(QMessageBox::Save);
    switch (box.exec()) {
    case QMessageBox::Save: {
        const QString path = ask_save_path(this, tr("Save Model"), QString(),
                                           {{tr("VAE models (*.vaem)"), QStringLiteral("vaem")}});
        if (path.isEmpty())
            return false;
        QString error;
        if (!saveModel(path, &error)) {
            report(tr("Cannot save the model"), error);
            return false;
        }
        return true;
    }
    case QMessageBox::Discard:
        return true;
    default:
        return false;
    }
}

void MainWindow::openDatasetDialog() {
    const QString path = QFileDialog::getOpenFileName(
        this, tr("Open Dataset"), last_directory(),
        tr("Datasets (*.csv *.csv.gz *.tsv *.txt *.npy *-ubyte *-ubyte.gz);;All files (*)"));
    if (path.isEmpty())
        return;
    remember_directory(path);
    openFile(path);
}

bool MainWindow::refuseWhileTraining() {
    if (!session()->busy())
        return false;
    // The run holds the current dataset; weights trained on one dataset and saved with
    // another's names and normalization would be wrong.
    report(tr("Cannot open a dataset"), tr("Stop the training run first: it uses the dataset "
                                           "that is open now."));
    return true;
}

void MainWindow::openFile(const QString& path) {
    if (refuseWhileTraining())
        return;
    if (!CsvImportDialog::isCsvLike(path)) {
        openSource(path);
        return;
    }
    auto* dialog = new CsvImportDialog(path, {}, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &CsvImportDialog::datasetLoaded, this,
            [this, path, dialog](std::shared_ptr<const Dataset> data, double seconds) {
                pending_source_ = path;
                pending_options_ = dialog->options();
                onLoaded(std::move(data), seconds);
            });
    dialog->open();
}

void MainWindow::openSource(const QString& source, const LoadOptions& options) {
    if (refuseWhileTraining())
        return;
    pending_source_ = source;
    pending_options_ = options;
    setLoading(true);
    status_->setText(tr("Loading %1…").arg(source));
    load_job_->start(source, options);
}

void MainWindow::setLoading(bool loading) {
    progress_->setVisible(loading);
    cancel_->setVisible(loading);
    if (loading)
        progress_->setValue(0);
}

void MainWindow::onLoaded(std::shared_ptr<const Dataset> data, double seconds) {
    setLoading(false);
    dataset_ = std::move(data);
    dataset_source_ = pending_source_;
    dataset_options_ = pending_options_;
    overview_->setDataset(dataset_, seconds);
    renderer_.setDataset(dataset_);
    updateQualityContext();
    latent_->setDataset(dataset_);
    controller_->setDataset(dataset_);
    latent_->setResults(session()->model(), nullptr); // kept weights; new encodings come with a run
    status_->setText(QStringLiteral("%1 — %2").arg(QString::fromStdString(dataset_->name),
                                                   describe_dataset(*dataset_)));
    setWindowTitle(QStringLiteral("%1 — VAE Explorer")
                       .arg(QFileInfo(QString::fromStdString(dataset_->name)).fileName()));
    if (!dataset_source_.startsWith(QStringLiteral("builtin:")))
        addRecentFile(dataset_source_);
    tabs_->setCurrentWidget(overview_);
    updateActions();
    emit datasetLoadFinished(true);
}

void MainWindow::onLoadFailed(const QString& message) {
    setLoading(false);
    status_->setText(dataset_ ? QString::fromStdString(dataset_->name) : tr("No dataset"));
    report(tr("Cannot load the dataset"), message);
    statusBar()->showMessage(message, 15000);
    emit datasetLoadFinished(false);
}

void MainWindow::openModelDialog() {
    const QString path = QFileDialog::getOpenFileName(this, tr("Open Model"), last_directory(),
                                                      tr("VAE models (*.vaem);;All files (*)"));
    if (path.isEmpty())
        return;
    remember_directory(path);
    QString error;
    if (!openModel(path, &error))
        report(tr("Cannot open the model"), error);
}

bool MainWindow::openModel(const QString& path, QString* error) {
    if (session()->busy()) {
        *error = tr("Stop the training run before opening a model.");
        return false;
    }
    try {
        const ModelFile file = load_model_file(path.toStdString());
        if (dataset_) {
            check_compatible(file, *dataset_, dataset_source_.toStdString());
            // The weights expect the data in the units they were trained in; the plane and the
            // decoded samples would be silently wrong in any other.
            if (!dataset_->normalization.same_map(file.data.normalization)) {
                auto converted = std::make_shared<Dataset>(*dataset_);
                convert_normalization(*converted, file.data.normalization);
                pending_source_ = dataset_source_;
                pending_options_ = dataset_options_;
                onLoaded(std::move(converted), 0.0);
            }
        }
        controller_->adoptModel(
            std::make_shared<const VaeModel>(file.architecture, file.parameters), file.data);
        weights_unsaved_ = false;
        panel_->showMessage(tr("Loaded %1: Start continues training from its weights")
                                .arg(QFileInfo(path).fileName()));
    } catch (const std::exception& e) {
        *error = QString::fromStdString(e.what());
        return false;
    }
    updateActions();
    return true;
}

void MainWindow::saveModelDialog() {
    const QString path = ask_save_path(this, tr("Save Model"), QString(),
                                       {{tr("VAE models (*.vaem)"), QStringLiteral("vaem")}});
    if (path.isEmpty())
        return;
    QString error;
    if (saveModel(path, &error))
        statusBar()->showMessage(tr("Saved %1").arg(path), 8000);
    else
        report(tr("Cannot save the model"), error);
}

bool MainWindow::saveModel(const QString& path, QString* error) {
    // Mid-run, this saves the weights of the newest snapshot.
    const auto model = session()->model();
    if (!model || !dataset_) {
        *error = tr("There are no trained weights to save yet.");
        return false;
    }
    try {
        const auto& result = controller_->lastResult();
        const auto& trained_on = controller_->weightsData();
        save_model_file(trained_model_file(*model,
                                           trained_on ? *trained_on : metadata_of(*dataset_),
                                           controller_->runConfig(), result ? &*result : nullptr,
                                           dataset_source_.toStdString()),
                        path.toStdString());
    } catch (const std::exception& e) {
        *error = path + QStringLiteral(": ") + QString::fromStdString(e.what());
        return false;
    }
    // Mid-run the newest weights are saved, but training goes on changing them.
    weights_unsaved_ = session()->busy();
    return true;
}

void MainWindow::exportCurves(bool image) {
    const auto outcome = curves_->exportDialog(image);
    if (outcome.path.isEmpty())
        return;
    if (!outcome.written)
        report(tr("Cannot export the curves"), outcome.error);
    else
        statusBar()->showMessage(tr("Saved %1").arg(outcome.path), 8000);
}

void MainWindow::report(const QString& title, const QString& message) {
    if (!property("scripted").toBool())
        QMessageBox::warning(this, title, message);
    statusBar()->showMessage(message, 15000);
}

void MainWindow::closeEvent(QCloseEvent* event) {
    if (!confirmDiscardWeights()) {
        event->ignore();
        return;
    }
    load_job_->cancel();
    quality_->cancel();
    // Ask the trainer to stop now; TrainingSession's destructor joins its thread, which
    // takes at most one minibatch after this request.
    session()->stop();
    QSettings settings;
    settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("window/splitter"), splitter_->saveState());
    // Scripted windows (tests, demos) leave the user's choices alone.
    if (!property("scripted").toBool()) {
        settings.setValue(QStringLiteral("window/page"), tabs_->currentIndex());
        save_training_settings(settings, panel_->config(), panel_->autoLikelihood());
    }
    event->accept();
}

void MainWindow::dragEnterEvent(QDragEnterEvent* event) {
    if (event->mimeData()->hasUrls())
        event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent* event) {
    const auto urls = event->mimeData()->urls();
    if (!urls.isEmpty() && urls.front().isLocalFile()) {
        openFile(urls.front().toLocalFile());
        event->acceptProposedAction();
    }
}

} // namespace vae::ui
