// Reading the CSV a DEA command is given: a header row, one row per unit (or per unit and
// period), inputs and outputs chosen by column name. Errors name file:line and the column.
#pragma once
#include <string>
#include <vector>

#include "engines/dea/technology.h"

namespace xinzhi::ingest {

struct DeaColumns {
  std::string unit;  // optional for a cross-section: rows are then named "1", "2", … in file order
  std::string time;  // panels only
  std::vector<std::string> inputs, outputs, undesirable;
};

// One row per unit. A unit named twice is refused with both lines.
dea::Technology read_dea_technology(const std::string& path, const DeaColumns& columns);

// One row per unit and period; periods in numeric order when every period is a number, else
// in text order; units in the order they first appear. Refused with file:line: a unit twice
// in a period; and naming unit and period: a unit missing from a period (the panel must be
// balanced; DEAP and deaR refuse it too).
dea::Panel read_dea_panel(const std::string& path, const DeaColumns& columns);

}  // namespace xinzhi::ingest
