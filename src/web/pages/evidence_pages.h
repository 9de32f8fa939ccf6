#pragma once
// Evidence ("minh chứng", issue 19) in the browser (evidence_pages.cpp), under a report page
// /dot/{id}/bao-cao/{unit}/minh-chung: upload a file (a multipart POST that answers with a
// redirect back to the report, Post/Redirect/Get, or — posted by app.js with "ajax=1" — with
// JSON), remove one (…/{n}/go), and serve a file or its thumbnail (…/{n}, …/{n}/anh-nho) with
// the session, so the page's <img> and links need no API token. And a node's gallery under its
// consolidated report, /dot/{id}/tong-hop/{unit}/minh-chung?trang=N, where its coordinators pick
// the photos of the consolidated report's annex, and whence the subtree's evidence is downloaded
// as one ZIP (…/minh-chung.zip).

#include <vector>

#include "web/app_areas.h"
#include "web/pages/page_family.h"
#include "web/pages/report_pages.h"

namespace llw {

class EvidencePages : public PageFamily {
 public:
  // A refused upload without JavaScript shows the report page again (`report`).
  EvidencePages(PageFrame& frame, Application& app, ReportPages& report)
      : PageFamily(frame), app_(app), report_(report) {}
  std::vector<PageRoute> routes();

 private:
  HttpResponse upload(Context& context, const Params& params);
  HttpResponse remove(Context& context, const Params& params);
  HttpResponse file(Context& context, const Params& params);
  HttpResponse thumbnail(Context& context, const Params& params);
  HttpResponse gallery(Context& context, const Params& params);
  HttpResponse gallery_post(Context& context, const Params& params);
  HttpResponse archive(Context& context, const Params& params);

  AppAreas<UsesEvidence> app_;
  ReportPages& report_;
};

}  // namespace llw
