#include "data/csv_reader.h"

#include "data/csv_buffer.h"
#include "data/csv_chunk_parser.h"
#include "data/csv_head.h"
#include "data/csv_label_proposal.h"
#include "data/csv_table.h"
#include "data/csv_tokenizer.h"
#include "data/huge_pages.h"
#include "data/load_error.h"

#include <algorithm>
#include <atomic>
#include <charconv>
#include <cstring>
#include <deque>
#include <future>
#include <memory>
#include <thread>

namespace vae {
namespace {

constexpr std::size_t kSniffBytes = 256 << 10;
constexpr std::size_t kBlockBytes = 4 << 20;
constexpr std::size_t kMaxRecordBytes = 64 << 20;

std::string list_names(const std::vector<std::string>& names) {
    constexpr std::size_t kShown = 12;
    std::string s;
    for (std::size_t i = 0; i < names.size() && i < kShown; ++i) {
        if (i > 0)
            s += ", ";
        s += names[i];
    }
    if (names.size() > kShown)
        s += ", ... (" + std::to_string(names.size()) + " columns)";
    return s;
}

/// A header name (exact match first), else a position counted from 1 (as a spreadsheet and the
/// made-up names "column 1".. count) or from the end (-1 the last).
std::size_t resolve_column(const std::string& spec, const std::vector<std::string>& names,
                           const std::string& file, const char* what) {
    for (std::size_t i = 0; i < names.size(); ++i)
        if (names[i] == spec)
            return i;
    long long index = 0;
    const auto r = std::from_chars(spec.data(), spec.data() + spec.size(), index);
    const bool is_index = r.ec == std::errc() && r.ptr == spec.data() + spec.size();
    if (!is_index)
        throw DataError({file}, std::string("no column named '") + spec + "' for the " + what,
                        "available columns: " + list_names(names));
    const auto n = static_cast<long long>(names.size());
    if (index == 0 || index < -n || index > n)
        throw DataError(
            {file},
            std::string("column position ") + spec + " for the " + what +
                " is out of range: the file has " + std::to_string(n) + " columns",
            "use 1.." + std::to_string(n) +
                " (the first column is 1), or -1 for the last; columns: " + list_names(names));
    return static_cast<std::size_t>(index < 0 ? index + n : index - 1);
}

/// One chunk of records on its way through a parsing thread. The future is declared last so
/// that it is destroyed (joined) before the buffers the thread uses.
struct Task {
    csv::ByteBuffer text;
    double fraction = 0;
    std::unique_ptr<csv::ChunkResult> result;
    std::shared_future<std::size_t> start_row; ///< where the previous chunk's rows end
    std::promise<std::size_t> end_row;
    std::size_t start = 0; ///< first matrix row of this chunk's rows
    std::size_t take = 0;  ///< rows kept (fewer than parsed when the limit is reached)
    bool copied = false;   ///< the thread copied the rows into the matrix itself
    std::future<void> done;
};

/// Why the bytes read so far hold no complete record.
struct Boundary {
    const char* end = nullptr;        ///< after the last complete record; null: none yet
    const char* open_quote = nullptr; ///< set with end == null: a quote never closed
};

class Loader {
public:
    Loader(const std::string& path, const LoadOptions& options)
        : path_(path), options_(options), head_(csv::open_csv(path, options, kSniffBytes)) {}

    Dataset run() {
        setup_spec();
        stream();
        if (rows_ == 0)
            throw_no_rows();
        table_.values.conservativeResize(static_cast<Eigen::Index>(rows_),
                                         static_cast<Eigen::Index>(spec_.features));
        if (options_.progress && !options_.progress(1.0))
            throw LoadCancelled();
        Dataset data = csv::finish_table(std::move(table_), options_);
        name_title_classes(data);
        data.notes.insert(data.notes.begin(), head_.notes.begin(), head_.notes.end());
        data.notes.insert(data.notes.end(), notes_.begin(), notes_.end());
        return data;
    }

private:
    void setup_spec() {
        const auto& names = head_.names;
        spec_.file = path_;
        spec_.delimiter = head_.dialect.delimiter;
        spec_.decimal = head_.dialect.decimal;
        spec_.field_names = names;
        spec_.missing = options_.missing;
        spec_.max_rows = options_.limit;
        spec_.first_record_line = head_.first_record_line;
        spec_.slots.assign(names.size(), 0);
        for (const auto& drop : options_.drop_columns)
            spec_.slots[resolve_column(drop, names, path_, "--drop-columns")] = csv::kDroppedSlot;
        std::size_t label_field = names.size();
        if (options_.label_column == kAutoLabel) {
            label_field = proposed_label(names);
        } else if (!is_no_label(options_.label_column)) {
            label_field = resolve_column(options_.label_column, names, path_, "label");
            if (spec_.slots[label_field] == csv::kDroppedSlot)
                throw DataError({path_},
                                "column '" + names[label_field] + "' is both the label and dropped",
                                "remove it from --drop-columns or choose another label column");
        }
        if (label_field < names.size())
            spec_.slots[label_field] = csv::kLabelSlot;
        table_.file = path_;
        for (std::size_t i = 0; i < names.size(); ++i) {
            if (spec_.slots[i] == csv::kDroppedSlot || spec_.slots[i] == csv::kLabelSlot)
                continue;
            spec_.slots[i] = static_cast<int>(table_.feature_names.size());
            table_.feature_names.push_back(names[i]);
            table_.feature_fields.push_back(i);
        }
        spec_.features = table_.feature_names.size();
        if (spec_.features == 0)
            throw DataError({path_}, "no columns are left to learn from",
                            "the file's columns are " + list_names(names) + "; drop fewer columns");
        table_.has_label = label_field < names.size();
        if (table_.has_label)
            table_.label_name = names[label_field];
    }

    /// Class ids 0..k-1 get the names scikit-learn's title line gives them.
    void name_title_classes(Dataset& data) const {
        const auto& names = head_.title_classes;
        if (names.empty() || data.label_column != head_.names.back() ||
            data.label_names.size() > names.size())
            return;
        for (std::size_t i = 0; i < data.label_names.size(); ++i)
            if (data.label_names[i] != std::to_string(i))
                return;
        data.label_names.assign(
            names.begin(), names.begin() + static_cast<std::ptrdiff_t>(data.label_names.size()));
    }

    /// The proposed label column (names.size() for none), told to the user in a note.
    std::size_t proposed_label(const std::vector<std::string>& names) {
        const auto& records = head_.dialect.records;
        const std::vector<csv::TextRecord> data(
            records.begin() + (head_.dialect.header && !records.empty() ? 1 : 0), records.end());
        auto proposal = csv::propose_label_column(names, data, head_.dialect.decimal);
        if (head_.sklearn_title && names.size() >= 2)
            proposal = csv::LabelProposal{names.size() - 1, "the target, as scikit-learn's title "
                                                            "line says"};
        if (!proposal || spec_.slots[proposal->column] == csv::kDroppedSlot)
            return names.size();
        // A proposal must leave something to learn from.
        const auto kept = std::count(spec_.slots.begin(), spec_.slots.end(), 0);
        if (kept < 2)
            return names.size();
        notes_.push_back("label column '" + names[proposal->column] + "' (" + proposal->reason +
                         "); --label-column none reads it as a feature");
        return proposal->column;
    }

    void stream() {
        const unsigned hw = std::max(1u, std::thread::hardware_concurrency());
        const std::size_t in_flight = std::min<std::size_t>(hw, 2);
        csv::ByteBuffer pending(head_.buffer.begin() + static_cast<std::ptrdiff_t>(head_.pos),
                                head_.buffer.end());
        bool eof = head_.eof;
        line_base_ = head_.line;
        head_.buffer = std::vector<char>();
        reserve_rows(initial_capacity());
        std::deque<Task> tasks;
        std::promise<std::size_t> zero;
        zero.set_value(0);
        std::shared_future<std::size_t> previous_end = zero.get_future().share();

        while (!done_ && (!pending.empty() || !eof)) {
            csv::ByteBuffer text;
            if (!spare_text_.empty()) {
                text = std::move(spare_text_.back());
                spare_text_.pop_back();
            }
            text.assign(pending.begin(), pending.end());
            pending.clear();
            Boundary boundary;
            std::size_t scanned_to = 0;
            for (;;) {
                if (!eof && text.size() < scanned_to + kBlockBytes) {
                    const std::size_t old = text.size();
                    text.resize(old + kBlockBytes);
                    std::size_t got = 0;
                    while (got < kBlockBytes) {
                        const std::size_t n =
                            head_.in->read(text.data() + old + got, kBlockBytes - got);
                        if (n == 0) {
                            eof = true;
                            break;
                        }
                        got += n;
                    }
                    text.resize(old + got);
                }
                boundary = find_boundary(text, eof);
                if (boundary.end)
                    break;
                if (boundary.open_quote || text.size() > kMaxRecordBytes) {
                    // Earlier chunks go first: their errors come first, and they give the line.
                    while (!tasks.empty())
                        retire(tasks);
                    throw_unfinished_record(text, boundary.open_quote, eof);
                }
                scanned_to = text.size();
            }
            const std::size_t cut = static_cast<std::size_t>(boundary.end - text.data());
            pending.assign(text.begin() + static_cast<std::ptrdiff_t>(cut), text.end());
            text.resize(cut);
            if (!text.empty() && text.back() != '\n')
                text.push_back('\n');
            if (text.empty())
                continue;

            while (tasks.size() >= in_flight && !done_)
                retire(tasks);
            if (done_)
                break;
            Task& t = tasks.emplace_back();
            t.fraction = progress_fraction();
            t.text = std::move(text);
            if (!spare_results_.empty()) {
                t.result = std::move(spare_results_.back());
                spare_results_.pop_back();
            } else {
                t.result = std::make_unique<csv::ChunkResult>();
            }
            t.start_row = previous_end;
            previous_end = t.end_row.get_future().share();
            t.done = std::async(std::launch::async, [&t, this] { parse_and_place(t); });
        }
        while (!tasks.empty() && !done_)
            retire(tasks);
    }

    /// Runs on a parsing thread: parses the chunk (line numbers relative to its start), then,
    /// once the previous chunk's row count is known, copies its rows into the matrix, so that
    /// first-touch page faults and copies are spread over the threads.
    void parse_and_place(Task& t) {
        std::size_t start = 0;
        try {
            csv::parse_chunk(t.text.data(), t.text.data() + t.text.size(), 0, spec_, *t.result);
            start = t.start_row.get();
        } catch (...) {
            t.end_row.set_exception(std::current_exception());
            throw;
        }
        std::size_t take = t.result->rows;
        if (options_.limit != 0)
            take = std::min(take, options_.limit - std::min(start, options_.limit));
        t.start = start;
        t.take = take;
        t.end_row.set_value(start + take);
        // The matrix is only reallocated by retire() while no thread is running.
        if (start + take <= capacity_.load()) {
            const std::size_t width = spec_.features;
            std::memcpy(table_.values.data() + start * width, t.result->values.data(),
                        take * width * sizeof(float));
            t.copied = true;
        }
    }

    Boundary find_boundary(csv::ByteBuffer& text, bool eof) const {
        const char* b = text.data();
        const char* e = b + text.size();
        if (!std::memchr(b, '"', text.size())) {
            if (eof)
                return {e, nullptr};
            const void* nl = ::memrchr(b, '\n', text.size());
            return {nl ? static_cast<const char*>(nl) + 1 : nullptr, nullptr};
        }
        const csv::RecordBoundary rb = csv::find_record_boundary(b, e, spec_.delimiter);
        if (eof)
            return rb.in_quotes ? Boundary{nullptr, rb.quote_open} : Boundary{e, nullptr};
        return {rb.last_record_end, nullptr};
    }

    [[noreturn]] void throw_unfinished_record(const csv::ByteBuffer& text, const char* open_quote,
                                              bool eof) const {
        if (!open_quote) {
            const auto rb =
                csv::find_record_boundary(text.data(), text.data() + text.size(), spec_.delimiter);
            open_quote = rb.in_quotes ? rb.quote_open : nullptr;
        }
        if (open_quote) {
            const std::size_t line =
                line_base_ + static_cast<std::size_t>(std::count(text.data(), open_quote, '\n'));
            throw DataError({path_, line},
                            eof ? "found a quote that is never closed"
                                : "found a quote that is not closed within " +
                                      std::to_string(kMaxRecordBytes >> 20) + " MB",
                            "close the quoted field, or double a quote inside it (\"\")");
        }
        throw DataError({path_, line_base_},
                        "found a record longer than " + std::to_string(kMaxRecordBytes >> 20) +
                            " MB",
                        "check the delimiter and the line endings");
    }

    /// Rows the matrix is first sized for: the file size over the bytes per record of the
    /// sniffed sample, with a margin (gzip: a typical compression ratio). Only pages that are
    /// written become resident, so a generous guess costs address space only.
    std::size_t initial_capacity() const {
        double bytes = static_cast<double>(head_.in->file_size());
        if (head_.in->compressed())
            bytes *= 8;
        const double per_record = std::max(head_.bytes_per_record, 1.0);
        auto rows = static_cast<std::size_t>(bytes / per_record * 1.1) + 1024;
        if (options_.limit != 0)
            rows = std::min(rows, options_.limit);
        return rows;
    }

    double progress_fraction() const {
        const auto size = head_.in->file_size();
        return size ? std::min(1.0, static_cast<double>(head_.in->file_position()) /
                                        static_cast<double>(size))
                    : 0.0;
    }

    /// Merges the oldest task (in file order): its errors, lines, text cells and labels; and
    /// its rows if the thread could not place them (matrix too small: grown here while no
    /// thread runs).
    void retire(std::deque<Task>& tasks) {
        Task& t = tasks.front();
        try {
            t.done.get();
        } catch (const DataError& e) {
            // parse_chunk numbers lines from 0 within the chunk.
            const auto& w = e.where();
            throw DataError({w.file, w.line + line_base_, w.column}, e.found(), e.hint());
        }
        const csv::ChunkResult& r = *t.result;
        if (!t.copied) {
            for (auto& other : tasks)
                if (other.done.valid())
                    other.done.wait();
            reserve_rows(t.start + t.take);
            std::memcpy(table_.values.data() + t.start * spec_.features, r.values.data(),
                        t.take * spec_.features * sizeof(float));
        }
        if (table_.has_label)
            table_.labels.insert(table_.labels.end(), r.labels.begin(),
                                 r.labels.begin() + static_cast<std::ptrdiff_t>(t.take));
        const std::size_t arena_base = table_.arena.size();
        for (const auto& cell : r.text) {
            if (cell.row >= t.take)
                break;
            auto c = cell;
            c.row += t.start;
            c.line += line_base_;
            c.offset += arena_base;
            table_.text.push_back(c);
        }
        table_.arena += r.arena;
        table_.missing += r.missing;
        table_.dropped += r.dropped;
        line_base_ += r.lines;
        rows_ = t.start + t.take;
        if (options_.limit != 0 && rows_ >= options_.limit)
            done_ = true;
        const double fraction = t.fraction;
        spare_text_.push_back(std::move(t.text));
        spare_results_.push_back(std::move(t.result));
        tasks.pop_front();
        if (options_.progress && !options_.progress(fraction))
            throw LoadCancelled();
    }

    /// Grows the matrix by realloc (glibc moves large blocks with mremap: no copy and no
    /// doubled peak), sized from the bytes per row seen so far; untouched capacity costs
    /// address space only, and the final size is trimmed by run().
    void reserve_rows(std::size_t needed) {
        if (needed <= capacity_.load())
            return;
        std::size_t cap = std::max(needed, capacity_.load() + capacity_.load() / 2);
        if (options_.limit != 0)
            cap = std::max(needed, std::min(cap, options_.limit));
        table_.values.conservativeResize(static_cast<Eigen::Index>(cap),
                                         static_cast<Eigen::Index>(spec_.features));
        capacity_.store(cap);
        advise_huge_pages(table_.values.data(),
                          static_cast<std::size_t>(table_.values.size()) * sizeof(float));
    }

    [[noreturn]] void throw_no_rows() const {
        if (table_.dropped > 0)
            throw DataError({path_},
                            "every row has a missing value: all " + std::to_string(table_.dropped) +
                                " rows were dropped",
                            "use --missing mean to fill missing values instead");
        if (head_.dialect.header)
            throw DataError({path_}, "the file has a header row but no data rows",
                            "add data rows below the header");
        throw DataError({path_}, "the file has no data rows", "choose a CSV file with data");
    }

    std::string path_;
    const LoadOptions& options_;
    csv::CsvHead head_;
    csv::ChunkSpec spec_;
    csv::RawTable table_;
    std::size_t rows_ = 0;
    std::atomic<std::size_t> capacity_{0};
    std::size_t line_base_ = 1; ///< physical line where the next chunk to retire starts
    bool done_ = false;
    std::vector<std::string> notes_;
    std::vector<csv::ByteBuffer> spare_text_;
    std::vector<std::unique_ptr<csv::ChunkResult>> spare_results_;
};

} // namespace

Dataset read_csv(const std::string& path, const LoadOptions& options) {
    return Loader(path, options).run();
}

CsvPreview preview_csv(const std::string& path, const LoadOptions& options, std::size_t max_rows) {
    csv::CsvHead head = csv::open_csv(path, options, 1 << 20);
    CsvPreview p;
    p.delimiter = head.dialect.delimiter;
    p.decimal = head.dialect.decimal;
    p.header = head.dialect.header;
    p.column_names = head.names;
    const std::string_view text(head.buffer.data(), head.buffer.size());
    std::size_t pos = head.pos;
    std::size_t line = head.line;
    csv::TextRecord record;
    while (p.rows.size() < max_rows &&
           csv::next_record(text, pos, line, p.delimiter, head.eof, record)) {
        if (p.rows.empty())
            p.first_data_line = record.first_line;
        p.rows.push_back(std::move(record.fields));
    }
    std::vector<csv::TextRecord> records(p.rows.size());
    for (std::size_t i = 0; i < p.rows.size(); ++i)
        records[i].fields = p.rows[i];
    if (const auto proposal =
            csv::propose_label_column(p.column_names, records, head.dialect.decimal);
        proposal && p.column_names.size() >= 2) {
        p.proposed_label = static_cast<int>(proposal->column);
        p.proposed_label_reason = proposal->reason;
    }
    p.notes = head.notes;
    return p;
}

} // namespace vae
