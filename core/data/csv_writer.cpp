#include "data/csv_writer.h"

#include "io/atomic_file.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <string_view>

namespace vae {
namespace {

constexpr Eigen::Index kBlockRows = 1024;
constexpr std::size_t kFlushBytes = 1 << 20;

void append_field(std::string& out, std::string_view text) {
    const bool needs_quotes = text.find_first_of(",\"\r\n") != std::string_view::npos ||
                              (!text.empty() && (text.front() == ' ' || text.front() == '\t' ||
                                                 text.back() == ' ' || text.back() == '\t'));
    if (!needs_quotes) {
        out.append(text);
        return;
    }
    out += '"';
    for (const char c : text) {
        if (c == '"')
            out += '"';
        out += c;
    }
    out += '"';
}

void append_number(std::string& out, float v) {
    if (std::isnan(v))
        return; // missing
    char buffer[32];
    const auto r = std::to_chars(buffer, buffer + sizeof buffer, v);
    out.append(buffer, r.ptr);
}

/// One output column: a plain feature, or a one-hot group collapsed to its category text.
struct OutColumn {
    std::size_t first = 0;
    const CategoricalColumn* group = nullptr;
};

} // namespace

void write_csv(const Dataset& d, const std::string& path) {
    const auto cols = static_cast<std::size_t>(d.values.cols());
    std::vector<OutColumn> plan;
    for (std::size_t j = 0; j < cols;) {
        const CategoricalColumn* group = nullptr;
        for (const auto& cc : d.categorical_columns)
            if (cc.first_column == j && !cc.categories.empty())
                group = &cc;
        plan.push_back({j, group});
        j += group ? group->categories.size() : 1;
    }
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
        append_field(out, d.label_column.empty() ? std::string_view("label") : d.label_column);
    }
    for (const auto& c : plan) {
        sep();
        append_field(out, c.group ? c.group->name : d.column_names.at(c.first));
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
                append_field(out, d.label_names.at(static_cast<std::size_t>(d.labels.at(r))));
            } else if (!d.targets.empty()) {
                sep();
                append_number(out, d.targets.at(r));
            }
            const float* row = block.data() + i * block.cols();
            for (const auto& c : plan) {
                sep();
                if (!c.group) {
                    append_number(out, row[c.first]);
                    continue;
                }
                const float* g = row + c.first;
                const auto k = static_cast<std::size_t>(
                    std::max_element(g, g + c.group->categories.size()) - g);
                append_field(out, c.group->categories[k]);
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
