#include "ui/main_window.h"

#include "data/builtin_datasets.h"
#include "ui/latent/latent_export_menu.h"
#include "ui/latent/latent_page.h"
#include "ui/quality/quality_panel.h"
#include "ui/runs/run_list_model.h"
#include "ui/runs/runs_table.h"
#include "ui/training/training_curves_view.h"
#include "ui/training/training_panel.h"
#include "ui/training/training_session.h"

#include <QAction>
#include <QApplication>
#include <QFileInfo>
#include <QMenuBar>
#include <QMessageBox>
#include <QSettings>
#include <QSplitter>
#include <QStatusBar>
#include <QTabWidget>

#include <Eigen/Core>
#include <qcustomplot.h>

// MainWindow's menu bar: its menus, actions and shortcuts, the actions' enabled state, the
// Open Recent list and the About box. The rest of the class is in main_window.cpp.

namespace vae::ui {
namespace {

const QString kFashionMnist =
    QStringLiteral("/usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz");
constexpr int kMaxRecentFiles = 8;
const QString kRecentKey = QStringLiteral("files/recent");

} // namespace

void MainWindow::buildMenus() {
    buildFileMenu();
    buildTrainingMenu();
    buildViewMenu();
    QMenu* settings = menuBar()->addMenu(tr("&Settings"));
    settings->addAction(tr("&Restore Defaults"), this, &MainWindow::restoreDefaults);
    QMenu* help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About VAE Explorer"), this, &MainWindow::showAbout);
    help->addAction(tr("About &Qt"), qApp, &QApplication::aboutQt);
}

void MainWindow::buildFileMenu() {
    QMenu* file = menuBar()->addMenu(tr("&File"));
    QAction* open = file->addAction(tr("&Open Dataset…"), this, &MainWindow::openDatasetDialog);
    open->setShortcut(QKeySequence::Open);
    recent_menu_ = file->addMenu(tr("Open &Recent"));
    rebuildRecentMenu();
    QMenu* examples = file->addMenu(tr("&Examples"));
    for (const auto& info : builtin_datasets()) {
        const QString source = QStringLiteral("builtin:") + QString::fromStdString(info.name);
        QAction* a = examples->addAction(source, this, [this, source] { openSource(source); });
        a->setToolTip(QString::fromStdString(info.description));
        a->setStatusTip(QString::fromStdString(info.description));
    }
    if (QFileInfo::exists(kFashionMnist)) {
        examples->addSeparator();
        examples->addAction(tr("Fashion-MNIST (60,000 images)"), this,
                            [this] { openSource(kFashionMnist); });
    }
    file->addSeparator();
    file->addAction(tr("Open &Model…"), this, &MainWindow::openModelDialog);
    save_model_ = file->addAction(tr("&Save Model…"), this, &MainWindow::saveModelDialog);
    save_model_->setShortcut(QKeySequence::Save);
    QMenu* exports = file->addMenu(tr("&Export"));
    export_csv_ =
        exports->addAction(tr("Training Curves as &CSV…"), this, [this] { exportCurves(false); });
    export_image_ = exports->addAction(tr("Training Curves as &Image (PNG, PDF)…"), this,
                                       [this] { exportCurves(true); });
    export_runs_ = exports->addAction(tr("R&uns as CSV…"), runs_, &RunsTable::exportCsvDialog);
    auto* latent_exports = new LatentExportMenu(latent_, this);
    latent_exports->addTo(exports);
    connect(latent_exports, &LatentExportMenu::message, this,
            [this](const QString& text) { statusBar()->showMessage(text, 10000); });
    connect(latent_exports, &LatentExportMenu::problem, this, &MainWindow::report);
    file->addSeparator();
    QAction* quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);
}

void MainWindow::buildTrainingMenu() {
    QMenu* training = menuBar()->addMenu(tr("T&raining"));
    start_ = training->addAction(tr("&Start"), this, &MainWindow::startTraining);
    // A window shortcut (not one of the panel's widgets): it starts a run whatever page or
    // field has the focus. Ctrl+Enter on the keypad too, which many press for "go".
    start_->setShortcuts(
        {QKeySequence(Qt::CTRL | Qt::Key_Return), QKeySequence(Qt::CTRL | Qt::Key_Enter)});
    start_->setShortcutContext(Qt::WindowShortcut);
    pause_ = training->addAction(tr("&Pause"), this, [this] {
        if (session()->state() == TrainingSession::State::Paused)
            session()->resume();
        else
            session()->pause();
    });
    pause_->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_P));
    stop_ = training->addAction(tr("S&top"), this, [this] { session()->stop(); });
    stop_->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Period));
    training->addSeparator();
    reset_ = training->addAction(tr("&Reset Weights"), this, &MainWindow::resetWeights);
}

void MainWindow::buildViewMenu() {
    QMenu* view = menuBar()->addMenu(tr("&View"));
    QAction* data = view->addAction(tr("&Data"), this, [this] { tabs_->setCurrentIndex(0); });
    data->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_1));
    QAction* curves =
        view->addAction(tr("&Training Curves"), this, [this] { tabs_->setCurrentIndex(1); });
    curves->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_2));
    QAction* plane =
        view->addAction(tr("&Latent Plane"), this, [this] { tabs_->setCurrentWidget(latent_); });
    plane->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_3));
    QAction* quality =
        view->addAction(tr("&Quality"), this, [this] { tabs_->setCurrentWidget(quality_); });
    quality->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_4));
    QAction* runs = view->addAction(tr("R&uns"), this, [this] { tabs_->setCurrentWidget(runs_); });
    runs->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_5));
    QAction* settings = view->addAction(tr("Training &Settings Panel"));
    settings->setCheckable(true);
    settings->setChecked(true);
    connect(settings, &QAction::toggled, this,
            [this](bool on) { splitter_->widget(0)->setVisible(on); });
    view->addSeparator();
    QAction* bpd = view->addAction(tr("ELBO in &Bits per Dimension"));
    bpd->setCheckable(true);
    connect(bpd, &QAction::toggled, curves_, &TrainingCurvesView::setBitsPerDimension);
    QAction* raw = view->addAction(tr("&Raw Curves"));
    raw->setCheckable(true);
    raw->setChecked(true);
    connect(raw, &QAction::toggled, curves_, &TrainingCurvesView::setShowRaw);
    QAction* smooth = view->addAction(tr("S&moothed Curves"));
    smooth->setCheckable(true);
    smooth->setChecked(true);
    connect(smooth, &QAction::toggled, curves_, &TrainingCurvesView::setShowSmoothed);
}

void MainWindow::updateActions() {
    const auto state = session()->state();
    const bool idle = state == TrainingSession::State::Idle;
    const bool active =
        state == TrainingSession::State::Running || state == TrainingSession::State::Paused;
    start_->setEnabled(idle && dataset_ && panel_->problem().isEmpty());
    pause_->setEnabled(active);
    pause_->setText(state == TrainingSession::State::Paused ? tr("&Resume") : tr("&Pause"));
    stop_->setEnabled(active);
    reset_->setEnabled(idle && session()->model());
    // Mid-run saves are allowed: they take the weights of the newest snapshot.
    save_model_->setEnabled(session()->model() && dataset_);
    export_csv_->setEnabled(curves_->pointCount() > 0);
    export_image_->setEnabled(curves_->pointCount() > 0);
    export_runs_->setEnabled(runs_model_->runCount() > 0);
}

void MainWindow::addRecentFile(const QString& path) {
    QSettings settings;
    QStringList recent = settings.value(kRecentKey).toStringList();
    const QString absolute = QFileInfo(path).absoluteFilePath();
    recent.removeAll(absolute);
    recent.prepend(absolute);
    while (recent.size() > kMaxRecentFiles)
        recent.removeLast();
    settings.setValue(kRecentKey, recent);
    rebuildRecentMenu();
}

void MainWindow::rebuildRecentMenu() {
    recent_menu_->clear();
    const QStringList recent = QSettings().value(kRecentKey).toStringList();
    for (const QString& path : recent) {
        QAction* a = recent_menu_->addAction(QFileInfo(path).fileName(), this,
                                             [this, path] { openFile(path); });
        a->setToolTip(path);
        a->setStatusTip(path);
        a->setEnabled(QFileInfo::exists(path));
    }
    if (!recent.isEmpty())
        recent_menu_->addSeparator();
    QAction* clear = recent_menu_->addAction(tr("&Clear List"), this, [this] {
        QSettings().remove(kRecentKey);
        rebuildRecentMenu();
    });
    clear->setEnabled(!recent.isEmpty());
}

void MainWindow::showAbout() {
    QMessageBox::about(
        this, tr("About VAE Explorer"),
        tr("<h3>VAE Explorer %1</h3>"
           "<p>Train variational autoencoders and explore what they learned.</p>"
           "<p>Qt %2, Eigen %3.%4.%5, QCustomPlot %6</p>"
           "<p>Licensed under the GNU General Public License, version 3 or later.</p>")
            .arg(QStringLiteral(VAE_VERSION), QString::fromLatin1(qVersion()))
            .arg(EIGEN_WORLD_VERSION)
            .arg(EIGEN_MAJOR_VERSION)
            .arg(EIGEN_MINOR_VERSION)
            .arg(QStringLiteral(QCUSTOMPLOT_VERSION_STR)));
}

} // namespace vae::ui
