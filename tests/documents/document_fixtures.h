#pragma once
// Shared fixtures of the documents tests: the seed's commune (Xã An Hưng, Hải Phòng) with three
// units and known reports, the 2025 form, the seed plan, and helpers that run the real
// consumers (pdftotext, pdfinfo, pdffonts, LibreOffice) on what the renderers produce.

#include <zip.h>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "documents/builders.h"
#include "documents/data_table.h"
#include "domain/campaign.h"
#include "domain/clock.h"
#include "domain/form.h"
#include "domain/summary.h"

namespace llw::documents::testing {

inline nlohmann::json read_json(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot open " + path);
  return nlohmann::json::parse(in);
}

inline std::shared_ptr<const ReportForm> form_2025() {
  static const auto form = load_form(
      read_json(std::string(LLW_SOURCE_DIR) + "/forms/llw-2025.json"), "forms/llw-2025.json");
  return form;
}

// The seed plan's structured fields (a copy of src/app/seed_plan.cpp's data as JSON).
inline nlohmann::json seed_plan() {
  return read_json(std::string(LLW_SOURCE_DIR) + "/tests/documents/seed_plan.json");
}

inline OrgUnit make_unit(std::int64_t id, std::string code, std::string name, UnitKind kind,
                         std::string path, Population population = {}) {
  OrgUnit u;
  u.id = id;
  u.code = std::move(code);
  u.name = std::move(name);
  u.kind = kind;
  u.path = std::move(path);
  u.population = std::move(population);
  return u;
}

struct Commune {
  OrgUnit city = make_unit(2, "HP", "Hải Phòng", UnitKind::province, "/1/2/");
  OrgUnit commune = make_unit(3, "HP-ANHUNG", "Xã An Hưng", UnitKind::commune, "/1/2/3/");
  OrgUnit school = make_unit(4, "HP-ANHUNG-THAH", "Trường Tiểu học An Hưng", UnitKind::school,
                             "/1/2/3/4/", {{"students", 900}, {"staff", 60}});
  OrgUnit village = make_unit(5, "HP-ANHUNG-THON1", "Thôn Đông", UnitKind::village, "/1/2/3/5/",
                              {{"residents", 360}});
  OrgUnit kindergarten = make_unit(6, "HP-ANHUNG-MNAH", "Trường Mầm non An Hưng", UnitKind::school,
                                   "/1/2/3/6/", {{"students", 300}});
  Campaign campaign;
  UnitReport school_report;
  UnitReport village_report;
  UnitReport kindergarten_report;  // never started

  Commune() {
    campaign.id = 1;
    campaign.name = "Tuần lễ hưởng ứng học tập suốt đời năm 2025";
    campaign.year = 2025;
    campaign.issuer_unit_id = commune.id;
    campaign.issuer_code = commune.code;
    campaign.issuer_path = commune.path;
    using namespace std::chrono;
    campaign.period_start = 2025y / October / 1;
    campaign.period_end = 2025y / October / 7;
    campaign.deadline = 2025y / October / 12;
    campaign.lock_date = 2025y / October / 20;
    campaign.reporting_kinds = {UnitKind::school, UnitKind::village};
    campaign.plan = seed_plan();
    campaign.form = form_2025();
    campaign.form_id = "llw-2025";

    school_report.unit_code = school.code;
    school_report.unit_id = school.id;
    school_report.status = ReportStatus::submitted;
    school_report.values = {
        {"directives",
         {{{"number", "12/KH-THAH"},
           {"date", "2025-10-02"},
           {"summary", "Kế hoạch tổ chức Tuần lễ học tập suốt đời"}}}},
        {"media_articles", 3},
        {"banners", 12},
        {"school_radio", 5},
        {"flag_talk_held", true},
        {"flag_talk_sessions", 2},
        {"flag_talk_participants", 950},
        {"stem_held", true},
        {"stem_sessions", 4},
        {"stem_participants", 120},
        {"participants_students", 840},
        {"participants_staff", 58},
        {"commend_collectives", 2},
        {"commend_individuals", 15},
        {"advantages", "Được sự quan tâm của Ban giám hiệu và phụ huynh."},
        {"difficulties", "Cơ sở vật chất cho thư viện số còn thiếu."},
    };
    village_report.unit_code = village.code;
    village_report.unit_id = village.id;
    village_report.status = ReportStatus::accepted;
    village_report.late = true;
    village_report.values = {
        {"banners", 4},
        {"reading_day_held", true},
        {"reading_day_sessions", 1},
        {"reading_day_participants", 85},
        {"participants_residents", 257},
        {"commend_individuals", 3},
        {"advantages", "Người dân hưởng ứng nhiệt tình."},
    };
    kindergarten_report.unit_code = kindergarten.code;
    kindergarten_report.unit_id = kindergarten.id;
  }

  std::vector<std::pair<const OrgUnit*, const UnitReport*>> reports() const {
    return {{&school, &school_report},
            {&village, &village_report},
            {&kindergarten, &kindergarten_report}};
  }

  // The commune's summary as the application builds it: summed contributions, then missing
  // units and the narratives filled from the reports.
  Summary summary() const {
    Contribution total;
    for (const auto& [unit, report] : reports()) {
      add_into(total, contribution_of(campaign, *unit, *report));
    }
    Summary s = summary_from_aggregate(campaign, commune, total);
    for (const auto& [unit, report] : reports()) {
      if (!campaign.counts(report->status)) {
        s.missing.push_back(unit->code);
        continue;
      }
      for (const auto& [part, text] : narrative_texts(*campaign.form, report->values)) {
        s.narratives[part].push_back({unit->code, unit->name, text});
        s.narrative_counts[part] += 1;
      }
    }
    return s;
  }

  std::vector<AnnexRow> annex() const {
    std::vector<AnnexRow> rows;
    for (const auto& [unit, report] : reports()) {
      rows.push_back(annex_row_of(campaign, *unit, *report));
    }
    return rows;
  }

  // The data export's rows: every unit's report as submitted on 11/10, with its participants.
  std::vector<UnitDataRow> data_rows() const {
    std::vector<UnitDataRow> rows;
    for (const auto& [unit, report] : reports()) {
      UnitDataRow row;
      row.level = level_name(unit->kind);
      row.code = unit->code;
      row.name = unit->name;
      row.parent_code = commune.code;
      row.status = report->status;
      row.late = report->late;
      if (campaign.counts(report->status)) row.submitted_on = "2025-10-11";
      row.values = report->values;
      const Summary s =
          summary_from_aggregate(campaign, *unit, contribution_of(campaign, *unit, *report));
      row.participants = s.participants;
      row.population = s.population;
      rows.push_back(row);
    }
    return rows;
  }
};

// A fresh directory under /tmp, removed with the object.
class TempDir {
 public:
  TempDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "llw-docs-XXXXXX").string();
    if (!mkdtemp(pattern.data())) throw std::runtime_error("mkdtemp failed");
    path_ = pattern;
  }
  ~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  const std::filesystem::path& path() const { return path_; }
  std::string file(const std::string& name) const { return (path_ / name).string(); }

 private:
  std::filesystem::path path_;
};

inline void write_file(const std::string& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary);
  out << bytes;
}

inline std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// Runs a shell command and returns its standard output.
inline std::string run(const std::string& command) {
  std::string out;
  FILE* pipe = popen(command.c_str(), "r");
  if (!pipe) return out;
  std::array<char, 4096> buffer;
  std::size_t n;
  while ((n = fread(buffer.data(), 1, buffer.size(), pipe)) > 0) out.append(buffer.data(), n);
  pclose(pipe);
  return out;
}

// Text of a PDF, with the layout kept (one line per printed line).
inline std::string pdf_text(const std::string& pdf_path, int first = 0, int last = 0) {
  std::string range;
  if (first > 0) range += " -f " + std::to_string(first);
  if (last > 0) range += " -l " + std::to_string(last);
  return run("pdftotext -layout" + range + " '" + pdf_path + "' - 2>/dev/null");
}

// Converts `input` with LibreOffice headless into `dir` (own profile, so parallel runs do not
// collide) and returns the output path ("" on failure).
inline std::string soffice_convert(const std::string& input, const std::string& dir,
                                   const std::string& filter) {
  const std::string profile = dir + "/lo-profile";
  run("cd '" + dir +
      "' && timeout 120 soffice --headless --norestore -env:UserInstallation=file://" + profile +
      " --convert-to '" + filter + "' --outdir '" + dir + "' '" + input + "' >/dev/null 2>&1");
  const std::string stem = std::filesystem::path(input).stem().string();
  const std::string extension = filter.substr(0, filter.find(':'));
  const std::string output = dir + "/" + stem + "." + extension;
  return std::filesystem::exists(output) ? output : "";
}

// One entry of a zip archive (a DOCX part), read with libzip.
inline std::string zip_entry(const std::string& bytes, const std::string& name) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
  zip_t* archive = zip_open_from_source(source, ZIP_RDONLY, &error);
  if (!archive) {
    zip_source_free(source);
    return {};
  }
  std::string out;
  zip_stat_t stat;
  if (zip_stat(archive, name.c_str(), 0, &stat) == 0) {
    zip_file_t* file = zip_fopen(archive, name.c_str(), 0);
    out.resize(stat.size);
    const auto read = zip_fread(file, out.data(), stat.size);
    out.resize(read < 0 ? 0 : static_cast<std::size_t>(read));
    zip_fclose(file);
  }
  zip_close(archive);
  return out;
}

// Collapses runs of spaces so that text laid out in columns compares as words.
inline std::string squeeze(const std::string& text) {
  std::string out;
  for (char c : text) {
    const bool space = c == ' ' || c == '\n' || c == '\t' || c == '\f' || c == '\r';
    if (space) {
      if (!out.empty() && out.back() != ' ') out += ' ';
    } else {
      out += c;
    }
  }
  return out;
}

}  // namespace llw::documents::testing
