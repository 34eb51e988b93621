#include "data/dataset_loader.h"

#include "data/builtin_datasets.h"
#include "data/csv_reader.h"
#include "data/idx_reader.h"
#include "data/image_shape_text.h"
#include "data/input_stream.h"
#include "data/load_error.h"
#include "data/npy_reader.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstring>
#include <limits>
#include <optional>
#include <string_view>

namespace vae {
namespace {

bool ends_with(std::string_view text, std::string_view suffix) {
    return text.size() >= suffix.size() &&
           std::equal(suffix.rbegin(), suffix.rend(), text.rbegin(), [](char a, char b) {
               return std::tolower(static_cast<unsigned char>(a)) ==
                      std::tolower(static_cast<unsigned char>(b));
           });
}

std::string_view without_gz(std::string_view name) {
    return ends_with(name, ".gz") ? name.substr(0, name.size() - 3) : name;
}

void keep_first_rows(Dataset& d, std::size_t limit) {
    if (limit == 0 || d.rows() <= limit)
        return;
    const auto n = static_cast<Eigen::Index>(limit);
    d.values.conservativeResize(n, Eigen::NoChange);
    if (!d.labels.empty())
        d.labels.resize(limit);
    if (!d.targets.empty())
        d.targets.resize(limit);
    if (d.factors.rows() > n)
        d.factors.conservativeResize(n, Eigen::NoChange);
}

std::optional<float> byte_range_max(const Matrix& m);

bool values_look_like_pixels(const Matrix& m) {
    if (m.size() == 0)
        return false;
    const bool unit = (m.array() >= 0.0f && m.array() <= 1.0f).all();
    const auto max = byte_range_max(m);
    return unit || (max && *max > 1.0f);
}

void settle_image_shape(Dataset& d, const LoadOptions& options, const std::string& what) {
    if (options.force_table) {
        d.image_shape.reset();
        return;
    }
    if (options.image_shape) {
        const ImageShape s = *options.image_shape;
        if (s.width <= 0 || s.height <= 0 ||
            (s.channels != 1 && s.channels != 3 && s.channels != 4))
            throw DataError({what},
                            "--image-shape " + image_shape_text(s) + " is not a valid image shape",
                            "give WIDTHxHEIGHT or WIDTHxHEIGHTxC with C 1, 3 or 4");
        if (s.values() != d.cols())
            throw DataError({what},
                            "--image-shape " + image_shape_text(s) + " needs " +
                                std::to_string(s.values()) + " values per row but the data has " +
                                std::to_string(d.cols()),
                            "check the shape, drop the extra columns, or use --image-shape none");
        d.image_shape = s;
        return;
    }
    // A format that knows its shape (IDX, 3-D npy, sprites) has set it already. A square
    // column count alone does not make pixels: a 64-column table of measurements would get one
    // global statistic and an image sharpness metric. Pixels share one range.
    if (!d.image_shape && d.categorical_columns.empty() && values_look_like_pixels(d.values))
        d.image_shape = infer_image_shape(d.cols());
}

/// The largest value when every value is a whole number in 0..255, else nothing.
std::optional<float> byte_range_max(const Matrix& m) {
    const float* p = m.data();
    const auto n = static_cast<std::size_t>(m.size());
    float max_seen = 0.0f;
    for (std::size_t i = 0; i < n; ++i) {
        const float v = p[i];
        if (!(v >= 0.0f && v <= 255.0f) || v != std::nearbyint(v))
            return std::nullopt;
        max_seen = std::max(max_seen, v);
    }
    return max_seen;
}

/// 8-bit pixels reach into the upper half of the byte range; whole numbers that stay low
/// (scikit-learn's 4-bit digits, 0..16) are another scale, which Auto stretches instead.
bool eight_bit_pixels(const Matrix& m) {
    const auto max = byte_range_max(m);
    return max && *max > 127.0f;
}

/// "column 3" or "pixel 17" as the readers name them, else the quoted name.
std::string column_label(const Dataset& d, Eigen::Index j) {
    const auto c = static_cast<std::size_t>(j);
    if (c >= d.column_names.size())
        return "column " + std::to_string(c + 1);
    const std::string& name = d.column_names[c];
    return name.starts_with("column ") || name.starts_with("pixel ") ? name
                                                                     : "column '" + name + "'";
}

// Binary formats carry missing values as NaN; CSV applies the policy while parsing.
void apply_missing_policy(Dataset& d, MissingPolicy policy, const std::string& what) {
    Matrix& v = d.values;
    if (d.missing_count == 0 || !v.array().isNaN().any())
        return;
    if (policy == MissingPolicy::Error) {
        for (Eigen::Index i = 0; i < v.rows(); ++i)
            for (Eigen::Index j = 0; j < v.cols(); ++j)
                if (std::isnan(v(i, j)))
                    throw DataError({what},
                                    "value missing (NaN or infinite) at row " +
                                        std::to_string(i + 1) + ", " + column_label(d, j) + " (" +
                                        std::to_string(d.missing_count) + " missing in all)",
                                    "use --missing drop to drop such rows or --missing mean to "
                                    "fill in column means");
    }
    if (policy == MissingPolicy::Mean) {
        for (Eigen::Index j = 0; j < v.cols(); ++j) {
            double sum = 0;
            Eigen::Index n = 0;
            for (Eigen::Index i = 0; i < v.rows(); ++i)
                if (!std::isnan(v(i, j))) {
                    sum += v(i, j);
                    ++n;
                }
            const float mean = n > 0 ? static_cast<float>(sum / static_cast<double>(n)) : 0.0f;
            for (Eigen::Index i = 0; i < v.rows(); ++i)
                if (std::isnan(v(i, j)))
                    v(i, j) = mean;
        }
        return;
    }
    // Drop: compact the complete rows to the front, keeping their order.
    Eigen::Index kept = 0;
    for (Eigen::Index i = 0; i < v.rows(); ++i) {
        if (v.row(i).array().isNaN().any())
            continue;
        if (kept != i) {
            v.row(kept) = v.row(i);
            const auto k = static_cast<std::size_t>(kept), r = static_cast<std::size_t>(i);
            if (!d.labels.empty())
                d.labels[k] = d.labels[r];
            if (!d.targets.empty())
                d.targets[k] = d.targets[r];
            if (d.factors.rows() == v.rows())
                d.factors.row(kept) = d.factors.row(i);
        }
        ++kept;
    }
    d.dropped_rows += static_cast<std::size_t>(v.rows() - kept);
    if (d.factors.rows() == v.rows())
        d.factors.conservativeResize(kept, Eigen::NoChange);
    v.conservativeResize(kept, Eigen::NoChange);
    if (!d.labels.empty())
        d.labels.resize(static_cast<std::size_t>(kept));
    if (!d.targets.empty())
        d.targets.resize(static_cast<std::size_t>(kept));
}

std::vector<bool> one_hot_mask(const Dataset& d) {
    std::vector<bool> mask(d.cols(), false);
    for (const auto& c : d.categorical_columns)
        for (std::size_t j = 0; j < c.categories.size(); ++j)
            mask[c.first_column + j] = true;
    return mask;
}

bool all_in_unit_range(const Matrix& m) {
    return m.size() > 0 && (m.array() >= 0.0f && m.array() <= 1.0f).all();
}

// What a request means for this data; never Auto. Images keep their look: 0..255 integers are
// divided by 255 (done by the caller), values already in [0, 1] are kept, any other range is
// stretched to [0, 1] with one min-max so that pixels stay comparable. Tables are z-scored
// column by column: their columns often differ by orders of magnitude (0.001 next to 4000),
// and a Gaussian decoder learns nothing useful from the small ones until they are rescaled.
Normalization::Kind resolved_kind(const Dataset& d, Normalization::Kind asked, bool from_255) {
    if (asked != Normalization::Kind::Auto)
        return asked;
    if (!d.image_shape)
        return Normalization::Kind::ZScore;
    if (from_255 || all_in_unit_range(d.values))
        return Normalization::Kind::None;
    return Normalization::Kind::MinMax;
}

// Stored = (raw - offset) / scale. Images are normalized with one statistic over all pixels
// so that they stay images; tables column by column. One-hot columns are left as 0/1.
// A constant column keeps scale 1 and offset its value: it is stored as 0 and decodes back
// to the constant.
void normalize(Dataset& d, const LoadOptions& options) {
    const auto cols = static_cast<Eigen::Index>(d.cols());
    Vector offset = Vector::Zero(cols);
    Vector scale = Vector::Ones(cols);
    bool identity = true;

    if (d.image_shape && d.values.size() > 0 && eight_bit_pixels(d.values)) {
        scale.setConstant(255.0f);
        d.normalization.scaled_from_255 = true;
        identity = false;
    }
    const auto kind = resolved_kind(d, options.normalization, d.normalization.scaled_from_255);
    d.normalization.kind = kind;
    if (kind != Normalization::Kind::None && d.rows() > 0) {
        const auto mask = one_hot_mask(d);
        const bool minmax = kind == Normalization::Kind::MinMax;
        auto fit = [&](auto&& block, double& off, double& sc) {
            if (minmax) {
                const double lo = block.minCoeff(), hi = block.maxCoeff();
                off = lo;
                sc = hi > lo ? hi - lo : 1.0;
            } else {
                const double mean = block.template cast<double>().mean();
                const double var = (block.template cast<double>().array() - mean).square().mean();
                off = mean;
                sc = var > 1e-24 ? std::sqrt(var) : 1.0;
            }
        };
        if (d.image_shape) {
            double off = 0, sc = 1;
            fit(d.values, off, sc);
            offset.setConstant(static_cast<float>(off));
            scale.setConstant(static_cast<float>(sc));
        } else {
            for (Eigen::Index j = 0; j < cols; ++j) {
                if (mask[static_cast<std::size_t>(j)])
                    continue;
                double off = 0, sc = 1;
                fit(d.values.col(j), off, sc);
                offset[j] = static_cast<float>(off);
                scale[j] = static_cast<float>(sc);
            }
        }
        identity = false;
    }
    if (identity)
        return;
    d.normalization.offset = std::move(offset);
    d.normalization.scale = std::move(scale);
    d.normalization.apply(d.values);
}

} // namespace

std::optional<ImageShape> infer_image_shape(std::size_t values_per_row) {
    auto square_side = [](std::size_t n) -> int {
        const auto s = static_cast<std::size_t>(std::llround(std::sqrt(static_cast<double>(n))));
        return s >= 8 && s * s == n ? static_cast<int>(s) : 0;
    };
    if (const int s = square_side(values_per_row))
        return ImageShape{s, s, 1};
    if (values_per_row % 3 == 0)
        if (const int s = square_side(values_per_row / 3))
            return ImageShape{s, s, 3};
    return std::nullopt;
}

void update_stored_ranges(Dataset& data) {
    const auto cols = data.values.cols();
    constexpr float kInf = std::numeric_limits<float>::infinity();
    Eigen::ArrayXf lo = Eigen::ArrayXf::Constant(cols, kInf);
    Eigen::ArrayXf hi = Eigen::ArrayXf::Constant(cols, -kInf);
    // Column-major storage: a column at a time reads memory in order.
    for (Eigen::Index j = 0; j < cols; ++j) {
        for (const float v : data.values.col(j)) {
            if (std::isfinite(v)) {
                lo(j) = std::min(lo(j), v);
                hi(j) = std::max(hi(j), v);
            }
        }
        if (lo(j) > hi(j))
            lo(j) = hi(j) = std::numeric_limits<float>::quiet_NaN();
    }
    data.stored_min = lo.matrix();
    data.stored_max = hi.matrix();
}

std::pair<float, float> stored_extent(const Dataset& data) {
    const auto cols = data.values.cols();
    Dataset scanned;
    const Dataset* d = &data;
    if (data.stored_min.size() != cols || data.stored_max.size() != cols) {
        scanned.values = data.values; // rare: data made without the loader
        update_stored_ranges(scanned);
        d = &scanned;
    }
    float lo = std::numeric_limits<float>::infinity();
    float hi = -lo;
    for (Eigen::Index j = 0; j < cols; ++j) {
        if (std::isnan(d->stored_min(j)))
            continue;
        lo = std::min(lo, d->stored_min(j));
        hi = std::max(hi, d->stored_max(j));
    }
    return lo > hi ? std::pair<float, float>{0.0f, 0.0f} : std::pair<float, float>{lo, hi};
}

void convert_normalization(Dataset& data, const Normalization& target) {
    data.normalization.inverse(data.values);
    target.apply(data.values);
    data.normalization = target;
    update_stored_ranges(data);
}

SourceFormat detect_format(const std::string& source) {
    if (is_builtin_source(source))
        return SourceFormat::Builtin;
    const std::string_view name = without_gz(source);
    if (ends_with(name, ".npy"))
        return SourceFormat::Npy;
    if (ends_with(name, "-ubyte") || ends_with(name, ".idx"))
        return SourceFormat::Idx;
    if (ends_with(name, ".csv") || ends_with(name, ".tsv") || ends_with(name, ".txt"))
        return SourceFormat::Csv;

    InputStream in(source); // throws a clear error for a missing file
    std::array<char, 6> head{};
    const std::size_t got = in.read(head.data(), head.size());
    if (got >= 6 && std::memcmp(head.data(), "\x93NUMPY", 6) == 0)
        return SourceFormat::Npy;
    if (got >= 4 && head[0] == 0 && head[1] == 0 && head[2] >= 0x08 && head[2] <= 0x0E &&
        head[3] >= 1 && head[3] <= 4)
        return SourceFormat::Idx;
    return SourceFormat::Csv;
}

void prepare_dataset(Dataset& data, const LoadOptions& options, const std::string& what) {
    keep_first_rows(data, options.limit);
    settle_image_shape(data, options, what);
    normalize(data, options);
    update_stored_ranges(data);
}

Dataset load_dataset(const std::string& source, const LoadOptions& options) {
    if (source.empty())
        throw DataError({}, "no dataset named",
                        "give a file path or a built-in name such as builtin:sprites");
    Dataset data;
    switch (detect_format(source)) {
    case SourceFormat::Builtin:
        data = make_builtin(source.substr(source.find(':') + 1), options);
        break;
    case SourceFormat::Npy:
        data = read_npy(source, options);
        apply_missing_policy(data, options.missing, source);
        break;
    case SourceFormat::Idx:
        data = read_idx(source, options);
        apply_missing_policy(data, options.missing, source);
        break;
    case SourceFormat::Csv:
        data = read_csv(source, options);
        break;
    }
    data.name = source;
    prepare_dataset(data, options, source);
    return data;
}

} // namespace vae
