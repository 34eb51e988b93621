#pragma once

#include "data/dataset.h"

#include <QWidget>

#include <memory>

class QLabel;
class QStackedWidget;
class QTableWidget;

namespace vae::ui {

class SampleGridWidget;

/// What the user sees of a loaded dataset: its name and size, then a few samples of each
/// class (for images) or the first rows in the user's units (for tables).
class DatasetOverview : public QWidget {
    Q_OBJECT
public:
    explicit DatasetOverview(QWidget* parent = nullptr);
    void setDataset(std::shared_ptr<const Dataset> data, double load_seconds);
    [[nodiscard]] const SampleGridWidget* sampleGrid() const { return grid_; }
    [[nodiscard]] const QTableWidget* table() const { return table_; }
    [[nodiscard]] QString headline() const;

private:
    void showImages(const Dataset& d);
    void showTable(const Dataset& d);

    std::shared_ptr<const Dataset> data_;
    QLabel* title_ = nullptr;
    QLabel* details_ = nullptr;
    QStackedWidget* stack_ = nullptr;
    SampleGridWidget* grid_ = nullptr;
    QTableWidget* table_ = nullptr;
};

/// "60,000 × 784, 10 classes, 28×28 images" and the like.
QString describe_dataset(const Dataset& d);

} // namespace vae::ui
