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
