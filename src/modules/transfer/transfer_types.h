// The plain records of the technology-transfer desk (国际技术转移管家): overseas listings, local
// demands, matches and cases with their one-stop checklist, shared by the desk
// (transfer_desk.h) and its store (transfer_store.h).
#pragma once
#include <array>
#include <cstdint>
#include <string>
#include <vector>

namespace xinzhi::transfer {

struct Listing {
  int64_t id = 0;
  std::string source;  // "nasa", "csv"
  std::string ref, owner, country, title, title_zh, summary;
  std::string patent_status, ip_status, application, expires, licence;  // ip_status: granted, pending, unknown
  int trl = 0;                                                           // 0: not stated
  std::string imported_at;
};

struct ListingImport {
  int64_t added = 0, updated = 0;
};

// A local firm's or lab's technology need.
struct Demand {
  int64_t id = 0;
  std::string org, title, text, region, status = "open";  // open, closed
  std::string created_by, created_at;
  bool sample = false;
};

// What a listing is matched to: a local demand or a published scenario (scenario module).
inline constexpr const char* kTargetDemand = "demand";
inline constexpr const char* kTargetScenario = "scenario";

// A demand or scenario as matching reads it: its title, owner and the text its terms come from.
struct MatchTarget {
  std::string kind;
  int64_t id = 0;
  std::string title, org, text;
};

// A word or concept two texts share; concept terms carry both languages.
struct SharedTerm {
  std::string key, en, zh;
  double idf = 0;
};

struct TransferMatch {
  int64_t listing_id = 0;
  std::string listing_ref, listing_title, owner, ip_status, expires;
  bool expired = false;  // a patent past its expiry date is free to use: no licence needed
  std::string target_kind;
  int64_t target_id = 0;
  std::string target_title, target_org;
  double score = 0;     // BM25 of the listing for the target's terms
  double coverage = 0;  // the share of the query's term weight (IDF) the other side has, 0–1
  std::vector<SharedTerm> terms;
  int64_t case_id = 0;  // an open case for this pair, 0 when none
  std::string case_status, decline_reason;
};

// The one-stop checklist every case works through, in order.
inline constexpr std::array<const char*, 4> kCheckItems = {"legal_adaptation", "standards_recognition",
                                                            "scenario_docking", "ip_due_diligence"};
inline constexpr std::array<const char*, 3> kCheckStates = {"todo", "done", "not_applicable"};
inline constexpr std::array<const char*, 8> kDeclineReasons = {
    "licence_terms", "trl_too_low", "ip_risk", "standards_gap", "export_control", "price", "not_relevant", "other"};

struct CaseCheck {
  std::string item, state = "todo", note, updated_by, updated_at;
};

struct TransferCase {
  int64_t id = 0, listing_id = 0, target_id = 0;
  std::string target_kind, target_title, org;  // org: the demand's organisation, or the scenario owner's
  std::string listing_ref, listing_title, owner;
  double score = 0;
  std::string terms;  // the match's shared terms as JSON, kept as proposed
  std::string status = "open";  // open, docking, signed, declined
  std::string decline_reason, note, opened_by, opened_at, updated_at;
  std::vector<CaseCheck> checks;
};

}  // namespace xinzhi::transfer
