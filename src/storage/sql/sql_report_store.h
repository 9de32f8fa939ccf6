#pragma once
// The ReportStore port: the units' reports, their history and lock-date extensions, loaded in bulk
// and streamed for exports.
// Defined in sql_report_store.cpp, sql_report_store_versions.cpp, sql_report_exports.cpp,
// sql_bulk_load.cpp.

#include "domain/report_store.h"
#include "storage/sql/sql_context.h"

namespace llw::sql {

class SqlReportStore : public ReportStore {
 public:
  explicit SqlReportStore(SqlContext& context) : context_(context) {}

  using ReportStore::for_each_report_in_subtree;
  std::optional<UnitReport> find_report(std::int64_t campaign_id, std::int64_t unit_id) override;
  std::optional<ReportInContext> find_report_in_context(std::int64_t campaign_id,
                                                        const std::string& unit_code) override;
  void write_report(const ReportWrite& write,
                    const std::map<std::string, std::string>& narratives_if_counted) override;
  void write_reports(
      const std::vector<ReportWrite>& writes,
      const std::vector<std::map<std::string, std::string>>& narratives_if_counted) override;
  std::vector<ReportVersion> report_history(std::int64_t campaign_id, std::int64_t unit_id,
                                            int limit) override;
  void bulk_put_reports(
      const std::vector<UnitReport>& reports,
      const std::vector<std::map<std::string, std::string>>& narratives_if_counted) override;
  void for_each_report_in_subtree(
      std::int64_t campaign_id, std::string_view path, const ReportValueKeys& keys,
      const std::function<void(const OrgUnit&, UnitReport&)>& visit) override;
  std::optional<std::pair<ReportVersion, nlohmann::json>> report_version(
      std::int64_t campaign_id, std::int64_t unit_id, std::int64_t version) override;
  void put_extension(const ReportExtension& extension) override;
  std::optional<ReportExtension> find_extension(std::int64_t campaign_id,
                                                std::int64_t unit_id) override;

 private:
  // write_report of a write the campaign counts neither before nor after: the compare-and-swap
  // with its history row is the whole of it.
  void write_uncounted_report(const ReportWrite& write);
  // One counted write inside the caller's transaction: write_report's body.
  static void write_in_transaction(Connection& connection, const ReportWrite& write,
                                   const std::string& values_text,
                                   const std::map<std::string, std::string>& narratives_if_counted);

  SqlContext& context_;
};

}  // namespace llw::sql
