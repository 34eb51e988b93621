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

void write_metadata(ByteWriter& out, const DatasetMetadata& meta) {
    out.str(meta.name);
    out.strings(meta.column_names);
    out.str(meta.label_column);
    out.strings(meta.label_names);
    out.strings(meta.factor_names);
    out.u8(meta.image_shape ? 1 : 0);
    if (meta.image_shape) {
        out.u32(static_cast<std::uint32_t>(meta.image_shape->width));
        out.u32(static_cast<std::uint32_t>(meta.image_shape->height));
        out.u32(static_cast<std::uint32_t>(meta.image_shape->channels));
    }
    out.u64(meta.categorical_columns.size());
    for (const auto& c : meta.categorical_columns) {
        out.str(c.name);
        out.u64(c.first_column);
        out.strings(c.categories);
    }
    const auto& n = meta.normalization;
    out.code(kNormalizationCodes, n.kind);
    out.u8(n.scaled_from_255 ? 1 : 0);
    out.u64(static_cast<std::uint64_t>(n.offset.size()));
    out.floats({n.offset.data(), static_cast<std::size_t>(n.offset.size())});
    out.floats({n.scale.data(), static_cast<std::size_t>(n.scale.size())});
    out.u64(meta.rows);
}

DatasetMetadata read_metadata(ByteReader& in, std::size_t input_dim) {
    DatasetMetadata m;
    m.name = in.str("data name");
    m.column_names = in.strings("column names");
    m.label_column = in.str("label column");
    m.label_names = in.strings("label names");
    m.factor_names = in.strings("factor names");
    if (in.flag("image flag")) {
        ImageShape s;
        for (int* side : {&s.width, &s.height, &s.channels}) {
            const auto v = in.u32("image shape");
            if (v < 1 || v > kMaxImageSide)
                in.fail("image dimension " + std::to_string(v) + " (must be 1.." +
                        std::to_string(kMaxImageSide) + ")");
            *side = static_cast<int>(v);
        }
        m.image_shape = s;
    }
    // Each group takes at least a name length, a first column and a category count.
    const auto groups = in.count("categorical columns", 4 + 8 + 8);
    for (std::size_t i = 0; i < groups; ++i) {
        CategoricalColumn c;
        c.name = in.str("categorical column name");
        c.first_column = in.u64("categorical first column");
        c.categories = in.strings("categories");
        m.categorical_columns.push_back(std::move(c));
    }
    auto& n = m.normalization;
    n.kind = in.code(kNormalizationCodes, "normalization");
    n.scaled_from_255 = in.flag("scaled-from-255 flag");
    const auto size = in.count("normalization", 2 * sizeof(float));
    if (size != 0 && size != input_dim)
        in.fail("normalization of size " + std::to_string(size) + " for input_dim " +
                std::to_string(input_dim));
    n.offset.resize(static_cast<Eigen::Index>(size));
    n.scale.resize(static_cast<Eigen::Index>(size));
    in.floats("normalization offsets", n.offset.data(), size);
    in.floats("normalization scales", n.scale.data(), size);
    m.rows = in.u64("row count");
    if (const auto problem = metadata_problem(m, input_dim))
        in.fail(*problem);
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
