// xinzhi text segment | search | keywords | stem: Chinese word segmentation (jieba's method and
// dictionary), line for line, words separated by one space; BM25 ranking of a file's lines for a
// query; TF-IDF keywords per line; Porter2 stems of English words. This door reads the options and prints; the
// segmentation module cuts.
#include <cstdio>
#include <fstream>
#include <iostream>

#include "base/error.h"
#include "cli/commands.h"
#include "modules/segmentation/segmentation_service.h"

namespace xinzhi::cli {

void add_text_search_command(CLI::App& app, GlobalOptions& g);
void add_text_keyword_commands(CLI::App& app, GlobalOptions& g);

void add_text_commands(CLI::App& app, GlobalOptions& g) {
  static std::string file, dict;
  static bool no_hmm = false, timing = false;
  auto* text = app.add_subcommand("text", "text processing (分词): word segmentation");
  text->require_subcommand(1);
  auto* segment = text->add_subcommand("segment", "cut each UTF-8 line into words, separated by one space (SIGHAN format)");
  segment->add_option("FILE", file, "the text (default: standard input)");
  segment->add_flag("--no-hmm", no_hmm, "dictionary words only: no hidden Markov model for unknown words");
  segment->add_option("--dict", dict, "a dictionary in jieba's format (default: Debian's python3-jieba dict.txt)");
  segment->add_flag("--timing", timing, "report lines, words and seconds on standard error");
  segment->callback([] {
    std::ios::sync_with_stdio(false);
    segmentation::SegmentReport r;
    if (file.empty() || file == "-") {
      r = segmentation::segment_lines(std::cin, std::cout, "stdin", !no_hmm, dict);
    } else {
      std::ifstream in(file, std::ios::binary);
      if (!in) fail_keyed(ErrorCode::NotFound, "file_not_found", {{"file", file}}, "cannot open " + file);
      r = segmentation::segment_lines(in, std::cout, file, !no_hmm, dict);
    }
    std::cout.flush();
    if (timing)
      std::cerr << r.lines << " lines, " << r.words << " words, " << r.bytes << " bytes; dictionary " << r.load_seconds
                << " s, segmentation " << r.cut_seconds << " s\n";
  });
  add_text_search_command(app, g);
  add_text_keyword_commands(app, g);
}

void add_text_search_command(CLI::App& app, GlobalOptions& g) {
  static std::string file, dict, idf = "lucene";
  static segmentation::LineSearch search;
  static bool timing = false;
  auto* cmd = app.get_subcommand("text")->add_subcommand(
      "search", "rank the lines of a file (each a document) by Okapi BM25 for a query, best first");
  cmd->add_option("FILE", file, "the documents, one per UTF-8 line")->required();
  cmd->add_option("QUERY", search.query, "what to look for (cut into words like the lines)")->required();
  cmd->add_option("--top", search.top, "how many lines (default 10)")->check(CLI::Range(1, 1000000));
  cmd->add_option("--k1", search.k1, "term-frequency saturation (default 1.2)");
  cmd->add_option("--b", search.b, "length normalisation, 0 to 1 (default 0.75)");
  cmd->add_option("--idf", idf, "lucene: ln(1 + (N-n+0.5)/(n+0.5)) (default); fts5: ln((N-n+0.5)/(n+0.5)), at least 1e-6, as SQLite FTS5's bm25()")
      ->check(CLI::IsMember({"lucene", "fts5"}));
  cmd->add_flag("--presegmented", search.presegmented, "lines and query are words separated by spaces already");
  cmd->add_flag_function("--no-hmm", [](int64_t n) { search.hmm = n == 0; }, "segment without the hidden Markov model");
  cmd->add_option("--dict", dict, "a dictionary in jieba's format");
  cmd->add_flag("--timing", timing, "report index and query seconds on standard error");
  cmd->add_flag("--json", g.json, "print JSON");
  cmd->callback([&g] {
    search.idf = idf == "fts5" ? text::Bm25Idf::Fts5 : text::Bm25Idf::Lucene;
    std::ifstream in(file, std::ios::binary);
    if (!in) fail_keyed(ErrorCode::NotFound, "file_not_found", {{"file", file}}, "cannot open " + file);
    auto r = segmentation::search_lines(in, file, search, dict);
    if (timing)
      std::cerr << r.documents << " documents, " << r.terms << " terms; index " << r.index_seconds << " s, query "
                << r.query_seconds << " s\n";
    if (g.json) {
      nlohmann::json hits = nlohmann::json::array();
      for (const auto& h : r.hits) hits.push_back({{"line", h.document + 1}, {"score", h.score}});
      std::cout << nlohmann::json{{"documents", r.documents}, {"terms", r.terms}, {"average_length", r.average_length},
                                  {"query_words", r.query_words}, {"hits", hits}}.dump(2)
                << "\n";
      return;
    }
    std::cout << r.documents << " documents, " << r.terms << " distinct words; query:";
    for (const auto& w : r.query_words) std::cout << " " << w;
    std::cout << "\nrank  line   score\n";
    size_t rank = 0;
    for (const auto& h : r.hits) {
      char buf[64];
      std::snprintf(buf, sizeof buf, "%4zu  %5u  %.6f\n", ++rank, h.document + 1, h.score);
      std::cout << buf;
    }
  });
}

// Opens FILE, or standard input for "" or "-", and hands the stream and its name to `use`.
template <typename Use>
void with_text_input(const std::string& file, Use&& use) {
  if (file.empty() || file == "-") {
    use(std::cin, std::string("stdin"));
    return;
  }
  std::ifstream in(file, std::ios::binary);
  if (!in) fail_keyed(ErrorCode::NotFound, "file_not_found", {{"file", file}}, "cannot open " + file);
  use(in, file);
}

void add_text_keyword_commands(CLI::App& app, GlobalOptions& g) {
  static std::string file, idf, dict;
  static size_t top = 20;
  static bool timing = false, keep_stop_words = false;
  auto* text = app.get_subcommand("text");
  auto* keywords = text->add_subcommand("keywords", "each line's TF-IDF keywords, best first (jieba.analyse.extract_tags)");
  keywords->add_option("FILE", file, "the text, one document per UTF-8 line (default: standard input)");
  keywords->add_option("--top", top, "how many keywords per line (default 20; 0: all)")->check(CLI::Range(0, 100000));
  keywords->add_option("--idf", idf, "an IDF table of \"word idf\" lines (default: Debian's python3-jieba analyse/idf.txt)");
  keywords->add_option("--dict", dict, "a dictionary in jieba's format");
  keywords->add_flag("--timing", timing, "report load and extraction seconds on standard error");
  keywords->add_flag("--json", g.json, "print JSON: per line a list of [word, weight]");
  keywords->callback([&g] {
    std::ios::sync_with_stdio(false);
    segmentation::LineKeywords r;
    with_text_input(file, [&](std::istream& in, const std::string& name) { r = segmentation::keyword_lines(in, name, top, idf, dict); });
    if (timing) std::cerr << r.lines.size() << " lines; load " << r.load_seconds << " s, keywords " << r.extract_seconds << " s\n";
    if (g.json) {
      nlohmann::json lines = nlohmann::json::array();
      for (const auto& line : r.lines) {
        nlohmann::json items = nlohmann::json::array();
        for (const auto& k : line) items.push_back({k.word, k.weight});
        lines.push_back(items);
      }
      std::cout << lines.dump() << "\n";
      return;
    }
    std::string written;
    for (const auto& line : r.lines) {
      written.clear();
      for (const auto& k : line) {
        if (!written.empty()) written.push_back(' ');
        written += k.word;
      }
      written.push_back('\n');
      std::cout << written;
    }
  });

  auto* stem = text->add_subcommand("stem", "each line's English words, lower-cased and stemmed (Porter2, Snowball English)");
  stem->add_option("FILE", file, "the text (default: standard input)");
  stem->add_flag("--keep-stop-words", keep_stop_words, "keep the, of, and … (left out by default)");
  stem->callback([] {
    std::ios::sync_with_stdio(false);
    with_text_input(file, [&](std::istream& in, const std::string& name) {
      segmentation::stem_lines(in, std::cout, name, !keep_stop_words);
    });
    std::cout.flush();
  });
}

}  // namespace xinzhi::cli
