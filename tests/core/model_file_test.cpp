#include "data/load_error.h"
#include "io/model_file.h"
#include "vae/vae_model.h"

#include "temp_files.h"

#include <catch2/catch.hpp>

#include <zlib.h>

#include <bit>
#include <csignal>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <limits>
#include <sstream>
#include <string>
#include <sys/resource.h>
#include <vector>

using vae::DataError;
using vae::ModelFile;
using vae::test::TempDir;

namespace {

ModelFile small_model() {
    ModelFile m;
    auto& a = m.architecture;
    a.input_dim = 6;
    a.latent_dim = 2;
    a.hidden = {4, 3};
    a.activation = vae::Activation::ELU;
    a.likelihood = vae::Likelihood::GaussianLearnedPerDim;
    a.sigma = 0.25f;
    m.parameters.resize(vae::VaeModel::parameter_count(a));
    for (std::size_t i = 0; i < m.parameters.size(); ++i)
        m.parameters[i] = static_cast<float>(i) * 0.37f - 20.0f;
    m.parameters[1] = -0.0f;
    m.parameters[2] = std::numeric_limits<float>::denorm_min();
    m.parameters[3] = std::numeric_limits<float>::max();

    auto& d = m.data;
    d.name = "data/tiny, \"quoted\".csv";
    d.column_names = {"x", "y", "color=red", "color=green", "color=blue", "z"};
    d.label_column = "kind";
    d.label_names = {"cat", "dog"};
    d.factor_names = {"size"};
    d.image_shape = vae::ImageShape{3, 2, 1};
    d.categorical_columns = {{"color", 2, {"red", "green", "blue"}}};
    d.normalization.kind = vae::Normalization::Kind::MinMax;
    d.normalization.scaled_from_255 = true;
    d.normalization.offset = vae::Vector::LinSpaced(6, -1.0f, 4.0f);
    d.normalization.scale = vae::Vector::Constant(6, 2.5f);
    d.rows = 12345;
    m.info = {{"epochs", "30"}, {"final loss", "101.25"}, {"", "empty name is fine"}};
    return m;
}

using vae::test::slurp;

std::uint32_t le32(const std::string& b, std::size_t at) {
    std::uint32_t v = 0;
    for (int i = 0; i < 4; ++i)
        v |= static_cast<std::uint32_t>(static_cast<unsigned char>(b[at + i])) << (8 * i);
    return v;
}

void put_le(std::string& b, std::size_t at, std::uint64_t v, int bytes) {
    for (int i = 0; i < bytes; ++i)
        b[at + i] = static_cast<char>((v >> (8 * i)) & 0xff);
}

/// Rewrites the trailing CRC-32 so that a deliberate edit reaches the parser behind it.
void reseal(std::string& b) {
    const auto crc =
        crc32(0L, reinterpret_cast<const Bytef*>(b.data()), static_cast<uInt>(b.size() - 4));
    put_le(b, b.size() - 4, crc, 4);
}

/// Offset of the payload of section `tag` in a well-formed file.
std::size_t payload_of(const std::string& b, const std::string& tag) {
    std::size_t pos = 9 + 4 + 4;
    while (pos + 12 <= b.size()) {
        std::uint64_t length = 0;
        for (int i = 0; i < 8; ++i)
            length |= static_cast<std::uint64_t>(static_cast<unsigned char>(b[pos + 4 + i]))
                      << (8 * i);
        if (b.compare(pos, 4, tag) == 0)
            return pos + 12;
        pos += 12 + length;
    }
    throw std::logic_error("no section " + tag);
}

DataError load_error(const std::string& path) {
    try {
        (void)vae::load_model_file(path);
    } catch (const DataError& e) {
        return e;
    }
    FAIL("no DataError for " << path);
    throw std::logic_error("unreachable");
}

/// Saves the small model, lets `edit` change the bytes, writes them back and returns the
/// DataError loading them gives.
template <class Edit> DataError edited_error(const TempDir& dir, Edit edit, bool seal = true) {
    const auto path = dir.file("m.vaem");
    vae::save_model_file(small_model(), path);
    auto bytes = slurp(path);
    edit(bytes);
    if (seal)
        reseal(bytes);
    dir.write("m.vaem", bytes);
    return load_error(path);
}

} // namespace

TEST_CASE("model file: the engine's parameter count matches the documented layout",
          "[model_file]") {
    vae::VaeArchitecture a;
    a.input_dim = 6;
    a.latent_dim = 2;
    a.hidden = {4, 3};
    a.likelihood = vae::Likelihood::Bernoulli;
    // enc 6*4+4 + 4*3+3, heads 2*(3*2+2), dec 2*3+3 + 3*4+4 + 4*6+6
    CHECK(vae::VaeModel::parameter_count(a) == 28 + 15 + 16 + 9 + 16 + 30);
    a.likelihood = vae::Likelihood::GaussianFixed;
    CHECK(vae::VaeModel::parameter_count(a) == 114);
    a.likelihood = vae::Likelihood::GaussianLearned;
    CHECK(vae::VaeModel::parameter_count(a) == 115);
    a.likelihood = vae::Likelihood::GaussianLearnedPerDim;
    CHECK(vae::VaeModel::parameter_count(a) == 120);
    a.hidden.clear();
    a.likelihood = vae::Likelihood::Bernoulli;
    CHECK(vae::VaeModel::parameter_count(a) == 2 * (6 * 2 + 2) + (2 * 6 + 6));
}

TEST_CASE("model file: a saved model loads back field for field", "[model_file]") {
    TempDir dir;
    const auto path = dir.file("model.vaem");
    const auto original = small_model();
    vae::save_model_file(original, path);
    const auto loaded = vae::load_model_file(path);

    CHECK(loaded.architecture == original.architecture);
    REQUIRE(loaded.parameters.size() == original.parameters.size());
    CHECK(std::memcmp(loaded.parameters.data(), original.parameters.data(),
                      original.parameters.size() * sizeof(float)) == 0);
    CHECK(std::signbit(loaded.parameters[1]));
    CHECK(loaded.data == original.data);
    CHECK(loaded.data.categorical_columns.at(0).categories ==
          std::vector<std::string>{"red", "green", "blue"});
    CHECK(loaded.info == original.info);

    SECTION("every enum value survives") {
        for (const auto act :
             {vae::Activation::ReLU, vae::Activation::LeakyReLU, vae::Activation::SiLU,
              vae::Activation::Tanh, vae::Activation::Sigmoid}) {
            for (const auto lik : {vae::Likelihood::Bernoulli, vae::Likelihood::GaussianFixed,
                                   vae::Likelihood::GaussianLearned}) {
                auto m = small_model();
                m.architecture.activation = act;
                m.architecture.likelihood = lik;
                m.parameters.resize(vae::VaeModel::parameter_count(m.architecture), 0.5f);
                m.data.normalization.kind = vae::Normalization::Kind::ZScore;
                vae::save_model_file(m, path);
                const auto back = vae::load_model_file(path);
                CHECK(back.architecture == m.architecture);
                CHECK(back.data.normalization.kind == vae::Normalization::Kind::ZScore);
            }
        }
    }
    SECTION("minimal metadata: no names, no image, identity normalization") {
        ModelFile m;
        m.architecture.input_dim = 3;
        m.architecture.hidden = {};
        m.parameters.assign(vae::VaeModel::parameter_count(m.architecture), 1.0f);
        vae::save_model_file(m, path);
        const auto back = vae::load_model_file(path);
        CHECK(back.data == m.data);
        CHECK_FALSE(back.data.image_shape);
        CHECK(back.data.normalization.is_identity());
        CHECK(back.info.empty());
    }
    SECTION("a gzip-compressed model file loads too") {
        const auto gz = dir.write_gz("model.vaem.gz", slurp(path));
        CHECK(vae::load_model_file(gz).parameters == original.parameters);
    }
}

TEST_CASE("model file: the file starts with a binary signature and a version", "[model_file]") {
    TempDir dir;
    const auto path = dir.file("model.vaem");
    vae::save_model_file(small_model(), path);
    const auto bytes = slurp(path);
    CHECK(bytes.substr(0, 9) == std::string("VAEM\x89\r\n\x1a\n", 9));
    CHECK(le32(bytes, 9) == 1);
    // The checksum covers everything before it.
    CHECK(le32(bytes, bytes.size() - 4) == crc32(0L, reinterpret_cast<const Bytef*>(bytes.data()),
                                                 static_cast<uInt>(bytes.size() - 4)));
}

TEST_CASE("model file: not a model file", "[model_file]") {
    TempDir dir;
    SECTION("empty") {
        const auto e = load_error(dir.write("empty.vaem", ""));
        CHECK_THAT(e.what(), Catch::Contains("empty.vaem") && Catch::Contains("empty"));
    }
    SECTION("a directory") {
        const auto e = load_error(dir.path().string());
        CHECK_THAT(e.what(), Catch::Contains(dir.path().string()) &&
                                 Catch::Contains("is a directory") && Catch::Contains(".vaem"));
    }
    SECTION("missing") {
        const auto e = load_error(dir.file("nope.vaem"));
        CHECK_THAT(e.what(), Catch::Contains("nope.vaem") && Catch::Contains("cannot open"));
    }
    SECTION("wrong magic") {
        const auto e = load_error(dir.write("data.csv", "a,b\n1,2\n"));
        CHECK_THAT(e.what(), Catch::Contains("data.csv") &&
                                 Catch::Contains("not a VAE Explorer model file") &&
                                 Catch::Contains("choose a .vaem file"));
    }
    SECTION("line endings converted by a text-mode transfer") {
        const auto e = edited_error(
            dir, [](std::string& b) { b.erase(5, 1); }, false); // "\r\n" -> "\n"
        CHECK_THAT(e.what(),
                   Catch::Contains("signature is altered") && Catch::Contains("binary mode"));
    }
    SECTION("only part of the signature") {
        const auto e = load_error(dir.write("cut.vaem", std::string("VAEM\x89\r", 6)));
        CHECK_THAT(e.what(), Catch::Contains("cut.vaem") && Catch::Contains("truncated"));
    }
}

TEST_CASE("model file: a newer format version is refused clearly", "[model_file]") {
    TempDir dir;
    const auto e = edited_error(dir, [](std::string& b) { put_le(b, 9, 7, 4); });
    CHECK_THAT(
        e.what(),
        Catch::Contains("m.vaem") &&
            Catch::Contains("written by a newer VAE Explorer (format 7, this one reads up to 2)") &&
            Catch::Contains("update VAE Explorer"));
}

namespace {

ModelFile conv_model() {
    ModelFile m;
    auto& a = m.architecture;
    a.input_dim = 8 * 8 * 2;
    a.image = {8, 8, 2};
    a.conv = {{3, 4, 2, 1}, {4, 3, 1, 1}};
    a.hidden = {5};
    a.latent_dim = 2;
    const vae::VaeModel model(a, 3);
    m.parameters.assign(model.parameters().begin(), model.parameters().end());
    m.data.image_shape = vae::ImageShape{8, 8, 2};
    return m;
}

} // namespace

TEST_CASE("model file: a conv model round-trips as format 2 and an MLP stays format 1",
          "[model_file][conv]") {
    TempDir dir;
    const auto path = dir.file("conv.vaem");
    const ModelFile saved = conv_model();
    vae::save_model_file(saved, path);
    CHECK(le32(slurp(path), 9) == 2);
    const ModelFile loaded = vae::load_model_file(path);
    CHECK(loaded.architecture == saved.architecture);
    CHECK(loaded.parameters == saved.parameters);
    vae::save_model_file(small_model(), dir.file("mlp.vaem"));
    CHECK(le32(slurp(dir.file("mlp.vaem")), 9) == 1);
}

TEST_CASE("model file: a format 1 file written before conv layers existed still opens",
          "[model_file][conv]") {
    // Written by vae-cli 0.1 (train builtin:moons --rows 200 --epochs 2 --hidden 4).
    const ModelFile m =
        vae::load_model_file(std::string(VAE_TEST_DATA_DIR) + "/moons_format1.vaem");
    CHECK(m.architecture.input_dim == 2);
    CHECK(m.architecture.hidden == std::vector<std::size_t>{4});
    CHECK(m.architecture.conv.empty());
    CHECK(m.parameters.size() == vae::VaeModel::parameter_count(m.architecture));
    CHECK(m.data.label_names.size() == 2);
}

TEST_CASE("model file: damaged conv sections are refused", "[model_file][conv]") {
    TempDir dir;
    const auto edited = [&](auto edit, std::uint32_t version = 2) {
        const auto path = dir.file("c.vaem");
        vae::save_model_file(conv_model(), path);
        auto bytes = slurp(path);
        edit(bytes, payload_of(bytes, "CONV"));
        put_le(bytes, 9, version, 4);
        reseal(bytes);
        dir.write("c.vaem", bytes);
        return std::string(load_error(path).what());
    };
    CHECK_THAT(edited([](std::string&, std::size_t) {}, 1),
               Catch::Contains("format 1 file holds conv layers"));
    // Image height 8 -> 9: the image no longer holds input_dim values.
    CHECK_THAT(edited([](std::string& b, std::size_t at) { put_le(b, at, 9, 4); }),
               Catch::Contains("c.vaem") && Catch::Contains("9x8x2"));
    // Layer count 2 -> 40.
    CHECK_THAT(edited([](std::string& b, std::size_t at) { put_le(b, at + 12, 40, 4); }),
               Catch::Contains("40 conv layers"));
    // First layer's kernel 4 -> 5: 8x8 -> 3x3, which the mirror turns into 7x7.
    CHECK_THAT(edited([](std::string& b, std::size_t at) { put_le(b, at + 16 + 8, 5, 4); }),
               Catch::Contains("conv layer 1") && Catch::Contains("not 8x8"));
}

TEST_CASE("model file: damage and truncation are detected", "[model_file]") {
    TempDir dir;
    SECTION("a flipped byte fails the checksum") {
        const auto e = edited_error(
            dir, [](std::string& b) { b[payload_of(b, "PARM") + 20] ^= 0x10; }, false);
        CHECK_THAT(e.what(), Catch::Contains("m.vaem") && Catch::Contains("checksum mismatch") &&
                                 Catch::Contains("damaged"));
    }
    SECTION("cut inside the parameters") {
        const auto e = edited_error(
            dir, [](std::string& b) { b.resize(payload_of(b, "PARM") + 30); }, false);
        CHECK_THAT(e.what(),
                   Catch::Contains("section 'PARM' says it holds") && Catch::Contains("truncated"));
    }
    SECTION("cut inside the checksum") {
        const auto e = edited_error(
            dir, [](std::string& b) { b.resize(b.size() - 2); }, false);
        CHECK_THAT(e.what(),
                   Catch::Contains("before its checksum") && Catch::Contains("truncated"));
    }
    SECTION("bytes appended") {
        const auto e = edited_error(
            dir, [](std::string& b) { b += "junk"; }, false);
        CHECK_THAT(e.what(), Catch::Contains("4 unexpected bytes after the checksum"));
    }
    SECTION("a section length past the end of the file") {
        const auto e = edited_error(dir, [](std::string& b) {
            put_le(b, payload_of(b, "PARM") - 8, std::uint64_t{1} << 60, 8);
        });
        CHECK_THAT(e.what(), Catch::Contains("section 'PARM' says it holds 1152921504606846976"));
    }
    SECTION("a section count the file cannot hold") {
        const auto e = edited_error(dir, [](std::string& b) { put_le(b, 13, 0xffffffffu, 4); });
        CHECK_THAT(e.what(), Catch::Contains("4294967295 sections do not fit"));
    }
    SECTION("a missing section") {
        // Renaming INFO makes it an unknown (skipped) section.
        const auto e = edited_error(
            dir, [](std::string& b) { b.replace(payload_of(b, "INFO") - 12, 4, "XTRA"); });
        CHECK_THAT(e.what(), Catch::Contains("the required section 'INFO' is missing"));
    }
}

TEST_CASE("model file: absurd architecture values are refused", "[model_file]") {
    TempDir dir;
    // ARCH payload: u64 input_dim, u64 latent_dim, u32 layer count, u64 widths...,
    // u32 activation, u32 likelihood, f32 sigma.
    const auto arch = [](const std::string& b) { return payload_of(b, "ARCH"); };
    struct Case {
        const char* name;
        std::size_t offset;
        std::uint64_t value;
        int bytes;
        const char* message;
    };
    const Case cases[] = {
        {"latent 0", 8, 0, 8, "latent_dim is 0 (must be 1..64)"},
        {"latent 65", 8, 65, 8, "latent_dim is 65 (must be 1..64)"},
        {"input_dim 0", 0, 0, 8, "input_dim is 0 (must be 1..10000000)"},
        {"input_dim 10^7+1", 0, 10'000'001, 8, "input_dim is 10000001"},
        {"input_dim 2^64-1", 0, ~std::uint64_t{0}, 8, "input_dim is 18446744073709551615"},
        {"65 hidden layers", 16, 65, 4, "65 hidden layers (at most 64)"},
        {"1000000 hidden layers", 16, 1000000, 4, "1000000 hidden layers"},
        {"width 65537", 20, 65537, 8, "hidden layer 1 has width 65537"},
        {"width 0", 28, 0, 8, "hidden layer 2 has width 0"},
        {"unknown activation", 36, 9, 4, "unknown activation code 9"},
        {"unknown likelihood", 40, 4, 4, "unknown likelihood code 4"},
        {"negative sigma", 44, std::bit_cast<std::uint32_t>(-1.0f), 4, "sigma is -1"},
        {"NaN sigma", 44, 0x7fc00000u, 4, "sigma is"},
    };
    for (const auto& c : cases) {
        INFO(c.name);
        const auto e = edited_error(
            dir, [&](std::string& b) { put_le(b, arch(b) + c.offset, c.value, c.bytes); });
        CHECK_THAT(e.what(), Catch::Contains("m.vaem") && Catch::Contains("ARCH section") &&
                                 Catch::Contains(c.message));
        CHECK(e.where().column >= 17); // points into the file, past the preamble
    }
}

TEST_CASE("model file: hostile lengths, counts and values in the other sections", "[model_file]") {
    TempDir dir;
    SECTION("a parameter count that disagrees with the architecture") {
        const auto e =
            edited_error(dir, [](std::string& b) { put_le(b, payload_of(b, "PARM"), 119, 8); });
        CHECK_THAT(e.what(),
                   Catch::Contains("holds 119 parameters but the architecture needs 120"));
    }
    SECTION("a parameter count that would overflow") {
        const auto e = edited_error(dir, [](std::string& b) {
            put_le(b, payload_of(b, "PARM"), std::uint64_t{1} << 62, 8);
        });
        CHECK_THAT(e.what(), Catch::Contains("PARM section") &&
                                 Catch::Contains("holds 4611686018427387904 parameters"));
    }
    SECTION("NaN and infinite parameters") {
        const bool nan = GENERATE(true, false);
        const auto e = edited_error(dir, [&](std::string& b) {
            const auto bits = nan ? 0x7fc00000u : 0xff800000u;
            put_le(b, payload_of(b, "PARM") + 8 + 5 * 4, bits, 4);
        });
        CHECK_THAT(e.what(),
                   Catch::Contains(nan ? "parameter 5 is NaN" : "parameter 5 is infinite") &&
                       Catch::Contains("diverged"));
    }
    SECTION("a string longer than 1 MiB") {
        // DATA starts with the name: u32 length, bytes.
        const auto e = edited_error(
            dir, [](std::string& b) { put_le(b, payload_of(b, "DATA"), (1u << 20) + 1, 4); });
        CHECK_THAT(e.what(), Catch::Contains("data name is 1048577 bytes long (at most 1 MiB)"));
    }
    SECTION("a string running past its section") {
        const auto e =
            edited_error(dir, [](std::string& b) { put_le(b, payload_of(b, "DATA"), 5000, 4); });
        CHECK_THAT(e.what(), Catch::Contains("DATA section: ends inside data name"));
    }
    SECTION("a count that would overflow") {
        const auto e = edited_error(dir, [](std::string& b) {
            const auto at = payload_of(b, "DATA") + 4 + small_model().data.name.size();
            put_le(b, at, std::uint64_t{1} << 63, 8);
        });
        CHECK_THAT(e.what(), Catch::Contains("column names count is 9223372036854775808 but only"));
    }
    SECTION("an unknown normalization code") {
        const auto e = edited_error(dir, [](std::string& b) {
            // The normalization follows the last category text, "blue".
            const auto at = b.rfind("blue", payload_of(b, "INFO")) + 4;
            put_le(b, at, 3, 4);
        });
        CHECK_THAT(e.what(), Catch::Contains("unknown normalization code 3"));
    }
    SECTION("an image shape that does not fit the input") {
        const auto e = edited_error(dir, [](std::string& b) {
            const auto at = b.find(std::string("size\x01", 5), payload_of(b, "DATA")) + 5;
            put_le(b, at, 4, 4); // width 3 -> 4
        });
        CHECK_THAT(e.what(), Catch::Contains("image shape 4x2x1 does not hold input_dim 6 values"));
    }
    SECTION("an info section with an absurd entry count") {
        const auto e = edited_error(
            dir, [](std::string& b) { put_le(b, payload_of(b, "INFO"), ~std::uint64_t{0}, 8); });
        CHECK_THAT(e.what(), Catch::Contains("info entries count is 18446744073709551615"));
    }
}

TEST_CASE("model file: any truncation or flipped byte gives a DataError", "[model_file]") {
    TempDir dir;
    const auto path = dir.file("m.vaem");
    vae::save_model_file(small_model(), path);
    const auto good = slurp(path);
    int loaded = 0;
    // In memory: the same parser load_model_file runs, without thousands of file writes.
    const auto only_data_errors = [&](const std::string& bytes) {
        try {
            (void)vae::parse_model_file(bytes, path);
            ++loaded;
        } catch (const DataError& e) {
            CHECK_THAT(e.what(), Catch::StartsWith(path));
        }
        // Anything else propagates and fails the test.
    };
    for (std::size_t n = 0; n < good.size(); ++n)
        only_data_errors(good.substr(0, n));
    CHECK(loaded == 0);
    for (std::size_t i = 0; i < good.size(); ++i) {
        auto bytes = good;
        bytes[i] = static_cast<char>(bytes[i] ^ 0xff);
        only_data_errors(bytes);
    }
    CHECK(loaded == 0); // the checksum catches every single flip
    // Resealed flips reach the parsers: some give valid (different) models, none may crash.
    for (std::size_t i = 0; i + 4 < good.size(); ++i) {
        for (const unsigned char mask : {0x01, 0x80, 0xff}) {
            auto bytes = good;
            bytes[i] = static_cast<char>(bytes[i] ^ mask);
            reseal(bytes);
            only_data_errors(bytes);
        }
    }
    CHECK(loaded > 0);
}

TEST_CASE("model file: save refuses inconsistent models", "[model_file]") {
    TempDir dir;
    const auto path = dir.file("m.vaem");
    auto m = small_model();
    SECTION("parameter count") {
        m.parameters.pop_back();
        CHECK_THROWS_WITH(vae::save_model_file(m, path),
                          Catch::Contains("119 parameters, the architecture needs 120"));
    }
    SECTION("NaN parameter") {
        m.parameters[7] = std::numeric_limits<float>::quiet_NaN();
        CHECK_THROWS_WITH(vae::save_model_file(m, path), Catch::Contains("parameter 7 is NaN"));
    }
    SECTION("column names") {
        m.data.column_names.pop_back();
        CHECK_THROWS_WITH(vae::save_model_file(m, path),
                          Catch::Contains("5 column names for input_dim 6"));
    }
    SECTION("latent size") {
        m.architecture.latent_dim = 100;
        CHECK_THROWS_WITH(vae::save_model_file(m, path), Catch::Contains("latent_dim is 100"));
    }
    CHECK_FALSE(std::filesystem::exists(path));
}

TEST_CASE("model file: a failed save leaves the old file", "[model_file]") {
    TempDir dir;
    const auto path = dir.file("m.vaem");
    const auto old_model = small_model();
    vae::save_model_file(old_model, path);
    const auto old_bytes = slurp(path);

    SECTION("rejected model") {
        auto bad = small_model();
        bad.parameters.clear();
        CHECK_THROWS_AS(vae::save_model_file(bad, path), std::invalid_argument);
    }
    SECTION("write error (file size limit, as when the disk is full)") {
        ModelFile big;
        big.architecture.input_dim = 1000;
        big.architecture.hidden = {64};
        big.parameters.assign(vae::VaeModel::parameter_count(big.architecture), 0.5f);
        rlimit saved{};
        REQUIRE(getrlimit(RLIMIT_FSIZE, &saved) == 0);
        const auto old_handler = std::signal(SIGXFSZ, SIG_IGN);
        rlimit small = saved;
        small.rlim_cur = 4096;
        REQUIRE(setrlimit(RLIMIT_FSIZE, &small) == 0);
        bool threw = false;
        try {
            vae::save_model_file(big, path);
        } catch (const std::runtime_error& e) {
            threw = true;
            CHECK_THAT(e.what(), Catch::Contains("m.vaem") && Catch::Contains("cannot write"));
        }
        setrlimit(RLIMIT_FSIZE, &saved);
        std::signal(SIGXFSZ, old_handler);
        CHECK(threw);
    }
    CHECK(slurp(path) == old_bytes);
    CHECK(vae::load_model_file(path).parameters == old_model.parameters);
    // No temporary file is left behind.
    CHECK(std::distance(std::filesystem::directory_iterator(dir.path()),
                        std::filesystem::directory_iterator{}) == 1);
}

TEST_CASE("model file: check_compatible compares data with the model", "[model_file]") {
    const auto model = small_model();
    vae::Dataset data;
    data.values = vae::Matrix::Zero(2, 7);
    for (int j = 0; j < 7; ++j)
        data.column_names.push_back("column " + std::to_string(j));
    SECTION("column count") {
        CHECK_THROWS_MATCHES(
            vae::check_compatible(model, data, "data.csv"), DataError,
            Catch::Matchers::Message(
                "data.csv: model expects 6 columns, data.csv has 7 (the model was trained on "
                "'data/tiny, \"quoted\".csv' with 6 columns; if the extra column is a label, "
                "choose it as the label column)"));
    }
    SECTION("same count, made-up names") {
        data.values = vae::Matrix::Zero(2, 6);
        data.column_names.pop_back();
        CHECK_NOTHROW(vae::check_compatible(model, data, "data.npy"));
    }
    SECTION("same count, same names") {
        data.values = vae::Matrix::Zero(2, 6);
        data.column_names = model.data.column_names;
        CHECK_NOTHROW(vae::check_compatible(model, data, "data.csv"));
    }
    SECTION("same count, different names") {
        data.values = vae::Matrix::Zero(2, 6);
        data.column_names = model.data.column_names;
        data.column_names[3] = "colour=green";
        CHECK_THROWS_WITH(vae::check_compatible(model, data, "other.csv"),
                          Catch::Contains("other.csv") &&
                              Catch::Contains("column 4 is 'colour=green' in other.csv but the "
                                              "model was trained with 'color=green'"));
    }
}
