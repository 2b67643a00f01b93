// Draws a heat map as a picture (PNG or SVG, one drawing for both through cairo): fields down,
// periods across, the measure as colour, bursts outlined, Chinese labels where known.
#pragma once
#include <string>

#include "modules/foresight/heat_map.h"

namespace xinzhi::foresight {

enum class PictureFormat { Png, Svg };

// Throws xinzhi::Error (invalid input) when the file cannot be written.
void draw_heat_map(const HeatMap& m, const std::string& path, PictureFormat format);

}  // namespace xinzhi::foresight
