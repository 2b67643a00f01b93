#include "base/json_writer.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace xinzhi {

TEST(JsonWriter, WritesWhatNlohmannReadsBack) {
  JsonWriter w;
  w.begin_object()
      .field("name", "天津\"滨海\"\\新区\n")
      .field("count", int64_t{-3})
      .field("big", uint64_t{18446744073709551615ULL})
      .field("share", 0.125)
      .field("whole", 2.0)
      .field("ok", true);
  w.key("list").begin_array().value(1).value("a").null().begin_object().end_object().begin_array().end_array().end_array();
  w.key("nan").value(std::nan(""));
  w.end_object();
  auto j = nlohmann::json::parse(w.str());
  EXPECT_EQ(j["name"], "天津\"滨海\"\\新区\n");
  EXPECT_EQ(j["count"], -3);
  EXPECT_EQ(j["big"].get<uint64_t>(), 18446744073709551615ULL);
  EXPECT_EQ(j["share"], 0.125);
  EXPECT_TRUE(j["whole"].is_number_float());
  EXPECT_EQ(j["list"].size(), 5u);
  EXPECT_TRUE(j["list"][2].is_null());
  EXPECT_TRUE(j["nan"].is_null());
  EXPECT_EQ(w.str().find(' '), std::string::npos);  // compact
}

TEST(JsonWriter, EscapesControlsAndReplacesBrokenUtf8) {
  JsonWriter w;
  w.begin_array().value(std::string("a\x01" "b")).value(std::string("x\xFFy\xE5\xA4")).end_array();
  EXPECT_EQ(w.str(), "[\"a\\u0001b\",\"x\xEF\xBF\xBDy\xEF\xBF\xBD\xEF\xBF\xBD\"]");
  EXPECT_NO_THROW(nlohmann::json::parse(w.str()));
}

TEST(JsonWriter, DoublesRoundTripExactly) {
  for (double v : {0.1, 1.0 / 3, 5000.0, 1e-300, 123456789.125}) {
    JsonWriter w;
    w.value(v);
    EXPECT_EQ(nlohmann::json::parse(w.str()).get<double>(), v) << w.str();
  }
}

}  // namespace xinzhi
