#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace vae {

/// Builds one compact JSON value as text. Keys and strings are escaped; non-finite numbers
/// become null (JSON has no NaN). Misuse (a value where a key is due) is the caller's bug and
/// is not diagnosed. Not thread-safe.
class JsonWriter {
public:
    JsonWriter& begin_object();
    JsonWriter& end_object();
    JsonWriter& begin_array();
    JsonWriter& end_array();
    JsonWriter& key(std::string_view name);

    JsonWriter& value(std::string_view text);
    JsonWriter& value(const char* text) { return value(std::string_view(text)); }
    JsonWriter& value(double number);
    JsonWriter& value(std::int64_t number);
    JsonWriter& value(std::uint64_t number);
    JsonWriter& value(int number) { return value(static_cast<std::int64_t>(number)); }
    JsonWriter& value(bool flag);
    JsonWriter& null();

    template <class T> JsonWriter& field(std::string_view name, const T& v) {
        key(name);
        return value(v);
    }

    [[nodiscard]] const std::string& text() const { return out_; }

private:
    void separate();
    std::string out_;
    std::vector<bool> first_; ///< per open container: no element written yet
    bool after_key_ = false;
};

/// `text` as a JSON string literal, quotes included.
std::string json_quote(std::string_view text);

} // namespace vae
