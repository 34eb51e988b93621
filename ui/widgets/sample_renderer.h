#pragma once

#include "data/dataset.h"
#include "data/dataset_metadata.h"
#include "latent/decoded_features.h"
#include "ui/widgets/feature_value.h"

#include <QImage>

#include <memory>
#include <vector>

namespace vae::ui {

/// Turns rows in stored (model) units into what the user sees for one dataset: an image at the
/// dataset's shape, or the table's features in the user's units with their training ranges.
/// Why a class: the display range and the column ranges need a pass over the whole data, which
/// must happen once per dataset, not once per decoded frame. GUI thread (QImage is fine
/// elsewhere, but the renderer is not shared).
class SampleRenderer {
public:
    SampleRenderer() = default;
    /// Scans `data` once (display range, column ranges). Null forgets it.
    void setDataset(std::shared_ptr<const Dataset> data);

    [[nodiscard]] bool hasData() const { return data_ != nullptr; }
    [[nodiscard]] bool isImage() const { return data_ && data_->image_shape.has_value(); }
    /// Row `row` of `values` (N x D, stored units) as an image. isImage() must hold.
    [[nodiscard]] QImage image(const Matrix& values, Eigen::Index row) const;
    /// Dataset row `row` as an image. isImage() must hold.
    [[nodiscard]] QImage datasetImage(std::size_t row) const;
    /// Row `row` of `values` as table features (numeric columns with their training range,
    /// one-hot groups as their most likely category).
    [[nodiscard]] std::vector<FeatureValue> features(const Matrix& values, Eigen::Index row) const;
    /// Dataset row `row` as table features.
    [[nodiscard]] std::vector<FeatureValue> datasetFeatures(std::size_t row) const;
    /// " · Sneaker" for a labelled row, "" otherwise.
    [[nodiscard]] QString labelSuffix(std::size_t row) const;

private:
    [[nodiscard]] std::vector<FeatureValue>
    featuresOf(const Eigen::Ref<const Eigen::RowVectorXf>& stored_row) const;

    std::shared_ptr<const Dataset> data_;
    DatasetMetadata meta_;
    ColumnRanges ranges_;
    float lo_ = 0.0f;
    float hi_ = 1.0f;
};

} // namespace vae::ui
