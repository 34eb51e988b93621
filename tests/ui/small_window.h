#pragma once

// The main window the window tests start from: a small sprites set already loaded (the load is
// asynchronous, so this waits for it) and the small training settings of small_training.h.

#include "ui/main_window.h"
#include "ui/training/training_panel.h"

#include <QSignalSpy>
#include <QString>

#include "small_training.h"

#include <catch2/catch.hpp>

#include <cstddef>
#include <memory>

namespace vae::test {

/// A shown, scripted window with kSmallSpriteRows of builtin:sprites loaded and a small model of
/// `epochs` configured; the test stops if the load fails.
inline std::unique_ptr<vae::ui::MainWindow> window_with_small_data(std::size_t epochs) {
    using vae::ui::MainWindow;
    auto w = std::make_unique<MainWindow>();
    w->setProperty("scripted", true);
    w->show();
    QSignalSpy loaded(w.get(), &MainWindow::datasetLoadFinished);
    vae::LoadOptions o;
    o.builtin_rows = kSmallSpriteRows;
    w->openSource(QStringLiteral("builtin:sprites"), o);
    REQUIRE(loaded.wait(30000));
    REQUIRE(loaded.takeFirst().at(0).toBool());
    w->trainingPanel()->setConfig(make_small(w->trainingPanel()->config(), epochs));
    return w;
}

} // namespace vae::test
