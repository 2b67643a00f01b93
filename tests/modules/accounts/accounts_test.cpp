// Accounts without HTTP: argon2id hashes in libsodium's documented format, password rules,
// the role matrix's containment used for token scopes, and what disabling and resetting do.
#include <gtest/gtest.h>

#include "modules/accounts/account_store.h"
#include "modules/accounts/demo_accounts.h"
#include "modules/accounts/directory.h"
#include "modules/accounts/login_limits.h"
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
  store::Database db{scratch.database("a.db")};
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
  testing::expect_error(ErrorCode::TooManyRequests, [&] { sessions.login("alice", "alice-password", "127.0.0.1"); }, "paused until");
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
  EXPECT_EQ(db.query_int("SELECT count(*) FROM api_token WHERE token_hash = '" + secret + "'"), 0);
  auto p = tokens.authenticate(secret);
  EXPECT_EQ(p.username, "alice");
  EXPECT_EQ(*p.token_role, Role::Enterprise);
  t += 31 * 86400;
  testing::expect_error(ErrorCode::Unauthenticated, [&] { tokens.authenticate(secret); }, "expired");
}

int64_t audit_count(store::Database& db, const std::string& action) {
  store::AuditFilter f;
  f.action = action;
  return static_cast<int64_t>(store::list_audit(db, f).size());
}

TEST_F(Directory, SessionsEndWhenIdleOrTooOldAndLastSeenIsWrittenSparingly) {
  Sessions sessions(db, policy());
  auto s = sessions.login("alice", "alice-password", "127.0.0.1");
  auto seen = [&] {
    return db.query_int("SELECT last_seen_epoch FROM session WHERE id = " + std::to_string(s.principal.session_id));
  };
  t += 30;  // within touch_every_seconds: no write
  sessions.authenticate(s.token);
  EXPECT_EQ(seen(), t - 30);
  t += 30;
  sessions.authenticate(s.token);
  EXPECT_EQ(seen(), t);
  t += 2 * 3600 + 1;  // idle too long
  testing::expect_error(ErrorCode::Unauthenticated, [&] { sessions.authenticate(s.token); }, "expired");
  EXPECT_EQ(seen(), t);
  testing::expect_error(ErrorCode::Unauthenticated, [&] { sessions.authenticate(s.token); }, "ended");
  // Used every hour, a session still ends twelve hours after sign-in.
  auto kept = sessions.login("alice", "alice-password", "127.0.0.1");
  for (int h = 0; h < 12; ++h) {
    t += 3600;
    EXPECT_EQ(sessions.authenticate(kept.token).session_id, kept.principal.session_id);
  }
  t += 1;
  testing::expect_error(ErrorCode::Unauthenticated, [&] { sessions.authenticate(kept.token); }, "expired");
  sessions.logout(kept.principal);
  EXPECT_EQ(audit_count(db, "auth.login"), 2);
  EXPECT_EQ(audit_count(db, "auth.logout"), 1);
}

TEST_F(Directory, ASuccessfulLoginClearsTheCounterButNotAnExpiredLock) {
  Sessions sessions(db, policy());
  auto column = [&](const char* name) {
    return db.query_int(std::string("SELECT ") + name + " FROM account WHERE username = 'alice'");
  };
  for (int i = 0; i < 3; ++i)
    testing::expect_error(ErrorCode::Unauthenticated, [&] { sessions.login("alice", "wrong-password", "10.0.0.9"); }, "wrong");
  EXPECT_EQ(column("failed_logins"), 3);
  sessions.login("alice", "alice-password", "10.0.0.9");
  EXPECT_EQ(column("failed_logins"), 0);
  for (int i = 0; i < 10; ++i)
    testing::expect_error(ErrorCode::Unauthenticated, [&] { sessions.login("alice", "wrong-password", "10.0.0.9"); }, "wrong");
  const int64_t until = t + 15 * 60;
  EXPECT_EQ(column("locked_until"), until);
  EXPECT_EQ(column("failed_logins"), 0);
  EXPECT_EQ(audit_count(db, "account.locked"), 1);
  t = until + 1;
  sessions.login("alice", "alice-password", "10.0.0.9");
  EXPECT_EQ(column("locked_until"), until);  // shown as it was; it no longer binds
  EXPECT_EQ(dir.account("alice").locked_until, until);
}

TEST_F(Directory, AnotherAccountsTokenIsNotFoundAndListsAreScoped) {
  dir.add_account({"alice2", "", "企业甲", "enterprise", "alice2-password"}, admin);
  ApiTokens tokens(db, [this] { return t; });
  auto alice = dir.principal("alice"), alice2 = dir.principal("alice2");
  auto [mine, secret] = tokens.issue("alice", "", "mine", 30, alice);
  testing::expect_error(ErrorCode::Forbidden, [&] { tokens.issue("alice", "", "x", 30, alice2); }, "only an administrator");
  tokens.issue("alice2", "", "theirs", 30, alice2);
  ASSERT_EQ(tokens.list(alice).size(), 1u);
  EXPECT_EQ(tokens.list(alice)[0].name, "mine");
  EXPECT_EQ(tokens.list(admin).size(), 2u);
  testing::expect_error(ErrorCode::NotFound, [&] { tokens.revoke(mine.id, alice2); }, "no API token with id");
  testing::expect_error(ErrorCode::NotFound, [&] { tokens.revoke(999, alice); }, "no API token with id");
  EXPECT_EQ(tokens.authenticate(secret).token_id, mine.id);
  tokens.revoke(mine.id, alice);
  testing::expect_error(ErrorCode::Unauthenticated, [&] { tokens.authenticate(secret); }, "unknown or revoked");
  EXPECT_EQ(audit_count(db, "token.issue"), 2);
  EXPECT_EQ(audit_count(db, "token.revoke"), 1);
}

TEST_F(Directory, OrganisationsByIdOrNameAndRenamesThatCollide) {
  auto lab = dir.add_org({"实验室乙", "lab", std::string("天津市"), std::nullopt, std::nullopt, std::nullopt}, admin);
  EXPECT_EQ(dir.find_org("实验室乙").id, lab.id);
  EXPECT_EQ(dir.find_org(std::to_string(lab.id)).name, "实验室乙");
  testing::expect_error(ErrorCode::NotFound, [&] { dir.find_org("nowhere"); }, "no organisation with id or name 'nowhere'");
  testing::expect_error(ErrorCode::Conflict, [&] { dir.update_org(lab.id, {std::string("企业甲"), {}, {}, {}, {}, {}}, admin); },
                        "exists");
  auto same = dir.update_org(lab.id, {std::string("实验室乙"), {}, {}, {}, std::string("联系人"), {}}, admin);
  EXPECT_EQ(same.contact, "联系人");
  EXPECT_EQ(same.region, "天津市");
  // A taken name is reported before a bad optional field, as it always was.
  testing::expect_error(ErrorCode::Conflict, [&] { dir.add_org({"实验室乙", "lab", {}, std::string(19, '1'), {}, {}}, admin); },
                        "exists");
  auto alice = dir.principal("alice");
  EXPECT_EQ(alice.org_kind, OrgKind::Enterprise);
  ASSERT_EQ(dir.orgs(alice).size(), 1u);
  EXPECT_EQ(dir.orgs(admin).size(), 2u);
  testing::expect_error(ErrorCode::NotFound, [&] { dir.members(lab.id, alice); }, "no organisation with id");
  EXPECT_EQ(dir.members(alice.org_id, alice).size(), 1u);
  EXPECT_EQ(dir.organisation_names().at(lab.id), "实验室乙");
  EXPECT_EQ(dir.usernames().at(alice.account_id), "alice");
  EXPECT_EQ(audit_count(db, "org.update"), 1);
}

// The store's contract: a write lands whole with its audit entry, or not at all.
TEST_F(Directory, AStoreWriteLandsWholeOrNotAtAll) {
  auto store = sql_account_store(db);
  Organisation o;
  o.name = "园区丙";
  o.kind = OrgKind::Park;
  EXPECT_THROW(store->write([&](AccountWriter& w) {
    w.add_organisation(o);
    w.audit({"org.add", "organisation", "?", "", "", "{}"});
    invalid_input("a rule said no");
  }),
               Error);
  EXPECT_FALSE(store->organisation_named("园区丙"));
  testing::expect_error(ErrorCode::Internal, [&] { store->write([&](AccountWriter& w) { w.add_organisation(o); }); },
                        "without an audit entry");
  EXPECT_FALSE(store->organisation_named("园区丙"));
  // Bookkeeping needs no audit entry.
  auto alice = *store->account("alice");
  store->bookkeeping("failed-login counter", [&](AccountWriter& w) { w.set_failed_logins(alice.id, 4); });
  EXPECT_EQ(store->failed_logins(alice.id), 4);
  EXPECT_TRUE(store::verify_audit(db).ok);
}

// Issue 13 findings, each failed before its fix.
TEST_F(Directory, TokensDieWithAnAdminResetOrADisableAndAlwaysExpire) {
  ApiTokens tokens(db, [this] { return t; });
  testing::expect_error(ErrorCode::InvalidInput, [&] { tokens.issue("alice", "", "forever", 0, admin); }, "days must be 1 to 365");
  testing::expect_error(ErrorCode::InvalidInput, [&] { tokens.issue("alice", "", "long", 366, admin); }, "days must be 1 to 365");
  auto [a, disabled_secret] = tokens.issue("alice", "", "before disable", 30, admin);
  dir.set_disabled("alice", true, admin);
  dir.set_disabled("alice", false, admin);  // enabled again: the old token stays dead
  testing::expect_error(ErrorCode::Unauthenticated, [&] { tokens.authenticate(disabled_secret); }, "revoked");
  auto [b, reset_secret] = tokens.issue("alice", "", "before reset", 30, admin);
  dir.set_password("alice", "reset-by-admin", admin);
  testing::expect_error(ErrorCode::Unauthenticated, [&] { tokens.authenticate(reset_secret); }, "revoked");
  // Changing one's own password keeps one's tokens (integrations keep running).
  auto [c, own_secret] = tokens.issue("alice", "", "kept", 30, admin);
  Sessions sessions(db, policy());
  auto s = sessions.login("alice", "reset-by-admin", "127.0.0.1");
  dir.change_own_password(s.principal, "reset-by-admin", "changed-by-alice");
  EXPECT_EQ(tokens.authenticate(own_secret).username, "alice");
}

TEST_F(Directory, ALockedAccountAndAnUnknownNameAnswerAlike) {
  Sessions sessions(db, policy());
  auto eleventh = [&](const std::string& name) {
    for (int i = 0; i < 10; ++i)
      testing::expect_error(ErrorCode::Unauthenticated, [&] { sessions.login(name, "wrong-password", "127.0.0.1"); },
                            "wrong username or password");
    try {
      sessions.login(name, "wrong-password", "127.0.0.1");
    } catch (const Error& e) {
      return std::pair(e.code(), std::string(e.what()));
    }
    return std::pair(ErrorCode::Internal, std::string("no error"));
  };
  auto real = eleventh("alice");
  auto invented = eleventh("no-such-person-7");
  EXPECT_EQ(error_code_name(real.first), "too_many_requests");
  EXPECT_EQ(real, invented);  // same status, same words, same time
  EXPECT_EQ(real.second.find("alice"), std::string::npos) << real.second;
  // Account names ignore ASCII case, and so must invented ones: "ALICE" is locked, and so is
  // "NO-SUCH-PERSON-7" (a case-sensitive record told the two apart).
  auto upper = [&](const std::string& name) {
    try {
      sessions.login(name, "wrong-password", "127.0.0.1");
    } catch (const Error& e) {
      return std::pair(e.code(), std::string(e.what()));
    }
    return std::pair(ErrorCode::Internal, std::string("no error"));
  };
  EXPECT_EQ(upper("ALICE"), real);
  EXPECT_EQ(upper("NO-SUCH-PERSON-7"), real);
}

TEST_F(Directory, ATokenWithoutAnExpiryFromBeforeIsRefused) {
  ApiTokens tokens(db, [this] { return t; });
  auto [token, secret] = tokens.issue("alice", "", "old script", 30, admin);
  db.exec("UPDATE api_token SET expires_epoch = 0");  // as `days: 0` used to store it
  testing::expect_error(ErrorCode::Unauthenticated, [&] { tokens.authenticate(secret); }, "no expiry date");
}

TEST_F(Directory, AnActiveUserStaysSignedInUnderAShortIdleLimit) {
  auto p = policy();
  p.idle_seconds = 60;  // serve --session-idle 60; last-seen used to be written only every 60 s
  Sessions sessions(db, p);
  auto s = sessions.login("alice", "alice-password", "127.0.0.1");
  for (int minute = 0; minute < 10; ++minute) {
    t += 50;  // a request every 50 s, always within the idle limit
    EXPECT_EQ(sessions.authenticate(s.token).username, "alice") << "after " << (minute + 1) * 50 << " s";
  }
  t += 61;
  testing::expect_error(ErrorCode::Unauthenticated, [&] { sessions.authenticate(s.token); }, "expired");
}

// Behind a load balancer each server process sees some of an attacker's guesses: the
// counts live in the database, so every process refuses the address at the same point.
TEST(AddressThrottle, EveryServerOnTheDatabaseCountsTheSameFailures) {
  testing::ScratchDir scratch;
  const std::string where = scratch.database("t.db");
  store::Database a(where), b(where);
  modules::migrate(a);
  int64_t t = 1'000'000;
  auto clock = [&] { return t; };
  AddressThrottle one(a, 30, 600, clock), two(b, 30, 600, clock);
  for (int i = 0; i < 14; ++i) one.failed("203.0.113.7"), two.failed("203.0.113.7");
  one.failed("203.0.113.7");
  EXPECT_FALSE(two.blocked("203.0.113.7"));  // 29
  two.failed("203.0.113.7");
  EXPECT_TRUE(one.blocked("203.0.113.7"));  // 30, half of them through each server
  EXPECT_TRUE(two.blocked("203.0.113.7"));
  for (int i = 0; i < 300; ++i) two.failed("10.0." + std::to_string(i >> 8) + "." + std::to_string(i & 255));
  EXPECT_TRUE(one.blocked("203.0.113.7"));  // a spray of other addresses does not wipe it
  EXPECT_FALSE(one.blocked("198.51.100.1"));
  t += 600;
  EXPECT_FALSE(one.blocked("203.0.113.7"));  // its window has passed
  one.failed("203.0.113.7");
  EXPECT_FALSE(two.blocked("203.0.113.7"));  // and a new one starts at one failure
  t += 24 * 3600 + 1;
  one.failed("198.51.100.1");  // prunes what is more than a day old
  EXPECT_EQ(a.query_int("SELECT count(*) FROM login_guard"), 1);
}

TEST(DemoAccounts, OnePerRoleAndASecondRunAddsNone) {
  testing::ScratchDir scratch;
  store::Database db(scratch.database("d.db"));
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
