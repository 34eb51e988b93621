#include "data/dataset.h"

#include <algorithm>

namespace vae {

void Normalization::inverse(Matrix& rows) const {
    if (is_identity())
        return;
    rows.array().rowwise() *= scale.transpose().array();
    rows.array().rowwise() += offset.transpose().array();
}

void Normalization::apply(Matrix& rows) const {
    if (is_identity())
        return;
    rows.array().rowwise() -= offset.transpose().array();
    rows.array().rowwise() /= scale.transpose().array();
}

bool Normalization::same_map(const Normalization& other) const {
    const auto part = [](const Vector& v, Eigen::Index cols, float identity) {
        return v.size() == 0 ? Vector::Constant(cols, identity) : v;
    };
    const Eigen::Index cols = std::max(offset.size(), other.offset.size());
    if ((offset.size() != 0 && offset.size() != cols) ||
        (other.offset.size() != 0 && other.offset.size() != cols))
        return false;
    return part(offset, cols, 0.0f) == part(other.offset, cols, 0.0f) &&
           part(scale, cols, 1.0f) == part(other.scale, cols, 1.0f);
}

} // namespace vae
