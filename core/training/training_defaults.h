#pragma once

#include "data/dataset.h"
#include "vae/vae_architecture.h"

namespace vae {

/// The likelihood `auto` stands for: Bernoulli when every stored value lies in [0, 1] (images
/// scaled from 0..255, binary data), a Gaussian with learned variance otherwise.
Likelihood default_likelihood(const Dataset& data);

} // namespace vae
