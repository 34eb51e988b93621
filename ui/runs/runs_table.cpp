#include "ui/runs/runs_table.h"

#include "ui/runs/run_list_model.h"
#include "ui/runs/run_settings.h"
#include "ui/widgets/sample_grid_widget.h"
#include "ui/widgets/save_path_dialog.h"

#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QPushButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

#include <algorithm>

namespace vae::ui {
namespace {

constexpr int kMaxComparisonColumns = 8;
constexpr int kGridCell = 60; ///< SampleGridWidget's cell and gap
constexpr int kThumbSize = 64;
constexpr int kDatasetWidth = 84;

} // namespace

RunsTable::RunsTable(RunListModel* model, QWidget* parent) : QWidget(parent), model_(model) {
    auto* title = new QLabel(tr("Runs of this session"), this);
    QFont f = title->font();
    f.setPointSizeF(f.pointSizeF() * 1.3);
    f.setBold(true);
    title->setFont(f);
    empty_ = new QLabel(this);
    empty_->setObjectName(QStringLiteral("runsHint"));
    // Wrapped: an unwrapped hint would set the page's minimum width and squeeze the settings.
    empty_->setWordWrap(true);
    open_ = new QPushButton(tr("&Open Model"), this);
    open_->setObjectName(QStringLiteral("runsOpenModel"));
    open_->setToolTip(tr("Make the selected run's weights the current ones"));
    export_ = new QPushButton(tr("&Export CSV…"), this);
    export_->setObjectName(QStringLiteral("runsExportCsv"));
    connect(export_, &QPushButton::clicked, this, &RunsTable::exportCsvDialog);
    connect(open_, &QPushButton::clicked, this, [this] {
        const auto rows = selectedRuns();
        if (!rows.empty())
            emit openModelRequested(rows.front());
    });
    auto* bar = new QHBoxLayout;
    bar->addWidget(title);
    bar->addSpacing(12);
    bar->addWidget(empty_, 1);
    bar->addWidget(open_);
    bar->addWidget(export_);

    proxy_ = new QSortFilterProxyModel(this);
    proxy_->setSourceModel(model_);
    proxy_->setSortRole(RunListModel::SortRole);
    view_ = new QTableView(this);
    view_->setObjectName(QStringLiteral("runsView"));
    view_->setModel(proxy_);
    view_->setSortingEnabled(true);
    view_->sortByColumn(RunListModel::Number, Qt::AscendingOrder);
    view_->setSelectionBehavior(QAbstractItemView::SelectRows);
    view_->setSelectionMode(QAbstractItemView::ExtendedSelection);
    view_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    view_->setAlternatingRowColors(true);
    view_->setIconSize(QSize(kThumbSize, kThumbSize));
    view_->verticalHeader()->setVisible(false);
    view_->verticalHeader()->setDefaultSectionSize(kThumbSize + 6);
    auto* header = view_->horizontalHeader();
    header->setSectionResizeMode(QHeaderView::ResizeToContents);
    header->setSectionResizeMode(RunListModel::Samples, QHeaderView::Fixed);
    header->resizeSection(RunListModel::Samples, kThumbSize + 12);
    // Paths are long: the file name, elided in the middle, and the whole path in the tooltip.
    header->setSectionResizeMode(RunListModel::Dataset, QHeaderView::Interactive);
    header->resizeSection(RunListModel::Dataset, kDatasetWidth);
    view_->setTextElideMode(Qt::ElideMiddle);
    view_->setWordWrap(false);
    header->setStretchLastSection(false);
    connect(view_, &QTableView::doubleClicked, this, [this](const QModelIndex& index) {
        emit openModelRequested(proxy_->mapToSource(index).row());
    });

    auto* compare = new QWidget;
    auto* compare_layout = new QHBoxLayout(compare);
    compare_layout->setContentsMargins(0, 0, 0, 0);
    for (int side = 0; side < 2; ++side) {
        grids_[side] = new SampleGridWidget;
        grids_[side]->setObjectName(QStringLiteral("runsCompare%1").arg(side));
        auto* scroll = new QScrollArea;
        scrolls_[side] = scroll;
        scroll->setWidget(grids_[side]);
        scroll->setWidgetResizable(true);
        scroll->setFrameShape(QFrame::NoFrame);
        sides_[side] = new QGroupBox;
        auto* l = new QVBoxLayout(sides_[side]);
        l->setContentsMargins(4, 4, 4, 4);
        l->addWidget(scroll);
        compare_layout->addWidget(sides_[side], 1);
    }
    auto* split = new QSplitter(Qt::Vertical, this);
    split->addWidget(view_);
    split->addWidget(compare);
    split->setStretchFactor(0, 1);
    split->setStretchFactor(1, 1);
    split->setCollapsible(0, false);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(bar);
    layout->addWidget(split, 1);

    connect(view_->selectionModel(), &QItemSelectionModel::selectionChanged, this, [this] {
        updateComparison();
        updateButtons();
    });
    connect(model_, &QAbstractItemModel::dataChanged, this, &RunsTable::updateComparison);
    connect(model_, &QAbstractItemModel::rowsInserted, this, [this] {
        updateButtons();
        updateDatasetColumn();
        // A new run is what the user wants to see: select it (and the one before, to compare).
        const int last = model_->runCount() - 1;
        selectRuns(last > 0 ? std::vector<int>{last - 1, last} : std::vector<int>{last});
    });
    updateComparison();
    updateButtons();
    updateDatasetColumn();
}

std::vector<int> RunsTable::selectedRuns() const {
    auto rows = view_->selectionModel()->selectedRows();
    std::sort(rows.begin(), rows.end(),
              [](const QModelIndex& a, const QModelIndex& b) { return a.row() < b.row(); });
    std::vector<int> out;
    for (const QModelIndex& i : rows)
        out.push_back(proxy_->mapToSource(i).row());
    return out;
}

void RunsTable::selectRuns(const std::vector<int>& rows) {
    QItemSelection selection;
    for (int r : rows) {
        const QModelIndex i = proxy_->mapFromSource(model_->index(r, 0));
        if (i.isValid())
            selection.select(i, i.siblingAtColumn(RunListModel::ColumnCount - 1));
    }
    view_->selectionModel()->select(selection, QItemSelectionModel::ClearAndSelect);
}

const SampleGridWidget* RunsTable::comparisonGrid(int side) const {
    return grids_[std::clamp(side, 0, 1)];
}

void RunsTable::updateButtons() {
    const int n = model_->runCount();
    open_->setEnabled(selectedRuns().size() == 1);
    export_->setEnabled(n > 0);
    empty_->setText(n == 0 ? tr("Every training run of this session gets a row here.")
                           : tr("Select two runs to compare their samples; double-click a "
                                "run to make its weights current."));
}

void RunsTable::updateDatasetColumn() {
    bool same = true;
    for (int r = 1; r < model_->runCount(); ++r)
        same = same && model_->run(r).dataset == model_->run(0).dataset;
    // One dataset for every run says nothing per row (the Run column's tooltip has it); the
    // room goes to the figures.
    view_->setColumnHidden(RunListModel::Dataset, same);
}

void RunsTable::resizeEvent(QResizeEvent* event) {
    QWidget::resizeEvent(event);
    updateComparison();
}

void RunsTable::updateComparison() {
    const auto rows = selectedRuns();
    // As many whole columns of samples as the narrower side shows.
    const int width = std::min(scrolls_[0]->viewport()->width(), scrolls_[1]->viewport()->width());
    const int scrollbar = scrolls_[0]->verticalScrollBar()->sizeHint().width();
    const int columns = std::clamp((width - scrollbar - 8) / kGridCell, 1, kMaxComparisonColumns);
    for (int side = 0; side < 2; ++side) {
        std::vector<SampleGridWidget::Row> grid;
        if (side < static_cast<int>(rows.size())) {
            const RunRecord& r = model_->run(rows[static_cast<std::size_t>(side)]);
            sides_[side]->setTitle(
                tr("Run %1 · %2").arg(r.number).arg(run_settings_summary(r.config)));
            for (std::size_t i = 0; i < r.samples.size(); ++i) {
                if (i % static_cast<std::size_t>(columns) == 0)
                    grid.push_back({});
                grid.back().images.push_back(r.samples[i]);
            }
        } else {
            sides_[side]->setTitle(side == 0 ? tr("Select a run to see its samples")
                                             : tr("Select a second run to compare"));
        }
        grids_[side]->setRows(std::move(grid));
    }
}

bool RunsTable::exportCsv(const QString& path, QString* error) const {
    return model_->writeCsv(path, error);
}

void RunsTable::exportCsvDialog() {
    const QString path = ask_save_path(this, tr("Export Runs"), QString(),
                                       {{tr("CSV file (*.csv)"), QStringLiteral("csv")}});
    if (path.isEmpty())
        return;
    QString error;
    if (exportCsv(path, &error))
        emit message(tr("Saved %1").arg(path));
    else
        emit problem(tr("Cannot export the runs"), error);
}

} // namespace vae::ui
