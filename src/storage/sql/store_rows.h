#pragma once
// The row shapes the files of the SQL store share, beside rows.h: each binds typed into()
// targets and converts to the domain type.
// Debian's soci-config.h claims Boost support; we do not use (or install) Boost.
#include <soci/soci-config.h>
#undef SOCI_HAVE_BOOST
#undef SOCI_HAVE_BOOST_DATE_TIME
#include <soci/soci.h>

#include <algorithm>
#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "domain/error.h"
#include "domain/store.h"
#include "storage/sql/dialect.h"
#include "storage/sql/rows.h"
#include "storage/sql/store_text.h"

namespace llw::sql {

// The rows several files read (units, reports, accounts) are in rows.h; these are this file's.

const std::string kReportColumns = std::string("SELECT ") + kReportColumnList + kReportFrom;

// The sign-in read: an account with its password hash.
const std::string kUserColumns =
    std::string("SELECT ") + kUserColumnList + ", us.password_hash" + kUserFrom;

struct StoredUserRow {
  UserRow user;
  std::string password_hash;

  void bind(soci::statement& st) {
    user.bind(st);
    st.exchange(soci::into(password_hash));
  }

  StoredUser to_stored_user() const { return StoredUser{user.to_user(), password_hash}; }
};

// A campaign with its issuer's code and path: `SELECT kCampaignColumnList kCampaignFrom …`. The
// issuer is `i`, so a query can join a unit `u` as well.
constexpr const char* kCampaignColumnList =
    "c.id, c.name, c.year, c.issuer_unit_id, i.code, i.path, c.period_start, c.period_end, "
    "c.deadline, c.lock_date, c.reporting_kinds, c.counted_states, c.plan_json, c.form_id, "
    "c.summary_source";
constexpr const char* kCampaignFrom = " FROM campaigns c JOIN units i ON i.id = c.issuer_unit_id ";
const std::string kCampaignColumns = std::string("SELECT ") + kCampaignColumnList + kCampaignFrom;

struct CampaignRow {
  long long id = 0;
  std::string name;
  int year = 0;
  long long issuer_unit_id = 0;
  std::string issuer_code, issuer_path, period_start, period_end, deadline, lock_date;
  std::string reporting_kinds, counted_states, plan_json, form_id, summary_source;

  void bind(soci::statement& st) {
    st.exchange(soci::into(id));
    st.exchange(soci::into(name));
    st.exchange(soci::into(year));
    st.exchange(soci::into(issuer_unit_id));
    st.exchange(soci::into(issuer_code));
    st.exchange(soci::into(issuer_path));
    st.exchange(soci::into(period_start));
    st.exchange(soci::into(period_end));
    st.exchange(soci::into(deadline));
    st.exchange(soci::into(lock_date));
    st.exchange(soci::into(reporting_kinds));
    st.exchange(soci::into(counted_states));
    st.exchange(soci::into(plan_json));
    st.exchange(soci::into(form_id));
    st.exchange(soci::into(summary_source));
  }

  Campaign to_campaign() const {
    Campaign c;
    c.id = id;
    c.name = name;
    c.year = year;
    c.issuer_unit_id = issuer_unit_id;
    c.issuer_code = issuer_code;
    c.issuer_path = issuer_path;
    c.period_start = date_column(period_start);
    c.period_end = date_column(period_end);
    c.deadline = date_column(deadline);
    c.lock_date = date_column(lock_date);
    c.reporting_kinds.clear();
    for (const auto& k : json::parse(reporting_kinds)) {
      c.reporting_kinds.push_back(kind_column(k.get<std::string>()));
    }
    c.counted_states.clear();
    for (const auto& s : json::parse(counted_states)) {
      c.counted_states.push_back(status_column(s.get<std::string>()));
    }
    c.plan = json::parse(plan_json);
    c.form_id = form_id;
    c.summary_source = summary_source_from_string(summary_source).value_or(SummarySource::live);
    return c;
  }
};

struct UnitTextRow {
  UnitText text;
  void bind(soci::statement& st) {
    st.exchange(soci::into(text.unit_code));
    st.exchange(soci::into(text.unit_name));
    st.exchange(soci::into(text.text));
  }
};

struct CountersRow {
  long long reporting_units = 0;
  long long counted_units = 0;
  std::string narrative_counts;
  void bind(soci::statement& st) {
    st.exchange(soci::into(reporting_units));
    st.exchange(soci::into(counted_units));
    st.exchange(soci::into(narrative_counts));
  }
};

// What write_report reads before it writes.
struct CurrentReportRow {
  long long version = 0;
  int counted = 0;
  std::string path, code, name;
  std::string counted_states;  // the campaign's, read in the same round trip
  void bind(soci::statement& st) {
    st.exchange(soci::into(version));
    st.exchange(soci::into(counted));
    st.exchange(soci::into(path));
    st.exchange(soci::into(code));
    st.exchange(soci::into(name));
    st.exchange(soci::into(counted_states));
  }
};

// A report with its campaign and unit, in one row (find_report_in_context).
struct ReportInContextRow {
  CampaignRow campaign;
  UnitRow unit;
  ReportRow report;
  void bind(soci::statement& st) {
    campaign.bind(st);
    unit.bind(st);
    report.bind(st);
  }
};

// The current version of a report (the message of a lost compare-and-swap names it).
struct VersionOnlyRow {
  long long version = 0;
  void bind(soci::statement& st) { st.exchange(soci::into(version)); }
};

}  // namespace llw::sql
