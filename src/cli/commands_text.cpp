// xinzhi text segment: Chinese word segmentation (jieba's method and dictionary), line for
// line, words separated by one space. This door reads the options and prints; the
// segmentation module cuts.
#include <fstream>
#include <iostream>

#include "base/error.h"
#include "cli/commands.h"
#include "modules/segmentation/segmentation_service.h"

namespace xinzhi::cli {

void add_text_commands(CLI::App& app, GlobalOptions&) {
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
}

}  // namespace xinzhi::cli
