#include "data/csv_writer.h"

#include "data/csv_field.h"
#include "data/original_columns.h"
#include "io/atomic_file.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <string_view>

namespace vae {
namespace {

constexpr Eigen::Index kBlockRows = 1024;
constexpr std::size_t kFlushBytes = 1 << 20;

} // namespace

void write_csv(const Dataset& d, const std::string& path) {
    // Each one-hot group is written back as one column of category text.
    const auto plan = original_columns(d.cols(), d.categorical_columns);
    const bool has_label = d.has_labels() || !d.targets.empty();

    std::string out;
    out.reserve(kFlushBytes + 4096);
    bool first = true;
    const auto sep = [&] {
        if (!first)
            out += ',';
        first = false;
    };
    if (has_label) {
        sep();
        append_csv_field(out, d.label_column.empty() ? std::string_view("label") : d.label_column);
    }
    for (const auto& c : plan) {
        sep();
        append_csv_field(out, c.group ? c.group->name : d.column_names.at(c.first));
    }
    out += '\n';

    AtomicFile file(path);
    Matrix block;
    for (Eigen::Index start = 0; start < d.values.rows(); start += kBlockRows) {
        const Eigen::Index n = std::min(kBlockRows, d.values.rows() - start);
        block = d.values.middleRows(start, n);
        d.normalization.inverse(block);
        for (Eigen::Index i = 0; i < n; ++i) {
            const auto r = static_cast<std::size_t>(start + i);
            first = true;
            if (d.has_labels()) {
                sep();
                append_csv_field(out, d.label_names.at(static_cast<std::size_t>(d.labels.at(r))));
            } else if (!d.targets.empty()) {
                sep();
                append_csv_number(out, d.targets.at(r));
            }
            const float* row = block.data() + i * block.cols();
            for (const auto& c : plan) {
                sep();
                if (!c.group) {
                    append_csv_number(out, row[c.first]);
                    continue;
                }
                const auto k = most_likely_category({row + c.first, c.width()});
                append_csv_field(out, c.group->categories[k]);
            }
            out += '\n';
            if (out.size() >= kFlushBytes) {
                file.write(out);
                out.clear();
            }
        }
    }
    file.write(out);
    file.commit();
}

} // namespace vae
