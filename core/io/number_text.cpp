#include "io/number_text.h"

#include <cmath>
#include <cstdio>

namespace vae {

std::string number_text(double v, int precision) {
    if (!std::isfinite(v))
        return "nan";
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*g", precision, v);
    return buf;
}

} // namespace vae
