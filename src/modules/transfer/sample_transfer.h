// The sample region's technology demands (`xinzhi demo transfer`): six needs of local firms on
// the sample chain, named as samples, for the overseas listings to be matched against.
#pragma once
#include <cstdint>

#include "modules/accounts/principal.h"

namespace xinzhi::transfer {

class TransferDesk;

// Adds the sample demands unless they are there; how many were added.
int64_t add_sample_demands(TransferDesk& desk, const accounts::Principal& who);

}  // namespace xinzhi::transfer
