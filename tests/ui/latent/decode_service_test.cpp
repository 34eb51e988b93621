#include "latent/nearest_rows.h"
#include "ui/latent/decode_service.h"
#include "vae/latent_ops.h"

#include <QSignalSpy>
#include <QTest>

#include <catch2/catch.hpp>

#include <memory>

using vae::ui::DecodeService;

namespace {

std::shared_ptr<const vae::VaeModel> small_model() {
    vae::VaeArchitecture a;
    a.input_dim = 12;
    a.latent_dim = 2;
    a.hidden = {16};
    return std::make_shared<const vae::VaeModel>(a, 7);
}

vae::Matrix latents(std::size_t n, float shift) {
    vae::Matrix z(static_cast<Eigen::Index>(n), 2);
    for (Eigen::Index i = 0; i < z.rows(); ++i) {
        z(i, 0) = shift + 0.1f * static_cast<float>(i);
        z(i, 1) = -shift;
    }
    return z;
}

using ResultPtr = std::shared_ptr<const DecodeService::Result>;

} // namespace

TEST_CASE("a decode request returns what the core decoder gives", "[gui][decode]") {
    DecodeService service;
    QSignalSpy spy(&service, &DecodeService::decoded);
    const auto model = small_model();
    const vae::Matrix z = latents(3, 0.5f);
    const auto generation = service.request(DecodeService::Kind::Point, model, z);
    REQUIRE(spy.wait(10000));
    const auto r = spy.takeFirst().at(0).value<ResultPtr>();
    REQUIRE(r);
    CHECK(r->kind == DecodeService::Kind::Point);
    CHECK(r->generation == generation);
    CHECK(r->z == z);
    CHECK(r->x == vae::decode_latents(*model, z));
}

TEST_CASE("during a drag only the newest strip arrives, never an overtaken one", "[gui][decode]") {
    DecodeService service;
    std::vector<ResultPtr> got;
    QObject::connect(&service, &DecodeService::decoded,
                     [&](const ResultPtr& r) { got.push_back(r); });
    const auto model = small_model();
    std::uint64_t last = 0;
    for (int i = 0; i < 200; ++i) // faster than anything can be decoded and delivered
        last = service.request(DecodeService::Kind::Strip, model,
                               latents(16, 0.01f * static_cast<float>(i)));
    REQUIRE(QTest::qWaitFor([&] { return !got.empty() && got.back()->generation == last; }, 10000));
    QTest::qWait(50);
    CHECK(got.back()->generation == last);
    CHECK(got.size() < 200); // the stale ones were dropped
    for (std::size_t i = 1; i < got.size(); ++i)
        CHECK(got[i]->generation > got[i - 1]->generation);
    for (const auto& r : got)
        CHECK(r->x == vae::decode_latents(*model, r->z));
}

TEST_CASE("kinds do not drop each other", "[gui][decode]") {
    DecodeService service;
    std::vector<ResultPtr> got;
    QObject::connect(&service, &DecodeService::decoded,
                     [&](const ResultPtr& r) { got.push_back(r); });
    const auto model = small_model();
    service.request(DecodeService::Kind::Grid, model, latents(400, 0.0f));
    service.request(DecodeService::Kind::Point, model, latents(1, 1.0f));
    REQUIRE(QTest::qWaitFor([&] { return got.size() == 2; }, 10000));
    CHECK(got[0]->kind != got[1]->kind);
}

TEST_CASE("destroying the service with work pending returns", "[gui][decode]") {
    auto service = std::make_unique<DecodeService>();
    const auto model = small_model();
    for (int i = 0; i < 4; ++i)
        service->request(static_cast<DecodeService::Kind>(i), model, latents(2000, 0.0f));
    CHECK(model.use_count() > 1); // the requests hold the model
    service.reset();
    // The thread was joined and the pending requests dropped with it.
    CHECK(model.use_count() == 1);
}

TEST_CASE("a click's k nearest rows and another sample's search both arrive", "[gui][decode]") {
    DecodeService service;
    std::vector<ResultPtr> got;
    QObject::connect(&service, &DecodeService::decoded,
                     [&](const ResultPtr& r) { got.push_back(r); });
    auto data = std::make_shared<vae::Dataset>();
    data->values = vae::Matrix::Random(300, 12).cwiseAbs();
    service.setNearestData(data);
    service.setNearestCount(4);
    const auto model = small_model();
    service.request(DecodeService::Kind::Point, model, latents(1, 0.3f));
    const vae::Matrix other = data->values.middleRows(42, 1);
    CHECK(service.requestNearest(other) > 0);
    const auto nearest = [&](bool for_point) -> ResultPtr {
        for (const auto& r : got)
            if (r->kind == DecodeService::Kind::Nearest && r->for_point == for_point)
                return r;
        return nullptr;
    };
    REQUIRE(QTest::qWaitFor([&] { return nearest(true) && nearest(false); }, 10000));
    for (const bool for_point : {true, false}) {
        const auto r = nearest(for_point);
        REQUIRE(r->neighbours.size() == 4);
        const auto expected = vae::nearest_rows(data->values, r->x.row(0), 4);
        for (std::size_t i = 0; i < 4; ++i) {
            CHECK(r->neighbours[i].row == expected[i]);
            CHECK(r->neighbours[i].distance ==
                  Approx((data->values.row(static_cast<Eigen::Index>(expected[i])) - r->x.row(0))
                             .cast<double>()
                             .norm()));
        }
        CHECK(r->nearest.front() == expected.front());
    }
    CHECK(nearest(false)->neighbours.front().row == 42);
    CHECK(nearest(false)->neighbours.front().distance == 0.0);
    // The data's own nearest-neighbour scale follows once the thread is idle.
    REQUIRE(QTest::qWaitFor([&] { return service.nearestScale().has_value(); }, 10000));
    CHECK(service.nearestScale()->low <= service.nearestScale()->high);
    CHECK(service.nearestScale()->sampled == 300);
}
