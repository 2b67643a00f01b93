// An indicator computed from other series (指标公式): arithmetic over series codes in braces,
// "{RDActivity/v4_zh_nbzc_hj} / {RDLaborHour/v4_zh_qsdl_hj} * 10000", parsed once and evaluated
// for every province and year.
#pragma once
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace xinzhi::nqpf {

class IndicatorFormula {
 public:
  // Numbers, {series} references, + − × ÷ (as + - * /), unary minus and parentheses; at
  // least one series, at most 2000 characters, 64 levels of nesting. InvalidInput
  // nqpf_bad_formula naming `field`, the 1-based character where it goes wrong and a reason
  // (empty, ends, unexpected, unclosed, bad_code, not_number, too_deep, too_long, no_series).
  IndicatorFormula(std::string_view text, const std::string& field);

  // The series referred to, each once, in order of first use.
  const std::vector<std::string>& series() const { return series_; }
  // NaN when a series it reads is missing (NaN) or a division is by zero: a value the data
  // does not give is missing, never 0 or infinite.
  double evaluate(const std::function<double(const std::string&)>& value_of) const;

 private:
  enum class Op : char { Number, Series, Add, Sub, Mul, Div, Neg };
  struct Step {
    Op op;
    double number = 0;
    size_t series = 0;
  };
  std::vector<Step> program_;  // postfix
  std::vector<std::string> series_;
  friend class FormulaParser;
};

}  // namespace xinzhi::nqpf
