#pragma once

// Widget tests reach buttons by objectName; a missing one stops the test at the lookup rather
// than crashing on a null pointer later.

#include <QPushButton>
#include <QString>
#include <QWidget>

#include <catch2/catch.hpp>

namespace vae::test {

/// The push button named `name` under w.
inline QPushButton* button(QWidget& w, const char* name) {
    auto* b = w.findChild<QPushButton*>(QString::fromLatin1(name));
    REQUIRE(b);
    return b;
}

} // namespace vae::test
