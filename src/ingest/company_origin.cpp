#include "ingest/company_origin.h"

#include <algorithm>
#include <array>
#include <unordered_map>
#include <utility>

#include "base/text.h"

namespace xinzhi::ingest {

namespace {
using Pair = std::pair<std::string_view, std::string_view>;

// Countries and regions as names start with them (美国铝业, 日本制铁, 香港电讯) or carry them in
// brackets (百度(美国)有限责任公司). Hong Kong, Macao and Taiwan are outside the mainland
// divisions the gazetteer knows, and 境外 as Chinese statistics use the word.
constexpr std::array kCountries = {
    Pair{"美国", "美国"},       Pair{"日本", "日本"},       Pair{"德国", "德国"},       Pair{"韩国", "韩国"},
    Pair{"英国", "英国"},       Pair{"法国", "法国"},       Pair{"瑞士", "瑞士"},       Pair{"荷兰", "荷兰"},
    Pair{"意大利", "意大利"},   Pair{"瑞典", "瑞典"},       Pair{"加拿大", "加拿大"},   Pair{"澳大利亚", "澳大利亚"},
    Pair{"澳洲", "澳大利亚"},   Pair{"新加坡", "新加坡"},   Pair{"印度尼西亚", "印度尼西亚"}, Pair{"印尼", "印度尼西亚"},
    Pair{"印度", "印度"},       Pair{"以色列", "以色列"},   Pair{"俄罗斯", "俄罗斯"},   Pair{"西班牙", "西班牙"},
    Pair{"比利时", "比利时"},   Pair{"丹麦", "丹麦"},       Pair{"挪威", "挪威"},       Pair{"芬兰", "芬兰"},
    Pair{"奥地利", "奥地利"},   Pair{"爱尔兰", "爱尔兰"},   Pair{"卢森堡", "卢森堡"},   Pair{"新西兰", "新西兰"},
    Pair{"巴西", "巴西"},       Pair{"墨西哥", "墨西哥"},   Pair{"阿根廷", "阿根廷"},   Pair{"沙特", "沙特阿拉伯"},
    Pair{"阿联酋", "阿联酋"},   Pair{"迪拜", "阿联酋"},     Pair{"阿布扎比", "阿联酋"}, Pair{"卡塔尔", "卡塔尔"},
    Pair{"科威特", "科威特"},   Pair{"马来西亚", "马来西亚"}, Pair{"泰国", "泰国"},     Pair{"越南", "越南"},
    Pair{"菲律宾", "菲律宾"},   Pair{"土耳其", "土耳其"},   Pair{"南非", "南非"},       Pair{"波兰", "波兰"},
    Pair{"捷克", "捷克"},       Pair{"匈牙利", "匈牙利"},   Pair{"葡萄牙", "葡萄牙"},   Pair{"希腊", "希腊"},
    Pair{"智利", "智利"},       Pair{"埃及", "埃及"},       Pair{"哈萨克斯坦", "哈萨克斯坦"}, Pair{"巴基斯坦", "巴基斯坦"},
    Pair{"蒙古国", "蒙古国"},   Pair{"阿尔及利亚", "阿尔及利亚"}, Pair{"摩洛哥", "摩洛哥"}, Pair{"香港", "中国香港"},
    Pair{"澳门", "中国澳门"},   Pair{"台湾", "中国台湾"},   Pair{"欧洲", "欧洲"},       Pair{"东南亚", "东南亚"},
    Pair{"非洲", "非洲"},
};
// Not 中东: Chinese trade names start with it too (中东基建科技集团).

// Foreign firms that ICKG25 names by brand alone, without a country: the most connected of its
// companies without a region, each checked by hand (headquarters' country). Extend it here.
constexpr std::array kKnownForeignFirms = {
    Pair{"英伟达", "美国"}, Pair{"NVDIA", "美国"}, Pair{"特斯拉", "美国"}, Pair{"微软", "美国"}, Pair{"谷歌", "美国"},
    Pair{"Google", "美国"}, Pair{"OpenAI", "美国"}, Pair{"亚马逊", "美国"}, Pair{"亚马逊云科技", "美国"},
    Pair{"AWS", "美国"}, Pair{"英特尔", "美国"}, Pair{"Meta", "美国"}, Pair{"高通", "美国"}, Pair{"AMD", "美国"},
    Pair{"戴尔", "美国"}, Pair{"Anthropic", "美国"}, Pair{"迪士尼", "美国"}, Pair{"伯克希尔哈撒韦", "美国"},
    Pair{"默沙东", "美国"}, Pair{"惠普", "美国"}, Pair{"高盛", "美国"}, Pair{"礼来", "美国"}, Pair{"IBM", "美国"},
    Pair{"苹果", "美国"}, Pair{"Apple", "美国"}, Pair{"Apple Inc.", "美国"}, Pair{"强生", "美国"},
    Pair{"强生公司", "美国"}, Pair{"xAI", "美国"}, Pair{"沃尔玛", "美国"}, Pair{"美光", "美国"},
    Pair{"Waymo", "美国"}, Pair{"辉瑞", "美国"}, Pair{"波音", "美国"}, Pair{"Uber", "美国"}, Pair{"SpaceX", "美国"},
    Pair{"伊士曼柯达", "美国"}, Pair{"麦当劳", "美国"}, Pair{"Scale AI", "美国"}, Pair{"桥水", "美国"},
    Pair{"甲骨文", "美国"}, Pair{"甲骨文国际公司", "美国"}, Pair{"星巴克", "美国"}, Pair{"可口可乐", "美国"},
    Pair{"博通", "美国"}, Pair{"Neuralink", "美国"}, Pair{"福特", "美国"}, Pair{"福特汽车", "美国"},
    Pair{"贝莱德", "美国"}, Pair{"通用汽车", "美国"}, Pair{"花旗", "美国"}, Pair{"花旗银行", "美国"},
    Pair{"摩根大通", "美国"}, Pair{"摩根士丹利", "美国"}, Pair{"富国银行", "美国"}, Pair{"硅谷银行", "美国"},
    Pair{"黑石", "美国"}, Pair{"黑石集团", "美国"}, Pair{"思科", "美国"}, Pair{"德州仪器", "美国"},
    Pair{"应用材料", "美国"}, Pair{"霍尼韦尔", "美国"}, Pair{"通用电气", "美国"}, Pair{"3M", "美国"},
    Pair{"卡特彼勒", "美国"}, Pair{"雅培", "美国"}, Pair{"赛默飞", "美国"}, Pair{"宝洁", "美国"},
    Pair{"耐克", "美国"}, Pair{"奈飞", "美国"}, Pair{"Netflix", "美国"}, Pair{"埃克森美孚", "美国"},
    Pair{"雪佛龙", "美国"}, Pair{"丹纳赫", "美国"}, Pair{"西部数据", "美国"}, Pair{"新思科技", "美国"},
    Pair{"三星", "韩国"}, Pair{"三星集团", "韩国"}, Pair{"三星电子", "韩国"}, Pair{"SK海力士", "韩国"},
    Pair{"现代汽车", "韩国"}, Pair{"LG", "韩国"}, Pair{"LG新能源", "韩国"}, Pair{"起亚", "韩国"},
    Pair{"软银", "日本"}, Pair{"软银集团", "日本"}, Pair{"丰田", "日本"}, Pair{"丰田汽车", "日本"},
    Pair{"索尼", "日本"}, Pair{"松下", "日本"}, Pair{"爱普生", "日本"}, Pair{"佳能", "日本"}, Pair{"本田", "日本"},
    Pair{"日产", "日本"}, Pair{"村田制作所", "日本"}, Pair{"日立", "日本"}, Pair{"东芝", "日本"},
    Pair{"任天堂", "日本"}, Pair{"电装", "日本"}, Pair{"三菱日联银行", "日本"}, Pair{"优衣库", "日本"},
    Pair{"施耐德", "法国"}, Pair{"施耐德电气", "法国"}, Pair{"赛诺菲", "法国"}, Pair{"欧莱雅", "法国"},
    Pair{"道达尔", "法国"}, Pair{"雷诺", "法国"}, Pair{"宝马", "德国"}, Pair{"西门子", "德国"},
    Pair{"巴斯夫", "德国"}, Pair{"大众", "德国"}, Pair{"奔驰", "德国"}, Pair{"梅赛德斯-奔驰", "德国"},
    Pair{"奥迪", "德国"}, Pair{"保时捷", "德国"}, Pair{"拜耳", "德国"}, Pair{"博世", "德国"},
    Pair{"罗伯特·博世有限公司", "德国"}, Pair{"德意志银行", "德国"}, Pair{"英飞凌", "德国"}, Pair{"采埃孚", "德国"},
    Pair{"阿迪达斯", "德国"}, Pair{"飞利浦", "荷兰"}, Pair{"恩智浦", "荷兰"}, Pair{"阿斯麦", "荷兰"},
    Pair{"ASML", "荷兰"}, Pair{"Stellantis", "荷兰"}, Pair{"Stelantis集团", "荷兰"}, Pair{"诺和诺德", "丹麦"},
    Pair{"阿斯利康", "英国"}, Pair{"汇丰", "英国"}, Pair{"汇丰银行", "英国"}, Pair{"渣打银行", "英国"},
    Pair{"巴克莱银行", "英国"}, Pair{"葛兰素史克", "英国"}, Pair{"联合利华", "英国"}, Pair{"壳牌", "英国"},
    Pair{"力拓", "英国"}, Pair{"Arm", "英国"}, Pair{"安谋", "英国"}, Pair{"罗氏", "瑞士"}, Pair{"诺华", "瑞士"},
    Pair{"雀巢", "瑞士"}, Pair{"ABB", "瑞士"}, Pair{"瑞银", "瑞士"}, Pair{"嘉能可", "瑞士"}, Pair{"宜家", "瑞典"},
    Pair{"桑坦德银行", "西班牙"}, Pair{"华侨银行", "新加坡"}, Pair{"大华银行", "新加坡"}, Pair{"淡马锡", "新加坡"},
    Pair{"必和必拓", "澳大利亚"}, Pair{"淡水河谷", "巴西"}, Pair{"台积电", "中国台湾"}, Pair{"联发科", "中国台湾"},
    Pair{"华硕", "中国台湾"}, Pair{"富士康", "中国台湾"}, Pair{"鸿海", "中国台湾"},
};

// Legal forms of foreign companies. Ltd/Limited are left out: Hong Kong and mainland firms'
// English names use them too.
constexpr std::array<Pair, 12> kLegalForms = {
    Pair{"株式会社", "日本"}, Pair{"有限会社", "日本"}, Pair{" Inc", ""}, Pair{"Inc.", ""}, Pair{" Corp", ""},
    Pair{" LLC", ""}, Pair{"GmbH", ""}, Pair{" AG", ""}, Pair{" PLC", ""}, Pair{" N.V.", ""}, Pair{" S.A.", ""},
    Pair{" B.V.", ""},
};

// Words that qualify a class of actors without naming one (国产芯片厂商, 上游的零部件厂商).
constexpr std::array kQualifiers = {
    "国产", "国内", "海外", "境外", "全球", "国际", "头部", "龙头", "中小", "中小型", "大型", "小型", "上游", "下游",
    "中游", "本地", "本土", "当地", "相关", "核心", "其他", "一线", "一级", "二级", "民营", "国有", "中央", "省属",
    "市属", "地方", "各", "各类", "多家", "部分", "主要", "知名", "传统", "新兴", "新锐", "被投", "合营", "属地",
    "科技型", "高新技术", "高科技", "专精特新", "小巨人", "单项冠军", "成长型", "中资", "外资", "创新型", "股份制",
    "区域性", "商业", "互联网", "数字", "终端", "配套", "生产", "制造", "服务", "从事", "的", "和", "与", "及", "某"};

// Class nouns: a name ending in one of these may name a class of actors.
constexpr std::array kClassNouns = {"企业", "厂商", "车企", "药企", "房企", "险企", "运营商", "供应商", "制造商",
                                     "经销商", "代理商", "零售商", "服务商", "提供商", "开发商", "承包商", "集成商",
                                     "经营者", "运营者", "客户", "用户", "机构", "平台", "品牌", "政府"};
// Nouns Chinese also uses to name one firm; generic only after an indefinite or plural marker.
constexpr std::array kFirmNouns = {"公司", "集团", "银行"};
constexpr std::array kPluralMarkers = {"某", "各", "各类", "多家", "部分", "头部", "中小", "股份制", "区域性", "大型",
                                        "其他", "相关", "一些", "若干"};
constexpr std::array kRegisteredForms = {"有限公司", "有限责任公司", "股份公司", "合伙企业", "合作社"};

// Code-point boundaries of s (byte offsets, 0 and s.size() included).
std::vector<size_t> boundaries(std::string_view s) {
  std::vector<size_t> out{0};
  for (size_t i = 1; i <= s.size(); ++i)
    if (i == s.size() || (static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) out.push_back(i);
  return out;
}

// "18家", "三家", "数家" at the start: a plural marker.
size_t count_prefix(std::string_view s) {
  static constexpr std::string_view numerals = "0123456789";
  static constexpr std::array cjk = {"一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "两", "几", "数", "百"};
  size_t i = 0;
  for (bool more = true; more && i < s.size();) {
    more = false;
    if (numerals.find(s[i]) != std::string_view::npos) {
      ++i, more = true;
      continue;
    }
    for (std::string_view c : cjk)
      if (s.substr(i).starts_with(c)) i += c.size(), more = true;
  }
  return i > 0 && s.substr(i).starts_with("家") ? i + std::string_view("家").size() : 0;
}

std::string folded(std::string_view name) {
  std::string s = text::fold_width(name);
  std::erase_if(s, [](char c) { return c == '\t'; });
  return s;
}
}  // namespace

bool is_outside_mainland_label(std::string_view label) {
  if (label == kForeignProvince) return true;
  for (const auto& [prefix, country] : kCountries)
    if (label == prefix || label == country) return true;
  return false;
}

std::optional<ForeignOrigin> foreign_origin(std::string_view name) {
  std::string s = folded(name);
  std::string_view v = s;
  for (auto [prefix, country] : kCountries)
    if (v.starts_with(prefix)) return ForeignOrigin{std::string(country), "country_prefix"};
  for (auto [place, country] : kCountries) {
    std::string bracketed = "(";
    bracketed.append(place).append(")");
    if (v.find(bracketed) != std::string_view::npos) return ForeignOrigin{std::string(country), "country_in_brackets"};
  }
  static const auto known = [] {
    std::unordered_map<std::string, std::string_view> by_key;
    for (auto [firm, country] : kKnownForeignFirms) by_key.emplace(text::name_key(firm), country);
    return by_key;
  }();
  if (auto it = known.find(text::name_key(v)); it != known.end())
    return ForeignOrigin{std::string(it->second), "known_foreign_firm"};
  for (auto [form, country] : kLegalForms) {
    // Latin forms only in Latin-script names; a Chinese name with "AG" in it is no evidence.
    bool latin_form = !form.empty() && static_cast<unsigned char>(form.back()) < 0x80;
    if (latin_form && std::any_of(v.begin(), v.end(), [](char c) { return static_cast<unsigned char>(c) >= 0x80; }))
      continue;
    if (v.find(form) != std::string_view::npos) return ForeignOrigin{std::string(country), "legal_form"};
  }
  return std::nullopt;
}

GenericActorRule::GenericActorRule(const std::vector<std::string>& industry_names) {
  auto add = [&](std::string_view word) {
    if (text::codepoints(word) < 1) return;
    vocabulary_.emplace(word);
    longest_word_ = std::max(longest_word_, word.size());
  };
  for (const auto& raw : industry_names) {
    std::string name = folded(raw);
    for (std::string_view suffix : {"行业", "产业"})
      if (text::ends_with(name, suffix) && name.size() > suffix.size()) name.resize(name.size() - suffix.size());
    // One-character industries (茶, 酒) would let too many names through.
    if (text::codepoints(name) >= 2) add(name);
  }
  for (std::string_view q : kQualifiers) add(q);
  for (auto [country, _] : kCountries) add(country);
  for (std::string_view noun : kClassNouns) add(noun);
}

bool GenericActorRule::covered(std::string_view s) const {
  auto cuts = boundaries(s);
  std::vector<bool> reachable(cuts.size(), false);
  reachable[0] = true;
  for (size_t i = 0; i + 1 < cuts.size(); ++i) {
    if (!reachable[i]) continue;
    for (size_t j = i + 1; j < cuts.size() && cuts[j] - cuts[i] <= longest_word_; ++j)
      if (!reachable[j] && vocabulary_.count(std::string(s.substr(cuts[i], cuts[j] - cuts[i])))) reachable[j] = true;
  }
  return reachable.back();
}

bool GenericActorRule::is_generic(std::string_view name) const {
  std::string s = folded(name);
  std::erase_if(s, [](char c) { return c == ' '; });
  std::string_view v = s;
  for (std::string_view form : kRegisteredForms)
    if (v.find(form) != std::string_view::npos) return false;
  auto head_before = [&](std::string_view noun) { return v.substr(0, v.size() - noun.size()); };
  for (std::string_view noun : kClassNouns)
    if (v.ends_with(noun)) {
      std::string_view rest = head_before(noun);
      rest.remove_prefix(count_prefix(rest));
      return rest.empty() || covered(rest);
    }
  for (std::string_view noun : kFirmNouns)
    if (v.ends_with(noun)) {
      std::string_view rest = head_before(noun);
      if (rest.empty()) return true;  // 公司, 银行: the word alone
      if (size_t n = count_prefix(rest)) return rest.size() == n || covered(rest.substr(n));
      for (std::string_view marker : kPluralMarkers)
        if (rest.starts_with(marker)) return rest.size() == marker.size() || covered(rest.substr(marker.size()));
      return false;
    }
  return false;
}

}  // namespace xinzhi::ingest
