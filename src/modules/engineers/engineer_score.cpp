// How an engineer scores for a request (EngineerDesk::score): the request's terms found in the
// engineer's skills and profile, the chain segment, the distance, and the lessons of earlier
// answers.
#include <algorithm>
#include <set>

#include "base/text.h"
#include "engines/text/english_stemmer.h"
#include "modules/engineers/engineer_desk.h"
#include "modules/segmentation/segmentation_service.h"

namespace xinzhi::engineers {

namespace {

struct Term {
  std::string text;
  double weight;
};

bool is_ascii(const std::string& s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

// The words that characterise a text: TF-IDF keywords (jieba's method) for Chinese, Porter2
// stems for English words.
std::vector<std::string> keywords_of(const std::string& text, size_t top) {
  std::vector<std::string> out;
  if (text.empty()) return out;
  static const text::WordSegmenter segmenter(segmentation::dictionary(), true);
  for (const auto& k : segmentation::keyword_table().extract(segmenter.cut(text), top)) {
    if (!is_ascii(k.word)) out.push_back(k.word);
  }
  for (const auto& w : text::english_words(text))
    if (!text::is_english_stop_word(w) && w.size() > 2) out.push_back(text::english_stem(w));
  return out;
}

std::string lower_ascii(std::string s) {
  for (auto& c : s)
    if (c >= 'A' && c <= 'Z') c = char(c - 'A' + 'a');
  return s;
}

// A request's terms: its listed skills (weight 1) and its problem's keywords (0.5), once each.
std::vector<Term> request_terms(const EngineerRequest& r) {
  std::vector<Term> out;
  std::set<std::string> seen;
  for (const auto& s : r.skills)
    if (seen.insert(lower_ascii(s)).second) out.push_back({lower_ascii(s), 1.0});
  for (const auto& k : keywords_of(r.problem, 8))
    if (seen.insert(k).second) out.push_back({k, 0.5});
  return out;
}

std::vector<std::string> engineer_terms(const Engineer& e) {
  std::vector<std::string> out;
  for (const auto& s : e.skills) out.push_back(lower_ascii(s));
  for (auto& k : keywords_of(e.profile, 12)) out.push_back(std::move(k));
  for (const auto& s : e.skills)
    for (auto& k : keywords_of(s, 4)) out.push_back(std::move(k));
  return out;
}

// Equal; or, for Chinese terms of two characters or more, one holds the other (电池 in 动力电池).
// English terms meet only whole ("ai" is not in "maintenance").
bool terms_meet(const std::string& a, const std::string& b) {
  if (a == b) return true;
  if (is_ascii(a) || is_ascii(b) || text::codepoints(a) < 2 || text::codepoints(b) < 2) return false;
  return a.find(b) != std::string::npos || b.find(a) != std::string::npos;
}

// The province of a gazetteer name: its first level ("天津市", "河北省", "广西壮族自治区", …),
// ending at the earliest level suffix.
std::string province_of(const std::string& region) {
  size_t best = std::string::npos, length = 0;
  for (std::string suffix : {"省", "市", "自治区", "特别行政区"}) {
    size_t at = region.find(suffix);
    if (at != std::string::npos && (best == std::string::npos || at < best)) {
      best = at;
      length = suffix.size();
    }
  }
  return best == std::string::npos ? region : region.substr(0, best + length);
}

}  // namespace

ScoreParts EngineerDesk::score(const Engineer& e, const EngineerRequest& r, const std::vector<Dispatch>& history,
                               const std::vector<EngineerRequest>& requests) {
  ScoreParts p;
  auto wanted = request_terms(r);
  auto has = engineer_terms(e);
  double total = 0, met = 0;
  for (const auto& t : wanted) {
    total += t.weight;
    if (std::any_of(has.begin(), has.end(), [&](const std::string& h) { return terms_meet(t.text, h); })) {
      met += t.weight;
      p.matched.push_back(t.text);
    }
  }
  p.skills = total > 0 ? met / total : 0;
  for (const auto& s : e.segments) {
    if (!r.chain.empty() && s.chain == r.chain && !r.segment.empty() && s.segment == r.segment) p.segment = 1.0;
    else if (!r.chain.empty() && s.chain == r.chain) p.segment = std::max(p.segment, 0.5);
  }
  if (!e.region.empty() && e.region == r.region) p.location = 1.0;
  else if (!e.region.empty() && !r.region.empty() && province_of(e.region) == province_of(r.region)) p.location = 0.6;
  else p.location = 0.2;

  // What this engineer's earlier answers taught.
  auto request_of = [&](int64_t id) -> const EngineerRequest* {
    for (const auto& q : requests)
      if (q.id == id) return &q;
    return nullptr;
  };
  int skill_declines = 0, far_declines = 0;
  for (const auto& d : history) {
    if (d.engineer_id != e.id || d.status != "declined") continue;
    const auto* q = request_of(d.request_id);
    // Only a named segment carries the lesson: two requests without one are not alike.
    if (d.reason == "skills_mismatch" && q != nullptr && !r.segment.empty() && q->chain == r.chain && q->segment == r.segment)
      ++skill_declines;
    if (d.reason == "too_far") ++far_declines;
  }
  if (skill_declines > 0) {
    p.skills *= 0.5;
    p.feedback.emplace_back("skills_halved", skill_declines);
  }
  if (far_declines > 0 && p.location < 1.0) {
    p.location *= 0.5;
    p.feedback.emplace_back("distance_doubled", far_declines);
  }
  p.score = 0.5 * p.skills + 0.3 * p.segment + 0.2 * p.location;
  return p;
}

}  // namespace xinzhi::engineers
