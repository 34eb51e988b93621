#include "io/metadata_codec.h"

#include <array>
#include <cmath>

namespace vae {
namespace {

constexpr std::size_t kMaxImageSide = 65536;

// File codes, spelled out so that reordering the enum never changes the format.
constexpr std::array<Normalization::Kind, 3> kNormalizationCodes = {
    Normalization::Kind::None, Normalization::Kind::MinMax, Normalization::Kind::ZScore};

} // namespace

void write_metadata(ByteWriter& w, const DatasetMetadata& m) {
    w.str(m.name);
    w.strings(m.column_names);
    w.str(m.label_column);
    w.strings(m.label_names);
    w.strings(m.factor_names);
    w.u8(m.image_shape ? 1 : 0);
    if (m.image_shape) {
        w.u32(static_cast<std::uint32_t>(m.image_shape->width));
        w.u32(static_cast<std::uint32_t>(m.image_shape->height));
        w.u32(static_cast<std::uint32_t>(m.image_shape->channels));
    }
    w.u64(m.categorical_columns.size());
    for (const auto& c : m.categorical_columns) {
        w.str(c.name);
        w.u64(c.first_column);
        w.strings(c.categories);
    }
    const auto& n = m.normalization;
    w.code(kNormalizationCodes, n.kind);
    w.u8(n.scaled_from_255 ? 1 : 0);
    w.u64(static_cast<std::uint64_t>(n.offset.size()));
    w.floats({n.offset.data(), static_cast<std::size_t>(n.offset.size())});
    w.floats({n.scale.data(), static_cast<std::size_t>(n.scale.size())});
    w.u64(m.rows);
}

DatasetMetadata read_metadata(ByteReader& r, std::size_t input_dim) {
    DatasetMetadata m;
    m.name = r.str("data name");
    m.column_names = r.strings("column names");
    m.label_column = r.str("label column");
    m.label_names = r.strings("label names");
    m.factor_names = r.strings("factor names");
    if (r.flag("image flag")) {
        ImageShape s;
        for (int* side : {&s.width, &s.height, &s.channels}) {
            const auto v = r.u32("image shape");
            if (v < 1 || v > kMaxImageSide)
                r.fail("image dimension " + std::to_string(v) + " (must be 1.." +
                       std::to_string(kMaxImageSide) + ")");
            *side = static_cast<int>(v);
        }
        m.image_shape = s;
    }
    // Each group takes at least a name length, a first column and a category count.
    const auto groups = r.count("categorical columns", 4 + 8 + 8);
    for (std::size_t i = 0; i < groups; ++i) {
        CategoricalColumn c;
        c.name = r.str("categorical column name");
        c.first_column = r.u64("categorical first column");
        c.categories = r.strings("categories");
        m.categorical_columns.push_back(std::move(c));
    }
    auto& n = m.normalization;
    n.kind = r.code(kNormalizationCodes, "normalization");
    n.scaled_from_255 = r.flag("scaled-from-255 flag");
    const auto size = r.count("normalization", 2 * sizeof(float));
    if (size != 0 && size != input_dim)
        r.fail("normalization of size " + std::to_string(size) + " for input_dim " +
               std::to_string(input_dim));
    n.offset.resize(static_cast<Eigen::Index>(size));
    n.scale.resize(static_cast<Eigen::Index>(size));
    r.floats("normalization offsets", n.offset.data(), size);
    r.floats("normalization scales", n.scale.data(), size);
    m.rows = r.u64("row count");
    if (const auto problem = metadata_problem(m, input_dim))
        r.fail(*problem);
    return m;
}

std::optional<std::string> metadata_problem(const DatasetMetadata& m, std::size_t input_dim) {
    const auto dim = std::to_string(input_dim);
    if (!m.column_names.empty() && m.column_names.size() != input_dim)
        return std::to_string(m.column_names.size()) + " column names for input_dim " + dim;
    if (m.image_shape) {
        const auto& s = *m.image_shape;
        for (const int side : {s.width, s.height, s.channels})
            if (side < 1 || static_cast<std::size_t>(side) > kMaxImageSide)
                return "image dimension " + std::to_string(side) + " (must be 1.." +
                       std::to_string(kMaxImageSide) + ")";
        if (s.values() != input_dim)
            return "image shape " + std::to_string(s.width) + "x" + std::to_string(s.height) + "x" +
                   std::to_string(s.channels) + " does not hold input_dim " + dim + " values";
    }
    for (const auto& c : m.categorical_columns)
        if (c.categories.empty() || c.first_column > input_dim ||
            c.categories.size() > input_dim - c.first_column)
            return "categorical column '" + c.name + "' lies outside the " + dim + " columns";
    const auto& n = m.normalization;
    if (n.offset.size() != n.scale.size())
        return std::string("normalization offset and scale differ in size");
    if (n.offset.size() != 0 && static_cast<std::size_t>(n.offset.size()) != input_dim)
        return "normalization of size " + std::to_string(n.offset.size()) + " for input_dim " + dim;
    for (Eigen::Index j = 0; j < n.offset.size(); ++j)
        if (!std::isfinite(n.offset[j]) || !std::isfinite(n.scale[j]) || n.scale[j] == 0.0f)
            return "normalization of column " + std::to_string(j + 1) +
                   " is not finite or has scale 0";
    return std::nullopt;
}

} // namespace vae
