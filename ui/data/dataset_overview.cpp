#include "ui/data/dataset_overview.h"

#include "ui/data/image_shape_description.h"

#include "ui/widgets/sample_grid_widget.h"
#include "ui/widgets/sample_image.h"

#include <QFileInfo>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QScrollArea>
#include <QStackedWidget>
#include <QTableWidget>
#include <QVBoxLayout>

namespace vae::ui {
namespace {

constexpr int kSamplesPerClass = 10;
constexpr int kUnlabelledRows = 6;
constexpr int kTablePreviewRows = 200;

} // namespace

QString describe_dataset(const Dataset& d) {
    const QLocale locale;
    QString text =
        QStringLiteral("%1 × %2").arg(locale.toString(static_cast<qulonglong>(d.rows())),
                                      locale.toString(static_cast<qulonglong>(d.cols())));
    if (d.classes() > 0)
        text += QStringLiteral(", %1 classes").arg(d.classes());
    if (d.image_shape) {
        text += QStringLiteral(", ") + describe_image_shape(*d.image_shape);
    } else {
        text += QStringLiteral(", table");
    }
    return text;
}

DatasetOverview::DatasetOverview(QWidget* parent) : QWidget(parent) {
    auto* layout = new QVBoxLayout(this);
    title_ = new QLabel(tr("No dataset loaded"), this);
    QFont f = title_->font();
    f.setPointSizeF(f.pointSizeF() * 1.4);
    f.setBold(true);
    title_->setFont(f);
    details_ = new QLabel(this);
    details_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    stack_ = new QStackedWidget(this);
    grid_ = new SampleGridWidget;
    auto* scroll = new QScrollArea;
    scroll->setWidget(grid_);
    scroll->setWidgetResizable(true);
    table_ = new QTableWidget;
    table_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table_->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    stack_->addWidget(scroll);
    stack_->addWidget(table_);
    layout->addWidget(title_);
    layout->addWidget(details_);
    layout->addWidget(stack_, 1);
}

QString DatasetOverview::headline() const {
    return title_->text() + QStringLiteral(" — ") + details_->text();
}

void DatasetOverview::setDataset(std::shared_ptr<const Dataset> data, double load_seconds) {
    data_ = std::move(data);
    const Dataset& d = *data_;
    const QString name = QString::fromStdString(d.name);
    title_->setText(name.startsWith(QLatin1String("builtin:")) ? name : QFileInfo(name).fileName());
    QString details = describe_dataset(d);
    if (d.missing_count > 0)
        details += tr(", %1 missing values").arg(d.missing_count);
    if (d.dropped_rows > 0)
        details += tr(", %1 rows dropped").arg(d.dropped_rows);
    details += tr(" — loaded in %1 s").arg(load_seconds, 0, 'f', 2);
    details_->setText(details);
    if (d.image_shape)
        showImages(d);
    else
        showTable(d);
}

void DatasetOverview::showImages(const Dataset& d) {
    const auto [lo, hi] = display_range(d);
    std::vector<SampleGridWidget::Row> rows;
    if (d.has_labels()) {
        rows.resize(d.classes());
        for (std::size_t c = 0; c < d.classes(); ++c)
            rows[c].caption = QString::fromStdString(d.label_names[c]);
        for (std::size_t i = 0; i < d.rows(); ++i) {
            auto& row = rows[static_cast<std::size_t>(d.labels[i])];
            if (row.images.size() < kSamplesPerClass)
                row.images.push_back(sample_image(d, static_cast<Eigen::Index>(i), lo, hi));
        }
    } else {
        for (std::size_t i = 0; i < d.rows() && i < kUnlabelledRows * kSamplesPerClass; ++i) {
            if (i % kSamplesPerClass == 0)
                rows.emplace_back();
            rows.back().images.push_back(sample_image(d, static_cast<Eigen::Index>(i), lo, hi));
        }
    }
    grid_->setRows(std::move(rows));
    stack_->setCurrentIndex(0);
}

void DatasetOverview::showTable(const Dataset& d) {
    const int n = static_cast<int>(std::min<std::size_t>(d.rows(), kTablePreviewRows));
    const bool labelled = d.has_labels() || !d.targets.empty();
    const int cols = static_cast<int>(d.cols()) + (labelled ? 1 : 0);
    table_->clear();
    table_->setRowCount(n);
    table_->setColumnCount(cols);
    QStringList headers;
    if (labelled)
        headers << QString::fromStdString(d.label_column.empty() ? "label" : d.label_column);
    for (const auto& c : d.column_names)
        headers << QString::fromStdString(c);
    table_->setHorizontalHeaderLabels(headers);
    Matrix shown = d.values.topRows(n);
    d.normalization.inverse(shown); // the user's own units
    for (int i = 0; i < n; ++i) {
        int c = 0;
        if (labelled) {
            const QString label =
                d.has_labels() ? QString::fromStdString(d.label_names[static_cast<std::size_t>(
                                     d.labels[static_cast<std::size_t>(i)])])
                               : QString::number(d.targets[static_cast<std::size_t>(i)]);
            table_->setItem(i, c++, new QTableWidgetItem(label));
        }
        for (Eigen::Index j = 0; j < shown.cols(); ++j)
            table_->setItem(i, c++, new QTableWidgetItem(QString::number(shown(i, j), 'g', 6)));
    }
    stack_->setCurrentIndex(1);
}

} // namespace vae::ui
