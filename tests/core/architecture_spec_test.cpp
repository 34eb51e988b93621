#include "vae/architecture_spec.h"

#include <catch2/catch.hpp>

#include <string>

using vae::ArchitectureSpec;
using vae::ArchitectureSpecError;
using vae::ConvStage;
using vae::parse_architecture_spec;

TEST_CASE("architecture spec: conv then dense layers with the halving defaults", "[spec]") {
    const ArchitectureSpec s = parse_architecture_spec("conv:32,64/dense:256");
    REQUIRE(s.conv.size() == 2);
    CHECK(s.conv[0] == ConvStage{32, 4, 2, 1});
    CHECK(s.conv[1] == ConvStage{64, 4, 2, 1});
    CHECK(s.dense == std::vector<std::size_t>{256});
}

TEST_CASE("architecture spec: kernel stride and padding per layer", "[spec]") {
    const ArchitectureSpec s = parse_architecture_spec(" conv: 16k3s1 , 32k5 ,8k3s2p0 ");
    REQUIRE(s.conv.size() == 3);
    CHECK(s.conv[0] == ConvStage{16, 3, 1, 1}); // size-keeping padding
    CHECK(s.conv[1] == ConvStage{32, 5, 2, 2});
    CHECK(s.conv[2] == ConvStage{8, 3, 2, 0});
    CHECK(s.dense.empty());
}

TEST_CASE("architecture spec: text round-trips and writes only what differs", "[spec]") {
    for (const std::string text :
         {"conv:32,64/dense:256", "dense:512,256", "conv:16k3s1,32k5p1", "conv:8k3p0", "linear"}) {
        const auto spec = parse_architecture_spec(text);
        CHECK(vae::architecture_spec_text(spec) == text);
        CHECK(parse_architecture_spec(vae::architecture_spec_text(spec)) == spec);
    }
    CHECK(parse_architecture_spec("linear") == ArchitectureSpec{});
}

TEST_CASE("architecture spec: presets by name", "[spec]") {
    CHECK(vae::resolve_architecture("mlp") == parse_architecture_spec("dense:512,256"));
    CHECK(vae::resolve_architecture("conv-small") ==
          parse_architecture_spec("conv:32,64/dense:256"));
    CHECK_FALSE(vae::resolve_architecture("conv-deep").conv.empty());
    CHECK(vae::resolve_architecture("dense:8") == parse_architecture_spec("dense:8"));
    CHECK(vae::preset_name_of(parse_architecture_spec("conv:32,64/dense:256")) == "conv-small");
    CHECK(vae::preset_name_of(parse_architecture_spec("conv:32,64/dense:128")).empty());
    CHECK(vae::architecture_preset_names() ==
          std::vector<std::string>{"mlp", "conv-small", "conv-deep"});
    CHECK_THROWS_WITH(vae::resolve_architecture("conv-huge"),
                      Catch::Contains("'conv-huge'") && Catch::Contains("conv-small"));
}

TEST_CASE("architecture spec: each error names the bad token", "[spec]") {
    using Catch::Contains;
    const auto error = [](const std::string& text) -> std::string {
        try {
            (void)parse_architecture_spec(text);
        } catch (const ArchitectureSpecError& e) {
            return e.what();
        }
        return "no error";
    };
    CHECK_THAT(error("conv:32,x4"), Contains("conv layer 2 'x4'") && Contains("channel count"));
    CHECK_THAT(error("conv:32q3"), Contains("'q' is not k (kernel)"));
    CHECK_THAT(error("conv:32k"), Contains("'k' needs a number"));
    CHECK_THAT(error("conv:32k3k5"), Contains("'k' twice"));
    CHECK_THAT(error("conv:32k0"), Contains("kernel 0 is not in 1..15"));
    CHECK_THAT(error("conv:32s0"), Contains("stride 0"));
    CHECK_THAT(error("conv:32k3p3"), Contains("padding 3 must be smaller than the kernel 3"));
    CHECK_THAT(error("dense:256,abc"), Contains("dense layer 2 'abc'"));
    CHECK_THAT(error("dense:0"), Contains("dense layer 1 '0'"));
    CHECK_THAT(error("dense:256/conv:32"), Contains("conv layers come before the dense ones"));
    CHECK_THAT(error("conv:32/conv:64"), Contains("'conv:' is given twice"));
    CHECK_THAT(error("pool:2"), Contains("'pool:2' does not start with 'conv:' or 'dense:'"));
    CHECK_THAT(error("dense:"), Contains("lists no layers"));
    CHECK_THAT(error(""), Contains("empty"));
    CHECK_THAT(error("conv:32,,64"), Contains("conv layer 2 ''"));
}
