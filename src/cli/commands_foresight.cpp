// xinzhi foresight heatmap | bursts: the technology-foresight heat map of imported patents.
#include <fstream>
#include <iostream>

#include "base/error.h"
#include "base/log.h"
#include "cli/commands.h"
#include "modules/foresight/heat_map.h"
#include "modules/foresight/heat_map_picture.h"
#include "modules/foresight/ipc_labels.h"
#include "modules/foresight/patent_import.h"
#include "modules/foresight/snapshots.h"
#include "modules/registry.h"

namespace xinzhi::cli {

namespace {

foresight::HeatMapQuery query;
std::string input, input_format = "cnipa", input_map;

void add_query_options(CLI::App* cmd) {
  cmd->add_option("--level", query.level,
                  "section, class, subclass (default), group, or industry (patents from the knowledge graph)")
      ->check(CLI::IsMember({"section", "class", "subclass", "group", "industry"}));
  cmd->add_option("--period", query.period, "year (default), quarter, month or week")
      ->check(CLI::IsMember({"year", "quarter", "month", "week"}));
  cmd->add_option("--from", query.from, "first year (default: the data's first)");
  cmd->add_option("--to", query.to, "last year (default: the data's last)");
  cmd->add_option("--region", query.filter.region, "first applicant's province, city or group (天津, 京津冀)");
  cmd->add_option("--applicant-kind", query.filter.applicant_kind, "company, university, institute or individual")
      ->check(CLI::IsMember({"company", "university", "institute", "individual"}));
  cmd->add_option("--counting", query.counting, "whole (default) or fractional")
      ->check(CLI::IsMember({"whole", "fractional"}));
  cmd->add_option("--s", query.params.s, "burst rate as a multiple of the base rate (default 2)");
  cmd->add_option("--gamma", query.params.gamma, "cost of going up, times ln n (default 1)");
  cmd->add_option("--min-duration", query.params.min_duration, "shortest burst, in periods (default 1)");
}

void add_input_options(CLI::App* cmd) {
  cmd->add_option("--input", input, "read this export instead of the database (no import)");
  cmd->add_option("--format", input_format, "with --input: cnipa (default), jsonl or csv")
      ->check(CLI::IsMember({"cnipa", "jsonl", "csv"}));
  cmd->add_option("--map", input_map, "with --input --format csv: number=COL,date=COL,codes=COL[,applicant=COL]");
}

template <class Items>
void print_json_array(const Items& items) {
  JsonWriter w;
  w.begin_array();
  for (const auto& x : items) foresight::write_json(w, x);
  std::cout << w.end_array().take() << "\n";
}

std::shared_ptr<const foresight::PatentCube> cube_of(GlobalOptions& g, std::unique_ptr<store::Database>& db) {
  log::configure(g.log_level);
  if (!input.empty()) {
    foresight::PatentImportReport r;
    auto cube = foresight::cube_from_file(input, input_format, input_map, r);
    spdlog::info("read {} records ({} distinct) from {} in {:.2f} s", r.read, r.added, input, r.read_seconds);
    return cube;
  }
  db = open_database(g);
  return foresight::PatentCube::of(*db);
}

std::string bar_of(const foresight::HeatMap& m, const series::BurstInterval& b) {
  // CiteSpace's timeline: a thick bar over the burst, a thin line elsewhere.
  std::string s;
  for (size_t t = 0; t < m.periods.size(); ++t) s += (t >= b.start && t <= b.end) ? "▇" : "─";
  return s;
}

void print_changes(const foresight::SnapshotDiff& d) {
  std::cout << "snapshot " << d.a.info.id << " (" << d.a.info.taken_at << ", " << d.a.info.records << " records) → "
            << d.b.info.id << " (" << d.b.info.taken_at << ", " << d.b.info.records << " records): "
            << d.changes.size() << " fields changed\n";
  for (const auto& c : d.changes) {
    std::string kinds;
    for (const auto& k : c.kinds) kinds += (kinds.empty() ? "" : ",") + k;
    std::cout << "  " << c.code << " [" << kinds << "] rank " << (c.a ? std::to_string(c.a->rank) : "–") << " → "
              << (c.b ? std::to_string(c.b->rank) : "–") << ", bursts " << (c.a ? c.a->bursts.size() : 0) << " → "
              << (c.b ? c.b->bursts.size() : 0) << "  " << foresight::label_of(c.code).zh << "\n";
  }
}

void add_snapshot_commands(CLI::App* fs, GlobalOptions& g) {
  static std::string name;
  auto* take = fs->add_subcommand("snapshot", "take a dated snapshot of a heat map now");
  take->add_option("NAME", name, "the heat map's name, e.g. vr-yearly")->required();
  add_query_options(take);
  take->add_flag("--json", g.json, "print JSON");
  take->callback([&g] {
    auto db = open_database(g);
    int64_t id = foresight::ForesightSnapshots(*db).take(name, query, "manual");
    if (g.json)
      std::cout << nlohmann::json{{"id", id}, {"name", name}}.dump() << "\n";
    else
      std::cout << "snapshot " << id << " of " << name << " taken\n";
  });

  auto* list = fs->add_subcommand("snapshots", "list the snapshots taken");
  list->add_flag("--json", g.json, "print JSON");
  list->callback([&g] {
    auto all = foresight::ForesightSnapshots(*open_database(g)).list();
    if (g.json) return print_json_array(all);
    for (const auto& s : all)
      std::cout << s.id << "  " << s.name << "  " << s.taken_at << "  " << s.trigger << "  " << s.records
                << " records, " << s.fields << " fields\n";
  });

  static int64_t a = 0, b = 0;
  static size_t top = 50, min_rank_change = 3;
  static double min_growth_change = 0.05;
  auto* diff = fs->add_subcommand("diff", "fields whose rank, growth or bursts changed between two snapshots");
  diff->add_option("A", a, "the earlier snapshot id")->required();
  diff->add_option("B", b, "the later snapshot id")->required();
  diff->add_option("--top", top, "rank changes count within this many top fields (default 50)");
  diff->add_option("--min-rank-change", min_rank_change, "smallest rank change reported (default 3)");
  diff->add_option("--min-growth-change", min_growth_change, "smallest CAGR change reported (default 0.05)");
  diff->add_flag("--json", g.json, "print JSON");
  diff->callback([&g] {
    auto d = foresight::ForesightSnapshots(*open_database(g)).diff(a, b, top, min_rank_change, min_growth_change);
    if (g.json) {
      JsonWriter w;
      foresight::write_json(w, d);
      std::cout << w.take() << "\n";
      return;
    }
    print_changes(d);
  });

  auto* sched = fs->add_subcommand("schedule", "heat maps the server reruns on a schedule (定期绘制)");
  sched->require_subcommand(1);
  static std::string every = "monthly";
  auto* add = sched->add_subcommand("add", "add or replace a scheduled heat map");
  add->add_option("NAME", name, "the heat map's name")->required();
  add->add_option("--every", every, "daily, weekly, monthly (default) or seconds such as 3600s");
  add_query_options(add);
  add->callback([&g] {
    foresight::ForesightSnapshots(*open_database(g)).add_schedule({name, every, query, ""});
    std::cout << "scheduled " << name << " " << every << "\n";
  });
  auto* remove = sched->add_subcommand("remove", "stop a scheduled heat map (its snapshots stay)");
  remove->add_option("NAME", name, "the heat map's name")->required();
  remove->callback([&g] {
    if (!foresight::ForesightSnapshots(*open_database(g)).remove_schedule(name)) fail(ErrorCode::NotFound, "no schedule " + name);
    std::cout << "removed schedule " << name << "\n";
  });
  auto* ls = sched->add_subcommand("list", "the scheduled heat maps");
  ls->add_flag("--json", g.json, "print JSON");
  ls->callback([&g] {
    auto all = foresight::ForesightSnapshots(*open_database(g)).schedules();
    if (g.json) return print_json_array(all);
    for (const auto& s : all)
      std::cout << s.name << "  " << s.every << "  last run " << (s.last_run.empty() ? "never" : s.last_run) << "\n";
  });
}

}  // namespace

void add_foresight_commands(CLI::App& app, GlobalOptions& g) {
  auto* fs = app.add_subcommand("foresight", "technology foresight (技术预见): patent heat map, bursts, snapshots");
  fs->require_subcommand(1);

  static std::string csv, png, svg;
  auto* hm = fs->add_subcommand("heatmap", "field × period heat map of imported patents");
  add_query_options(hm);
  hm->add_option("--measure", query.measure, "count (default), share, growth or burst")
      ->check(CLI::IsMember({"count", "share", "growth", "burst"}));
  hm->add_option("--order", query.order, "strength (default), total or similarity")
      ->check(CLI::IsMember({"strength", "total", "similarity"}));
  hm->add_option("--top", query.top, "fields shown (default 40, 0 for all)");
  add_input_options(hm);
  hm->add_option("--growth-window", query.params.growth_window, "periods of the CAGR in each cell (default 3)");
  auto* json_opt = hm->add_flag("--json", g.json, "print the heat map as JSON");
  auto* csv_opt = hm->add_option("--csv", csv, "write the measure's matrix as CSV");
  auto* png_opt = hm->add_option("--png", png, "draw the heat map as PNG");
  auto* svg_opt = hm->add_option("--svg", svg, "draw the heat map as SVG");
  json_opt->excludes(csv_opt, png_opt, svg_opt);
  csv_opt->excludes(png_opt, svg_opt);
  png_opt->excludes(svg_opt);
  hm->callback([&g] {
    std::unique_ptr<store::Database> db;
    auto cube = cube_of(g, db);
    auto m = foresight::heat_map(*cube, query);
    if (g.json) {
      JsonWriter w;
      foresight::write_json(w, m);
      std::cout << w.str() << "\n";
      return;
    }
    if (!csv.empty() || !png.empty() || !svg.empty()) {
      const std::string& path = !csv.empty() ? csv : !png.empty() ? png : svg;
      std::ofstream out(path, std::ios::binary);
      if (!out) invalid_input("cannot write " + path);
      if (!csv.empty())
        foresight::write_csv(out, m);
      else
        out << foresight::heat_map_picture(m, png.empty() ? foresight::PictureFormat::Svg : foresight::PictureFormat::Png);
      if (!out.flush()) invalid_input("cannot write " + path);
    }
    std::cout << "heat map " << m.from << "–" << m.to << " by " << query.period << ", " << query.level << " level, "
              << m.records << " records, " << m.fields_with_records << " fields";
    for (const auto* f : {&csv, &png, &svg})
      if (!f->empty()) std::cout << " → " << *f;
    std::cout << "\n";
    // Where the figures come from and how far the data reaches, as the page says it.
    std::cout << "  source:";
    for (size_t i = 0; i < m.sources.size(); ++i)
      std::cout << (i ? "; " : " ") << m.sources[i].name << " (" << m.sources[i].records << " records, filed "
                << m.sources[i].first_filed << " to " << m.sources[i].last_filed << ")";
    std::cout << "; data as of " << m.data_through << " (latest filing date)\n";
    if (m.complete_periods < m.periods.size()) {
      std::cout << "  incomplete:";
      for (size_t t = m.complete_periods; t < m.periods.size(); ++t) std::cout << " " << m.periods[t];
      std::cout << " (the data ends inside); growth to "
                << (m.complete_periods ? m.periods[m.complete_periods - 1] : std::string("none")) << "\n";
    }
    if (!m.empty_heatmap.empty()) std::cout << "  empty: " << m.empty_heatmap << "\n";
    if (!csv.empty() || !png.empty() || !svg.empty()) return;
    for (const auto& f : m.shown) {
      auto label = foresight::label_of(f.code);
      std::string text = label.zh.empty() ? label.en.substr(0, 40) : label.zh;
      std::cout << "  " << f.rank << ". " << f.code << (text == f.code ? "" : " " + text) << "  records "
                << f.summary.records << ", bursts " << f.summary.bursts.size() << "\n";
    }
  });

  auto* bursts = fs->add_subcommand("bursts", "fields with the strongest bursts (CiteSpace style)");
  add_query_options(bursts);
  bursts->add_option("--top", query.burst_top, "bursts listed (default 20)");
  add_input_options(bursts);
  bursts->add_flag("--json", g.json, "print JSON");
  bursts->callback([&g] {
    std::unique_ptr<store::Database> db;
    auto cube = cube_of(g, db);
    query.top = 0;
    auto m = foresight::heat_map(*cube, query);
    if (g.json) {
      JsonWriter w;
      w.begin_object().field("s", query.params.s).field("gamma", query.params.gamma)
          .field("min_duration", uint64_t{query.params.min_duration}).field("records", m.records);
      w.key("periods").begin_array();
      for (const auto& p : m.periods) w.value(p);
      w.end_array().key("bursts").begin_array();
      for (const auto& b : m.bursts) {
        auto label = foresight::label_of(b.field.code);
        w.begin_object().field("code", b.field.code).field("label_zh", label.zh).field("label_en", label.en)
            .field("start", m.periods[b.interval.start]).field("end", m.periods[b.interval.end])
            .field("strength", b.interval.strength).field("records", b.field.summary.records).end_object();
      }
      w.end_array().end_object();
      std::cout << w.str() << "\n";
      return;
    }
    std::cout << "Top " << m.bursts.size() << " fields with the strongest bursts (s=" << query.params.s
              << ", γ=" << query.params.gamma << ", " << m.periods.front() << "–" << m.periods.back() << ")\n";
    char buf[64];
    for (const auto& b : m.bursts) {
      snprintf(buf, sizeof buf, "%-10s %8.2f  %s–%s  ", b.field.code.c_str(), b.interval.strength,
               m.periods[b.interval.start].c_str(), m.periods[b.interval.end].c_str());
      auto zh = foresight::label_of(b.field.code).zh;
      std::cout << buf << bar_of(m, b.interval) << (zh == b.field.code ? "" : "  " + zh) << "\n";
    }
  });

  add_snapshot_commands(fs, g);
}

}  // namespace xinzhi::cli
