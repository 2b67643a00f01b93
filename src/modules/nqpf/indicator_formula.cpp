#include "modules/nqpf/indicator_formula.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>

#include "base/error.h"

namespace xinzhi::nqpf {

namespace {
constexpr size_t kLongestFormula = 2000;  // characters

// UTF-8 code points: every byte but the continuation bytes (10xxxxxx) starts one.
size_t characters(std::string_view text) {
  return static_cast<size_t>(std::count_if(text.begin(), text.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}
}  // namespace

// Recursive descent over expr := term (± term)*, term := factor (×÷ factor)*,
// factor := number | {series} | (expr) | −factor, emitting postfix steps.
class FormulaParser {
 public:
  FormulaParser(std::string_view text, const std::string& field, IndicatorFormula& out)
      : text_(text), field_(field), out_(out) {}

  void parse() {
    skip_space();
    if (pos_ == text_.size()) fail("empty", "the formula is empty");
    expression(0);
    skip_space();
    if (pos_ != text_.size()) fail("unexpected", std::string("unexpected '") + text_[pos_] + "'");
  }

 private:
  // Deep nesting is refused rather than let to exhaust the stack.
  static constexpr int kDeepest = 64;

  // `reason` is a code the dashboard translates (formulaWhy_<reason>); the position counts
  // characters, not bytes, since series codes may be Chinese.
  [[noreturn]] void fail(const char* reason, const std::string& why) {
    const std::string at = std::to_string(characters(text_.substr(0, pos_)) + 1);
    fail_keyed(ErrorCode::InvalidInput, "nqpf_bad_formula", {{"field", field_}, {"position", at}, {"reason", reason}},
               "indicator system: " + field_ + " at character " + at + ": " + why);
  }
  void skip_space() {
    while (pos_ < text_.size() && std::isspace(static_cast<unsigned char>(text_[pos_]))) ++pos_;
  }
  void emit(IndicatorFormula::Op op) { out_.program_.push_back({op, 0, 0}); }

  // expression := term (± term)*, term := factor (×÷ factor)*: both left-associative.
  void expression(int depth) { operands(depth, '+', IndicatorFormula::Op::Add, '-', IndicatorFormula::Op::Sub, &FormulaParser::term); }
  void term(int depth) { operands(depth, '*', IndicatorFormula::Op::Mul, '/', IndicatorFormula::Op::Div, &FormulaParser::factor); }
  void operands(int depth, char a, IndicatorFormula::Op op_a, char b, IndicatorFormula::Op op_b, void (FormulaParser::*next)(int)) {
    (this->*next)(depth);
    for (skip_space(); pos_ < text_.size() && (text_[pos_] == a || text_[pos_] == b); skip_space()) {
      const char op = text_[pos_++];
      (this->*next)(depth);
      emit(op == a ? op_a : op_b);
    }
  }
  void factor(int depth) {
    if (depth > kDeepest) fail("too_deep", "nested too deeply");
    skip_space();
    if (pos_ == text_.size()) fail("ends", "the formula ends where a value is expected");
    const char c = text_[pos_];
    if (c == '-') {
      ++pos_;
      factor(depth + 1);
      emit(IndicatorFormula::Op::Neg);
    } else if (c == '(') {
      ++pos_;
      expression(depth + 1);
      skip_space();
      if (pos_ == text_.size() || text_[pos_] != ')') fail("unclosed", "a '(' is not closed");
      ++pos_;
    } else if (c == '{') {
      const size_t close = text_.find('}', pos_);
      if (close == std::string_view::npos) fail("unclosed", "a '{' is not closed");
      const std::string code(text_.substr(pos_ + 1, close - pos_ - 1));
      if (code.empty() || code.find_first_of("{ \t") != std::string::npos) fail("bad_code", "'{" + code + "}' is not a series code");
      auto& names = out_.series_;
      const auto it = std::find(names.begin(), names.end(), code);
      const size_t index = static_cast<size_t>(it - names.begin());
      if (it == names.end()) names.push_back(code);
      out_.program_.push_back({IndicatorFormula::Op::Series, 0, index});
      pos_ = close + 1;
    } else if (std::isdigit(static_cast<unsigned char>(c)) || c == '.') {
      double v = 0;
      const auto [end, ec] = std::from_chars(text_.data() + pos_, text_.data() + text_.size(), v);
      if (ec != std::errc() || !std::isfinite(v)) fail("not_number", "not a number");
      pos_ = static_cast<size_t>(end - text_.data());
      out_.program_.push_back({IndicatorFormula::Op::Number, v, 0});
    } else {
      fail("unexpected", std::string("unexpected '") + c + "' (series codes go in braces: {RDIntense/v4_ztr_jf_RD})");
    }
  }

  std::string_view text_;
  const std::string& field_;
  IndicatorFormula& out_;
  size_t pos_ = 0;
};

IndicatorFormula::IndicatorFormula(std::string_view text, const std::string& field) {
  if (characters(text) > kLongestFormula)
    fail_keyed(ErrorCode::InvalidInput, "nqpf_bad_formula",
               {{"field", field}, {"position", std::to_string(kLongestFormula + 1)}, {"reason", "too_long"}},
               "indicator system: " + field + " is longer than " + std::to_string(kLongestFormula) + " characters");
  FormulaParser(text, field, *this).parse();
  // A formula of numbers alone would be the same in every province and year: no indicator.
  if (series_.empty())
    fail_keyed(ErrorCode::InvalidInput, "nqpf_bad_formula", {{"field", field}, {"position", "1"}, {"reason", "no_series"}},
               "indicator system: " + field + " reads no series");
}

double IndicatorFormula::evaluate(const std::function<double(const std::string&)>& value_of) const {
  std::vector<double> values(series_.size());
  for (size_t i = 0; i < series_.size(); ++i) values[i] = value_of(series_[i]);
  std::vector<double> stack;
  stack.reserve(program_.size());
  auto pop = [&] {
    const double v = stack.back();
    stack.pop_back();
    return v;
  };
  for (const auto& s : program_) {
    switch (s.op) {
      case Op::Number: stack.push_back(s.number); break;
      case Op::Series: stack.push_back(values[s.series]); break;
      case Op::Neg: stack.back() = -stack.back(); break;
      default: {
        const double b = pop(), a = pop();
        double r = 0;
        if (s.op == Op::Add) r = a + b;
        else if (s.op == Op::Sub) r = a - b;
        else if (s.op == Op::Mul) r = a * b;
        else r = b == 0 ? std::nan("") : a / b;
        stack.push_back(r);
      }
    }
  }
  const double v = stack.back();
  return std::isfinite(v) ? v : std::nan("");
}

}  // namespace xinzhi::nqpf
