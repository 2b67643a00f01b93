// Shared by the C++ tests: where the real data lives, and scratch folders that clean up.
#pragma once
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>

#include "base/error.h"

namespace xinzhi::testing {

// ../shared/data beside the checkout, or $XINZHI_SHARED_DATA.
inline std::string shared_data() {
  if (const char* env = std::getenv("XINZHI_SHARED_DATA"); env && *env) return env;
  return XINZHI_DEFAULT_SHARED_DATA;
}

inline std::string ickg25() { return shared_data() + "/ickg/ICKG25"; }

#define XINZHI_REQUIRE_DATA(path)                                                         \
  if (!std::filesystem::exists(path)) GTEST_SKIP() << "real data not found at " << (path) \
                                                   << " (set XINZHI_SHARED_DATA)"

class ScratchDir {
 public:
  ScratchDir() {
    std::random_device rd;
    path_ = std::filesystem::temp_directory_path() / ("xinzhi-test-" + std::to_string(rd()) + std::to_string(rd()));
    std::filesystem::create_directories(path_);
  }
  ~ScratchDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  std::string file(const std::string& name) const { return (path_ / name).string(); }
  // The database a test works on: this folder's SQLite file `name`, or a PostgreSQL schema
  // of its own when the tests run on PostgreSQL (tests/support/test_database.cpp).
  std::string database(const std::string& name) const;
  std::string write(const std::string& name, const std::string& content) const {
    auto p = path_ / name;
    std::filesystem::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary) << content;
    return p.string();
  }
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

// True when the tests run on PostgreSQL ($XINZHI_TEST_POSTGRES).
bool on_postgres();

// Real data at full scale runs once, on SQLite: the same queries run on PostgreSQL in the small
// tests, and the bulk import of ICKG25 on both engines (KnowledgeGraph.ImportsIckg25OnceAndOnlyOnce).
// Doubling these runs cost make test two minutes and checked no statement the small tests miss.
#define XINZHI_FULL_SCALE_ON_SQLITE_ONLY() \
  if (::xinzhi::testing::on_postgres()) GTEST_SKIP() << "full-scale real data runs on SQLite only"

// The key of the xinzhi::Error `fn` throws ("" for an error without one), "accepted" when it
// throws nothing: what the dashboard would translate.
template <class Fn>
std::string error_key(Fn fn) {
  try {
    fn();
  } catch (const Error& e) {
    return e.key();
  }
  return "accepted";
}

// Expects `fn` to throw xinzhi::Error with `code` (which fixes the HTTP status and the exit
// code a user sees) and a message containing `needle`. Any other exception type fails.
template <class Fn>
void expect_error(ErrorCode code, Fn fn, const std::string& needle) {
  try {
    fn();
    ADD_FAILURE() << "expected a " << error_code_name(code) << " error containing '" << needle << "'";
  } catch (const Error& e) {
    EXPECT_EQ(error_code_name(e.code()), error_code_name(code)) << e.what();
    EXPECT_NE(std::string(e.what()).find(needle), std::string::npos) << e.what();
  } catch (const std::exception& e) {
    ADD_FAILURE() << "expected xinzhi::Error (" << error_code_name(code) << "), got another exception: " << e.what();
  }
}

}  // namespace xinzhi::testing
