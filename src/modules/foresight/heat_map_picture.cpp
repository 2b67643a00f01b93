#include "modules/foresight/heat_map_picture.h"

#include <cairo-svg.h>
#include <cairo.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <memory>
#include <string>

#include "base/error.h"
#include "modules/foresight/ipc_labels.h"

namespace xinzhi::foresight {

namespace {

struct Rgb {
  double r, g, b;
};

Rgb hex(const std::string& c) {
  auto byte = [&](size_t i) { return static_cast<double>(std::stoi(c.substr(i, 2), nullptr, 16)) / 255.0; };
  return {byte(1), byte(3), byte(5)};
}

// The scale's stops, equally spaced and interpolated linearly in RGB, as the page's visualMap
// draws them, so that a cell has one colour on the page and in the file.
Rgb colour(const ColourScale& scale, double x) {
  const size_t n = scale.colours.size();
  x = std::clamp(x, 0.0, 1.0) * static_cast<double>(n - 1);
  size_t i = std::min<size_t>(static_cast<size_t>(x), n - 2);
  double f = x - static_cast<double>(i);
  Rgb a = hex(scale.colours[i]), b = hex(scale.colours[i + 1]);
  return {a.r + f * (b.r - a.r), a.g + f * (b.g - a.g), a.b + f * (b.b - a.b)};
}

// The unit of the legend, in the page's Chinese words.
std::string unit_text(const HeatMap& m) {
  const auto& u = m.scale.unit;
  if (u == "patents") return "件";
  if (u == "percent") return "%";
  if (u == "strength") return "突发强度（无量纲）";
  static const std::pair<const char*, const char*> per[] = {{"year", "%/年"}, {"quarter", "%/季度"}, {"month", "%/月"}, {"week", "%/周"}};
  for (const auto& [period, text] : per)
    if (m.query.period == period) return text;
  return "%";
}

std::string number(double v) {
  char buf[32];
  snprintf(buf, sizeof buf, v == std::floor(v) && std::abs(v) < 1e12 ? "%.0f" : "%.3g", v);
  return buf;
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
  const double cell_h = 18, left = 300, top = 56, bottom = 130;
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
  std::string title = "技术预见热力图 · ";
  title.append(m.query.measure).append(" · ").append(m.query.level).append(" · ").append(std::to_string(m.from));
  title.append("–").append(std::to_string(m.to)).append(" · ").append(std::to_string(m.records)).append(" 件");
  if (!m.query.filter.region.empty()) title.append(" · ").append(m.query.filter.region);
  cairo_show_text(cr, title.c_str());
  cairo_set_font_size(cr, 11);
  cairo_move_to(cr, 12, 42);
  // The source and how far it reaches, as on the page.
  std::string source = "数据来源：";
  for (size_t i = 0; i < m.sources.size(); ++i) source.append(i ? "，" : "").append(m.sources[i].name);
  source.append("；数据截至 ").append(m.data_through).append("；描边：Kleinberg 突发");
  cairo_show_text(cr, source.c_str());
  for (size_t r = 0; r < rows; ++r) {
    const auto& f = m.shown[r];
    double y = top + cell_h * static_cast<double>(r);
    auto label = label_of(f.code);
    cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);
    cairo_set_font_size(cr, 11);
    cairo_move_to(cr, 8, y + 13);
    std::string text = f.code;
    text.append("  ").append(clip(label.zh.empty() ? label.en : label.zh, 18));
    cairo_show_text(cr, text.c_str());
    for (size_t t = 0; t < cols; ++t) {
      double x = left + cell_w * static_cast<double>(t);
      bool defined = false;
      double v = m.value(f.id, t, defined);
      if (!defined) {
        auto c = hex(m.scale.missing);
        cairo_set_source_rgb(cr, c.r, c.g, c.b);
      } else {
        auto c = colour(m.scale, m.scale.position(v));
        cairo_set_source_rgb(cr, c.r, c.g, c.b);
      }
      cairo_rectangle(cr, x, y, cell_w - 1, cell_h - 1);
      cairo_fill(cr);
      if (m.engine->burst_state(f.id, t)) {
        auto c = hex(m.scale.burst_outline);
        cairo_set_source_rgb(cr, c.r, c.g, c.b);
        cairo_set_line_width(cr, 1.5);
        cairo_rectangle(cr, x + 0.75, y + 0.75, cell_w - 2.5, cell_h - 2.5);
        cairo_stroke(cr);
      }
    }
  }
  // Periods the data stops inside: a dashed frame round the column and 不完整 above it (cells
  // keep their colours, so that the file and the page read the same).
  for (size_t t = m.complete_periods; t < cols; ++t) {
    double x = left + cell_w * static_cast<double>(t);
    const double dash[] = {3, 2};
    cairo_set_source_rgb(cr, 0.35, 0.35, 0.35);
    cairo_set_dash(cr, dash, 2, 0);
    cairo_set_line_width(cr, 1);
    cairo_rectangle(cr, x - 0.5, top - 1.5, cell_w, cell_h * static_cast<double>(rows) + 2);
    cairo_stroke(cr);
    cairo_set_dash(cr, nullptr, 0, 0);
    cairo_set_font_size(cr, 9);
    cairo_move_to(cr, x, top - 4);
    cairo_show_text(cr, "不完整");
  }
  // The legend: the colour bar with its unit and its ends.
  {
    const double lx = left, ly = top + cell_h * static_cast<double>(std::max<size_t>(rows, 1)) + 70, lw = 200;
    for (int i = 0; i < 100; ++i) {
      auto c = colour(m.scale, i / 99.0);
      cairo_set_source_rgb(cr, c.r, c.g, c.b);
      cairo_rectangle(cr, lx + lw * i / 100.0, ly, lw / 100.0 + 0.5, 10);
      cairo_fill(cr);
    }
    const double k = m.scale.unit == "percent" || m.scale.unit == "percent_per_period" ? 100 : 1;
    std::string low = m.scale.kind == "diverging" ? number(-m.scale.max * k) : "0";
    std::string legend = low;
    legend.append(" – ").append(number(m.scale.max * k)).append(" ").append(unit_text(m));
    legend.append(m.scale.kind == "log" ? "（对数刻度）" : m.scale.kind == "diverging" ? "（以 0 为中心）" : "（线性刻度）");
    cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);
    cairo_set_font_size(cr, 10);
    cairo_move_to(cr, lx + lw + 8, ly + 9);
    cairo_show_text(cr, legend.c_str());
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
