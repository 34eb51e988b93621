#include "ui/runs/run_list_model.h"

#include "data/csv_field.h"
#include "ui/quality/quality_metric_rows.h"
#include "ui/runs/run_settings.h"
#include "ui/widgets/atomic_write.h"

#include <QFileInfo>
#include <QIcon>
#include <QPainter>
#include <QPixmap>

#include <cmath>
#include <optional>

namespace vae::ui {
namespace {

constexpr int kThumbColumns = 4;
constexpr int kThumbCell = 16;

QString full(double v) {
    return std::isfinite(v) ? QString::number(v, 'g', 10) : QString();
}

QString dataset_name(const QString& source) {
    return source.startsWith(QLatin1String("builtin:")) ? source : QFileInfo(source).fileName();
}

} // namespace

QImage sample_thumbnail(const std::vector<QImage>& images, int cols, int cell) {
    if (images.empty() || cols < 1 || cell < 1)
        return {};
    const int n = static_cast<int>(images.size());
    const int rows = (n + cols - 1) / cols;
    QImage out(cols * cell, rows * cell, QImage::Format_RGB32);
    out.fill(Qt::white);
    QPainter p(&out);
    for (int i = 0; i < n; ++i) {
        const QRect box((i % cols) * cell, (i / cols) * cell, cell, cell);
        const QImage& img = images[static_cast<std::size_t>(i)];
        const QSize s = img.size().scaled(box.size(), Qt::KeepAspectRatio);
        p.drawImage(QRect(box.x() + (cell - s.width()) / 2, box.y() + (cell - s.height()) / 2,
                          s.width(), s.height()),
                    img);
    }
    return out;
}

RunListModel::RunListModel(QObject* parent) : QAbstractTableModel(parent) {}

int RunListModel::addRun(RunRecord run) {
    const int row = runCount();
    run.number = runs_.empty() ? 1 : runs_.back().number + 1;
    if (run.thumbnail.isNull())
        run.thumbnail = sample_thumbnail(run.samples, kThumbColumns, kThumbCell);
    beginInsertRows({}, row, row);
    runs_.push_back(std::move(run));
    endInsertRows();
    emit headerDataChanged(Qt::Horizontal, Fd, Fd);
    return row;
}

FdFeatures RunListModel::sharedFdFeatures() const {
    std::optional<FdFeatures> shared;
    for (const RunRecord& r : runs_) {
        if (!r.quality)
            continue;
        if (shared && *shared != r.quality->fd_features)
            return FdFeatures::Auto;
        shared = r.quality->fd_features;
    }
    return shared.value_or(FdFeatures::Auto);
}

bool RunListModel::setReport(const std::shared_ptr<const QualityReport>& report,
                             const std::vector<QImage>& samples) {
    bool found = false;
    for (std::size_t i = 0; i < runs_.size(); ++i) {
        RunRecord& r = runs_[i];
        if (!report || !report->model || r.model != report->model)
            continue;
        r.report = report;
        if (report->quality)
            r.quality = report->quality;
        if (!samples.empty()) {
            r.samples = samples;
            r.thumbnail = sample_thumbnail(r.samples, kThumbColumns, kThumbCell);
        }
        const int row = static_cast<int>(i);
        emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
        found = true;
    }
    if (found)
        emit headerDataChanged(Qt::Horizontal, Fd, Fd);
    return found;
}

int RunListModel::rowOfNumber(int number) const {
    for (std::size_t i = 0; i < runs_.size(); ++i)
        if (runs_[i].number == number)
            return static_cast<int>(i);
    return -1;
}

int RunListModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : runCount();
}

int RunListModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant RunListModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal)
        return {};
    if (role == Qt::ToolTipRole) {
        switch (section) {
        case ValElbo:
            return tr("Validation ELBO after the last epoch, nats per sample (↑ higher)");
        case Sharpness:
            return tr("Sharpness ratio: sharpness of prior samples / of the data (1.0 ideal)");
        case Duplicates:
            return tr("Duplicate rate: samples with a near-copy among the others (↓ lower)");
        case Diversity:
            return tr("Diversity ratio: mean pairwise distance of samples / of the data (1.0 "
                      "ideal)");
        case Precision:
            return tr("Precision: share of samples inside the data's manifold, realism (↑ "
                      "higher)");
        case Recall:
            return tr("Share of the data inside the samples' manifold: coverage (↑ higher)");
        case Fd: {
            const FdFeatures shared = sharedFdFeatures();
            return shared == FdFeatures::Auto
                       ? tr("Fréchet distance of real and generated features; each cell's "
                            "tooltip names the features it was measured in (↓ lower)")
                       : tr("Fréchet distance of real and generated samples in %1 (↓ lower)")
                             .arg(fd_features_text(shared));
        }
        default:
            return {};
        }
    }
    if (role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Number:
        return tr("Run");
    case Dataset:
        return tr("Dataset");
    case Network:
        return tr("Network");
    case Settings:
        return tr("Settings");
    case Epochs:
        return tr("Epochs");
    // Short names over the good direction: the table must fit beside the settings panel.
    case ValElbo:
        return tr("ELBO\n↑");
    case Sharpness:
        return tr("Sharp.\n→ 1");
    case Duplicates:
        return tr("Dupl.\n↓");
    case Diversity:
        return tr("Div.\n→ 1");
    case Precision:
        return tr("Prec.\n↑");
    case Recall:
        return tr("Recall\n↑");
    case Fd:
        // "FD (PCA)" and "FD (classifier)" are different figures: the header says which.
        return fd_label_text(sharedFdFeatures()) + QStringLiteral("\n↓");
    case Samples:
        return tr("Samples");
    default:
        return {};
    }
}

QVariant RunListModel::display(const RunRecord& r, int column) const {
    const auto q = [&](auto f) -> QVariant {
        return r.quality ? QVariant(f(*r.quality)) : QVariant(QStringLiteral("…"));
    };
    switch (column) {
    case Number:
        // The number and the start time share a column: the table must fit beside the panel.
        return QStringLiteral("%1\n%2").arg(r.number).arg(
            r.started.toString(QStringLiteral("HH:mm")));
    case Dataset:
        return dataset_name(r.dataset);
    case Network:
        return run_network_text(r.config.architecture);
    case Settings:
        return run_settings_lines(r.config);
    case Epochs:
        return QVariant::fromValue(static_cast<qulonglong>(r.epochs));
    case ValElbo:
        return std::isfinite(r.val_elbo) ? QString::number(r.val_elbo, 'f', 2)
                                         : QStringLiteral("—");
    case Sharpness:
        return q([](const SampleQuality& s) { return ratio_text(s.sharpness_ratio); });
    case Duplicates:
        return q([](const SampleQuality& s) { return percent_text(s.duplicate_rate); });
    case Diversity:
        return q([](const SampleQuality& s) { return ratio_text(s.diversity_ratio); });
    case Precision:
        return q([](const SampleQuality& s) { return fraction_text(s.precision); });
    case Recall:
        return q([](const SampleQuality& s) { return fraction_text(s.recall); });
    case Fd:
        return q([](const SampleQuality& s) { return distance_text(s.fd); });
    default:
        return {};
    }
}

QVariant RunListModel::sortValue(const RunRecord& r, int column) const {
    // Runs without figures sort below every run with them (NaN would sort arbitrarily).
    const auto q = [&](double SampleQuality::*m) -> QVariant {
        return r.quality && std::isfinite((*r.quality).*m) ? QVariant((*r.quality).*m)
                                                           : QVariant(-1e300);
    };
    switch (column) {
    case Number:
    case Samples:
        return r.number;
    case Epochs:
        return QVariant::fromValue(static_cast<qulonglong>(r.epochs));
    case ValElbo:
        return std::isfinite(r.val_elbo) ? r.val_elbo : -1e300;
    case Sharpness:
        return q(&SampleQuality::sharpness_ratio);
    case Duplicates:
        return q(&SampleQuality::duplicate_rate);
    case Diversity:
        return q(&SampleQuality::diversity_ratio);
    case Precision:
        return q(&SampleQuality::precision);
    case Recall:
        return q(&SampleQuality::recall);
    case Fd:
        return q(&SampleQuality::fd);
    default:
        return display(r, column);
    }
}

QVariant RunListModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= runCount())
        return {};
    const RunRecord& r = runs_[static_cast<std::size_t>(index.row())];
    const int c = index.column();
    switch (role) {
    case Qt::DisplayRole:
        return c == Samples ? QVariant() : display(r, c);
    case SortRole:
        return sortValue(r, c);
    case Qt::DecorationRole:
        return c == Samples ? QVariant(thumbnailIcon(r)) : QVariant();
    case Qt::TextAlignmentRole:
        return c >= Epochs ? QVariant(Qt::AlignRight | Qt::AlignVCenter) : QVariant();
    case Qt::ToolTipRole:
        if (c == Settings) {
            QStringList lines;
            for (const RunSetting& s : run_settings(r.config))
                lines << s.key + QStringLiteral(": ") + s.value;
            return lines.join(QLatin1Char('\n'));
        }
        if (c == Dataset)
            return r.dataset;
        if (c == Fd && r.quality)
            return tr("%1: Fréchet distance in %2")
                .arg(fd_label_text(r.quality->fd_features),
                     fd_features_text(r.quality->fd_features));
        if (c == Number)
            return tr("Run %1, started %2 on %3, %4")
                .arg(r.number)
                .arg(r.started.toString(Qt::ISODate), r.dataset, r.end);
        return {};
    default:
        return {};
    }
}

QIcon RunListModel::thumbnailIcon(const RunRecord& r) const {
    if (r.thumbnail.isNull())
        return {};
    // The same pixmap when selected: the default selected mode tints the samples.
    const QPixmap pixmap = QPixmap::fromImage(r.thumbnail);
    QIcon icon;
    icon.addPixmap(pixmap, QIcon::Normal);
    icon.addPixmap(pixmap, QIcon::Selected);
    return icon;
}

QStringList RunListModel::settingKeys() const {
    QStringList keys;
    for (const RunSetting& s :
         run_settings(runs_.empty() ? TrainingConfig{} : runs_.front().config))
        keys << s.key;
    return keys;
}

QStringList RunListModel::csvHeader() const {
    QStringList h{QStringLiteral("run"),
                  QStringLiteral("started"),
                  QStringLiteral("dataset"),
                  QStringLiteral("settings"),
                  QStringLiteral("epochs"),
                  QStringLiteral("end"),
                  QStringLiteral("val_elbo"),
                  QStringLiteral("sharpness_ratio"),
                  QStringLiteral("reconstruction_sharpness_ratio"),
                  QStringLiteral("duplicate_rate"),
                  QStringLiteral("diversity_ratio"),
                  QStringLiteral("class_coverage_entropy"),
                  QStringLiteral("precision"),
                  QStringLiteral("recall"),
                  QStringLiteral("fd"),
                  QStringLiteral("fd_features")};
    h << settingKeys();
    return h;
}

QStringList RunListModel::csvRow(int row) const {
    const RunRecord& r = run(row);
    const bool has = r.quality.has_value();
    const auto q = [&](double SampleQuality::*m) {
        return has ? full((*r.quality).*m) : QString();
    };
    QStringList cells{
        QString::number(r.number),
        r.started.toString(Qt::ISODate),
        r.dataset,
        run_settings_summary(r.config),
        QString::number(r.epochs),
        r.end,
        full(r.val_elbo),
        q(&SampleQuality::sharpness_ratio),
        q(&SampleQuality::reconstruction_sharpness_ratio),
        q(&SampleQuality::duplicate_rate),
        q(&SampleQuality::diversity_ratio),
        has && !r.quality->class_coverage.empty() ? full(r.quality->class_coverage_entropy)
                                                  : QString(),
        q(&SampleQuality::precision),
        q(&SampleQuality::recall),
        q(&SampleQuality::fd),
        has ? (r.quality->fd_features == FdFeatures::Classifier ? QStringLiteral("classifier")
                                                                : QStringLiteral("pca"))
            : QString()};
    const auto keys = settingKeys();
    const auto settings = run_settings(r.config);
    for (const QString& key : keys) {
        QString value;
        for (const RunSetting& s : settings)
            if (s.key == key)
                value = s.value;
        cells << value;
    }
    return cells;
}

bool RunListModel::writeCsv(const QString& path, QString* error) const {
    const auto line = [](const QStringList& cells) {
        std::string out;
        for (int i = 0; i < cells.size(); ++i) {
            if (i > 0)
                out += ',';
            append_csv_field(out, cells[i].toStdString());
        }
        out += '\n';
        return out;
    };
    std::string text = line(csvHeader());
    for (int r = 0; r < runCount(); ++r)
        text += line(csvRow(r));
    QString reason;
    if (!write_file_atomically(path, QByteArray::fromStdString(text), &reason)) {
        if (error)
            *error = path + QStringLiteral(": ") + reason;
        return false;
    }
    return true;
}

} // namespace vae::ui
