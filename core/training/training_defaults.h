#pragma once

#include "data/dataset.h"
#include "vae/vae_architecture.h"

namespace vae {

/// The likelihood `auto` stands for, judged on the stored (normalized) values: Bernoulli when
/// every one lies in [0, 1] (images scaled from 0..255, binary data) and the data is not
/// z-scored, a Gaussian with learned variance otherwise (z-scored tables, other ranges).
Likelihood default_likelihood(const Dataset& data);

/// Gives conv layers the data's image (height x width x channels) unless one is set already;
/// a table leaves it empty, which architecture_error then explains.
void fit_image_to(VaeArchitecture& a, const Dataset& data);

} // namespace vae
