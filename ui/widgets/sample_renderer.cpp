#include "ui/widgets/sample_renderer.h"

#include "data/original_columns.h"
#include "ui/widgets/sample_image.h"

namespace vae::ui {

void SampleRenderer::setDataset(std::shared_ptr<const Dataset> data) {
    data_ = std::move(data);
    meta_ = {};
    ranges_ = {};
    lo_ = 0.0f;
    hi_ = 1.0f;
    if (!data_)
        return;
    if (data_->image_shape) {
        std::tie(lo_, hi_) = display_range(*data_);
    } else {
        meta_ = metadata_of(*data_);
        ranges_ = column_ranges(*data_);
    }
}

QImage SampleRenderer::image(const Matrix& values, Eigen::Index row) const {
    return sample_image(values.row(row).data(), *data_->image_shape, lo_, hi_);
}

QImage SampleRenderer::datasetImage(std::size_t row) const {
    return sample_image(*data_, static_cast<Eigen::Index>(row), lo_, hi_);
}

std::vector<FeatureValue> SampleRenderer::features(const Matrix& values, Eigen::Index row) const {
    return featuresOf(values.row(row));
}

std::vector<FeatureValue> SampleRenderer::datasetFeatures(std::size_t row) const {
    return featuresOf(data_->values.row(static_cast<Eigen::Index>(row)));
}

std::vector<FeatureValue>
SampleRenderer::featuresOf(const Eigen::Ref<const Eigen::RowVectorXf>& stored_row) const {
    std::vector<FeatureValue> out;
    const auto decoded = decoded_features(stored_row, meta_, ranges_);
    // decoded_features gives one entry per original column, in order: the same walk as
    // original_columns, which says where each numeric feature's range is.
    const auto columns =
        original_columns(static_cast<std::size_t>(stored_row.size()), meta_.categorical_columns);
    out.reserve(decoded.size());
    for (std::size_t i = 0; i < decoded.size() && i < columns.size(); ++i) {
        const auto& f = decoded[i];
        const QString name = QString::fromStdString(f.name);
        if (f.categorical) {
            out.push_back(FeatureValue::categorical_value(name, QString::fromStdString(f.category),
                                                          static_cast<double>(f.score)));
            continue;
        }
        const auto column = static_cast<Eigen::Index>(columns[i].first);
        const bool known = column < ranges_.min.size();
        FeatureValue v =
            FeatureValue::numeric(name, static_cast<double>(f.value),
                                  known ? static_cast<double>(ranges_.min(column)) : 0.0,
                                  known ? static_cast<double>(ranges_.max(column)) : 0.0);
        // The engine's rule (strictly outside a finite range) decides, not the view's.
        v.out_of_range = f.out_of_range;
        out.push_back(std::move(v));
    }
    return out;
}

QString SampleRenderer::labelSuffix(std::size_t row) const {
    if (!data_ || row >= data_->labels.size())
        return {};
    const auto id = data_->labels[row];
    if (id < 0 || static_cast<std::size_t>(id) >= data_->label_names.size())
        return {};
    return QStringLiteral(" · ") +
           QString::fromStdString(data_->label_names[static_cast<std::size_t>(id)]);
}

} // namespace vae::ui
