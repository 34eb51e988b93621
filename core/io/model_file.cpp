#include "io/model_file.h"

#include "data/input_stream.h"
#include "data/load_error.h"
#include "io/atomic_file.h"
#include "vae/vae_model.h"

#include <zlib.h>

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <optional>
#include <span>
#include <stdexcept>
#include <string_view>

namespace vae {
namespace {

// PNG-style signature: the binary bytes make text tools treat the file as binary, and a
// transfer that converts line endings or strips the 8th bit visibly breaks it.
constexpr std::array<char, 9> kSignature = {'V', 'A', 'E', 'M', '\x89', '\r', '\n', '\x1a', '\n'};
constexpr std::uint32_t kFormatVersion = 1;
constexpr std::size_t kPreambleBytes = kSignature.size() + 4 + 4; // signature, version, count
constexpr std::size_t kSectionHeaderBytes = 4 + 8;
constexpr std::size_t kChecksumBytes = 4;

// Lengths and counts are read as u64 straight into size_t.
static_assert(sizeof(std::size_t) == sizeof(std::uint64_t), "a 64-bit platform is assumed");

constexpr std::size_t kMaxInputDim = 10'000'000;
constexpr std::size_t kMaxLatentDim = 64;
constexpr std::size_t kMaxHiddenLayers = 64;
constexpr std::size_t kMaxWidth = 65536;
constexpr std::size_t kMaxImageSide = 65536;
constexpr std::size_t kMaxString = std::size_t{1} << 20;
// A gzip-compressed model is accepted, but float weights barely compress: a stream that
// inflates far beyond its compressed size is hostile rather than a model.
constexpr std::uint64_t kMaxGzipRatio = 64;

constexpr std::string_view kDamagedHint =
    "the file is damaged or was not written by VAE Explorer; save the model again";

// File codes of the enums, spelled out so that reordering an enum never changes the format.
constexpr std::array<Activation, 6> kActivationCodes = {Activation::ReLU, Activation::LeakyReLU,
                                                        Activation::ELU,  Activation::SiLU,
                                                        Activation::Tanh, Activation::Sigmoid};
constexpr std::array<Likelihood, 4> kLikelihoodCodes = {
    Likelihood::Bernoulli, Likelihood::GaussianFixed, Likelihood::GaussianLearned,
    Likelihood::GaussianLearnedPerDim};
constexpr std::array<Normalization::Kind, 3> kNormalizationCodes = {
    Normalization::Kind::None, Normalization::Kind::MinMax, Normalization::Kind::ZScore};

template <class E, std::size_t N> std::uint32_t code_of(const std::array<E, N>& codes, E value) {
    const auto it = std::find(codes.begin(), codes.end(), value);
    if (it == codes.end())
        throw std::invalid_argument("save_model_file: an enum value has no file code");
    return static_cast<std::uint32_t>(it - codes.begin());
}

// ---------------------------------------------------------------------------------------------
// Checks shared by save (programming errors) and load (damaged files). Each returns a
// description of the first problem, or nothing.

std::optional<std::string> architecture_problem(const VaeArchitecture& a) {
    if (a.input_dim < 1 || a.input_dim > kMaxInputDim)
        return "input_dim is " + std::to_string(a.input_dim) + " (must be 1.." +
               std::to_string(kMaxInputDim) + ")";
    if (a.latent_dim < 1 || a.latent_dim > kMaxLatentDim)
        return "latent_dim is " + std::to_string(a.latent_dim) + " (must be 1.." +
               std::to_string(kMaxLatentDim) + ")";
    if (a.hidden.size() > kMaxHiddenLayers)
        return std::to_string(a.hidden.size()) + " hidden layers (at most " +
               std::to_string(kMaxHiddenLayers) + ")";
    for (std::size_t i = 0; i < a.hidden.size(); ++i)
        if (a.hidden[i] < 1 || a.hidden[i] > kMaxWidth)
            return "hidden layer " + std::to_string(i + 1) + " has width " +
                   std::to_string(a.hidden[i]) + " (must be 1.." + std::to_string(kMaxWidth) + ")";
    if (!std::isfinite(a.sigma) || a.sigma <= 0.0f)
        return "sigma is " + std::to_string(a.sigma) + " (must be a positive number)";
    return std::nullopt;
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
            return "normalization of column " + std::to_string(j) + " is not finite or has scale 0";
    return std::nullopt;
}

std::optional<std::string> parameters_problem(std::span<const float> p) {
    for (std::size_t i = 0; i < p.size(); ++i)
        if (!std::isfinite(p[i]))
            return "parameter " + std::to_string(i) + " is " +
                   (std::isnan(p[i]) ? "NaN" : "infinite");
    return std::nullopt;
}

// ---------------------------------------------------------------------------------------------
// Encoding.

class Writer {
public:
    void u8(std::uint8_t v) { out_ += static_cast<char>(v); }
    void u32(std::uint32_t v) {
        for (int i = 0; i < 4; ++i)
            out_ += static_cast<char>((v >> (8 * i)) & 0xff);
    }
    void u64(std::uint64_t v) {
        for (int i = 0; i < 8; ++i)
            out_ += static_cast<char>((v >> (8 * i)) & 0xff);
    }
    void f32(float v) { u32(std::bit_cast<std::uint32_t>(v)); }
    void floats(std::span<const float> v) {
        if constexpr (std::endian::native == std::endian::little) {
            const auto old = out_.size();
            out_.resize(old + v.size() * sizeof(float));
            if (!v.empty())
                std::memcpy(out_.data() + old, v.data(), v.size() * sizeof(float));
        } else {
            for (const float f : v)
                f32(f);
        }
    }
    void str(std::string_view s) {
        if (s.size() > kMaxString)
            throw std::invalid_argument("save_model_file: a text of " + std::to_string(s.size()) +
                                        " bytes (at most 1 MiB)");
        u32(static_cast<std::uint32_t>(s.size()));
        out_.append(s);
    }
    void strings(const std::vector<std::string>& v) {
        u64(v.size());
        for (const auto& s : v)
            str(s);
    }
    void bytes(std::string_view b) { out_.append(b); }
    void section(std::string_view tag, const Writer& payload) {
        bytes(tag);
        u64(payload.out_.size());
        bytes(payload.out_);
    }
    [[nodiscard]] std::string& text() { return out_; }

private:
    std::string out_;
};

std::uint32_t crc_of(std::string_view bytes) {
    uLong crc = crc32(0L, Z_NULL, 0);
    // crc32 takes a uInt length: feed large buffers in pieces.
    constexpr std::size_t kPiece = std::size_t{1} << 30;
    for (std::size_t at = 0; at < bytes.size(); at += kPiece) {
        const auto n = std::min(kPiece, bytes.size() - at);
        crc = crc32(crc, reinterpret_cast<const Bytef*>(bytes.data() + at), static_cast<uInt>(n));
    }
    return static_cast<std::uint32_t>(crc);
}

Writer encode_architecture(const VaeArchitecture& a) {
    Writer w;
    w.u64(a.input_dim);
    w.u64(a.latent_dim);
    w.u32(static_cast<std::uint32_t>(a.hidden.size()));
    for (const auto h : a.hidden)
        w.u64(h);
    w.u32(code_of(kActivationCodes, a.activation));
    w.u32(code_of(kLikelihoodCodes, a.likelihood));
    w.f32(a.sigma);
    return w;
}

Writer encode_parameters(const std::vector<float>& p) {
    Writer w;
    w.u64(p.size());
    w.floats(p);
    return w;
}

Writer encode_metadata(const DatasetMetadata& m) {
    Writer w;
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
    w.u32(code_of(kNormalizationCodes, n.kind));
    w.u8(n.scaled_from_255 ? 1 : 0);
    w.u64(static_cast<std::uint64_t>(n.offset.size()));
    w.floats({n.offset.data(), static_cast<std::size_t>(n.offset.size())});
    w.floats({n.scale.data(), static_cast<std::size_t>(n.scale.size())});
    w.u64(m.rows);
    return w;
}

Writer encode_info(const std::vector<std::pair<std::string, std::string>>& info) {
    Writer w;
    w.u64(info.size());
    for (const auto& [key, value] : info) {
        w.str(key);
        w.str(value);
    }
    return w;
}

// ---------------------------------------------------------------------------------------------
// Decoding. Every read is checked against the bytes left before anything is allocated.

class Reader {
public:
    Reader(const std::string& path, std::string_view tag, std::string_view bytes, std::size_t base)
        : path_(path), tag_(tag), bytes_(bytes), base_(base) {}

    [[noreturn]] void fail(const std::string& found, std::string_view hint = kDamagedHint) const {
        throw DataError({path_, 0, base_ + pos_}, std::string(tag_) + " section: " + found,
                        std::string(hint));
    }

    [[nodiscard]] std::size_t remaining() const { return bytes_.size() - pos_; }

    std::uint8_t u8(std::string_view what) {
        need(1, what);
        return static_cast<std::uint8_t>(bytes_[pos_++]);
    }
    std::uint32_t u32(std::string_view what) {
        need(4, what);
        std::uint32_t v = 0;
        for (int i = 0; i < 4; ++i)
            v |= static_cast<std::uint32_t>(static_cast<unsigned char>(bytes_[pos_ + i]))
                 << (8 * i);
        pos_ += 4;
        return v;
    }
    std::uint64_t u64(std::string_view what) {
        need(8, what);
        std::uint64_t v = 0;
        for (int i = 0; i < 8; ++i)
            v |= static_cast<std::uint64_t>(static_cast<unsigned char>(bytes_[pos_ + i]))
                 << (8 * i);
        pos_ += 8;
        return v;
    }
    float f32(std::string_view what) { return std::bit_cast<float>(u32(what)); }

    bool flag(std::string_view what) {
        const auto at = pos_;
        const auto v = u8(what);
        if (v > 1) {
            pos_ = at;
            fail(std::string(what) + " is " + std::to_string(v) + " (must be 0 or 1)");
        }
        return v == 1;
    }

    /// A count of items that take at least `item_bytes` each: larger than the bytes left
    /// could hold means a damaged length, caught before anything is reserved.
    std::size_t count(std::string_view what, std::size_t item_bytes) {
        const auto at = pos_;
        const auto n = u64(what);
        if (n > remaining() / item_bytes) {
            pos_ = at;
            fail(std::string(what) + " count is " + std::to_string(n) + " but only " +
                 std::to_string(remaining()) + " bytes follow");
        }
        return static_cast<std::size_t>(n);
    }

    std::string str(std::string_view what) {
        const auto at = pos_;
        const auto n = u32(what);
        if (n > kMaxString) {
            pos_ = at;
            fail(std::string(what) + " is " + std::to_string(n) + " bytes long (at most 1 MiB)");
        }
        need(n, what);
        std::string s(bytes_.substr(pos_, n));
        pos_ += n;
        return s;
    }

    std::vector<std::string> strings(std::string_view what) {
        const auto n = count(what, 4);
        std::vector<std::string> v;
        v.reserve(n);
        for (std::size_t i = 0; i < n; ++i)
            v.push_back(str(what));
        return v;
    }

    void floats(std::string_view what, float* out, std::size_t n) {
        need(n * sizeof(float), what); // n was bounded by count() or the architecture
        if constexpr (std::endian::native == std::endian::little) {
            if (n > 0)
                std::memcpy(out, bytes_.data() + pos_, n * sizeof(float));
            pos_ += n * sizeof(float);
        } else {
            for (std::size_t i = 0; i < n; ++i)
                out[i] = f32(what);
        }
    }

    template <class E, std::size_t N> E code(const std::array<E, N>& codes, std::string_view what) {
        const auto at = pos_;
        const auto v = u32(what);
        if (v >= N) {
            pos_ = at;
            fail("unknown " + std::string(what) + " code " + std::to_string(v) + " (known: 0.." +
                     std::to_string(N - 1) + ")",
                 "the model may come from a newer VAE Explorer; update it");
        }
        return codes[v];
    }

    void finish() const {
        if (pos_ != bytes_.size())
            fail(std::to_string(remaining()) + " unexpected bytes at its end");
    }

private:
    void need(std::size_t n, std::string_view what) const {
        if (n > remaining())
            fail("ends inside " + std::string(what) + " (needs " + std::to_string(n) + " bytes, " +
                 std::to_string(remaining()) + " left)");
    }

    const std::string& path_;
    std::string_view tag_;
    std::string_view bytes_;
    std::size_t base_;
    std::size_t pos_ = 0;
};

VaeArchitecture decode_architecture(Reader& r) {
    VaeArchitecture a;
    a.input_dim = r.u64("input_dim");
    a.latent_dim = r.u64("latent_dim");
    const auto layers = r.u32("hidden layer count");
    if (layers > kMaxHiddenLayers)
        r.fail(std::to_string(layers) + " hidden layers (at most " +
               std::to_string(kMaxHiddenLayers) + ")");
    a.hidden.clear();
    for (std::uint32_t i = 0; i < layers; ++i)
        a.hidden.push_back(r.u64("hidden width"));
    a.activation = r.code(kActivationCodes, "activation");
    a.likelihood = r.code(kLikelihoodCodes, "likelihood");
    a.sigma = r.f32("sigma");
    if (const auto problem = architecture_problem(a))
        r.fail(*problem);
    r.finish();
    return a;
}

std::vector<float> decode_parameters(Reader& r, const VaeArchitecture& a) {
    const auto expected = VaeModel::parameter_count(a);
    const auto n = r.u64("parameter count");
    if (n != expected)
        r.fail("holds " + std::to_string(n) + " parameters but the architecture needs " +
               std::to_string(expected));
    if (r.remaining() != expected * sizeof(float))
        r.fail(std::to_string(r.remaining()) + " bytes of parameters for " +
               std::to_string(expected) + " floats");
    std::vector<float> p(expected);
    r.floats("parameters", p.data(), p.size());
    if (const auto problem = parameters_problem(p))
        r.fail(*problem, "the model diverged or the file is damaged; train it again");
    r.finish();
    return p;
}

DatasetMetadata decode_metadata(Reader& r, std::size_t input_dim) {
    DatasetMetadata m;
    m.name = r.str("data name");
    m.column_names = r.strings("column names");
    m.label_column = r.str("label column");
    m.label_names = r.strings("label names");
    m.factor_names = r.strings("factor names");
    if (r.flag("image flag")) {
        ImageShape s;
        int* sides[] = {&s.width, &s.height, &s.channels};
        for (int* side : sides) {
            const auto v = r.u32("image shape");
            if (v < 1 || v > kMaxImageSide)
                r.fail("image dimension " + std::to_string(v) + " (must be 1.." +
                       std::to_string(kMaxImageSide) + ")");
            *side = static_cast<int>(v);
        }
        m.image_shape = s;
    }
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
    m.rows = static_cast<std::size_t>(r.u64("row count"));
    if (const auto problem = metadata_problem(m, input_dim))
        r.fail(*problem);
    r.finish();
    return m;
}

std::vector<std::pair<std::string, std::string>> decode_info(Reader& r) {
    const auto n = r.count("info entries", 8);
    std::vector<std::pair<std::string, std::string>> info;
    info.reserve(n);
    for (std::size_t i = 0; i < n; ++i) {
        auto key = r.str("info name");
        auto value = r.str("info text");
        info.emplace_back(std::move(key), std::move(value));
    }
    r.finish();
    return info;
}

std::uint32_t le32(std::string_view b, std::size_t at) {
    std::uint32_t v = 0;
    for (int i = 0; i < 4; ++i)
        v |= static_cast<std::uint32_t>(static_cast<unsigned char>(b[at + i])) << (8 * i);
    return v;
}

std::uint64_t le64(std::string_view b, std::size_t at) {
    std::uint64_t v = 0;
    for (int i = 0; i < 8; ++i)
        v |= static_cast<std::uint64_t>(static_cast<unsigned char>(b[at + i])) << (8 * i);
    return v;
}

std::string read_whole(const std::string& path) {
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec))
        throw DataError({path}, "is a directory", "choose a .vaem model file");
    InputStream in(path);
    std::string bytes;
    if (!in.compressed())
        bytes.reserve(static_cast<std::size_t>(in.file_size()));
    constexpr std::size_t kChunk = std::size_t{1} << 20;
    for (;;) {
        const auto old = bytes.size();
        bytes.resize(old + kChunk);
        const auto n = in.read(bytes.data() + old, kChunk);
        bytes.resize(old + n);
        if (n == 0)
            break;
        if (in.compressed() && bytes.size() > kChunk &&
            bytes.size() / kMaxGzipRatio > in.file_size())
            throw DataError({path},
                            "the gzip data inflates to more than " + std::to_string(kMaxGzipRatio) +
                                " times its size",
                            "this is not a compressed model file");
    }
    return bytes;
}

struct SectionSpan {
    std::size_t at = 0; ///< offset of the payload
    std::string_view payload;
};

} // namespace

void save_model_file(const ModelFile& model, const std::string& path) {
    const auto& a = model.architecture;
    if (const auto problem = architecture_problem(a))
        throw std::invalid_argument("save_model_file: " + *problem);
    if (model.parameters.size() != VaeModel::parameter_count(a))
        throw std::invalid_argument("save_model_file: " + std::to_string(model.parameters.size()) +
                                    " parameters, the architecture needs " +
                                    std::to_string(VaeModel::parameter_count(a)));
    if (const auto problem = parameters_problem(model.parameters))
        throw std::invalid_argument("save_model_file: " + *problem);
    if (const auto problem = metadata_problem(model.data, a.input_dim))
        throw std::invalid_argument("save_model_file: " + *problem);

    Writer file;
    file.bytes({kSignature.data(), kSignature.size()});
    file.u32(kFormatVersion);
    file.u32(4);
    file.section("ARCH", encode_architecture(a));
    file.section("PARM", encode_parameters(model.parameters));
    file.section("DATA", encode_metadata(model.data));
    file.section("INFO", encode_info(model.info));
    file.u32(crc_of(file.text()));

    AtomicFile out(path);
    out.write(file.text());
    out.commit();
}

ModelFile load_model_file(const std::string& path) {
    return parse_model_file(read_whole(path), path);
}

ModelFile parse_model_file(std::string_view b, const std::string& path) {
    const std::string_view signature(kSignature.data(), kSignature.size());
    const auto truncated = [&](std::size_t at, const std::string& where) {
        return DataError({path, 0, at}, "the file ends " + where + " (it is truncated)",
                         "copy or save the model again");
    };

    if (b.empty())
        throw DataError({path}, "the file is empty", "choose a .vaem model file");
    if (b.size() < signature.size() && signature.starts_with(b))
        throw truncated(b.size(), "inside the signature");
    if (!b.starts_with(signature)) {
        if (b.starts_with("VAEM"))
            throw DataError({path}, "the .vaem signature is altered (line endings converted?)",
                            "copy the file in binary mode");
        throw DataError({path}, "not a VAE Explorer model file (no .vaem signature)",
                        "choose a .vaem file saved by VAE Explorer");
    }
    if (b.size() < signature.size() + 4)
        throw truncated(b.size(), "inside the format version");
    const auto version = le32(b, signature.size());
    if (version == 0)
        throw DataError({path, 0, signature.size()}, "format version 0 is not valid",
                        std::string(kDamagedHint));
    if (version > kFormatVersion)
        throw DataError({path, 0, signature.size()},
                        "written by a newer VAE Explorer (format " + std::to_string(version) +
                            ", this one reads up to " + std::to_string(kFormatVersion) + ")",
                        "update VAE Explorer to open it");
    if (b.size() < kPreambleBytes)
        throw truncated(b.size(), "inside the section count");

    // Walk the section frames first so that a truncated file is reported as such, not as a
    // checksum mismatch.
    const auto sections = le32(b, kPreambleBytes - 4);
    if (sections > (b.size() - kPreambleBytes) / kSectionHeaderBytes)
        throw DataError({path, 0, kPreambleBytes - 4},
                        std::to_string(sections) + " sections do not fit in " +
                            std::to_string(b.size()) + " bytes",
                        std::string(kDamagedHint));
    std::vector<std::pair<std::string, SectionSpan>> found;
    std::size_t pos = kPreambleBytes;
    for (std::uint32_t i = 0; i < sections; ++i) {
        if (b.size() - pos < kSectionHeaderBytes)
            throw truncated(b.size(), "inside a section header");
        const std::string tag(b.substr(pos, 4));
        const auto length = le64(b, pos + 4);
        const auto payload_at = pos + kSectionHeaderBytes;
        if (length > b.size() - payload_at)
            throw DataError({path, 0, pos},
                            "section '" + tag + "' says it holds " + std::to_string(length) +
                                " bytes but only " + std::to_string(b.size() - payload_at) +
                                " follow (the file is truncated or damaged)",
                            "copy or save the model again");
        found.push_back({tag, {payload_at, b.substr(payload_at, length)}});
        pos = payload_at + static_cast<std::size_t>(length);
    }
    if (b.size() - pos < kChecksumBytes)
        throw truncated(b.size(), "before its checksum");
    if (b.size() - pos > kChecksumBytes)
        throw DataError({path, 0, pos + kChecksumBytes},
                        std::to_string(b.size() - pos - kChecksumBytes) +
                            " unexpected bytes after the checksum",
                        std::string(kDamagedHint));
    const auto stored = le32(b, pos);
    const auto computed = crc_of(b.substr(0, pos));
    if (stored != computed) {
        char text[64];
        std::snprintf(text, sizeof text, "stored %08x, computed %08x", stored, computed);
        throw DataError({path},
                        std::string("checksum mismatch: the file is damaged (") + text + ")",
                        "copy or save the model again");
    }

    const auto section = [&](std::string_view tag) -> SectionSpan {
        const SectionSpan* hit = nullptr;
        for (const auto& [t, span] : found)
            if (t == tag) {
                if (hit)
                    throw DataError({path, 0, span.at - kSectionHeaderBytes},
                                    "section '" + std::string(tag) + "' appears twice",
                                    std::string(kDamagedHint));
                hit = &span;
            }
        if (!hit)
            throw DataError({path}, "the required section '" + std::string(tag) + "' is missing",
                            std::string(kDamagedHint));
        return *hit;
    };

    ModelFile model;
    const auto arch = section("ARCH");
    Reader arch_reader(path, "ARCH", arch.payload, arch.at);
    model.architecture = decode_architecture(arch_reader);
    const auto parm = section("PARM");
    Reader parm_reader(path, "PARM", parm.payload, parm.at);
    model.parameters = decode_parameters(parm_reader, model.architecture);
    const auto data = section("DATA");
    Reader data_reader(path, "DATA", data.payload, data.at);
    model.data = decode_metadata(data_reader, model.architecture.input_dim);
    const auto info = section("INFO");
    Reader info_reader(path, "INFO", info.payload, info.at);
    model.info = decode_info(info_reader);
    return model;
}

namespace {

/// Names the loaders make up when a source has none: they say nothing about the content.
bool made_up_name(const std::string& name, std::size_t index) {
    const auto k = std::to_string(index);
    return name == "column " + k || name == "pixel " + k;
}

} // namespace

void check_compatible(const ModelFile& model, const Dataset& data, const std::string& source) {
    const auto expected = model.architecture.input_dim;
    const std::string trained_on =
        model.data.name.empty() ? std::string("its training data") : "'" + model.data.name + "'";
    if (data.cols() != expected) {
        std::string hint = "the model was trained on " + trained_on + " with " +
                           std::to_string(expected) + " columns";
        if (data.cols() == expected + 1 && !data.has_labels() && data.targets.empty())
            hint += "; if the extra column is a label, choose it as the label column";
        throw DataError({source},
                        "model expects " + std::to_string(expected) + " columns, " + source +
                            " has " + std::to_string(data.cols()),
                        hint);
    }
    const auto& names = model.data.column_names;
    if (names.size() != expected || data.column_names.size() != expected)
        return;
    for (std::size_t j = 0; j < expected; ++j) {
        const auto& want = names[j];
        const auto& got = data.column_names[j];
        if (want == got || made_up_name(want, j) || made_up_name(got, j))
            continue;
        throw DataError({source},
                        "column " + std::to_string(j + 1) + " is '" + got + "' in " + source +
                            " but the model was trained with '" + want + "' there",
                        "load data with the same columns in the same order as " + trained_on);
    }
}

} // namespace vae
