#pragma once
// Reporter accounts for the units and their slips PDF (unit_accounts_pages.cpp).

#include <vector>

#include "web/app_areas.h"
#include "web/pages/page_family.h"

namespace llw {

struct UnitAccountScope;
namespace pages {
struct UnitAccountsPageInput;
}  // namespace pages

class UnitAccountsPages : public PageFamily {
 public:
  UnitAccountsPages(PageFrame& frame, Application& app) : PageFamily(frame), app_(app) {}
  std::vector<PageRoute> routes();

 private:
  HttpResponse unit_accounts(Context& context, const Params& params);
  HttpResponse unit_accounts_post(Context& context, const Params& params);
  HttpResponse unit_accounts_page(Context& context, const UnitAccountScope& scope, int status,
                                  pages::UnitAccountsPageInput input);

  AppAreas<UsesAccounts, UsesCampaigns, UsesUnits> app_;
};

}  // namespace llw
