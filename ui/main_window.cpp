#include "ui/main_window.h"

#include "data/builtin_datasets.h"
#include "ui/dataset_load_job.h"
#include "ui/dataset_overview.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QProgressBar>
#include <QPushButton>
#include <QSettings>
#include <QStatusBar>

#include <Eigen/Core>
#include <qcustomplot.h>

namespace vae::ui {
namespace {

const QString kFashionMnist =
    QStringLiteral("/usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz");

} // namespace

MainWindow::MainWindow(QWidget* parent) : QMainWindow(parent) {
    setWindowTitle(QStringLiteral("VAE Explorer"));
    setAcceptDrops(true);
    overview_ = new DatasetOverview(this);
    setCentralWidget(overview_);

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
    QSettings settings;
    if (!restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray()))
        resize(1100, 760);
}

MainWindow::~MainWindow() = default;

void MainWindow::buildMenus() {
    QMenu* file = menuBar()->addMenu(tr("&File"));
    QAction* open = file->addAction(tr("&Open Dataset…"), this, &MainWindow::openDatasetDialog);
    open->setShortcut(QKeySequence::Open);
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
    QAction* quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);

    QMenu* help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About VAE Explorer"), this, &MainWindow::showAbout);
    help->addAction(tr("About &Qt"), qApp, &QApplication::aboutQt);
}

void MainWindow::openDatasetDialog() {
    QSettings settings;
    const QString dir = settings.value(QStringLiteral("files/lastDirectory")).toString();
    const QString path = QFileDialog::getOpenFileName(
        this, tr("Open Dataset"), dir,
        tr("Datasets (*.csv *.csv.gz *.tsv *.txt *.npy *-ubyte *-ubyte.gz);;All files (*)"));
    if (path.isEmpty())
        return;
    settings.setValue(QStringLiteral("files/lastDirectory"), QFileInfo(path).absolutePath());
    openSource(path);
}

void MainWindow::openSource(const QString& source, const LoadOptions& options) {
    pending_source_ = source;
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
    overview_->setDataset(dataset_, seconds);
    status_->setText(QStringLiteral("%1 — %2").arg(QString::fromStdString(dataset_->name),
                                                   describe_dataset(*dataset_)));
    setWindowTitle(QStringLiteral("%1 — VAE Explorer")
                       .arg(QFileInfo(QString::fromStdString(dataset_->name)).fileName()));
    emit datasetLoadFinished(true);
}

void MainWindow::onLoadFailed(const QString& message) {
    setLoading(false);
    status_->setText(dataset_ ? QString::fromStdString(dataset_->name) : tr("No dataset"));
    if (!property("scripted").toBool())
        QMessageBox::warning(this, tr("Cannot load the dataset"), message);
    statusBar()->showMessage(message, 15000);
    emit datasetLoadFinished(false);
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

void MainWindow::closeEvent(QCloseEvent* event) {
    load_job_->cancel();
    QSettings().setValue(QStringLiteral("window/geometry"), saveGeometry());
    event->accept();
}

void MainWindow::dragEnterEvent(QDragEnterEvent* event) {
    if (event->mimeData()->hasUrls())
        event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent* event) {
    const auto urls = event->mimeData()->urls();
    if (!urls.isEmpty() && urls.front().isLocalFile()) {
        openSource(urls.front().toLocalFile());
        event->acceptProposedAction();
    }
}

} // namespace vae::ui
