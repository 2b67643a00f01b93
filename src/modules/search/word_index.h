// search::WordIndex: BM25 (engines/text) over texts cut into words by jieba — how the search
// box ranks free text (patent titles and applicants, scenario titles and needs), so that the
// words of a query meet a text in any order and a rarer shared word weighs more.
#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "engines/text/bm25_index.h"
#include "modules/foresight/patent_read.h"

namespace xinzhi::search {

class WordIndex {
 public:
  // The words a text is indexed and searched by: jieba's cut (with the HMM) of its
  // text::search_text form (full-width folded, ASCII lower case); whitespace, punctuation and
  // function words (的, 和, 与 …: jieba's IDF below 3; English stop words) left out; a Latin
  // word jieba cuts at its accents joined again. "虚拟现实（VR）的头盔" → 虚拟现实, vr, 头盔.
  static std::vector<std::string> words(std::string_view text);

  // Adds a document; its index is the order it was added in.
  void add(std::string_view text);
  // Freezes the index; search() before it is an Internal error.
  void run() { index_.run(); }
  // The `top` best documents for the query's words, best first (ties by index), a word typed
  // twice counted once; documents sharing no word with it are not returned.
  std::vector<text::Bm25Hit> search(std::string_view query, size_t top) const;
  size_t documents() const { return index_.documents(); }

 private:
  text::Bm25Index index_;
};

// Every stored patent's title and first applicant as one document, with the patent ids in
// document order.
struct PatentWords {
  WordIndex index;
  std::vector<int64_t> ids;
};

// The index of a database's patents (named by `database`, its path), built on first use and
// again once patents were added (PatentReader::last_id), shared by the process like the heat
// map's cube. One search builds while the others go on with the older index (or wait for the
// first); `database` "" builds one for this call only.
std::shared_ptr<const PatentWords> patent_words(foresight::PatentReader& patents, const std::string& database);

}  // namespace xinzhi::search
