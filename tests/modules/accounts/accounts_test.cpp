// Accounts without HTTP: argon2id hashes in libsodium's documented format, password rules,
// the role matrix's containment used for token scopes, and what disabling and resetting do.
#include <gtest/gtest.h>

#include "modules/accounts/demo_accounts.h"
#include "modules/accounts/directory.h"
#include "modules/accounts/sessions.h"
#include "modules/registry.h"
#include "support/test_support.h"

namespace xinzhi::accounts {
namespace {

TEST(Passwords, Argon2idWithTheDocumentedCost) {
  auto h = hash_password("correct horse battery");
  // RFC 9106 / PHC string: algorithm, version 19 (0x13), 64 MiB, 2 passes, 1 lane.
  EXPECT_EQ(h.rfind("$argon2id$v=19$m=65536,t=2,p=1$", 0), 0u) << h;
  EXPECT_TRUE(verify_password(h, "correct horse battery"));
  EXPECT_FALSE(verify_password(h, "correct horse batterY"));
  EXPECT_FALSE(verify_password("plain-text", "plain-text"));
  EXPECT_NE(hash_password("correct horse battery"), h);  // a fresh salt each time
}

TEST(Passwords, RulesForNewPasswords) {
  testing::expect_error(ErrorCode::InvalidInput, [] { check_new_password("short"); }, "shorter than 10");
  testing::expect_error(ErrorCode::InvalidInput, [] { check_new_password(std::string(12, 'a')); }, "repeats one character");
  testing::expect_error(ErrorCode::InvalidInput, [] { check_new_password(std::string(1025, 'b') + "c"); }, "longer than 1024");
  testing::expect_error(ErrorCode::InvalidInput, [] { check_new_password("bad\xff utf-8 text"); }, "UTF-8");
  check_new_password("十个汉字也可以的密码");
}

TEST(Access, TokenScopesMayOnlyNarrow) {
  EXPECT_TRUE(role_within(Role::Viewer, Role::Analyst));
  EXPECT_FALSE(role_within(Role::Analyst, Role::Viewer));
  EXPECT_TRUE(role_within(Role::Auditor, Role::Admin));
  EXPECT_FALSE(role_within(Role::Viewer, Role::Enterprise));  // a viewer reads regional analytics
  EXPECT_FALSE(role_within(Role::Enterprise, Role::Viewer));  // an enterprise edits its profile
  for (auto r : kRoles) EXPECT_TRUE(role_within(r, r));
  EXPECT_FALSE(role_has(Role::Auditor, Permission::AnalyticsWrite));
  EXPECT_TRUE(reaches_all_orgs(Role::Auditor, Permission::OrgRead));
  EXPECT_FALSE(reaches_all_orgs(Role::Enterprise, Permission::OrgRead));
}

class Directory : public ::testing::Test {
 protected:
  void SetUp() override {
    modules::migrate(db);
    dir.add_org({"企业甲", "enterprise", std::nullopt, std::nullopt, std::nullopt, std::nullopt}, admin);
    dir.add_account({"alice", "", "企业甲", "enterprise", "alice-password"}, admin);
  }
  testing::ScratchDir scratch;
  store::Database db{scratch.file("a.db")};
  AccountDirectory dir{db, {1, 8192}};
  Principal admin = Principal::console("test");
  int64_t t = 1'800'000'000;
  AuthPolicy policy() {
    AuthPolicy p;
    p.now = [this] { return t; };
    return p;
  }
};

TEST_F(Directory, RolesMustFitTheOrganisationKind) {
  testing::expect_error(ErrorCode::InvalidInput, 
      [&] { dir.add_account({"bob", "", "企业甲", "analyst", "bob-password-1"}, admin); }, "may be enterprise, not analyst");
  testing::expect_error(ErrorCode::Conflict, [&] { dir.add_account({"alice", "", "企业甲", "enterprise", "alice-password"}, admin); },
                                   "exists");
  testing::expect_error(ErrorCode::InvalidInput, [&] { dir.add_account({"b c", "", "企业甲", "enterprise", "alice-password"}, admin); },
                                   "only letters");
  testing::expect_error(ErrorCode::Conflict, [&] { dir.add_org({"企业甲", "enterprise", {}, {}, {}, {}}, admin); }, "exists");
  testing::expect_error(ErrorCode::InvalidInput, [&] { dir.add_org({"x", "ministry", {}, {}, {}, {}}, admin); }, "expected one of");
}

TEST_F(Directory, DisablingEndsSessionsAndAResetLiftsALock) {
  Sessions sessions(db, policy());
  auto s = sessions.login("alice", "alice-password", "127.0.0.1");
  EXPECT_EQ(sessions.authenticate(s.token).username, "alice");
  dir.set_disabled("alice", true, admin);
  testing::expect_error(ErrorCode::Unauthenticated, [&] { sessions.authenticate(s.token); }, "ended");
  testing::expect_error(ErrorCode::Unauthenticated, [&] { sessions.login("alice", "alice-password", "127.0.0.1"); }, "disabled");
  dir.set_disabled("alice", false, admin);
  for (int i = 0; i < 10; ++i)
    testing::expect_error(ErrorCode::Unauthenticated, [&] { sessions.login("alice", "wrong-password", "127.0.0.1"); }, "wrong username");
  testing::expect_error(ErrorCode::TooManyRequests, [&] { sessions.login("alice", "alice-password", "127.0.0.1"); }, "locked until");
  dir.set_password("alice", "a-new-password", admin);
  EXPECT_EQ(sessions.login("alice", "a-new-password", "127.0.0.1").principal.username, "alice");
  // The same message for an unknown account and a wrong password.
  testing::expect_error(ErrorCode::Unauthenticated, [&] { sessions.login("nobody", "whatever-pass", "127.0.0.1"); }, "wrong username or password");
}

TEST_F(Directory, ChangingOnesPasswordEndsTheOtherSessions) {
  Sessions sessions(db, policy());
  auto here = sessions.login("alice", "alice-password", "127.0.0.1");
  auto elsewhere = sessions.login("alice", "alice-password", "10.0.0.2");
  testing::expect_error(ErrorCode::Forbidden, 
      [&] { dir.change_own_password(here.principal, "not-my-password", "another-password"); }, "current password is wrong");
  dir.change_own_password(here.principal, "alice-password", "another-password");
  EXPECT_EQ(sessions.authenticate(here.token).username, "alice");
  testing::expect_error(ErrorCode::Unauthenticated, [&] { sessions.authenticate(elsewhere.token); }, "ended");
  testing::expect_error(ErrorCode::Unauthenticated, [&] { sessions.login("alice", "alice-password", "127.0.0.1"); }, "wrong username");
  store::AuditFilter f;
  f.action = "account.password_change";
  EXPECT_EQ(store::list_audit(db, f).size(), 1u);
}

TEST_F(Directory, TokensAreScopedAndStoredOnlyAsDigests) {
  ApiTokens tokens(db, [this] { return t; });
  testing::expect_error(ErrorCode::InvalidInput, [&] { tokens.issue("alice", "analyst", "x", 30, admin); }, "grants more than");
  auto [token, secret] = tokens.issue("alice", "", "nightly export", 30, admin);
  EXPECT_EQ(secret.rfind("xz_", 0), 0u);
  EXPECT_EQ(db.sql().execAndGet("SELECT count(*) FROM api_token WHERE token_hash = '" + secret + "'").getInt(), 0);
  auto p = tokens.authenticate(secret);
  EXPECT_EQ(p.username, "alice");
  EXPECT_EQ(*p.token_role, Role::Enterprise);
  t += 31 * 86400;
  testing::expect_error(ErrorCode::Unauthenticated, [&] { tokens.authenticate(secret); }, "expired");
}

TEST(DemoAccounts, OnePerRoleAndASecondRunAddsNone) {
  testing::ScratchDir scratch;
  store::Database db(scratch.file("d.db"));
  modules::migrate(db);
  EXPECT_EQ(seed_demo_accounts(db, {1, 8192}), static_cast<int>(demo_accounts().size()));
  EXPECT_EQ(seed_demo_accounts(db, {1, 8192}), 0);
  std::set<std::string> roles;
  for (const auto& a : AccountDirectory(db).accounts(Principal::console("t"))) roles.insert(std::string(role_name(a.role)));
  EXPECT_EQ(roles.size(), kRoles.size());
  EXPECT_TRUE(store::verify_audit(db).ok);
}

}  // namespace
}  // namespace xinzhi::accounts
