#pragma once

#include "data/dataset.h"
#include "vae/vae_architecture.h"

namespace vae {

/// The likelihood `auto` stands for, judged on the stored (normalized) values: Bernoulli when
/// every one lies in [0, 1] (images scaled from 0..255, binary data) and the data is not
/// z-scored, a Gaussian with learned variance otherwise (z-scored tables, other ranges).
Likelihood default_likelihood(const Dataset& data);

} // namespace vae
