#pragma once
// The ReportListing port: a page of a subtree's reports in path order.
// Defined in sql_report_listing.cpp.

#include "domain/report_listing.h"
#include "storage/sql/sql_context.h"

namespace llw::sql {

class SqlReportListing : public ReportListing {
 public:
  explicit SqlReportListing(SqlContext& context) : context_(context) {}

  ReportListPage list_reports(const ReportListQuery& query) override;

 private:
  SqlContext& context_;
};

}  // namespace llw::sql
