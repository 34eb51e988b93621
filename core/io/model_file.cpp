#include "io/model_file.h"

#include "data/input_stream.h"
#include "data/load_error.h"
#include "io/atomic_file.h"
#include "io/byte_reader.h"
#include "io/byte_writer.h"
#include "io/metadata_codec.h"
#include "vae/vae_model.h"

#include <zlib.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <optional>
#include <span>
#include <stdexcept>
#include <string_view>
#include <vector>

namespace vae {
namespace {

// PNG-style signature: the binary bytes make text tools treat the file as binary, and a
// transfer that converts line endings or strips the 8th bit visibly breaks it.
constexpr std::array<char, 9> kSignature = {'V', 'A', 'E', 'M', '\x89', '\r', '\n', '\x1a', '\n'};
// Version 2 adds the CONV section (conv layers and the image they read). A model without conv
// layers is still written as version 1, so that older builds keep opening it; one with conv
// layers is version 2, which older builds refuse instead of misreading it as an MLP.
constexpr std::uint32_t kFormatVersion = 2;
constexpr std::uint32_t kFirstConvVersion = 2;
constexpr std::size_t kPreambleBytes = kSignature.size() + 4 + 4; // signature, version, count
constexpr std::size_t kSectionHeaderBytes = 4 + 8;
constexpr std::size_t kChecksumBytes = 4;

// Lengths and counts are read as u64 straight into size_t.
static_assert(sizeof(std::size_t) == sizeof(std::uint64_t), "a 64-bit platform is assumed");

constexpr std::size_t kMaxInputDim = 10'000'000;
constexpr std::size_t kMaxLatentDim = 64;
constexpr std::size_t kMaxHiddenLayers = 64;
constexpr std::size_t kMaxWidth = 65536;
constexpr std::uint32_t kMaxConvLayers = 32;
// A gzip-compressed model is accepted, but float weights barely compress: a stream that
// inflates far beyond its compressed size is hostile rather than a model.
constexpr std::uint64_t kMaxGzipRatio = 64;

constexpr std::string_view kDamagedHint = ByteReader::kDamagedHint;

// File codes of the enums, spelled out so that reordering an enum never changes the format.
constexpr std::array<Activation, 6> kActivationCodes = {Activation::ReLU, Activation::LeakyReLU,
                                                        Activation::ELU,  Activation::SiLU,
                                                        Activation::Tanh, Activation::Sigmoid};
constexpr std::array<Likelihood, 4> kLikelihoodCodes = {
    Likelihood::Bernoulli, Likelihood::GaussianFixed, Likelihood::GaussianLearned,
    Likelihood::GaussianLearnedPerDim};

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
    // The engine's own rules, in case it refuses something the bounds above allow.
    if (auto error = architecture_error(a); !error.empty())
        return error;
    return std::nullopt;
}

std::optional<std::string> parameters_problem(std::span<const float> p) {
    for (std::size_t i = 0; i < p.size(); ++i)
        if (!std::isfinite(p[i]))
            return "parameter " + std::to_string(i) + " is " +
                   (std::isnan(p[i]) ? "NaN" : "infinite");
    return std::nullopt;
}

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

ByteWriter encode_architecture(const VaeArchitecture& a) {
    ByteWriter w;
    w.u64(a.input_dim);
    w.u64(a.latent_dim);
    w.u32(static_cast<std::uint32_t>(a.hidden.size()));
    for (const auto h : a.hidden)
        w.u64(h);
    w.code(kActivationCodes, a.activation);
    w.code(kLikelihoodCodes, a.likelihood);
    w.f32(a.sigma);
    return w;
}

ByteWriter encode_parameters(const std::vector<float>& p) {
    ByteWriter w;
    w.u64(p.size());
    w.floats(p);
    return w;
}

ByteWriter encode_info(const std::vector<std::pair<std::string, std::string>>& info) {
    ByteWriter w;
    w.u64(info.size());
    for (const auto& [key, value] : info) {
        w.str(key);
        w.str(value);
    }
    return w;
}

VaeArchitecture decode_architecture(ByteReader& r) {
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
    r.finish();
    return a;
}

ByteWriter encode_conv(const VaeArchitecture& a) {
    ByteWriter w;
    w.u32(static_cast<std::uint32_t>(a.image.height));
    w.u32(static_cast<std::uint32_t>(a.image.width));
    w.u32(static_cast<std::uint32_t>(a.image.channels));
    w.u32(static_cast<std::uint32_t>(a.conv.size()));
    for (const ConvStage& c : a.conv) {
        w.u64(c.channels);
        w.u32(static_cast<std::uint32_t>(c.kernel));
        w.u32(static_cast<std::uint32_t>(c.stride));
        w.u32(static_cast<std::uint32_t>(c.padding));
    }
    return w;
}

void decode_conv(ByteReader& r, VaeArchitecture& a) {
    // Bounded before the int conversions; architecture_error checks the geometry itself.
    const auto dimension = [&](std::string_view what) {
        const auto v = r.u32(what);
        if (v > 1'000'000)
            r.fail(std::string(what) + " is " + std::to_string(v));
        return static_cast<int>(v);
    };
    a.image.height = dimension("image height");
    a.image.width = dimension("image width");
    a.image.channels = dimension("image channels");
    const auto layers = r.u32("conv layer count");
    if (layers > kMaxConvLayers)
        r.fail(std::to_string(layers) + " conv layers (at most " + std::to_string(kMaxConvLayers) +
               ")");
    a.conv.clear();
    for (std::uint32_t i = 0; i < layers; ++i) {
        ConvStage c;
        c.channels = r.u64("conv channels");
        if (c.channels > kMaxWidth)
            r.fail("conv layer " + std::to_string(i + 1) + " has " + std::to_string(c.channels) +
                   " channels");
        c.kernel = dimension("conv kernel");
        c.stride = dimension("conv stride");
        c.padding = dimension("conv padding");
        a.conv.push_back(c);
    }
    r.finish();
}

std::vector<float> decode_parameters(ByteReader& r, const VaeArchitecture& a) {
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

std::vector<std::pair<std::string, std::string>> decode_info(ByteReader& r) {
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
    if (!in.compressed()) {
        // One allocation of the size on disk; a file that grows meanwhile is read up to there.
        bytes.resize(static_cast<std::size_t>(in.file_size()));
        std::size_t got = 0;
        while (got < bytes.size()) {
            const auto n = in.read(bytes.data() + got, bytes.size() - got);
            if (n == 0)
                break;
            got += n;
        }
        bytes.resize(got);
        return bytes;
    }
    constexpr std::size_t kChunk = std::size_t{1} << 20;
    for (;;) {
        const auto old = bytes.size();
        bytes.resize(old + kChunk);
        const auto n = in.read(bytes.data() + old, kChunk);
        bytes.resize(old + n);
        if (n == 0)
            break;
        if (bytes.size() > kChunk && bytes.size() / kMaxGzipRatio > in.file_size())
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

    ByteWriter metadata;
    write_metadata(metadata, model.data);
    std::vector<std::pair<std::string_view, ByteWriter>> sections;
    sections.emplace_back("ARCH", encode_architecture(a));
    if (!a.conv.empty())
        sections.emplace_back("CONV", encode_conv(a));
    sections.emplace_back("PARM", encode_parameters(model.parameters));
    sections.emplace_back("DATA", std::move(metadata));
    sections.emplace_back("INFO", encode_info(model.info));
    ByteWriter file;
    file.bytes({kSignature.data(), kSignature.size()});
    file.u32(a.conv.empty() ? 1 : kFirstConvVersion);
    file.u32(static_cast<std::uint32_t>(sections.size()));
    for (const auto& [tag, payload] : sections) {
        file.bytes(tag);
        file.u64(payload.data().size());
        file.bytes(payload.data());
    }
    file.u32(crc_of(file.data()));

    AtomicFile out(path);
    out.write(file.data());
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

    const auto find_section = [&](std::string_view tag) -> const SectionSpan* {
        const SectionSpan* hit = nullptr;
        for (const auto& [t, span] : found)
            if (t == tag) {
                if (hit)
                    throw DataError({path, 0, span.at - kSectionHeaderBytes},
                                    "section '" + std::string(tag) + "' appears twice",
                                    std::string(kDamagedHint));
                hit = &span;
            }
        return hit;
    };
    const auto section = [&](std::string_view tag) -> SectionSpan {
        const SectionSpan* hit = find_section(tag);
        if (!hit)
            throw DataError({path}, "the required section '" + std::string(tag) + "' is missing",
                            std::string(kDamagedHint));
        return *hit;
    };

    const auto reader = [&](std::string_view tag) {
        const auto span = section(tag);
        return ByteReader(path, std::string(tag) + " section", span.payload, span.at);
    };
    // ARCH first: the other sections are checked against its dimensions.
    ModelFile model;
    auto arch = reader("ARCH");
    model.architecture = decode_architecture(arch);
    if (const SectionSpan* conv = find_section("CONV")) {
        if (version < kFirstConvVersion)
            throw DataError({path, 0, conv->at - kSectionHeaderBytes},
                            "a format " + std::to_string(version) +
                                " file holds conv layers, which need format " +
                                std::to_string(kFirstConvVersion),
                            std::string(kDamagedHint));
        ByteReader r(path, "CONV section", conv->payload, conv->at);
        decode_conv(r, model.architecture);
    }
    if (const auto problem = architecture_problem(model.architecture))
        arch.fail(*problem);
    auto parm = reader("PARM");
    model.parameters = decode_parameters(parm, model.architecture);
    auto data = reader("DATA");
    model.data = read_metadata(data, model.architecture.input_dim);
    data.finish();
    auto info = reader("INFO");
    model.info = decode_info(info);
    return model;
}

} // namespace vae
