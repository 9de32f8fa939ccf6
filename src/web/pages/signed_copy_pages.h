#pragma once
// The signed copy of a report in the browser (signed_copy_pages.cpp): the upload from the report
// page's form (multipart, no script) and the signed file; the same for a node's consolidated
// report from the consolidated page. The verdict is shown on the report's read-only page and on
// the consolidated page (signed_copy_view.h).

#include <vector>

#include "web/app_areas.h"
#include "web/pages/page_family.h"

namespace llw {

class SignedCopyPages : public PageFamily {
 public:
  SignedCopyPages(PageFrame& frame, Application& app) : PageFamily(frame), app_(app) {}
  std::vector<PageRoute> routes();

 private:
  HttpResponse upload(Context& context, const Params& params);
  HttpResponse file(Context& context, const Params& params);
  HttpResponse upload_consolidated(Context& context, const Params& params);
  HttpResponse consolidated_file(Context& context, const Params& params);

  AppAreas<UsesSignedCopies> app_;
};

}  // namespace llw
