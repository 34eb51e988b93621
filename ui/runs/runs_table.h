#pragma once

#include <QWidget>

#include <vector>

class QGroupBox;
class QLabel;
class QPushButton;
class QScrollArea;
class QSortFilterProxyModel;
class QTableView;

namespace vae::ui {

class RunListModel;
class SampleGridWidget;

/// The Runs page: every run of the session in a sortable table (settings, final figures,
/// thumbnails of its samples); the first two selected runs' samples side by side below it;
/// Open Model re-opens the selected run's weights and Export CSV writes the table.
class RunsTable : public QWidget {
    Q_OBJECT
public:
    explicit RunsTable(RunListModel* model, QWidget* parent = nullptr);

    [[nodiscard]] RunListModel* model() const { return model_; }
    [[nodiscard]] QTableView* view() const { return view_; }
    /// Rows of the model (not of the sorted view) that are selected, in view order.
    [[nodiscard]] std::vector<int> selectedRuns() const;
    /// Selects these model rows (the comparison follows).
    void selectRuns(const std::vector<int>& rows);
    /// Writes the table as CSV to `path` (atomic); false with `error` set.
    bool exportCsv(const QString& path, QString* error) const;
    /// Asks for a file name and exports; problems go out as problem().
    void exportCsvDialog();
    [[nodiscard]] const SampleGridWidget* comparisonGrid(int side) const;

signals:
    /// The user asked to make run `row`'s weights (a model row) the current ones.
    void openModelRequested(int row);
    /// Something went wrong that the user should read (title, message).
    void problem(const QString& title, const QString& message);
    /// Something the user may want to see in the status bar.
    void message(const QString& text);

protected:
    void resizeEvent(QResizeEvent* event) override;

private:
    void updateComparison();
    void updateDatasetColumn();
    void updateButtons();

    RunListModel* model_;
    QSortFilterProxyModel* proxy_ = nullptr;
    QTableView* view_ = nullptr;
    QLabel* empty_ = nullptr;
    QPushButton* open_ = nullptr;
    QPushButton* export_ = nullptr;
    QGroupBox* sides_[2] = {nullptr, nullptr};
    SampleGridWidget* grids_[2] = {nullptr, nullptr};
    QScrollArea* scrolls_[2] = {nullptr, nullptr};
};

} // namespace vae::ui
