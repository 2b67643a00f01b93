// Linked into every C++ test that touches a database.
//  - Writes made by a test are audited as the actor "test", as the command line audits its
//    writes as "cli:<user>".
//  - ScratchDir::database(): a SQLite file in the scratch folder, or, when the test runs on
//    PostgreSQL ($XINZHI_TEST_POSTGRES names the file tests/postgres/cluster.sh wrote the
//    server's address to), a schema of its own on that server, found by the same name again.
#include <cstdio>
#include <fstream>

#include "store/audit_trail.h"
#include "store/database.h"
#include "support/test_support.h"

namespace xinzhi::testing {

namespace {
const bool actor_set = [] {
  store::set_process_actor(store::Actor{0, "test", 0, "", "test"});
  return true;
}();

std::string postgres_base() {
  static const std::string base = [] {
    const char* file = std::getenv("XINZHI_TEST_POSTGRES");
    if (!file || !*file) return std::string();
    std::ifstream in(file);
    std::string url;
    std::getline(in, url);
    if (url.empty()) {
      std::fprintf(stderr, "XINZHI_TEST_POSTGRES=%s holds no address (is the test cluster running?)\n", file);
      std::abort();
    }
    return url;
  }();
  return base;
}
}  // namespace

bool on_postgres() { return !postgres_base().empty(); }

std::string ScratchDir::database(const std::string& name) const {
  if (!on_postgres()) return file(name);
  // One schema per scratch folder and name: tests in parallel processes never meet. The
  // cluster is thrown away after the run, so schemas are not dropped one by one.
  std::string key = (path_ / name).string();
  uint64_t h = 1469598103934665603ULL;
  for (unsigned char c : key) h = (h ^ c) * 1099511628211ULL;
  char schema[32];
  std::snprintf(schema, sizeof schema, "t_%016llx", static_cast<unsigned long long>(h));
  store::Database(postgres_base()).exec(std::string("CREATE SCHEMA IF NOT EXISTS ") + schema);
  return postgres_base() + "?options=-csearch_path%3D" + schema;
}

}  // namespace xinzhi::testing
