#include "data/dataset_metadata.h"

#include <stdexcept>
#include <utility>

namespace vae {
namespace {

bool same_vector(const Vector& a, const Vector& b) {
    // Eigen's == asserts on differing sizes, so sizes are compared first.
    return a.size() == b.size() && (a.size() == 0 || a == b);
}

bool same_categoricals(const std::vector<CategoricalColumn>& a,
                       const std::vector<CategoricalColumn>& b) {
    if (a.size() != b.size())
        return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (a[i].name != b[i].name || a[i].first_column != b[i].first_column ||
            a[i].categories != b[i].categories)
            return false;
    return true;
}

} // namespace

DatasetMetadata metadata_of(const Dataset& d) {
    DatasetMetadata m;
    m.name = d.name;
    m.column_names = d.column_names;
    m.label_column = d.label_column;
    m.label_names = d.label_names;
    m.factor_names = d.factor_names;
    m.image_shape = d.image_shape;
    m.categorical_columns = d.categorical_columns;
    m.normalization = d.normalization;
    m.rows = d.rows();
    return m;
}

Dataset dataset_from(const DatasetMetadata& meta, Matrix values) {
    const auto cols = static_cast<std::size_t>(values.cols());
    if (!meta.column_names.empty() && meta.column_names.size() != cols)
        throw std::invalid_argument("dataset_from: " + std::to_string(cols) +
                                    " value columns but " +
                                    std::to_string(meta.column_names.size()) + " column names");
    if (!meta.normalization.is_identity() &&
        (static_cast<std::size_t>(meta.normalization.offset.size()) != cols ||
         static_cast<std::size_t>(meta.normalization.scale.size()) != cols))
        throw std::invalid_argument("dataset_from: " + std::to_string(cols) +
                                    " value columns but a normalization of size " +
                                    std::to_string(meta.normalization.offset.size()));
    Dataset d;
    d.name = meta.name;
    d.values = std::move(values);
    d.column_names = meta.column_names;
    if (d.column_names.empty())
        for (std::size_t j = 0; j < cols; ++j)
            d.column_names.push_back("column " + std::to_string(j + 1));
    d.image_shape = meta.image_shape;
    d.categorical_columns = meta.categorical_columns;
    d.normalization = meta.normalization;
    return d;
}

bool operator==(const DatasetMetadata& a, const DatasetMetadata& b) {
    const auto& na = a.normalization;
    const auto& nb = b.normalization;
    return a.name == b.name && a.column_names == b.column_names &&
           a.label_column == b.label_column && a.label_names == b.label_names &&
           a.factor_names == b.factor_names && a.image_shape == b.image_shape &&
           same_categoricals(a.categorical_columns, b.categorical_columns) && na.kind == nb.kind &&
           na.scaled_from_255 == nb.scaled_from_255 && same_vector(na.offset, nb.offset) &&
           same_vector(na.scale, nb.scale) && a.rows == b.rows;
}

} // namespace vae
