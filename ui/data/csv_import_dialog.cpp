#include "ui/data/csv_import_dialog.h"

#include "data/csv_reader.h"
#include "data/input_stream.h"
#include "data/load_error.h"
#include "ui/data/csv_preview_table.h"
#include "ui/data/csv_settings_form.h"
#include "ui/data/dataset_load_job.h"
#include "ui/data/load_error_text.h"

#include <QDialogButtonBox>
#include <QDir>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QScreen>
#include <QSplitter>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

namespace vae::ui {
namespace {

constexpr std::size_t kPreviewRows = 20;
constexpr int kPreviewDelayMs = 100;
/// The first lines of the file as text, for when they cannot be split into columns. Tabs
/// show as '→' and other control bytes as '·', so a binary file cannot garble the table.
QStringList first_lines(const QString& path) {
    constexpr std::size_t kBytes = 64 * 1024;
    constexpr qsizetype kMaxLineChars = 500;
    std::string head(kBytes, '\0');
    try {
        InputStream in(path.toStdString());
        std::size_t got = 0;
        while (got < kBytes) {
            const std::size_t n = in.read(head.data() + got, kBytes - got);
            if (n == 0)
                break;
            got += n;
        }
        head.resize(got);
    } catch (const std::exception&) {
        return {}; // the preview error already says why
    }
    QStringList lines = QString::fromUtf8(head).split(QLatin1Char('\n'));
    if (lines.size() > static_cast<qsizetype>(kPreviewRows))
        lines.resize(static_cast<qsizetype>(kPreviewRows));
    for (QString& line : lines) {
        if (line.endsWith(QLatin1Char('\r')))
            line.chop(1);
        line.truncate(kMaxLineChars);
        for (QChar& c : line)
            if (c == QLatin1Char('\t'))
                c = QChar(0x2192); // →, so tab-separated fields stay visible
            else if (c.category() == QChar::Other_Control)
                c = QChar(0x00B7);
    }
    if (!lines.isEmpty() && lines.back().isEmpty())
        lines.removeLast();
    return lines;
}

} // namespace

CsvImportDialog::CsvImportDialog(const QString& path, const LoadOptions& initial, QWidget* parent)
    : QDialog(parent), path_(path) {
    const QFileInfo info(path);
    setWindowTitle(tr("Import %1").arg(info.fileName()));
    setSizeGripEnabled(true);

    auto* title = new QLabel(info.fileName());
    QFont title_font = title->font();
    title_font.setPointSizeF(title_font.pointSizeF() * 1.3);
    title_font.setBold(true);
    title->setFont(title_font);
    auto* where = new QLabel(QStringLiteral("%1 · %2").arg(
        QDir::toNativeSeparators(info.absolutePath()), QLocale().formattedDataSize(info.size())));
    where->setTextInteractionFlags(Qt::TextSelectableByMouse);
    where->setForegroundRole(QPalette::PlaceholderText); // secondary information

    form_ = new CsvSettingsForm(initial);

    auto* preview_panel = new QWidget;
    auto* preview_layout = new QVBoxLayout(preview_panel);
    preview_layout->setContentsMargins(0, 0, 0, 0);
    preview_info_ = new QLabel;
    preview_info_->setObjectName(QStringLiteral("previewInfo"));
    preview_ = new CsvPreviewTable;
    preview_->setObjectName(QStringLiteral("preview"));
    preview_layout->addWidget(preview_info_);
    preview_layout->addWidget(preview_, 1);

    auto* splitter = new QSplitter(Qt::Horizontal);
    splitter->addWidget(form_);
    splitter->addWidget(preview_panel);
    splitter->setStretchFactor(0, 0);
    splitter->setStretchFactor(1, 1);
    splitter->setChildrenCollapsible(false);

    error_ = new QLabel;
    error_->setObjectName(QStringLiteral("error"));
    error_->setTextFormat(Qt::PlainText);
    error_->setWordWrap(true);
    error_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    error_->setStyleSheet(QStringLiteral("QLabel#error { color: #8a0016; background: #fdecee; "
                                         "border: 1px solid #f0b8c0; border-radius: 4px; "
                                         "padding: 6px; }"));
    error_->hide();

    load_status_ = new QLabel;
    load_status_->setObjectName(QStringLiteral("loadStatus"));
    progress_ = new QProgressBar;
    progress_->setObjectName(QStringLiteral("progress"));
    progress_->setRange(0, 1000);
    progress_->setVisible(false);
    buttons_ = new QDialogButtonBox(QDialogButtonBox::Cancel);
    load_button_ = buttons_->addButton(tr("&Load"), QDialogButtonBox::AcceptRole);
    load_button_->setObjectName(QStringLiteral("load"));
    buttons_->button(QDialogButtonBox::Cancel)->setObjectName(QStringLiteral("cancel"));
    connect(buttons_, &QDialogButtonBox::accepted, this, &CsvImportDialog::startLoad);
    connect(buttons_, &QDialogButtonBox::rejected, this, &CsvImportDialog::reject);
    auto* bottom = new QHBoxLayout;
    bottom->addWidget(load_status_);
    bottom->addWidget(progress_, 1);
    bottom->addStretch();
    bottom->addWidget(buttons_);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(title);
    layout->addWidget(where);
    layout->addWidget(splitter, 1);
    layout->addWidget(error_);
    layout->addLayout(bottom);
    // Only now is the dialog the button's parent: setDefault earlier would not register it,
    // and QDialog would make the first auto-default button (Cancel) the default on show.
    load_button_->setDefault(true);

    job_ = new DatasetLoadJob(this);
    job_->setObjectName(QStringLiteral("loadJob"));
    connect(job_, &DatasetLoadJob::progressChanged, this,
            [this](double f) { progress_->setValue(static_cast<int>(f * 1000)); });
    connect(job_, &DatasetLoadJob::loaded, this, &CsvImportDialog::onLoaded);
    connect(job_, &DatasetLoadJob::failed, this, &CsvImportDialog::onLoadFailed);
    connect(job_, &DatasetLoadJob::cancelled, this, [this] {
        setLoading(false);
        load_status_->setText(tr("Loading cancelled."));
    });

    refreshPreview();
    preview_timer_.setSingleShot(true);
    preview_timer_.setInterval(kPreviewDelayMs);
    connect(&preview_timer_, &QTimer::timeout, this, &CsvImportDialog::refreshPreview);
    connect(form_, &CsvSettingsForm::settingsChanged, this, [this] {
        updateLoadButton();
        schedulePreview();
    });
    connect(form_, &CsvSettingsForm::columnRolesChanged, this, &CsvImportDialog::updateColumnMarks);
    QSize size(1080, 680);
    if (const QScreen* s = screen())
        size = size.boundedTo(s->availableSize() * 0.95);
    resize(size);
}

CsvImportDialog::~CsvImportDialog() = default;

void CsvImportDialog::schedulePreview() {
    preview_timer_.start();
}

/// What a preview read on a worker thread brings back to the dialog.
struct CsvImportDialog::PreviewOutcome {
    CsvPreview preview;
    QString error;         ///< set when the file cannot be split with these settings
    QStringList raw_lines; ///< with an error: the file's first lines as they are
};

void CsvImportDialog::refreshPreview() {
    preview_timer_.stop();
    // Reading even a megabyte can stall on a slow disk, a network share or a pipe: the window
    // stays responsive, and a result older than the newest request is dropped.
    const quint64 generation = ++preview_generation_;
    const LoadOptions options = form_->options();
    const QString path = path_;
    auto* watcher = new QFutureWatcher<PreviewOutcome>(this);
    connect(watcher, &QFutureWatcher<PreviewOutcome>::finished, this, [this, watcher, generation] {
        watcher->deleteLater();
        if (generation != preview_generation_)
            return;
        preview_shown_ = generation;
        showPreview(watcher->result());
    });
    watcher->setFuture(QtConcurrent::run([path, options] {
        PreviewOutcome o;
        try {
            o.preview = preview_csv(path.toStdString(), options, kPreviewRows);
        } catch (const std::exception& e) {
            // DataError says where and what; anything else (no memory) is still worth showing.
            o.error = QString::fromStdString(e.what());
            o.raw_lines = first_lines(path);
        }
        return o;
    }));
}

bool CsvImportDialog::previewPending() const {
    return preview_timer_.isActive() || preview_shown_ != preview_generation_;
}

void CsvImportDialog::showPreview(const PreviewOutcome& outcome) {
    if (outcome.error.isEmpty()) {
        const CsvPreview& p = outcome.preview;
        form_->setDetected(p.delimiter, p.header, p.decimal);
        QStringList names;
        for (const auto& n : p.column_names)
            names << QString::fromStdString(n);
        preview_->setPreview(p);
        form_->setProposedLabel(p.proposed_label, QString::fromStdString(p.proposed_label_reason));
        form_->setColumns(names);
        clearError();
        if (p.rows.empty())
            preview_info_->setText(tr("No data records after the header."));
        else if (p.rows.size() == 1)
            preview_info_->setText(tr("The only record as it will be read, from line %1 of the "
                                      "file; columns: %2")
                                       .arg(p.first_data_line)
                                       .arg(names.size()));
        else
            preview_info_->setText(
                tr("Records 1–%1 as they will be read, from line %2 of the file; columns: %3")
                    .arg(p.rows.size())
                    .arg(p.first_data_line)
                    .arg(names.size()));
        for (const auto& note : p.notes)
            preview_info_->setText(preview_info_->text() + QStringLiteral("\nNote: ") +
                                   QString::fromStdString(note) + QLatin1Char('.'));
    } else {
        preview_->setRawLines(outcome.raw_lines);
        preview_info_->setText(
            tr("No columns can be read with these settings; the file's first lines as they are:"));
        showError(outcome.error);
    }
    updateColumnMarks();
    updateLoadButton();
    emit previewUpdated();
}

void CsvImportDialog::updateColumnMarks() {
    preview_->setColumnRoles(form_->labelIndex(), form_->ignoredFlags());
}

void CsvImportDialog::updateLoadButton() {
    load_button_->setEnabled(!loading_ && form_->isValid());
}

LoadOptions CsvImportDialog::options() const {
    return form_->options();
}

QString CsvImportDialog::errorText() const {
    return error_->isHidden() ? QString() : error_->text();
}

const QTableWidget* CsvImportDialog::previewTable() const {
    return preview_;
}

bool CsvImportDialog::isCsvLike(const QString& path) {
    QString name = path.toLower();
    if (name.endsWith(QLatin1String(".gz")))
        name.chop(3);
    return name.endsWith(QLatin1String(".csv")) || name.endsWith(QLatin1String(".tsv")) ||
           name.endsWith(QLatin1String(".txt"));
}

void CsvImportDialog::showError(const QString& message) {
    const LoadErrorText e = describe_load_error(message, path_, form_->columns());
    error_->setText(e.text);
    error_->show();
    preview_->setErrorColumn(e.column - 1);
}

void CsvImportDialog::clearError() {
    error_->clear();
    error_->hide();
    preview_->setErrorColumn(-1);
}

void CsvImportDialog::startLoad() {
    if (loading_ || !form_->isValid())
        return;
    // The load reads the settings on screen; a preview still pending changes nothing there.
    clearError();
    setLoading(true);
    job_->start(path_, options());
}

void CsvImportDialog::setLoading(bool loading) {
    loading_ = loading;
    form_->setEnabled(!loading);
    progress_->setValue(0);
    progress_->setVisible(loading);
    load_status_->setText(loading ? tr("Loading…") : QString());
    updateLoadButton();
}

void CsvImportDialog::onLoaded(std::shared_ptr<const Dataset> data, double seconds) {
    setLoading(false);
    dataset_ = std::move(data);
    emit datasetLoaded(dataset_, seconds);
    accept();
}

void CsvImportDialog::onLoadFailed(const QString& message) {
    setLoading(false);
    showError(message);
}

void CsvImportDialog::reject() {
    if (loading_) {
        job_->cancel();
        load_status_->setText(tr("Cancelling…"));
        return;
    }
    QDialog::reject();
}

} // namespace vae::ui
