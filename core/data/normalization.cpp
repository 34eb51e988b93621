#include "data/dataset.h"

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

} // namespace vae
