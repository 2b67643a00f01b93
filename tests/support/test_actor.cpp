// Linked into every C++ test: writes made by a test are audited as the actor "test",
// as the command line audits its writes as "cli:<user>".
#include "store/audit_trail.h"

namespace {
const bool actor_set = [] {
  xinzhi::store::set_process_actor(xinzhi::store::Actor{0, "test", 0, "", "test"});
  return true;
}();
}  // namespace
