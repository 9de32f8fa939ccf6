#pragma once
// The documents (plan, report, summary, data exports), the campaign's plan and the plans of every
// level (document_routes.cpp).

#include <cstddef>
#include <vector>

#include "app/documents.h"
#include "web/api_family.h"
#include "web/app_areas.h"

namespace llw {

// `file` as a download (Content-Disposition: attachment, with its name in ASCII and UTF-8).
HttpResponse file_response(DocumentFile file);

class DocumentRoutes : public ApiFamily {
 public:
  DocumentRoutes(Application& app, std::size_t max_body_bytes)
      : ApiFamily(app, max_body_bytes), app_(app) {}
  std::vector<ApiRoute> routes();

 private:
  HttpResponse get_plan_document(const HttpRequest& request, const Params& params);
  HttpResponse get_report_document(const HttpRequest& request, const Params& params);
  HttpResponse get_summary_document(const HttpRequest& request, const Params& params);
  HttpResponse get_summary_data(const HttpRequest& request, const Params& params);
  HttpResponse put_campaign_plan(const HttpRequest& request, const Params& params);
  // Plans at every level.
  HttpResponse get_level_plan(const HttpRequest& request, const Params& params);
  HttpResponse put_level_plan(const HttpRequest& request, const Params& params);
  HttpResponse issue_level_plan(const HttpRequest& request, const Params& params);
  HttpResponse get_level_plan_document(const HttpRequest& request, const Params& params);

  AppAreas<UsesDocuments, UsesCampaigns, UsesPlans> app_;
};

}  // namespace llw
