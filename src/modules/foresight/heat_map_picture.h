// Draws a heat map as a picture (PNG or SVG, one drawing for both through cairo): fields down,
// periods across, the measure as colour, bursts outlined, Chinese labels where known.
#pragma once
#include <string>

#include "modules/foresight/heat_map.h"

namespace xinzhi::foresight {

enum class PictureFormat { Png, Svg };

// The picture's bytes (a PNG file or an SVG document).
std::string heat_map_picture(const HeatMap& m, PictureFormat format);

}  // namespace xinzhi::foresight
