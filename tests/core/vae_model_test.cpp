#include "vae/architecture_spec.h"
#include "vae/vae_model.h"

#include <catch2/catch.hpp>

#include <stdexcept>
#include <thread>
#include <vector>

TEST_CASE("parameter count of the reference model and its layout", "[vae]") {
    vae::VaeArchitecture arch;
    arch.input_dim = 784;
    arch.hidden = {512, 256};
    arch.latent_dim = 2;
    // 784*512+512 + 512*256+256 + 2*(256*2+2) + 2*256+256 + 256*512+512 + 512*784+784
    CHECK(vae::VaeModel::parameter_count(arch) == 1068820);
    arch.likelihood = vae::Likelihood::GaussianLearned;
    CHECK(vae::VaeModel::parameter_count(arch) == 1068821);
    arch.likelihood = vae::Likelihood::GaussianLearnedPerDim;
    CHECK(vae::VaeModel::parameter_count(arch) == 1068820 + 784);
    const vae::VaeModel model(arch, 1);
    CHECK(model.parameters().size() == 1068820 + 784);
    CHECK(model.mean_head().offset == 784 * 512 + 512 + 512 * 256 + 256);
    CHECK(model.logvar_head().offset == model.mean_head().end_offset());
    CHECK(std::get<vae::DenseLayer>(model.decoder().layers().front()).offset ==
          model.logvar_head().end_offset());
    CHECK(model.log_sigma_offset() + 784 == model.parameters().size());
    CHECK(model.log_sigma()[0] == 0.0f); // log(sigma = 1)
}

TEST_CASE("loading parameters validates the size and the architecture", "[vae]") {
    vae::VaeArchitecture arch;
    arch.input_dim = 10;
    arch.hidden = {8};
    arch.latent_dim = 2;
    const std::size_t n = vae::VaeModel::parameter_count(arch);
    const vae::VaeModel fresh(arch, 3);
    const vae::VaeModel loaded(
        arch, std::vector<float>(fresh.parameters().begin(), fresh.parameters().end()));
    CHECK(std::equal(fresh.parameters().begin(), fresh.parameters().end(),
                     loaded.parameters().begin()));
    CHECK_THROWS_WITH(vae::VaeModel(arch, std::vector<float>(n - 1)),
                      Catch::Contains(std::to_string(n - 1)) && Catch::Contains(std::to_string(n)));
    arch.latent_dim = 0;
    CHECK(vae::VaeModel::parameter_count(arch) == 0);
    CHECK_THROWS_WITH(vae::VaeModel(arch, 1), Catch::Contains("latent_dim is 0"));
    arch.latent_dim = 2;
    arch.hidden = {8, 0};
    CHECK_THROWS_WITH(vae::VaeModel(arch, 1), Catch::Contains("hidden layer 2 has width 0"));
}

TEST_CASE("decode gives data-unit means; encode and decode are safe from several threads",
          "[vae]") {
    vae::VaeArchitecture arch;
    arch.input_dim = 12;
    arch.hidden = {16, 8};
    arch.latent_dim = 3;
    const vae::VaeModel model(arch, 5);
    const vae::Matrix z = vae::Matrix::Random(40, 3);
    vae::VaeWorkspace ws;
    vae::Matrix expected;
    model.decode(z, ws, expected);
    CHECK(expected.minCoeff() > 0.0f);
    CHECK(expected.maxCoeff() < 1.0f);
    const vae::Matrix logits = model.decode_raw(z, ws);
    CHECK((1.0f / (1.0f + (-logits.array()).exp()) - expected.array()).abs().maxCoeff() < 1e-6f);

    std::vector<vae::Matrix> results(4);
    std::vector<std::thread> threads;
    threads.reserve(results.size());
    for (auto& result : results)
        threads.emplace_back([&, &out = result] {
            vae::VaeWorkspace own;
            for (int r = 0; r < 50; ++r)
                model.decode(z, own, out);
        });
    for (auto& t : threads)
        t.join();
    for (const auto& r : results)
        CHECK(r == expected);

    vae::Matrix mean, logvar;
    model.encode(expected, ws, mean, logvar);
    CHECK(mean.rows() == 40);
    CHECK(logvar.cols() == 3);
}

TEST_CASE("Conv small has exactly the parameters of the PyTorch reference network", "[vae][conv]") {
    vae::VaeArchitecture arch;
    arch.input_dim = 784;
    arch.image = {28, 28, 1};
    apply_architecture_spec(arch, vae::resolve_architecture("conv-small"));
    arch.latent_dim = 16;
    REQUIRE(vae::architecture_error(arch).empty());
    // Counted by torch over ../shared/bench/torch_conv_vae_ref.py's ConvVAE(32, 256, 16).
    CHECK(vae::VaeModel::parameter_count(arch) == 1688289);
    const vae::VaeModel model(arch, 1);
    REQUIRE(model.encoder().layers().size() == 3);
    CHECK(std::holds_alternative<vae::Conv2dLayer>(model.encoder().layers()[0]));
    CHECK(model.mean_head().inputs == 256);
    const auto& last = model.decoder().layers().back();
    REQUIRE(std::holds_alternative<vae::ConvTranspose2dLayer>(last));
    CHECK_FALSE(std::get<vae::ConvTranspose2dLayer>(last).activation); // logits
    CHECK(model.decoder().outputs() == 784);
    // The reference's ~29.6 MFLOP forward + backward per sample is 3x the forward pass.
    CHECK(3.0 * static_cast<double>(vae::VaeModel::forward_flops(arch)) ==
          Approx(29.6e6).epsilon(0.02));
}

TEST_CASE("conv architectures that do not fit the data are refused naming the layer",
          "[vae][conv]") {
    using Catch::Contains;
    vae::VaeArchitecture arch;
    arch.input_dim = 784;
    arch.image = {28, 28, 1};
    arch.conv = {{32, 4, 2, 1}, {64, 4, 2, 1}};
    CHECK(vae::architecture_error(arch).empty());
    SECTION("a table") {
        arch.image = {};
        CHECK_THAT(vae::architecture_error(arch), Contains("table") && Contains("MLP"));
        CHECK(vae::VaeModel::parameter_count(arch) == 0);
        CHECK_THROWS_AS(vae::VaeModel(arch, 1), std::invalid_argument);
    }
    SECTION("an image of another size") {
        arch.image = {32, 32, 3};
        CHECK_THAT(vae::architecture_error(arch),
                   Contains("32x32x3 holds 3072 values") && Contains("784 columns"));
    }
    SECTION("a third halving of 7x7 does not mirror back") {
        arch.conv.push_back({128, 4, 2, 1});
        CHECK_THAT(vae::architecture_error(arch),
                   Contains("conv layer 3") && Contains("on 7x7x64") && Contains("gives 3x3") &&
                       Contains("into 6x6, not 7x7"));
    }
    SECTION("a kernel larger than the image") {
        arch.conv = {{8, 15, 1, 0}, {8, 15, 1, 0}};
        CHECK_THAT(vae::architecture_error(arch),
                   Contains("conv layer 2") && Contains("14x14x8") && Contains("kernel 15"));
    }
}

TEST_CASE("the presets' parameter counts match a count by hand", "[vae][conv]") {
    vae::VaeArchitecture arch;
    arch.input_dim = 784;
    arch.image = {28, 28, 1};
    arch.latent_dim = 16;
    apply_architecture_spec(arch, vae::resolve_architecture("mlp"));
    CHECK(vae::VaeModel::parameter_count(arch) == 1079600);
    // conv 1->32 k3, 32->32 k4, 32->64 k3, 64->64 k4, dense 3136->512, heads 2 x (512->16);
    // dense 16->512->3136, transposed convs 64->64 k4, 64->32 k3, 32->32 k4, 32->1 k3.
    apply_architecture_spec(arch, vae::resolve_architecture("conv-deep"));
    const std::size_t encoder = (9 * 32 + 32) + (16 * 32 * 32 + 32) + (9 * 32 * 64 + 64) +
                                (16 * 64 * 64 + 64) + (3136 * 512 + 512);
    const std::size_t heads = 2 * (512 * 16 + 16);
    const std::size_t decoder = (16 * 512 + 512) + (512 * 3136 + 3136) + (16 * 64 * 64 + 64) +
                                (9 * 64 * 32 + 32) + (16 * 32 * 32 + 32) + (9 * 32 + 1);
    CHECK(vae::VaeModel::parameter_count(arch) == encoder + heads + decoder);
}
