#include "latent/decoded_features.h"

#include "data/original_columns.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>
#include <utility>

namespace vae {

ColumnRanges column_ranges(const Dataset& d) {
    const auto cols = d.values.cols();
    constexpr float kInf = std::numeric_limits<float>::infinity();
    Eigen::ArrayXf lo = Eigen::ArrayXf::Constant(cols, kInf);
    Eigen::ArrayXf hi = Eigen::ArrayXf::Constant(cols, -kInf);
    if (d.stored_min.size() == cols && d.stored_max.size() == cols) {
        // Computed by the loader: no pass over the data here (this may be the GUI thread).
        const auto known = d.stored_min.array().isFinite();
        lo = known.select(d.stored_min.array(), lo);
        hi = known.select(d.stored_max.array(), hi);
    } else {
        for (Eigen::Index r = 0; r < d.values.rows(); ++r) {
            const auto row = d.values.row(r).transpose().array();
            const auto finite = row.isFinite();
            lo = finite.select(row.min(lo), lo);
            hi = finite.select(row.max(hi), hi);
        }
    }
    // The map to user's units is affine per column, so the ends map to the ends.
    Matrix ends(2, cols);
    ends.row(0) = lo.transpose().matrix();
    ends.row(1) = hi.transpose().matrix();
    d.normalization.inverse(ends);
    ColumnRanges out{ends.row(0).transpose(), ends.row(1).transpose()};
    for (Eigen::Index j = 0; j < cols; ++j) {
        if (lo(j) > hi(j)) { // no finite value in the column
            out.min(j) = std::numeric_limits<float>::quiet_NaN();
            out.max(j) = std::numeric_limits<float>::quiet_NaN();
        } else if (out.min(j) > out.max(j)) { // a negative scale flips the ends
            std::swap(out.min(j), out.max(j));
        }
    }
    return out;
}

std::vector<DecodedFeature> decoded_features(const Eigen::Ref<const Eigen::RowVectorXf>& stored_row,
                                             const DatasetMetadata& meta,
                                             const ColumnRanges& ranges) {
    const auto cols = static_cast<std::size_t>(stored_row.size());
    if (!meta.column_names.empty() && meta.column_names.size() != cols)
        throw std::invalid_argument("the decoded row has " + std::to_string(cols) +
                                    " values but the data has " +
                                    std::to_string(meta.column_names.size()) + " columns");
    const auto& norm = meta.normalization;
    if (!norm.is_identity() && (static_cast<std::size_t>(norm.offset.size()) != cols ||
                                static_cast<std::size_t>(norm.scale.size()) != cols))
        throw std::invalid_argument("the decoded row has " + std::to_string(cols) +
                                    " values but the normalization has " +
                                    std::to_string(norm.offset.size()));
    const bool check_ranges = ranges.min.size() != 0 || ranges.max.size() != 0;
    if (check_ranges && (static_cast<std::size_t>(ranges.min.size()) != cols ||
                         static_cast<std::size_t>(ranges.max.size()) != cols))
        throw std::invalid_argument(
            "the decoded row has " + std::to_string(cols) + " values but the column ranges have " +
            std::to_string(ranges.min.size()) + " and " + std::to_string(ranges.max.size()));

    Matrix user = stored_row;
    norm.inverse(user);
    const float* v = user.data();
    std::vector<DecodedFeature> out;
    for (const auto& column : original_columns(cols, meta.categorical_columns)) {
        DecodedFeature f;
        const std::size_t j = column.first;
        if (!column.group) {
            f.name = meta.column_names.empty() ? "column " + std::to_string(j + 1)
                                               : meta.column_names[j];
            f.value = v[j];
            if (check_ranges) {
                const auto at = static_cast<Eigen::Index>(j);
                f.out_of_range = v[j] < ranges.min(at) || v[j] > ranges.max(at);
            }
            out.push_back(std::move(f));
            continue;
        }
        const auto& group = *column.group;
        const std::span<const float> values(v + j, column.width());
        f.name = group.name;
        f.categorical = true;
        f.category_index = most_likely_category(values);
        f.category = group.categories[f.category_index];
        double sum = 0.0;
        for (const float x : values)
            sum += x > 0.0f ? x : 0.0; // NaN fails the test: counts as 0
        const float best = values[f.category_index];
        f.score = sum > 0.0 ? static_cast<float>((best > 0.0f ? best : 0.0) / sum)
                            : 1.0f / static_cast<float>(values.size());
        out.push_back(std::move(f));
    }
    return out;
}

} // namespace vae
