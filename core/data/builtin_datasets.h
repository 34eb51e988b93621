#pragma once

#include "data/dataset.h"
#include "data/load_options.h"

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace vae {

/// The prefix that marks a built-in source ("builtin:sprites").
inline constexpr std::string_view kBuiltinPrefix = "builtin:";

/// One entry of the built-in catalogue.
struct BuiltinInfo {
    std::string name;        ///< without the prefix, e.g. "sprites"
    std::string description; ///< one line, for --help and the UI
    std::size_t default_rows = 0;
};

/// The built-in sets in display order: sprites, moons, rings, moons10d, rings10d.
/// Thread-safe.
[[nodiscard]] std::vector<BuiltinInfo> builtin_datasets();

/// True when `source` names a built-in set ("builtin:..."); says nothing about whether the name
/// after the prefix exists.
[[nodiscard]] bool is_builtin_source(std::string_view source);

/// Generates built-in set `name` (without "builtin:"). Rows: options.builtin_rows, or the set's
/// default when 0, capped by options.limit when set. Deterministic per options.seed. Values are
/// raw (pixels in [0, 1], table coordinates as drawn); image_shape is set for sprites only.
/// Dataset::name is "builtin:<name>". Honours options.progress (LoadCancelled); other options
/// are ignored. Throws DataError listing the available names for an unknown name, and for a
/// row count beyond the set's maximum. Thread-safe.
[[nodiscard]] Dataset make_builtin(const std::string& name, const LoadOptions& options);

} // namespace vae
