#pragma once

#include "ui/runs/run_record.h"

#include <QAbstractTableModel>
#include <QIcon>
#include <QStringList>

#include <vector>

namespace vae::ui {

/// The runs of the session as a table: one row per run, with its settings, final figures,
/// sample-quality metrics and a thumbnail of its prior samples. Qt::DisplayRole is the text
/// shown, SortRole the value to sort by (numbers for figures), Qt::DecorationRole the
/// thumbnail (a QIcon; RunRecord::thumbnail is the image). The CSV functions give the same cells as
/// text, with a header row.
class RunListModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column {
        Number, ///< the run's number over its start time
        Samples,
        Dataset,
        Network, ///< the architecture: a preset's name or the layers spec
        Settings,
        Epochs,
        ValElbo,
        Sharpness,
        Duplicates,
        Diversity,
        Precision,
        Recall,
        Fd,
        ColumnCount
    };
    static constexpr int SortRole = Qt::UserRole + 1;

    explicit RunListModel(QObject* parent = nullptr);

    /// Appends a run; its number is set to the next one. Returns the row.
    int addRun(RunRecord run);
    /// Stores `report` (its quality figures, and `samples` when given) with every run whose
    /// weights are report->model; false when no run has them.
    bool setReport(const std::shared_ptr<const QualityReport>& report,
                   const std::vector<QImage>& samples = {});
    [[nodiscard]] const RunRecord& run(int row) const {
        return runs_.at(static_cast<std::size_t>(row));
    }
    [[nodiscard]] int runCount() const { return static_cast<int>(runs_.size()); }
    /// The row of the run numbered `number`, or -1.
    [[nodiscard]] int rowOfNumber(int number) const;

    /// CSV header: the table's text columns, then each setting on its own (run_settings keys).
    [[nodiscard]] QStringList csvHeader() const;
    /// CSV cells of `row`, in csvHeader() order: figures at full precision, empty when absent.
    [[nodiscard]] QStringList csvRow(int row) const;
    /// Writes the header and every row to `path` atomically (AtomicFile); false with `error` set.
    bool writeCsv(const QString& path, QString* error) const;

    [[nodiscard]] int rowCount(const QModelIndex& parent = {}) const override;
    [[nodiscard]] int columnCount(const QModelIndex& parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex& index, int role) const override;
    [[nodiscard]] QVariant headerData(int section, Qt::Orientation orientation,
                                      int role) const override;

private:
    [[nodiscard]] QVariant display(const RunRecord& r, int column) const;
    [[nodiscard]] QVariant sortValue(const RunRecord& r, int column) const;
    [[nodiscard]] QStringList settingKeys() const;
    [[nodiscard]] QIcon thumbnailIcon(const RunRecord& r) const;
    /// The feature space of every run's Fréchet distance, or Auto when the runs with figures
    /// (none, or some in PCA and some in classifier features) share none.
    [[nodiscard]] FdFeatures sharedFdFeatures() const;

    std::vector<RunRecord> runs_;
};

/// A mosaic of `images` in `cols` columns at `cell` pixels each, for a table cell.
[[nodiscard]] QImage sample_thumbnail(const std::vector<QImage>& images, int cols, int cell);

} // namespace vae::ui
