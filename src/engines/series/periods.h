// Periods of dated events: the label of the year, quarter, month or ISO week a date
// (YYYY-MM-DD or YYYYMMDD) falls in, so events can be counted per period.
#pragma once
#include <string>
#include <string_view>

namespace xinzhi::series {

enum class Granularity { Year, Quarter, Month, Week };

// "2016", "2016-Q3", "2016-07", "2016-W27"; throws std::invalid_argument on a bad date.
std::string period_of(std::string_view date, Granularity g);
Granularity granularity_named(std::string_view name);  // year | quarter | month | week

}  // namespace xinzhi::series
