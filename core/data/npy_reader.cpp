#include "data/npy_reader.h"

#include "data/binary_array_reader.h"
#include "data/input_stream.h"
#include "data/load_error.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <set>
#include <string_view>
#include <utility>
#include <vector>

namespace vae {
namespace {

constexpr std::string_view kResave = "save it again with numpy.save";
// Real headers are a few hundred bytes; anything far larger is corruption, not data.
constexpr std::uint64_t kMaxHeaderBytes = std::uint64_t{1} << 20;
constexpr std::size_t kMaxLabelClasses = 256;

/// The subset of Python literals that .npy headers use.
struct PyValue {
    enum class Kind { String, Integer, Bool, None, Sequence, Dict };
    Kind kind = Kind::None;
    std::string text;
    std::int64_t integer = 0;
    bool flag = false;
    std::vector<PyValue> items;    ///< sequence items, or dict values
    std::vector<std::string> keys; ///< dict keys, parallel to items

    [[nodiscard]] const PyValue* find(std::string_view key) const {
        for (std::size_t i = 0; i < keys.size(); ++i)
            if (keys[i] == key)
                return &items[i];
        return nullptr;
    }
};

/// Recursive-descent parser for a Python dict literal. Errors carry the byte offset in the file.
class HeaderParser {
public:
    HeaderParser(std::string_view text, const std::string& path, std::size_t file_offset)
        : text_(text), path_(path), file_offset_(file_offset) {}

    PyValue parse() {
        skip_space();
        if (peek() != '{')
            fail("'{' (a Python dict)");
        PyValue result = value(0);
        skip_space();
        if (pos_ != text_.size())
            fail("the end of the header");
        return result;
    }

private:
    [[nodiscard]] char peek() const { return pos_ < text_.size() ? text_[pos_] : '\0'; }

    void skip_space() {
        while (pos_ < text_.size() &&
               (text_[pos_] == ' ' || text_[pos_] == '\t' || text_[pos_] == '\n' ||
                text_[pos_] == '\r' || text_[pos_] == '\0'))
            ++pos_;
    }

    [[noreturn]] void fail(const std::string& expected) const {
        std::string near(text_.substr(pos_, 24));
        for (auto& c : near)
            if (static_cast<unsigned char>(c) < 0x20)
                c = ' ';
        throw DataError(
            {path_, 0, file_offset_ + pos_},
            "malformed .npy header: expected " + expected + " but found " +
                (near.empty() ? std::string("the end of the header") : "'" + near + "'"),
            "the file is damaged or not written by NumPy; " + std::string(kResave));
    }

    PyValue value(int depth) {
        if (depth > 16)
            fail("a shallower literal");
        skip_space();
        const char c = peek();
        if (c == '{')
            return container(depth, '}', true);
        if (c == '(' || c == '[')
            return container(depth, c == '(' ? ')' : ']', false);
        if (c == '\'' || c == '"')
            return string_literal();
        if (c == '-' || c == '+' || (c >= '0' && c <= '9'))
            return integer();
        if (std::isalpha(static_cast<unsigned char>(c)))
            return word();
        fail("a value");
    }

    PyValue container(int depth, char close, bool dict) {
        PyValue result;
        result.kind = dict ? PyValue::Kind::Dict : PyValue::Kind::Sequence;
        ++pos_;
        for (;;) {
            skip_space();
            if (peek() == close) {
                ++pos_;
                return result;
            }
            PyValue item = value(depth + 1);
            if (dict) {
                if (item.kind != PyValue::Kind::String)
                    fail("a quoted key");
                skip_space();
                if (peek() != ':')
                    fail("':'");
                ++pos_;
                result.keys.push_back(std::move(item.text));
                result.items.push_back(value(depth + 1));
            } else {
                result.items.push_back(std::move(item));
            }
            skip_space();
            if (peek() == ',')
                ++pos_;
            else if (peek() != close)
                fail(std::string("',' or '") + close + "'");
        }
    }

    PyValue string_literal() {
        const char quote = text_[pos_++];
        PyValue result;
        result.kind = PyValue::Kind::String;
        while (pos_ < text_.size() && text_[pos_] != quote) {
            if (text_[pos_] == '\\' && pos_ + 1 < text_.size())
                ++pos_;
            result.text += text_[pos_++];
        }
        if (pos_ >= text_.size())
            fail(std::string("a closing ") + quote);
        ++pos_;
        return result;
    }

    PyValue integer() {
        const std::size_t start = pos_;
        if (peek() == '+')
            ++pos_;
        PyValue result;
        result.kind = PyValue::Kind::Integer;
        const char* first = text_.data() + pos_;
        const char* last = text_.data() + text_.size();
        const auto [end, ec] = std::from_chars(first, last, result.integer);
        if (ec == std::errc::result_out_of_range) {
            pos_ = start;
            fail("an integer that fits in 64 bits");
        }
        if (ec != std::errc()) {
            pos_ = start;
            fail("an integer");
        }
        pos_ += static_cast<std::size_t>(end - first);
        if (peek() == 'L' || peek() == 'l') // Python 2 long suffix
            ++pos_;
        return result;
    }

    PyValue word() {
        const std::size_t start = pos_;
        while (std::isalnum(static_cast<unsigned char>(peek())) || peek() == '_')
            ++pos_;
        const std::string_view w = text_.substr(start, pos_ - start);
        PyValue result;
        if (w == "True" || w == "False") {
            result.kind = PyValue::Kind::Bool;
            result.flag = w == "True";
        } else if (w != "None") {
            pos_ = start;
            fail("True, False, None, a number, a string, a tuple or a dict");
        }
        return result;
    }

    std::string_view text_;
    const std::string& path_;
    std::size_t file_offset_;
    std::size_t pos_ = 0;
};

struct NpyHeader {
    std::string descr;
    bool fortran_order = false;
    std::vector<std::uint64_t> shape;
    std::size_t data_offset = 0;
};

std::string hex_bytes(const unsigned char* bytes, std::size_t count) {
    static constexpr char digits[] = "0123456789abcdef";
    std::string text;
    for (std::size_t i = 0; i < count; ++i) {
        if (i > 0)
            text += ' ';
        text += digits[bytes[i] >> 4];
        text += digits[bytes[i] & 15];
    }
    return text;
}

std::size_t read_some(InputStream& in, char* buffer, std::size_t size) {
    std::size_t got = 0;
    while (got < size) {
        const std::size_t n = in.read(buffer + got, size - got);
        if (n == 0)
            break;
        got += n;
    }
    return got;
}

std::string shape_text(const std::vector<std::uint64_t>& shape) {
    std::string text = "(";
    for (std::size_t i = 0; i < shape.size(); ++i) {
        if (i > 0)
            text += ", ";
        text += std::to_string(shape[i]);
    }
    if (shape.size() == 1)
        text += ',';
    return text + ")";
}

NpyHeader read_header(InputStream& in, const std::string& path) {
    unsigned char prefix[10] = {};
    const std::size_t got = read_some(in, reinterpret_cast<char*>(prefix), sizeof prefix);
    if (got == 0)
        throw DataError({path}, "the file is empty",
                        "expected a NumPy .npy file; " + std::string(kResave));
    if (got < 8 || std::memcmp(prefix, "\x93NUMPY", 6) != 0)
        throw DataError({path},
                        "is not a NumPy .npy file: it starts with bytes " +
                            hex_bytes(prefix, std::min<std::size_t>(got, 8)) +
                            " instead of \\x93NUMPY",
                        "save the array with numpy.save, or name a CSV/IDX file");
    const int major = prefix[6];
    const int minor = prefix[7];
    if (major < 1 || major > 3)
        throw DataError({path, 0, 6},
                        "unsupported .npy format version " + std::to_string(major) + "." +
                            std::to_string(minor) + " (1.0, 2.0 and 3.0 are supported)",
                        std::string(kResave) + " from a current NumPy");
    const std::size_t length_bytes = major == 1 ? 2 : 4;
    if (got < 10)
        throw DataError({path, 0, got}, "the file ends inside the .npy header",
                        "the file is truncated; " + std::string(kResave));
    std::uint64_t header_length = prefix[8] | (std::uint64_t{prefix[9]} << 8);
    unsigned char extra[2] = {};
    if (length_bytes == 4) {
        if (read_some(in, reinterpret_cast<char*>(extra), 2) < 2)
            throw DataError({path, 0, 10}, "the file ends inside the .npy header",
                            "the file is truncated; " + std::string(kResave));
        header_length |= (std::uint64_t{extra[0]} << 16) | (std::uint64_t{extra[1]} << 24);
    }
    const std::size_t text_offset = 8 + length_bytes;
    if (header_length > kMaxHeaderBytes)
        throw DataError({path, 0, 8},
                        "the .npy header claims to be " + std::to_string(header_length) +
                            " bytes long (real headers are a few hundred bytes)",
                        "the file is damaged; " + std::string(kResave));
    std::string text(static_cast<std::size_t>(header_length), '\0');
    const std::size_t text_got = read_some(in, text.data(), text.size());
    if (text_got < text.size())
        throw DataError({path, 0, text_offset + text_got},
                        "the file ends inside the .npy header (" + std::to_string(text_got) +
                            " of " + std::to_string(header_length) + " header bytes present)",
                        "the file is truncated; " + std::string(kResave));

    const PyValue dict = HeaderParser(text, path, text_offset).parse();
    auto missing = [&](const char* key) {
        return DataError({path, 0, text_offset},
                         std::string("the .npy header has no '") + key + "' entry",
                         "the file is damaged; " + std::string(kResave));
    };
    NpyHeader header;
    header.data_offset = text_offset + static_cast<std::size_t>(header_length);
    const PyValue* descr = dict.find("descr");
    const PyValue* fortran = dict.find("fortran_order");
    const PyValue* shape = dict.find("shape");
    if (!descr)
        throw missing("descr");
    if (!fortran)
        throw missing("fortran_order");
    if (!shape)
        throw missing("shape");
    if (descr->kind != PyValue::Kind::String)
        throw DataError({path, 0, text_offset},
                        "the array has a structured dtype (record fields), which is not supported",
                        "save a plain numeric array, e.g. numpy.save(path, "
                        "numpy.column_stack([...]).astype(numpy.float32))");
    header.descr = descr->text;
    if (fortran->kind != PyValue::Kind::Bool)
        throw DataError({path, 0, text_offset}, "'fortran_order' is not True or False",
                        "the file is damaged; " + std::string(kResave));
    header.fortran_order = fortran->flag;
    if (shape->kind != PyValue::Kind::Sequence)
        throw DataError({path, 0, text_offset}, "'shape' is not a tuple",
                        "the file is damaged; " + std::string(kResave));
    for (const auto& item : shape->items) {
        if (item.kind != PyValue::Kind::Integer || item.integer < 0)
            throw DataError({path, 0, text_offset},
                            "'shape' holds something other than non-negative integers",
                            "the file is damaged; " + std::string(kResave));
        header.shape.push_back(static_cast<std::uint64_t>(item.integer));
    }
    return header;
}

struct DType {
    ElementType type;
    bool big_endian;
};

DType parse_descr(const std::string& descr, const std::string& path) {
    static constexpr std::pair<std::string_view, ElementType> kinds[] = {
        {"f4", ElementType::Float32}, {"f8", ElementType::Float64}, {"u1", ElementType::UInt8},
        {"i1", ElementType::Int8},    {"b1", ElementType::UInt8},   {"u2", ElementType::UInt16},
        {"i2", ElementType::Int16},   {"u4", ElementType::UInt32},  {"i4", ElementType::Int32},
        {"u8", ElementType::UInt64},  {"i8", ElementType::Int64},
    };
    if (descr.size() >= 2) {
        const char order = descr[0];
        const std::string_view code = std::string_view(descr).substr(1);
        if (order == '<' || order == '>' || order == '|' || order == '=') {
            for (const auto& [name, type] : kinds)
                if (code == name)
                    return {type, order == '>'};
        }
    }
    throw DataError({path},
                    "dtype '" + descr +
                        "' is not supported (supported: '<f4', '<f8', '|u1', '|i1', '<u2', "
                        "'<i2', '<u4', '<i4', '<u8', '<i8', '|b1')",
                    "convert it first, e.g. numpy.save(path, array.astype(numpy.float32))");
}

/// Parses "3", "-1" or "column 3" into a column index in [0, cols). Positions count from 1, as
/// the made-up names "column 1".. and the CSV reader's positions do.
std::size_t resolve_label_column(const std::string& spec, std::size_t cols,
                                 const std::string& path) {
    std::string_view s = spec;
    while (!s.empty() && s.front() == ' ')
        s.remove_prefix(1);
    while (!s.empty() && s.back() == ' ')
        s.remove_suffix(1);
    if (s.starts_with("column "))
        s.remove_prefix(7);
    long long position = 0;
    const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), position);
    if (s.empty() || ec != std::errc() || end != s.data() + s.size())
        throw DataError({path},
                        "label column '" + spec +
                            "' is not a column position (.npy columns have no "
                            "names)",
                        "give a position counted from 1, a negative one from the end (-1 = last), "
                        "or \"column K\"");
    const long long count = static_cast<long long>(cols);
    if (position == 0 || position > count || position < -count)
        throw DataError({path},
                        "label column " + spec + " does not exist: the array has " +
                            std::to_string(cols) + " columns",
                        "give a position from 1 to " + std::to_string(cols) +
                            " (the first column is 1) or from -" + std::to_string(cols) + " to -1");
    return static_cast<std::size_t>(position < 0 ? count + position : position - 1);
}

/// A 4-D array's layout. NumPy code writes (N, H, W, C); PyTorch writes (N, C, H, W). A leading
/// axis of 1, 3 or 4 followed by a last axis too long to be channels (> 4) can only be
/// channels-first.
enum class ImageLayout { ChannelsLast, ChannelsFirst, Ambiguous };

ImageLayout image_layout(const std::vector<std::uint64_t>& shape) {
    const auto channel_like = [](std::uint64_t d) { return d == 1 || d == 3 || d == 4; };
    if (shape.size() != 4 || !channel_like(shape[1]))
        return ImageLayout::ChannelsLast;
    return shape[3] > 4 ? ImageLayout::ChannelsFirst : ImageLayout::Ambiguous;
}

/// Reorders each row from (C, H, W) to (H, W, C), the order image_shape describes.
void channels_first_to_last(Matrix& values, int channels, int height, int width) {
    const Eigen::Index plane = static_cast<Eigen::Index>(height) * width;
    Eigen::VectorXf row(values.cols());
    for (Eigen::Index r = 0; r < values.rows(); ++r) {
        for (int c = 0; c < channels; ++c)
            for (Eigen::Index p = 0; p < plane; ++p)
                row[p * channels + c] = values(r, c * plane + p);
        values.row(r) = row.transpose();
    }
}

/// Infinities cannot be normalised or learned; they are treated like the missing values they
/// almost always stand for (a division by zero upstream), and the user is told how many.
std::size_t replace_infinities(Matrix& values) {
    std::size_t count = 0;
    for (Eigen::Index c = 0; c < values.cols(); ++c)
        for (Eigen::Index r = 0; r < values.rows(); ++r)
            if (std::isinf(values(r, c))) {
                values(r, c) = std::numeric_limits<float>::quiet_NaN();
                ++count;
            }
    return count;
}

void extract_label_column(Dataset& data, std::size_t column) {
    const auto n = data.values.rows();
    const auto d = data.values.cols();
    const auto c = static_cast<Eigen::Index>(column);
    const Eigen::VectorXf label = data.values.col(c);
    Matrix rest(n, d - 1);
    rest.leftCols(c) = data.values.leftCols(c);
    rest.rightCols(d - 1 - c) = data.values.rightCols(d - 1 - c);
    data.values = std::move(rest);
    data.label_column = data.column_names[column];
    data.column_names.erase(data.column_names.begin() + c);

    std::set<float> distinct;
    bool classes = true;
    for (Eigen::Index i = 0; i < n && classes; ++i) {
        const float v = label[i];
        if (!std::isfinite(v) || v != std::floor(v) || std::fabs(v) > 1e9f ||
            (distinct.insert(v).second && distinct.size() > kMaxLabelClasses))
            classes = false;
    }
    if (!classes) {
        data.targets.assign(label.data(), label.data() + n);
        return;
    }
    const std::vector<float> sorted(distinct.begin(), distinct.end());
    for (const float v : sorted)
        data.label_names.push_back(std::to_string(static_cast<long long>(v)));
    data.labels.resize(static_cast<std::size_t>(n));
    for (Eigen::Index i = 0; i < n; ++i)
        data.labels[static_cast<std::size_t>(i)] = static_cast<std::int32_t>(
            std::lower_bound(sorted.begin(), sorted.end(), label[i]) - sorted.begin());
}

} // namespace

Dataset read_npy(const std::string& path, const LoadOptions& options) {
    InputStream in(path);
    const NpyHeader header = read_header(in, path);
    const DType dtype = parse_descr(header.descr, path);
    const auto& shape = header.shape;
    const std::string declared = "shape " + shape_text(shape);

    if (shape.size() < 2 || shape.size() > 4)
        throw DataError({path},
                        "holds a " + std::to_string(shape.size()) + "-D array (" + declared +
                            "); expected a 2-D table (N, D) or 3-D/4-D images (N, H, W[, C])",
                        shape.size() < 2 ? "reshape it, e.g. array.reshape(-1, 1) for one column"
                                         : "reshape it to (N, D) before saving");
    for (const auto d : shape)
        if (d == 0)
            throw DataError({path}, "holds no data (" + declared + ")", "save a non-empty array");
    const auto is_nontrivial = [](std::uint64_t d) { return d > 1; };
    if (header.fortran_order && std::count_if(shape.begin(), shape.end(), is_nontrivial) > 1)
        throw DataError({path}, "the array is stored in Fortran (column-major) order",
                        "save it in C order: numpy.save(path, numpy.ascontiguousarray(array))");

    const std::size_t esize = element_size(dtype.type);
    const std::uint64_t values = saturating_product(shape);
    const std::uint64_t bytes = saturating_product({values, esize});
    const std::string type_text = "'" + header.descr + "'";
    if (bytes > std::numeric_limits<std::uint64_t>::max() / 2)
        throw DataError({path}, "header declares an absurd " + declared + " of " + type_text,
                        "the file is damaged; " + std::string(kResave));
    const std::string declared_bytes =
        declared + " = " + std::to_string(bytes) + " bytes of " + type_text;
    if (!in.compressed()) {
        const std::uint64_t available =
            in.file_size() > header.data_offset ? in.file_size() - header.data_offset : 0;
        if (bytes > available)
            throw DataError({path, 0, header.data_offset},
                            "header declares " + declared_bytes + " but the file holds " +
                                std::to_string(available) + " bytes after the header",
                            "the file is truncated; " + std::string(kResave));
    } else if (bytes / kMaxGzipRatio > in.file_size()) {
        throw DataError({path, 0, header.data_offset},
                        "header declares " + declared_bytes + " but a gzip file of " +
                            std::to_string(in.file_size()) + " bytes cannot hold that much",
                        "the file is damaged; " + std::string(kResave) + " and compress it again");
    }
    for (std::size_t i = 1; i < shape.size() && shape.size() > 2; ++i)
        if (shape[i] > static_cast<std::uint64_t>(std::numeric_limits<int>::max()))
            throw DataError({path}, "image dimensions in " + declared + " are too large",
                            "reshape it to (N, D) before saving");

    ArrayLayout layout;
    layout.type = dtype.type;
    layout.big_endian = dtype.big_endian;
    layout.rows = static_cast<std::size_t>(shape[0]);
    layout.row_values = static_cast<std::size_t>(values / shape[0]);
    const std::size_t rows = options.limit > 0 ? std::min(options.limit, layout.rows) : layout.rows;
    const std::size_t data_offset = header.data_offset;
    const auto truncated = [&](std::uint64_t found) {
        return DataError({path, 0, data_offset + found},
                         "header declares " + declared_bytes + " but the data ends after " +
                             std::to_string(found) + " bytes",
                         "the file is truncated; " + std::string(kResave));
    };

    Dataset data;
    data.name = path;
    data.values = read_array_rows(in, layout, rows, options.progress, 0.0, 1.0, truncated);
    const bool image = shape.size() >= 3;
    if (image) {
        const ImageLayout order = image_layout(shape);
        const auto dim = [&](std::size_t i) { return static_cast<int>(shape[i]); };
        if (order == ImageLayout::ChannelsFirst) {
            data.image_shape = ImageShape{dim(3), dim(2), dim(1)};
            channels_first_to_last(data.values, dim(1), dim(2), dim(3));
            data.notes.push_back("read " + declared +
                                 " as channels-first images (N, C, H, W), PyTorch's layout: " +
                                 std::to_string(dim(1)) + " channel(s) of " +
                                 std::to_string(dim(2)) + "x" + std::to_string(dim(3)));
        } else {
            data.image_shape = ImageShape{dim(2), dim(1), shape.size() == 4 ? dim(3) : 1};
            if (order == ImageLayout::Ambiguous)
                data.notes.push_back(
                    "read " + declared +
                    " as channels-last images (N, H, W, C); if it is "
                    "channels-first (N, C, H, W), save array.transpose(0, 2, 3, 1) instead");
        }
    }
    // Columns count from 1 as a spreadsheet's do; pixels from 0 as their coordinates do.
    data.column_names.reserve(layout.row_values);
    for (std::size_t i = 0; i < layout.row_values; ++i)
        data.column_names.push_back(image ? "pixel " + std::to_string(i)
                                          : "column " + std::to_string(i + 1));
    if (dtype.type == ElementType::Float32 || dtype.type == ElementType::Float64) {
        if (const std::size_t infinite = replace_infinities(data.values); infinite > 0)
            data.notes.push_back(std::to_string(infinite) +
                                 " infinite value(s) read as missing, like NaN");
        data.missing_count = static_cast<std::size_t>(data.values.array().isNaN().count());
    }

    // An array has no names or text to suggest a label, so "auto" means none.
    if (!is_no_label(options.label_column) && options.label_column != kAutoLabel) {
        if (image)
            throw DataError({path},
                            "a label column was given but the file holds images (" + declared + ")",
                            "leave the label column unset, or save a 2-D table (N, D)");
        if (layout.row_values < 2)
            throw DataError({path}, "a label column was given but the table has only one column",
                            "leave the label column unset");
        extract_label_column(data,
                             resolve_label_column(options.label_column, layout.row_values, path));
    }
    return data;
}

} // namespace vae
