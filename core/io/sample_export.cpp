#include "io/sample_export.h"

#include "data/csv_field.h"
#include "data/csv_writer.h"
#include "data/load_error.h"
#include "io/atomic_file.h"
#include "io/npy_writer.h"
#include "io/png_writer.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <filesystem>
#include <limits>
#include <stdexcept>
#include <string_view>

namespace vae {
namespace {

std::string lower_extension(const std::string& path) {
    auto ext = std::filesystem::path(path).extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(),
                   [](unsigned char ch) { return static_cast<char>(std::tolower(ch)); });
    return ext;
}

void export_png(const Matrix& stored, const DatasetMetadata& meta, const std::string& path,
                std::size_t png_columns) {
    if (!meta.image_shape)
        throw DataError({path}, "PNG export needs image data", "use .csv or .npy");
    const auto& shape = *meta.image_shape;
    if (static_cast<std::size_t>(stored.cols()) != shape.values())
        throw std::invalid_argument("export_samples: " + std::to_string(stored.cols()) +
                                    " values per sample for a " + std::to_string(shape.values()) +
                                    "-value image");
    if (stored.rows() == 0)
        throw DataError({path}, "there are no samples to draw", "generate samples first");
    const auto& norm = meta.normalization;
    Matrix shown = stored;
    float lo = 0.0f, hi = 1.0f;
    if (norm.scaled_from_255) {
        norm.inverse(shown);
        hi = 255.0f;
    } else if (norm.kind == Normalization::Kind::ZScore) {
        // No natural range: stretch over what is there, ignoring NaNs.
        norm.inverse(shown);
        const auto finite = shown.array().isFinite();
        lo = finite.select(shown.array(), std::numeric_limits<float>::infinity()).minCoeff();
        hi = finite.select(shown.array(), -std::numeric_limits<float>::infinity()).maxCoeff();
        if (!(lo < hi)) {
            lo = std::isfinite(lo) ? lo : 0.0f;
            hi = lo + 1.0f;
        }
    }
    const int side = std::max(shape.width, shape.height);
    const int scale = std::max(1, 64 / side); // tiny images become visible, large stay 1:1
    const auto n = static_cast<double>(stored.rows());
    const int columns = png_columns > 0 ? static_cast<int>(std::min<std::size_t>(
                                              png_columns, static_cast<std::size_t>(stored.rows())))
                                        : static_cast<int>(std::ceil(std::sqrt(n)));
    write_image_grid_png(shown, shape, lo, hi, columns, path, scale, 1);
}

} // namespace

void export_samples(const Matrix& samples_in_stored_units, const DatasetMetadata& meta,
                    const std::string& path, std::size_t png_columns) {
    const auto ext = lower_extension(path);
    if (ext == ".csv") {
        write_csv(dataset_from(meta, samples_in_stored_units), path);
    } else if (ext == ".npy") {
        // dataset_from checks the sizes against the metadata before the units are converted.
        Dataset d = dataset_from(meta, samples_in_stored_units);
        d.normalization.inverse(d.values);
        write_npy(d.values, path);
    } else if (ext == ".png") {
        export_png(samples_in_stored_units, meta, path, png_columns);
    } else {
        throw DataError({path},
                        ext.empty() ? std::string("the file name has no extension")
                                    : "cannot export samples as '" + ext + "'",
                        "name the file .csv, .npy or .png");
    }
}

void export_latents_csv(const std::string& path, const std::vector<std::int32_t>& labels,
                        const std::vector<std::string>& label_names, const Matrix& means,
                        const Matrix& logvars) {
    if (means.rows() != logvars.rows() || means.cols() != logvars.cols())
        throw std::invalid_argument("export_latents_csv: means and logvars differ in shape");
    if (!labels.empty() && labels.size() != static_cast<std::size_t>(means.rows()))
        throw std::invalid_argument("export_latents_csv: " + std::to_string(labels.size()) +
                                    " labels for " + std::to_string(means.rows()) + " rows");
    std::string out = "id,label";
    for (Eigen::Index j = 0; j < means.cols(); ++j)
        out += ",z" + std::to_string(j);
    for (Eigen::Index j = 0; j < means.cols(); ++j)
        out += ",logvar" + std::to_string(j);
    out += '\n';

    AtomicFile file(path);
    constexpr std::size_t kFlushBytes = 1 << 20;
    for (Eigen::Index i = 0; i < means.rows(); ++i) {
        out += std::to_string(i);
        out += ',';
        if (!labels.empty()) {
            const auto id = labels[static_cast<std::size_t>(i)];
            if (id >= 0 && static_cast<std::size_t>(id) < label_names.size())
                append_csv_field(out, label_names[static_cast<std::size_t>(id)]);
            else
                out += std::to_string(id);
        }
        for (const Matrix* m : {&means, &logvars})
            for (Eigen::Index j = 0; j < m->cols(); ++j) {
                out += ',';
                append_csv_number(out, (*m)(i, j));
            }
        out += '\n';
        if (out.size() >= kFlushBytes) {
            file.write(out);
            out.clear();
        }
    }
    file.write(out);
    file.commit();
}

} // namespace vae
