// The mark a live edit leaves on the curves names what changed, regularisers included.

#include "ui/training/training_controller.h"

#include <catch2/catch.hpp>

#include <string>

using vae::LiveSettings;
using vae::ui::describe_live_change;

TEST_CASE("a live edit's curve mark names each setting that changed", "[gui]") {
    LiveSettings before;
    before.beta = 1.0f;
    before.learning_rate = 1e-3f;
    LiveSettings after = before;
    after.beta = 0.25f;
    CHECK(describe_live_change(before, after).toStdString() == "β 1 → 0.25");
    after.mmd_weight = 2.0f;
    after.gan_weight = 0.5f;
    CHECK(describe_live_change(before, after).toStdString() ==
          "β 1 → 0.25, MMD λ 0 → 2, GAN γ 0 → 0.5");
    LiveSettings fm = before;
    fm.feature_matching = 1.0f;
    fm.free_bits = 0.1f;
    CHECK(describe_live_change(before, fm).toStdString() ==
          "free bits 0 → 0.1, feature matching 0 → 1");
    // Sent again unchanged, it says what holds.
    CHECK(describe_live_change(before, before).toStdString() == "β 1, lr 0.001");
}
