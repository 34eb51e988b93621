#include "data/idx_reader.h"

#include "data/binary_array_reader.h"
#include "data/input_stream.h"
#include "data/load_error.h"

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <limits>
#include <string_view>

namespace vae {
namespace {

constexpr std::string_view kCopyAgain = "the file is truncated; download or copy it again";

struct IdxHeader {
    ElementType type = ElementType::UInt8;
    int type_code = 0;
    std::vector<std::uint64_t> dims;
    std::size_t data_offset = 0;
};

const char* type_name(int code) {
    switch (code) {
    case 0x08:
        return "unsigned byte";
    case 0x09:
        return "signed byte";
    case 0x0B:
        return "int16";
    case 0x0C:
        return "int32";
    case 0x0D:
        return "float32";
    case 0x0E:
        return "float64";
    default:
        return "unknown";
    }
}

std::string hex_byte(unsigned value) {
    static constexpr char digits[] = "0123456789ABCDEF";
    return std::string("0x") + digits[(value >> 4) & 15] + digits[value & 15];
}

std::size_t read_some(InputStream& in, unsigned char* buffer, std::size_t size) {
    std::size_t got = 0;
    while (got < size) {
        const std::size_t n = in.read(reinterpret_cast<char*>(buffer) + got, size - got);
        if (n == 0)
            break;
        got += n;
    }
    return got;
}

IdxHeader read_header(InputStream& in, const std::string& path) {
    unsigned char magic[4] = {};
    const std::size_t got = read_some(in, magic, 4);
    if (got == 0)
        throw DataError({path}, "the file is empty", "expected an IDX (MNIST format) file");
    if (got < 4 || magic[0] != 0 || magic[1] != 0) {
        std::string bytes;
        for (std::size_t i = 0; i < got; ++i) {
            if (i > 0)
                bytes += ' ';
            bytes += hex_byte(magic[i]);
        }
        throw DataError({path},
                        "is not an IDX file: it starts with bytes " + bytes +
                            " instead of 0x00 0x00 <type> <dimensions>",
                        "MNIST image files start with 0x00 0x00 0x08 0x03 and label files with "
                        "0x00 0x00 0x08 0x01; check that this is the right file");
    }
    IdxHeader header;
    header.type_code = magic[2];
    switch (magic[2]) {
    case 0x08:
        header.type = ElementType::UInt8;
        break;
    case 0x09:
        header.type = ElementType::Int8;
        break;
    case 0x0B:
        header.type = ElementType::Int16;
        break;
    case 0x0C:
        header.type = ElementType::Int32;
        break;
    case 0x0D:
        header.type = ElementType::Float32;
        break;
    case 0x0E:
        header.type = ElementType::Float64;
        break;
    default:
        throw DataError({path, 0, 2},
                        "unknown IDX element type " + hex_byte(magic[2]) +
                            " (supported: 0x08 unsigned byte, 0x09 signed byte, 0x0B int16, "
                            "0x0C int32, 0x0D float32, 0x0E float64)",
                        "the file is damaged or not an IDX file");
    }
    const int ndims = magic[3];
    if (ndims < 1 || ndims > 4)
        throw DataError({path, 0, 3},
                        "the IDX header declares " + std::to_string(ndims) +
                            " dimensions (1 to 4 are supported)",
                        "the file is damaged or not an IDX file");
    unsigned char dims[16] = {};
    const std::size_t dims_bytes = 4 * static_cast<std::size_t>(ndims);
    const std::size_t dims_got = read_some(in, dims, dims_bytes);
    if (dims_got < dims_bytes)
        throw DataError({path, 0, 4 + dims_got}, "the file ends inside the IDX header",
                        std::string(kCopyAgain));
    for (int i = 0; i < ndims; ++i) {
        const unsigned char* b = dims + 4 * i;
        header.dims.push_back((std::uint64_t{b[0]} << 24) | (std::uint64_t{b[1]} << 16) |
                              (std::uint64_t{b[2]} << 8) | std::uint64_t{b[3]});
    }
    header.data_offset = 4 + dims_bytes;
    return header;
}

std::string dims_text(const std::vector<std::uint64_t>& dims) {
    std::string text;
    for (std::size_t i = 0; i < dims.size(); ++i) {
        if (i > 0)
            text += " x ";
        text += std::to_string(dims[i]);
    }
    return text;
}

/// Checks the declared size against the file; returns the data size in bytes.
std::uint64_t check_declared_size(const InputStream& in, const IdxHeader& header,
                                  const std::string& path) {
    const std::uint64_t bytes =
        saturating_product({saturating_product(header.dims), element_size(header.type)});
    const std::string declared =
        "declares " + dims_text(header.dims) + " values of " + type_name(header.type_code);
    if (bytes > std::numeric_limits<std::uint64_t>::max() / 2)
        throw DataError({path, 0, 4}, "the IDX header " + declared + ", an absurd size",
                        "the file is damaged or not an IDX file");
    if (!in.compressed()) {
        const std::uint64_t available =
            in.file_size() > header.data_offset ? in.file_size() - header.data_offset : 0;
        if (bytes > available)
            throw DataError({path, 0, header.data_offset},
                            "the IDX header " + declared + " (" + std::to_string(bytes) +
                                " bytes) but the file holds " + std::to_string(available) +
                                " bytes after the header",
                            std::string(kCopyAgain));
    } else if (bytes / kMaxGzipRatio > in.file_size()) {
        throw DataError({path, 0, header.data_offset},
                        "the IDX header " + declared + " (" + std::to_string(bytes) +
                            " bytes) but a gzip file of " + std::to_string(in.file_size()) +
                            " bytes cannot hold that much",
                        "the file is damaged; download or copy it again");
    }
    return bytes;
}

TruncationError truncation(const std::string& path, const IdxHeader& header, std::uint64_t bytes) {
    return [path, header, bytes](std::uint64_t found) {
        return DataError({path, 0, header.data_offset + found},
                         "the IDX header declares " + dims_text(header.dims) + " values (" +
                             std::to_string(bytes) + " bytes) but the data ends after " +
                             std::to_string(found) + " bytes",
                         std::string(kCopyAgain));
    };
}

std::string file_name(const std::string& path) {
    return std::filesystem::path(path).filename().string();
}

void read_labels(Dataset& data, const std::string& labels_path, const std::string& images_path,
                 std::uint64_t image_count, const LoadOptions& options) {
    InputStream in(labels_path);
    const IdxHeader header = read_header(in, labels_path);
    if (header.dims.size() != 1 || header.type != ElementType::UInt8)
        throw DataError({labels_path},
                        "the labels file found beside " + file_name(images_path) + " holds " +
                            dims_text(header.dims) + " values of " + type_name(header.type_code) +
                            " (expected a 1-D list of unsigned "
                            "bytes)",
                        "move or rename it if it does not belong to the images");
    if (header.dims[0] != image_count)
        throw DataError({labels_path},
                        "holds " + std::to_string(header.dims[0]) + " labels but " +
                            file_name(images_path) + " holds " + std::to_string(image_count) +
                            " images",
                        "the two files must come from the same dataset (e.g. both train or "
                        "both t10k)");
    const std::uint64_t bytes = check_declared_size(in, header, labels_path);
    ArrayLayout layout;
    layout.type = header.type;
    layout.big_endian = true;
    layout.rows = static_cast<std::size_t>(header.dims[0]);
    layout.row_values = 1;
    const std::size_t rows = data.rows();
    const Matrix ids = read_array_rows(in, layout, rows, options.progress, 0.97, 1.0,
                                       truncation(labels_path, header, bytes));
    data.labels.resize(rows);
    std::int32_t max_id = -1;
    for (std::size_t i = 0; i < rows; ++i) {
        data.labels[i] = static_cast<std::int32_t>(ids(static_cast<Eigen::Index>(i), 0));
        max_id = std::max(max_id, data.labels[i]);
    }
    const auto& names = known_class_names(images_path);
    for (std::int32_t id = 0; id <= max_id; ++id)
        data.label_names.push_back(static_cast<std::size_t>(id) < names.size()
                                       ? names[static_cast<std::size_t>(id)]
                                       : std::to_string(id));
    data.label_column = "label";
}

} // namespace

const std::vector<std::string>& known_class_names(const std::string& images_path) {
    // IDX files carry no class names; Fashion-MNIST's are fixed by its publication and a
    // user expects "Sneaker", not "7". Recognised by the path, which Debian's package and
    // the usual downloads all name.
    static const std::vector<std::string> fashion = {
        "T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
        "Sandal",      "Shirt",   "Sneaker",  "Bag",   "Ankle boot"};
    static const std::vector<std::string> none;
    std::string lower = images_path;
    for (char& c : lower)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return lower.find("fashion") != std::string::npos ? fashion : none;
}

std::vector<std::string> idx_label_candidates(const std::string& images_path) {
    const std::size_t slash = images_path.find_last_of('/');
    const std::size_t name_start = slash == std::string::npos ? 0 : slash + 1;
    std::string name = images_path.substr(name_start);
    const std::size_t idx3 = name.find("idx3");
    if (idx3 == std::string::npos)
        return {};
    name.replace(idx3, 4, "idx1");
    if (const std::size_t images = name.find("images"); images != std::string::npos)
        name.replace(images, 6, "labels");
    const std::string base = images_path.substr(0, name_start) + name;
    if (base.size() > 3 && base.ends_with(".gz"))
        return {base, base.substr(0, base.size() - 3)};
    return {base, base + ".gz"};
}

Dataset read_idx(const std::string& path, const LoadOptions& options) {
    InputStream in(path);
    const IdxHeader header = read_header(in, path);
    const auto& dims = header.dims;
    if (dims.size() == 1)
        throw DataError({path},
                        "holds a 1-D list of " + std::to_string(dims[0]) +
                            " values (a labels file?), not samples",
                        "name the images file (...-images-idx3-ubyte); its labels are found "
                        "beside it automatically");
    for (const auto d : dims)
        if (d == 0)
            throw DataError({path, 0, 4}, "holds no data (" + dims_text(dims) + ")",
                            "name a non-empty IDX file");
    const std::uint64_t bytes = check_declared_size(in, header, path);
    const bool image = dims.size() >= 3;
    for (std::size_t i = 1; image && i < dims.size(); ++i)
        if (dims[i] > static_cast<std::uint64_t>(std::numeric_limits<int>::max()))
            throw DataError({path, 0, 4}, "image dimensions " + dims_text(dims) + " are too large",
                            "store the data as a 2-D table instead");

    ArrayLayout layout;
    layout.type = header.type;
    layout.big_endian = true;
    layout.rows = static_cast<std::size_t>(dims[0]);
    layout.row_values = static_cast<std::size_t>(saturating_product(dims) / dims[0]);
    const std::size_t rows = options.limit > 0 ? std::min(options.limit, layout.rows) : layout.rows;

    std::vector<std::string> labels_paths;
    for (const auto& candidate : idx_label_candidates(path)) {
        std::error_code ec;
        if (std::filesystem::is_regular_file(candidate, ec)) {
            labels_paths.push_back(candidate);
            break;
        }
    }
    const double images_share = labels_paths.empty() ? 1.0 : 0.97;

    Dataset data;
    data.name = path;
    data.values = read_array_rows(in, layout, rows, options.progress, 0.0, images_share,
                                  truncation(path, header, bytes));
    if (image)
        data.image_shape = ImageShape{static_cast<int>(dims[2]), static_cast<int>(dims[1]),
                                      dims.size() == 4 ? static_cast<int>(dims[3]) : 1};
    // Columns count from 1 as a spreadsheet's do; pixels from 0 as their coordinates do.
    data.column_names.reserve(layout.row_values);
    for (std::size_t i = 0; i < layout.row_values; ++i)
        data.column_names.push_back(image ? "pixel " + std::to_string(i)
                                          : "column " + std::to_string(i + 1));
    if (!labels_paths.empty())
        read_labels(data, labels_paths.front(), path, dims[0], options);
    return data;
}

} // namespace vae
