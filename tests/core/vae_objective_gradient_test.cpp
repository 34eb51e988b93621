#include "data/seeded_random.h"
#include "finite_difference.h"
#include "vae/vae_objective.h"

#include <catch2/catch.hpp>

#include <cmath>
#include <numbers>
#include <vector>

using vae::Likelihood;
using vae::test::MatrixD;
using vae::test::random_d;

TEST_CASE("likelihood names parse and print both ways", "[vae]") {
    for (const auto l : {Likelihood::Bernoulli, Likelihood::GaussianFixed,
                         Likelihood::GaussianLearned, Likelihood::GaussianLearnedPerDim})
        CHECK(vae::parse_likelihood(vae::likelihood_name(l)) == l);
    CHECK(vae::parse_likelihood("gaussian") == Likelihood::GaussianFixed);
    CHECK_FALSE(vae::parse_likelihood("poisson").has_value());
}

TEST_CASE("Bernoulli NLL on logits is stable and matches the naive form", "[vae]") {
    for (const double l : {-30.0, -3.0, -0.2, 0.0, 0.5, 4.0, 30.0})
        for (const double x : {0.0, 0.3, 1.0}) {
            const double p = 1.0 / (1.0 + std::exp(-l));
            const double naive = -(x * std::log(p) + (1 - x) * std::log1p(-p));
            if (std::abs(l) < 20) // the naive form loses everything beyond that
                CHECK(vae::bernoulli_nll(l, x) == Approx(naive).epsilon(1e-9));
            CHECK(std::isfinite(
                vae::bernoulli_nll(static_cast<float>(l * 100), static_cast<float>(x))));
        }
    CHECK(vae::bernoulli_nll(-1000.0f, 1.0f) == Approx(1000.0f));
}

TEST_CASE("reconstruction gradients match central differences (each likelihood, float and "
          "double)",
          "[vae][gradient]") {
    vae::SeededRandom rng(21);
    const Eigen::Index rows = 4, cols = 5;
    const double weight = 0.37; // the 1/B-like factor the training step passes
    for (const auto lik : {Likelihood::Bernoulli, Likelihood::GaussianFixed,
                           Likelihood::GaussianLearned, Likelihood::GaussianLearnedPerDim}) {
        INFO(vae::likelihood_name(lik));
        MatrixD x = random_d(rows, cols, rng, 0.3, 0.5);
        if (lik == Likelihood::Bernoulli)
            x = x.cwiseMax(0.0).cwiseMin(1.0);
        const MatrixD out = random_d(rows, cols, rng, 1.5);
        std::vector<double> log_sigma;
        if (lik == Likelihood::GaussianFixed || lik == Likelihood::GaussianLearned)
            log_sigma = {-0.4};
        if (lik == Likelihood::GaussianLearnedPerDim)
            for (Eigen::Index j = 0; j < cols; ++j)
                log_sigma.push_back(0.3 * rng.normal());
        const bool learned =
            lik == Likelihood::GaussianLearned || lik == Likelihood::GaussianLearnedPerDim;

        MatrixD d_out;
        std::vector<double> d_ls(learned ? log_sigma.size() : 0, 0.0);
        const double value =
            vae::reconstruction_nll<double>(lik, x, out, log_sigma, weight, &d_out, d_ls);
        // Value: the sum of the scalar formulas.
        double direct = 0.0;
        for (Eigen::Index i = 0; i < rows; ++i)
            for (Eigen::Index j = 0; j < cols; ++j)
                direct += lik == Likelihood::Bernoulli
                              ? vae::bernoulli_nll(out(i, j), x(i, j))
                              : vae::gaussian_nll(out(i, j), x(i, j),
                                                  log_sigma[log_sigma.size() > 1 ? j : 0]);
        CHECK(value == Approx(direct).epsilon(1e-12));

        auto f_out = [&](const std::vector<double>& flat) {
            const MatrixD o = Eigen::Map<const MatrixD>(flat.data(), rows, cols);
            return weight * vae::reconstruction_nll<double>(lik, x, o, log_sigma, 1.0, nullptr, {});
        };
        const std::vector<double> flat(out.data(), out.data() + out.size());
        for (std::size_t i = 0; i < flat.size(); ++i)
            CHECK(d_out.data()[i] ==
                  Approx(vae::test::central_difference(f_out, flat, i)).margin(1e-8).epsilon(1e-6));
        if (learned) {
            auto f_ls = [&](const std::vector<double>& ls) {
                return weight * vae::reconstruction_nll<double>(lik, x, out, ls, 1.0, nullptr, {});
            };
            for (std::size_t i = 0; i < log_sigma.size(); ++i)
                CHECK(d_ls[i] == Approx(vae::test::central_difference(f_ls, log_sigma, i))
                                     .margin(1e-8)
                                     .epsilon(1e-6));
        }

        // The float instantiation (what training runs) agrees with the double one.
        const vae::Matrix xf = x.cast<float>();
        const vae::Matrix of = out.cast<float>();
        const std::vector<float> lsf(log_sigma.begin(), log_sigma.end());
        vae::Matrix d_out_f;
        std::vector<float> d_ls_f(d_ls.size(), 0.0f);
        const double value_f =
            vae::reconstruction_nll<float>(lik, xf, of, lsf, float(weight), &d_out_f, d_ls_f);
        CHECK(value_f == Approx(value).epsilon(1e-5));
        CHECK((d_out_f.cast<double>() - d_out).cwiseAbs().maxCoeff() < 1e-5);
        for (std::size_t i = 0; i < d_ls.size(); ++i)
            CHECK(d_ls_f[i] == Approx(d_ls[i]).margin(1e-5));
    }
}

TEST_CASE("KL gradient and free bits match central differences", "[vae][gradient]") {
    vae::SeededRandom rng(8);
    const Eigen::Index rows = 5, latent = 4;
    const MatrixD mean = random_d(rows, latent, rng, 0.8);
    MatrixD logvar = random_d(rows, latent, rng, 0.5, -0.3);
    // Dimension 2 nearly collapsed (KL ~ 0.02) so that a floor of 0.1 nats holds it.
    for (Eigen::Index i = 0; i < rows; ++i) {
        logvar(i, 2) = 0.05 * rng.normal();
    }
    MatrixD mean_c = mean;
    mean_c.col(2) *= 0.05;
    const double beta = 1.7;
    for (const double free_bits : {0.0, 0.1}) {
        INFO("free bits " << free_bits);
        // Objective: beta * sum_d max(mean_i KL(i,d), free_bits).
        auto objective = [&](const MatrixD& m, const MatrixD& lv) {
            std::vector<double> kl(static_cast<std::size_t>(latent), 0.0);
            vae::add_kl_per_dim<double>(m, lv, kl);
            for (double& k : kl)
                k /= static_cast<double>(rows);
            return vae::free_bits_kl(kl, beta, free_bits);
        };
        std::vector<double> kl(static_cast<std::size_t>(latent), 0.0);
        vae::add_kl_per_dim<double>(mean_c, logvar, kl);
        std::vector<double> w;
        for (double& k : kl) {
            k /= static_cast<double>(rows);
            w.push_back(vae::free_bits_weight(k, beta, free_bits, rows));
        }
        if (free_bits > 0)
            REQUIRE(w[2] == 0.0); // the floor is active on dim 2: no gradient
        MatrixD d_mean = MatrixD::Zero(rows, latent);
        MatrixD d_logvar = MatrixD::Zero(rows, latent);
        vae::add_kl_gradient<double>(mean_c, logvar, w, d_mean, d_logvar);
        for (Eigen::Index i = 0; i < rows; ++i)
            for (Eigen::Index d = 0; d < latent; ++d) {
                const double h = 1e-6;
                MatrixD up = mean_c, down = mean_c;
                up(i, d) += h;
                down(i, d) -= h;
                CHECK(d_mean(i, d) ==
                      Approx((objective(up, logvar) - objective(down, logvar)) / (2 * h))
                          .margin(1e-8)
                          .epsilon(1e-6));
                MatrixD lu = logvar, ld = logvar;
                lu(i, d) += h;
                ld(i, d) -= h;
                CHECK(d_logvar(i, d) ==
                      Approx((objective(mean_c, lu) - objective(mean_c, ld)) / (2 * h))
                          .margin(1e-8)
                          .epsilon(1e-6));
            }
    }
}

TEST_CASE("closed-form KL matches a Monte Carlo estimate", "[vae]") {
    vae::SeededRandom rng(77);
    for (const auto& [mu, logvar] :
         {std::pair{0.7, -0.5}, std::pair{-1.2, 0.8}, std::pair{0.0, -2.0}}) {
        const double sigma = std::exp(0.5 * logvar);
        const int n = 200000;
        double sum = 0.0, sum_sq = 0.0;
        for (int i = 0; i < n; ++i) {
            const double eps = rng.normal();
            const double z = mu + sigma * eps;
            // log q(z) - log p(z); the 2 pi terms cancel.
            const double v = -0.5 * eps * eps - 0.5 * logvar + 0.5 * z * z;
            sum += v;
            sum_sq += v * v;
        }
        const double estimate = sum / n;
        const double stderr_ = std::sqrt((sum_sq / n - estimate * estimate) / n);
        INFO("mu " << mu << " logvar " << logvar);
        CHECK(std::abs(estimate - vae::gaussian_kl(mu, logvar)) < 4 * stderr_);
    }
}
