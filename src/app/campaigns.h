#pragma once
// Campaigns and their forms (campaigns.cpp, campaign_settings.cpp).

#include <chrono>
#include <cstdint>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "app/request_context.h"
#include "app/use_case_area.h"
#include "domain/campaign.h"
#include "domain/session_view.h"
#include "domain/user.h"

namespace llw {

// What the campaign settings page edits (campaign_settings.cpp).
struct CampaignSettings {
  std::string name;
  std::chrono::year_month_day period_start{};
  std::chrono::year_month_day period_end{};
  std::chrono::year_month_day deadline{};
  std::chrono::year_month_day lock_date{};
  // Whether consolidated figures above a node count its accepted snapshot or live reports;
  // unset keeps the campaign's current choice.
  std::optional<SummarySource> summary_source;
  // The kinds of units that must report; unset keeps them. Adding a kind gives every such unit
  // below the issuer a not-started report; removing one is refused once any of its reports has
  // data (campaign_settings.cpp).
  std::optional<std::vector<UnitKind>> reporting_kinds;
  // The theme of the year, quoted exactly in every document; unset keeps it.
  std::optional<std::string> theme;
};

// A report form the application can load (a file of forms_dir), offered for a new campaign.
struct FormChoice {
  std::string id;     // "llw-2025"
  std::string title;  // the form's own title
};

// An uploaded form version (form_versions.cpp): refused as a whole when it has any problem.
struct FormUpload {
  // Every problem of the file ("tệp tải lên: mục 'banners': khóa bị trùng"), in the file's
  // order; nothing was stored when there is any.
  std::vector<std::string> problems;
  // The form as stored (also when the very same definition was stored already).
  std::shared_ptr<const ReportForm> form;
  bool created = false;  // false when the same definition was stored before
};

class Campaigns : public UseCaseArea {
 public:
  using UseCaseArea::UseCaseArea;

  // Campaigns and forms.
  std::vector<Campaign> list_campaigns(const User& actor);
  // The campaign's revision: bumped by every change of what its summaries and pages show (a
  // report's or consolidated report's state, a unit, the campaign); a version for caches of what
  // was built from them. Error{not_found} for an unknown campaign.
  std::int64_t campaign_revision(std::int64_t campaign_id);
  // The newest campaign (by year, then by creation) the actor may see: the one a page's
  // navigation links to, named by what a link needs (every page asks: no copy of the plan).
  struct CampaignLink {
    std::int64_t id = 0;
    std::string issuer_code;
    std::string issuer_path;
  };
  // `known`: the fingerprint a page's session view read (session_view.h); when it is the one the
  // cached campaigns were read at, nothing is read again. `viewing`: the campaign the page is
  // about (a /dot/{id}/… address), which the navigation follows instead of the newest when the
  // actor may see it.
  std::optional<CampaignLink> newest_campaign(const User& actor,
                                              const CampaignsFingerprint* known = nullptr,
                                              std::int64_t viewing = 0);
  Campaign get_campaign(const User& actor, std::int64_t id);
  Campaign create_campaign(const User& actor, Campaign campaign,
                           const RequestContext& context = {});
  std::shared_ptr<const ReportForm> form(const std::string& form_id);
  // Every form a new campaign may use, newest id first: every stored form (the campaigns' and the
  // versions an administrator uploaded) and every file of forms_dir that loads (one that does not
  // load is left out and logged).
  std::vector<FormChoice> available_forms();
  // A system administrator adds a form version from its JSON (docs/form-format.md): checked
  // completely, every problem listed, stored only when it has none. A stored form never
  // changes: another definition under a stored id is Error{conflict} (a new version needs a new
  // id); the same definition again changes nothing. At most kMaxFormBytes.
  static constexpr std::size_t kMaxFormBytes = 1 << 20;
  FormUpload add_form_version(const User& actor, const std::string& definition_text,
                              const RequestContext& context = {});
  // The same check without storing anything, for the preview page: `form` is the form as it
  // would be stored (null when there is a problem); a stored form of the same id with another
  // definition is one more problem.
  FormUpload check_form_version(const User& actor, const std::string& definition_text);
  // Replaces the campaign's structured plan fields (validated like a new campaign's), for whoever
  // may manage campaigns at the issuer. Returns the campaign as stored.
  Campaign update_campaign_plan(const User& actor, std::int64_t campaign_id,
                                const nlohmann::json& plan);
  // The campaign settings page and PATCH /api/v1/campaigns/{id} (campaign_settings.cpp): name and
  // dates, validated like a new campaign's (Error{validation_failed} with a message per field),
  // summary source and reporting kinds, for whoever may manage campaigns at the issuer. One store
  // transaction with the reports the kinds add or remove; a removed kind with saved reports is
  // Error{conflict} on "reporting_kinds". Bumps the campaign's revision once.
  Campaign update_campaign_settings(const User& actor, std::int64_t campaign_id,
                                    const CampaignSettings& settings,
                                    const RequestContext& context = {});
  // Next year from this year (campaign_next_year.cpp, issue 18; the settings page's "Tạo Tuần lễ
  // năm 2026 từ năm 2025" and POST /api/v1/campaigns/{id}/next-year): the next year's campaign
  // for the same issuer, with the settings, reporting kinds and the stored form of this one, every
  // date one year later and the theme left empty, and every level's plan copied from its last
  // edition as a draft (nothing issued, no report copied; the texts naming the old year are
  // flagged in the composer). For whoever may manage campaigns at the issuer; a campaign is
  // started into the next year once (Error{conflict} on "next_year" after that). `form_id`: the
  // form version the new year uses (one of available_forms(): a version with items added,
  // removed or renamed); empty keeps last year's. An unknown one is Error{bad_input} on
  // "form_id". Returns the new campaign as stored.
  Campaign start_next_year(const User& actor, std::int64_t campaign_id,
                           const std::string& form_id = {}, const RequestContext& context = {});
  // The campaign started from `campaign_id` by start_next_year, if any (for whoever may see it).
  std::optional<std::int64_t> next_year_campaign_id(const User& actor, std::int64_t campaign_id);

 private:
  // The form a next year is started with (start_next_year's `form_id`), as an input error when
  // there is no such form.
  std::shared_ptr<const ReportForm> next_year_form(const std::string& form_id);
};

}  // namespace llw
