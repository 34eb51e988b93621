#include "ui/quality/quality_panel.h"

#include "ui/quality/quality_kl_bars.h"
#include "ui/quality/quality_metric_rows.h"
#include "ui/widgets/sample_grid_widget.h"

#include <QCheckBox>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QSpinBox>
#include <QStackedWidget>
#include <QTableWidget>
#include <QVBoxLayout>

namespace vae::ui {
namespace {

constexpr int kPriorColumns = 8;
constexpr int kPriorRows = 4;
constexpr int kReconstructionColumns = 4;
constexpr int kKlPlotWidth = 270;

enum Column { kName, kValue, kGoal, kMeaning, kColumns };

QString count_text(std::size_t n) {
    return QLocale().toString(static_cast<qulonglong>(n));
}

QScrollArea* scrolled(QWidget* w) {
    auto* scroll = new QScrollArea;
    scroll->setWidget(w);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    return scroll;
}

QGroupBox* group(const QString& title, QWidget* content) {
    auto* box = new QGroupBox(title);
    auto* layout = new QVBoxLayout(box);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(content);
    return box;
}

} // namespace

QualityPanel::QualityPanel(QWidget* parent) : QWidget(parent) {
    job_ = new QualityJob(this);

    auto* title = new QLabel(tr("Sample quality"), this);
    QFont f = title->font();
    f.setPointSizeF(f.pointSizeF() * 1.3);
    f.setBold(true);
    title->setFont(f);
    status_ = new QLabel(this);
    status_->setObjectName(QStringLiteral("qualityStatus"));
    status_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    status_->setWordWrap(true);

    samples_ = new QSpinBox(this);
    samples_->setObjectName(QStringLiteral("qualitySamples"));
    samples_->setRange(100, 50000);
    samples_->setSingleStep(1000);
    samples_->setValue(static_cast<int>(options_.samples));
    samples_->setToolTip(tr("Prior samples generated and scored against the held-out rows"));
    connect(samples_, &QSpinBox::valueChanged, this,
            [this](int n) { options_.samples = static_cast<std::size_t>(n); });
    auto_ = new QCheckBox(tr("At the end of each run"), this);
    auto_->setObjectName(QStringLiteral("qualityAuto"));
    auto_->setChecked(true);
    auto_->setToolTip(tr("Compute these figures whenever a training run ends"));
    compute_ = new QPushButton(tr("&Compute"), this);
    compute_->setObjectName(QStringLiteral("qualityCompute"));
    compute_->setToolTip(tr("Score the current weights (a computation going on is replaced)"));
    connect(compute_, &QPushButton::clicked, this, &QualityPanel::compute);
    cancel_ = new QPushButton(tr("Cancel"), this);
    cancel_->setObjectName(QStringLiteral("qualityCancel"));
    connect(cancel_, &QPushButton::clicked, this, &QualityPanel::cancel);
    progress_ = new QProgressBar(this);
    progress_->setObjectName(QStringLiteral("qualityProgress"));
    progress_->setRange(0, 1000);
    progress_->setMaximumWidth(180);

    auto* bar = new QHBoxLayout;
    bar->addWidget(title);
    bar->addSpacing(12);
    bar->addStretch(1);
    bar->addWidget(new QLabel(tr("Samples:"), this));
    bar->addWidget(samples_);
    bar->addWidget(auto_);
    bar->addWidget(progress_);
    bar->addWidget(cancel_);
    bar->addWidget(compute_);

    table_ = new QTableWidget(this);
    table_->setObjectName(QStringLiteral("qualityMetrics"));
    buildTable();
    kl_bars_ = new QualityKlBars(this);
    kl_bars_->setObjectName(QStringLiteral("qualityKlBars"));
    // Figures and KL bars above, the pictures below: the table needs width for its one-line
    // explanations, the grids need their cells.
    auto* top = new QHBoxLayout;
    top->addWidget(table_, 1);
    auto* kl_group = group(tr("KL per latent dimension"), kl_bars_);
    auto* kl_caption = new QLabel(tr("Grey bars: collapsed units (unused by the encoder)"));
    kl_caption->setWordWrap(true);
    kl_caption->setForegroundRole(QPalette::PlaceholderText);
    kl_caption->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Fixed);
    kl_group->layout()->addWidget(kl_caption);
    kl_group->setFixedWidth(kKlPlotWidth);
    top->addWidget(kl_group);

    prior_grid_ = new SampleGridWidget;
    prior_grid_->setObjectName(QStringLiteral("qualityPriorGrid"));
    recon_grid_ = new SampleGridWidget;
    recon_grid_->setObjectName(QStringLiteral("qualityReconstructionGrid"));
    for (auto* grid : {prior_grid_, recon_grid_}) {
        grid->setToolTip(tr("Click a sample to see the training samples nearest to it "
                            "(Latent Plane ▸ Nearest): copies of the data, or samples "
                            "unlike any of it."));
        grid->setCursor(Qt::PointingHandCursor);
    }
    connect(prior_grid_, &SampleGridWidget::sampleClicked, this,
            [this](int row, int index) { chooseSample(true, row, index); });
    connect(recon_grid_, &SampleGridWidget::sampleClicked, this,
            [this](int row, int index) { chooseSample(false, row, index); });
    auto* grids = new QWidget;
    auto* grids_layout = new QHBoxLayout(grids);
    grids_layout->setContentsMargins(0, 0, 0, 0);
    // The prior grid has more columns: it gets the room the reconstructions do not need.
    prior_scroll_ = scrolled(prior_grid_);
    recon_scroll_ = scrolled(recon_grid_);
    grids_layout->addWidget(group(tr("Samples from the prior, z ~ N(0, I)"), prior_scroll_), 1);
    grids_layout->addWidget(group(tr("Held-out rows and their reconstructions"), recon_scroll_), 1);
    no_pictures_ = new QLabel(tr("Samples of table data are rows of numbers: the Latent Plane "
                                 "page shows decoded rows feature by feature."));
    no_pictures_->setWordWrap(true);
    no_pictures_->setAlignment(Qt::AlignCenter);
    pictures_ = new QStackedWidget(this);
    pictures_->addWidget(grids);
    pictures_->addWidget(no_pictures_);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(bar);
    layout->addWidget(status_);
    layout->addLayout(top);
    layout->addWidget(pictures_, 1);

    connect(job_, &QualityJob::progressChanged, this,
            [this](double f) { progress_->setValue(static_cast<int>(f * 1000)); });
    connect(job_, &QualityJob::finished, this,
            [this](const std::shared_ptr<const QualityReport>& report) {
                problem_.clear();
                showReport(report);
                setBusy(false, {});
                emit reportReady(report);
            });
    connect(job_, &QualityJob::failed, this, [this](const QString& message) {
        problem_ = tr("The computation failed: %1").arg(message);
        setBusy(false, {});
    });
    connect(job_, &QualityJob::cancelled, this, [this] { setBusy(false, {}); });
    setBusy(false, {});
}

void QualityPanel::buildTable() {
    table_->setColumnCount(kColumns);
    table_->setHorizontalHeaderLabels(
        {tr("Figure"), tr("Value"), tr("Better"), tr("What it says")});
    table_->verticalHeader()->setVisible(false);
    table_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table_->setSelectionMode(QAbstractItemView::NoSelection);
    table_->setFocusPolicy(Qt::NoFocus);
    table_->setWordWrap(false);
    table_->setAlternatingRowColors(true);
    auto* header = table_->horizontalHeader();
    header->setSectionResizeMode(kName, QHeaderView::ResizeToContents);
    header->setSectionResizeMode(kValue, QHeaderView::ResizeToContents);
    header->setSectionResizeMode(kGoal, QHeaderView::ResizeToContents);
    header->setSectionResizeMode(kMeaning, QHeaderView::Stretch);
    header->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    fillTable();
}

void QualityPanel::fillTable() {
    const auto sample_rows = sample_quality_rows(report_ ? report_->quality : std::nullopt,
                                                 report_ ? report_->options : options_);
    const auto eval_rows = report_ ? evaluation_rows(report_->evaluation, report_->iwae_samples)
                                   : evaluation_rows(EvaluationResult{}, iwae_samples_);
    QString sample_title = tr("Prior samples against held-out data");
    QString eval_title = tr("Likelihood on held-out data");
    if (report_) {
        const QString rows = report_->validation ? tr("%1 validation rows") : tr("%1 rows");
        if (report_->quality)
            sample_title = tr("%1 prior samples against %2")
                               .arg(count_text(report_->quality->samples),
                                    rows.arg(count_text(report_->quality->real_rows)));
        eval_title = tr("Likelihood on %1 (nats per sample)")
                         .arg(rows.arg(count_text(report_->evaluation.samples)));
        if (report_->evaluation.iwae)
            eval_title += tr("; IWAE on %1").arg(count_text(report_->iwae_rows));
    }
    table_->clearSpans();
    table_->setRowCount(0);
    const auto section = [this](const QString& text) {
        const int r = table_->rowCount();
        table_->insertRow(r);
        auto* item = new QTableWidgetItem(text);
        QFont f = item->font();
        f.setBold(true);
        item->setFont(f);
        item->setBackground(palette().window());
        table_->setItem(r, 0, item);
        table_->setSpan(r, 0, 1, kColumns);
    };
    const auto add = [this](const QualityMetricRow& m) {
        const int r = table_->rowCount();
        table_->insertRow(r);
        auto* name = new QTableWidgetItem(m.name);
        name->setData(Qt::UserRole, m.key);
        name->setToolTip(m.detail.isEmpty() ? m.meaning : m.detail);
        auto* value = new QTableWidgetItem(m.value);
        value->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        QFont f = value->font();
        f.setBold(true);
        value->setFont(f);
        auto* goal = new QTableWidgetItem(m.goal);
        goal->setToolTip(
            m.goal.startsWith(QStringLiteral("→")) ? tr("1.0 is ideal: as the real data") : m.goal);
        auto* meaning = new QTableWidgetItem(m.meaning);
        meaning->setToolTip(m.detail.isEmpty() ? m.meaning : m.detail);
        meaning->setForeground(palette().placeholderText());
        table_->setItem(r, kName, name);
        table_->setItem(r, kValue, value);
        table_->setItem(r, kGoal, goal);
        table_->setItem(r, kMeaning, meaning);
    };
    section(sample_title);
    for (const auto& m : sample_rows)
        add(m);
    if (report_ && !report_->quality && !report_->quality_error.isEmpty()) {
        section(tr("Not computed: %1").arg(report_->quality_error));
        table_->item(table_->rowCount() - 1, 0)->setData(Qt::UserRole, QStringLiteral("error"));
    }
    section(eval_title);
    for (const auto& m : eval_rows)
        add(m);
    table_->resizeRowsToContents();
    // As tall as its rows: the pictures below take the rest of the page.
    int height = table_->horizontalHeader()->sizeHint().height() + 2 * table_->frameWidth();
    for (int r = 0; r < table_->rowCount(); ++r)
        height += table_->rowHeight(r);
    table_->setFixedHeight(height);
}

int QualityPanel::rowOf(const QString& key) const {
    for (int r = 0; r < table_->rowCount(); ++r)
        if (auto* item = table_->item(r, kName); item && item->data(Qt::UserRole).toString() == key)
            return r;
    return -1;
}

QString QualityPanel::valueText(const QString& key) const {
    const int r = rowOf(key);
    return r >= 0 && table_->item(r, kValue) ? table_->item(r, kValue)->text() : QString();
}

QString QualityPanel::labelText(const QString& key) const {
    const int r = rowOf(key);
    return r >= 0 ? table_->item(r, kName)->text() : QString();
}

QString QualityPanel::toolTipText(const QString& key) const {
    const int r = rowOf(key);
    return r >= 0 ? table_->item(r, kName)->toolTip() : QString();
}

void QualityPanel::setContext(std::shared_ptr<const VaeModel> model,
                              std::shared_ptr<const Dataset> data, const TrainingConfig& config) {
    model_ = std::move(model);
    if (data != data_)
        renderer_.setDataset(data);
    data_ = std::move(data);
    config_ = config;
    updateButtons();
    updateStatus();
}

void QualityPanel::setQualityFunction(QualityFunction f) {
    job_->setQualityFunction(std::move(f));
}

void QualityPanel::setOptions(const SampleQualityOptions& o) {
    options_ = o;
    const QSignalBlocker block(samples_);
    samples_->setValue(static_cast<int>(o.samples));
}

SampleQualityOptions QualityPanel::options() const {
    return options_;
}

void QualityPanel::setIwae(std::size_t samples, std::size_t max_rows) {
    iwae_samples_ = samples;
    iwae_max_rows_ = max_rows;
}

bool QualityPanel::busy() const {
    return job_->running();
}

bool QualityPanel::autoCompute() const {
    return auto_->isChecked();
}

bool QualityPanel::compute() {
    QualityRequest request;
    request.model = model_;
    request.data = data_;
    request.config = config_;
    request.options = options_;
    request.iwae_samples = iwae_samples_;
    request.iwae_max_rows = iwae_max_rows_;
    request.grid_samples = kPriorRows * kPriorColumns;
    request.grid_reconstructions = 2 * kReconstructionColumns;
    if (!job_->start(request))
        return false;
    problem_.clear();
    setBusy(true, tr("Computing: %1 prior samples against the held-out rows…")
                      .arg(count_text(options_.samples)));
    return true;
}

void QualityPanel::cancel() {
    job_->cancel();
}

void QualityPanel::setBusy(bool busy, const QString& status) {
    progress_->setVisible(busy);
    cancel_->setVisible(busy);
    if (busy) {
        progress_->setValue(0);
        status_->setText(status);
    } else {
        updateStatus();
    }
    updateButtons();
    emit busyChanged(busy);
}

void QualityPanel::updateButtons() {
    const bool fits = model_ && data_ && model_->input_dim() == data_->cols();
    compute_->setEnabled(fits);
}

void QualityPanel::updateStatus() {
    if (busy())
        return;
    QString text;
    if (!problem_.isEmpty())
        text = problem_ + QLatin1Char(' ');
    if (!report_) {
        text += model_ ? tr("Compute scores the current weights: samples from the prior against "
                            "the rows the run held out for validation.")
                       : tr("Train a model (or open one) to score its samples.");
    } else {
        text += tr("Computed in %1 s.").arg(report_->seconds, 0, 'f', 1);
        if (model_ && report_->model != model_)
            text += tr(" The weights have changed since: Compute scores the new ones.");
    }
    status_->setText(text);
}

void QualityPanel::showReport(std::shared_ptr<const QualityReport> report) {
    report_ = std::move(report);
    fillTable();
    if (report_)
        kl_bars_->setValues(report_->evaluation.kl_per_dim, report_->evaluation.mean_variance,
                            EvaluationOptions{}.active_threshold);
    else
        kl_bars_->setValues({}, {}, 0.0);
    showPictures();
    updateStatus();
}

// The grids' rows are laid out by showPictures(): the prior grid kPriorColumns samples a row;
// the reconstruction grid pairs a row of originals with a row of their reconstructions.
void QualityPanel::chooseSample(bool prior, int row, int index) {
    if (!report_)
        return;
    const Matrix& m = prior          ? report_->prior
                      : row % 2 == 0 ? report_->originals
                                     : report_->reconstructions;
    const Eigen::Index i = prior ? Eigen::Index(row) * kPriorColumns + index
                                 : Eigen::Index(row / 2) * kReconstructionColumns + index;
    if (i < 0 || i >= m.rows())
        return;
    const QString caption = prior          ? tr("prior sample %1").arg(i + 1)
                            : row % 2 == 0 ? tr("held-out row %1").arg(i + 1)
                                           : tr("reconstruction of held-out row %1").arg(i + 1);
    emit sampleChosen(m.middleRows(i, 1), caption);
}

void QualityPanel::showPictures() {
    const bool images = renderer_.isImage();
    pictures_->setCurrentIndex(images || !renderer_.hasData() ? 0 : 1);
    std::vector<SampleGridWidget::Row> prior, recon;
    if (report_ && images && report_->prior.cols() == static_cast<Eigen::Index>(data_->cols())) {
        const auto& p = report_->prior;
        for (Eigen::Index i = 0; i < p.rows(); ++i) {
            if (i % kPriorColumns == 0)
                prior.push_back({});
            prior.back().images.push_back(renderer_.image(p, i));
        }
        const auto& o = report_->originals;
        const auto& d = report_->reconstructions;
        for (Eigen::Index start = 0; start < o.rows(); start += kReconstructionColumns) {
            SampleGridWidget::Row data_row{tr("data"), {}};
            SampleGridWidget::Row recon_row{tr("decoded"), {}};
            const Eigen::Index end =
                std::min<Eigen::Index>(o.rows(), start + kReconstructionColumns);
            for (Eigen::Index i = start; i < end; ++i) {
                data_row.images.push_back(renderer_.image(o, i));
                recon_row.images.push_back(renderer_.image(d, i));
            }
            recon.push_back(std::move(data_row));
            recon.push_back(std::move(recon_row));
        }
    }
    prior_grid_->setRows(std::move(prior));
    recon_grid_->setRows(std::move(recon));
    // Whole columns of samples, never a clipped one: the page scrolls vertically if it must.
    for (auto [scroll, grid] :
         {std::pair{prior_scroll_, prior_grid_}, {recon_scroll_, recon_grid_}})
        scroll->setMinimumWidth(grid->sizeHint().width() + 2 * scroll->frameWidth() +
                                scroll->verticalScrollBar()->sizeHint().width());
}

} // namespace vae::ui
