#include "data/dataset_summary.h"

#include "io/json_writer.h"

#include <algorithm>
#include <limits>

namespace vae {

DatasetSummary summarize(const Dataset& d) {
    DatasetSummary s;
    s.rows = d.rows();
    s.columns = d.cols();
    s.label_column = d.label_column;
    s.class_names = d.label_names;
    s.class_counts.assign(d.label_names.size(), 0);
    for (const auto id : d.labels)
        if (id >= 0 && static_cast<std::size_t>(id) < s.class_counts.size())
            ++s.class_counts[static_cast<std::size_t>(id)];
    s.image_shape = d.image_shape;
    s.missing = d.missing_count;
    s.dropped_rows = d.dropped_rows;
    s.scaled_from_255 = d.normalization.scaled_from_255;
    for (const auto& c : d.categorical_columns)
        s.categorical_columns.push_back(c.name);

    if (d.values.size() == 0)
        return s;
    // The map to user units is increasing per column (scale > 0), so the extremes of the
    // stored values map to the extremes in user units.
    // The loader's stored ranges when it computed them: no pass over the data.
    const bool known =
        d.stored_min.size() == d.values.cols() && d.stored_max.size() == d.values.cols();
    const Eigen::RowVectorXf lo =
        known ? Eigen::RowVectorXf(d.stored_min.transpose()) : d.values.colwise().minCoeff();
    const Eigen::RowVectorXf hi =
        known ? Eigen::RowVectorXf(d.stored_max.transpose()) : d.values.colwise().maxCoeff();
    float mn = std::numeric_limits<float>::infinity();
    float mx = -std::numeric_limits<float>::infinity();
    const auto& n = d.normalization;
    for (Eigen::Index j = 0; j < lo.size(); ++j) {
        const float a = n.is_identity() ? lo[j] : lo[j] * n.scale[j] + n.offset[j];
        const float b = n.is_identity() ? hi[j] : hi[j] * n.scale[j] + n.offset[j];
        mn = std::min(mn, a);
        mx = std::max(mx, b);
    }
    s.min = mn;
    s.max = mx;
    return s;
}

std::string summary_json(const DatasetSummary& s, double load_seconds) {
    JsonWriter j;
    j.begin_object();
    j.field("rows", static_cast<std::uint64_t>(s.rows));
    j.field("columns", static_cast<std::uint64_t>(s.columns));
    j.key("label_column");
    if (s.label_column.empty())
        j.null();
    else
        j.value(s.label_column);
    j.field("classes", static_cast<std::uint64_t>(s.class_names.size()));
    j.key("class_counts").begin_object();
    for (std::size_t i = 0; i < s.class_names.size(); ++i)
        j.field(s.class_names[i], static_cast<std::uint64_t>(s.class_counts[i]));
    j.end_object();
    j.key("image_shape");
    if (s.image_shape)
        j.begin_array()
            .value(s.image_shape->width)
            .value(s.image_shape->height)
            .value(s.image_shape->channels)
            .end_array();
    else
        j.null();
    j.field("min", static_cast<double>(s.min));
    j.field("max", static_cast<double>(s.max));
    j.field("missing", static_cast<std::uint64_t>(s.missing));
    j.field("dropped_rows", static_cast<std::uint64_t>(s.dropped_rows));
    j.key("categorical_columns").begin_array();
    for (const auto& c : s.categorical_columns)
        j.value(c);
    j.end_array();
    j.field("scaled_from_255", s.scaled_from_255);
    if (load_seconds >= 0)
        j.field("load_seconds", load_seconds);
    j.end_object();
    return j.text();
}

} // namespace vae
