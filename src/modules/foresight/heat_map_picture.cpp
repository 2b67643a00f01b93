#include "modules/foresight/heat_map_picture.h"

#include <cairo-svg.h>
#include <cairo.h>

#include <algorithm>
#include <cmath>
#include <memory>

#include "base/error.h"
#include "modules/foresight/ipc_labels.h"

namespace xinzhi::foresight {

namespace {

struct Rgb {
  double r, g, b;
};

// Yellow–orange–red, as ColorBrewer's YlOrRd (the colours of the web page's scale).
Rgb colour(double x) {
  static const Rgb stops[] = {{1.00, 1.00, 0.80}, {1.00, 0.93, 0.63}, {0.996, 0.85, 0.46}, {0.996, 0.70, 0.30},
                              {0.99, 0.55, 0.24}, {0.99, 0.31, 0.16}, {0.89, 0.10, 0.11}, {0.74, 0.00, 0.15},
                              {0.50, 0.00, 0.15}};
  x = std::clamp(x, 0.0, 1.0) * 8;
  size_t i = std::min<size_t>(static_cast<size_t>(x), 7);
  double f = x - static_cast<double>(i);
  return {stops[i].r + f * (stops[i + 1].r - stops[i].r), stops[i].g + f * (stops[i + 1].g - stops[i].g),
          stops[i].b + f * (stops[i + 1].b - stops[i].b)};
}

std::string clip(const std::string& s, size_t max_chars) {
  // Count UTF-8 characters, not bytes, so that Chinese labels are cut between characters.
  size_t chars = 0, i = 0;
  for (; i < s.size(); ++i)
    if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80 && ++chars > max_chars) break;
  return i < s.size() ? s.substr(0, i) + "…" : s;
}

}  // namespace

namespace {
cairo_status_t append(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}
}  // namespace

std::string heat_map_picture(const HeatMap& m, PictureFormat format) {
  std::string bytes;
  const double cell_w = std::max(14.0, std::min(40.0, 900.0 / std::max<size_t>(1, m.periods.size())));
  const double cell_h = 18, left = 300, top = 56, bottom = 90;
  const size_t rows = m.shown.size(), cols = m.periods.size();
  const double width = left + cell_w * static_cast<double>(cols) + 30;
  const double height = top + cell_h * static_cast<double>(std::max<size_t>(rows, 1)) + bottom;

  cairo_surface_t* surface = format == PictureFormat::Svg ? cairo_svg_surface_create_for_stream(append, &bytes, width, height)
                                                          : cairo_image_surface_create(CAIRO_FORMAT_RGB24,
                                                                                       static_cast<int>(width),
                                                                                       static_cast<int>(height));
  std::unique_ptr<cairo_surface_t, decltype(&cairo_surface_destroy)> surface_guard(surface, cairo_surface_destroy);
  if (cairo_surface_status(surface) != CAIRO_STATUS_SUCCESS) fail(ErrorCode::Internal, "cannot draw the heat map");
  cairo_t* cr = cairo_create(surface);
  std::unique_ptr<cairo_t, decltype(&cairo_destroy)> cr_guard(cr, cairo_destroy);
  cairo_set_source_rgb(cr, 1, 1, 1);
  cairo_paint(cr);
  cairo_select_font_face(cr, "WenQuanYi Micro Hei", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);

  cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);
  cairo_set_font_size(cr, 15);
  cairo_move_to(cr, 12, 24);
  std::string title = "技术预见热力图 · " + m.query.measure + " · " + m.query.level + " · " + std::to_string(m.from) +
                      "–" + std::to_string(m.to) + " · " + std::to_string(m.records) + " 条记录";
  if (!m.query.filter.region.empty()) title += " · " + m.query.filter.region;
  cairo_show_text(cr, title.c_str());
  cairo_set_font_size(cr, 11);
  cairo_move_to(cr, 12, 42);
  cairo_show_text(cr, "outlined cells: Kleinberg burst (突发)");

  // Colour by the measure relative to the largest value shown; growth is centred on 0.
  double hi = 0;
  for (const auto& f : m.shown)
    for (size_t t = 0; t < cols; ++t) {
      bool defined = false;
      double v = m.value(f.id, t, defined);
      if (defined) hi = std::max(hi, std::abs(v));
    }
  for (size_t r = 0; r < rows; ++r) {
    const auto& f = m.shown[r];
    double y = top + cell_h * static_cast<double>(r);
    auto label = label_of(f.code);
    cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);
    cairo_set_font_size(cr, 11);
    cairo_move_to(cr, 8, y + 13);
    std::string text = f.code + "  " + clip(label.zh.empty() ? label.en : label.zh, 18);
    cairo_show_text(cr, text.c_str());
    for (size_t t = 0; t < cols; ++t) {
      double x = left + cell_w * static_cast<double>(t);
      bool defined = false;
      double v = m.value(f.id, t, defined);
      if (!defined) {
        cairo_set_source_rgb(cr, 0.93, 0.93, 0.93);
      } else {
        double x01 = hi > 0 ? (m.query.measure == "growth" ? 0.5 + v / (2 * hi) : v / hi) : 0;
        auto c = colour(m.query.measure == "count" && hi > 1 ? std::log1p(std::max(0.0, v)) / std::log1p(hi) : x01);
        cairo_set_source_rgb(cr, c.r, c.g, c.b);
      }
      cairo_rectangle(cr, x, y, cell_w - 1, cell_h - 1);
      cairo_fill(cr);
      if (m.engine->burst_state(f.id, t)) {
        cairo_set_source_rgb(cr, 0.15, 0.15, 0.45);
        cairo_set_line_width(cr, 1.5);
        cairo_rectangle(cr, x + 0.75, y + 0.75, cell_w - 2.5, cell_h - 2.5);
        cairo_stroke(cr);
      }
    }
  }
  // Period labels, turned when they would overlap.
  cairo_set_source_rgb(cr, 0.2, 0.2, 0.2);
  cairo_set_font_size(cr, 10);
  const double base = top + cell_h * static_cast<double>(rows) + 6;
  size_t step = std::max<size_t>(1, static_cast<size_t>(std::ceil(14.0 / cell_w)));
  for (size_t t = 0; t < cols; t += step) {
    cairo_save(cr);
    cairo_move_to(cr, left + cell_w * static_cast<double>(t) + cell_w / 2 - 4, base);
    cairo_rotate(cr, M_PI / 2);
    cairo_show_text(cr, m.periods[t].c_str());
    cairo_restore(cr);
  }
  cairo_show_page(cr);
  if (format == PictureFormat::Png && cairo_surface_write_to_png_stream(surface, append, &bytes) != CAIRO_STATUS_SUCCESS)
    fail(ErrorCode::Internal, "cannot encode the heat map as PNG");
  cairo_surface_finish(surface);
  if (cairo_surface_status(surface) != CAIRO_STATUS_SUCCESS) fail(ErrorCode::Internal, "cannot draw the heat map");
  return bytes;
}

}  // namespace xinzhi::foresight
