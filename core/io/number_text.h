#pragma once

#include <string>

namespace vae {

/// `v` as short human-readable text: printf's %g with `precision` significant digits
/// ("0.001", "1e-05", "-259.26"), and "nan" for any non-finite value. For messages, model
/// info and CSV columns that people read; not a round-trip format.
std::string number_text(double v, int precision = 6);

} // namespace vae
