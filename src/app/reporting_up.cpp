// Reporting up: a node's consolidated report is itself a report to the level above. The node's
// coordinator submits it (its summary slots and consolidated narrative frozen as a snapshot), the
// level above returns, accepts or reopens it, on the domain's state machine (domain/workflow.h),
// each step a compare-and-swap on the version, kept in the history and audited. In a campaign
// whose summary source is "accepted", a node's summary counts each consolidating child through
// its accepted snapshot only.
#include "app/reporting_up.h"

#include <algorithm>

#include "app/accepted_annex.h"
#include "app/application.h"
#include "app/audited.h"
#include "app/level_plans.h"
#include "app/signed_copies.h"
#include "app/summaries.h"
#include "app/use_case_core.h"
#include "domain/access.h"
#include "domain/error.h"
#include "domain/store.h"

namespace llw {
namespace {

std::string audit_action(ReportEvent event) {
  return "consolidated." + std::string(to_string(event));
}

Error stale(const ConsolidatedReport& current) {
  return Error(ErrorKind::conflict,
               "Báo cáo tổng hợp vừa được người khác thay đổi (phiên bản hiện tại: " +
                   std::to_string(current.version) + ", trạng thái \"" +
                   std::string(vietnamese_status(current.status)) +
                   "\"). Hãy tải lại trang rồi thực hiện lại.",
               "version");
}

double slot_of(const Contribution& slots, const std::string& name) {
  const auto it = slots.find(name);
  return it == slots.end() ? 0.0 : it->second;
}

}  // namespace

Contribution ReportingUp::summary_slots(const Campaign& campaign, const OrgUnit& node) {
  Contribution live = store_->aggregates().aggregate(campaign.id, node.id);
  if (campaign.summary_source == SummarySource::live) return live;
  return accepted_slots(live, store_->reporting_up().child_figures(campaign.id, node.id));
}

std::optional<Summary> Summaries::accepted_summary(const Campaign& campaign, const OrgUnit& node,
                                                   const SummaryOptions& options) {
  const std::vector<ChildFigures> children =
      store_->reporting_up().child_figures(campaign.id, node.id);
  if (std::none_of(children.begin(), children.end(),
                   [](const ChildFigures& child) { return child.consolidates(); })) {
    return std::nullopt;
  }
  Summary result = summary_from_aggregate(
      campaign, node,
      accepted_slots(store_->aggregates().aggregate(campaign.id, node.id), children));
  result.source = SummarySource::accepted;
  const auto missing_limit = static_cast<std::size_t>(std::max(0, options.missing_limit));
  const auto narrative_limit = static_cast<std::size_t>(std::max(0, options.narrative_limit));
  // Parts as summary_from_aggregate laid them out from the form.
  std::vector<std::string> parts;
  for (const auto& [part, texts] : result.narratives) parts.push_back(part);

  for (const ChildFigures& child : children) {
    if (child.consolidates()) {
      if (!child.snapshot) {
        result.not_accepted.push_back(child.unit.code);
        continue;
      }
      // An accepted child speaks through its coordinator's frozen narrative.
      for (const std::string& part : parts) {
        const auto text = child.snapshot->narrative.find(part);
        if (text == child.snapshot->narrative.end() || text->second.empty()) continue;
        ++result.narrative_counts[part];
        if (result.narratives[part].size() < narrative_limit) {
          result.narratives[part].push_back({child.unit.code, child.unit.name, text->second});
        }
      }
      continue;
    }
    // A reporting unit directly below the node: live, as in the live summary.
    if (child.reports_itself && !child.counted_itself && result.missing.size() < missing_limit) {
      result.missing.push_back(child.unit.code);
    }
    for (const std::string& part : parts) {
      auto [texts, count] = store_->aggregates().narratives(campaign.id, child.unit.path, part,
                                                            static_cast<int>(narrative_limit));
      result.narrative_counts[part] += count;
      for (UnitText& text : texts) {
        if (result.narratives[part].size() < narrative_limit) {
          result.narratives[part].push_back(std::move(text));
        }
      }
    }
  }
  return result;
}

std::vector<documents::AnnexRow> accepted_annex(Store& store, const Campaign& campaign,
                                                const OrgUnit& node) {
  std::vector<documents::AnnexRow> rows;
  for (const ChildFigures& child : store.reporting_up().child_figures(campaign.id, node.id)) {
    if (child.consolidates()) {
      rows.push_back(documents::annex_row_of(
          campaign, child.unit, child.snapshot ? child.snapshot->slots : Contribution{},
          child.consolidated_status, child.late));
      continue;
    }
    // A reporting unit directly below the node, with its population for the rate.
    const auto unit = store.units().find_unit_by_id(child.unit.id);
    const auto report = unit ? store.reports().find_report(campaign.id, unit->id) : std::nullopt;
    if (report) rows.push_back(documents::annex_row_of(campaign, *unit, *report));
  }
  return rows;
}

ConsolidatedReport ReportingUp::consolidated_report(const User& actor, std::int64_t campaign_id,
                                                    const std::string& unit_code) {
  const Campaign campaign = core_.load_campaign(campaign_id);
  const OrgUnit node = core_.load_unit(unit_code);
  require_allowed(actor, Action::read_summary, node);
  // Only a node with reporting units below it consolidates anything.
  const double expected = slot_of(store_->aggregates().aggregate(campaign.id, node.id), "expected");
  const bool reports_itself = store_->reports().find_report(campaign.id, node.id).has_value();
  if (expected <= (reports_itself ? 1.0 : 0.0)) {
    throw Error(ErrorKind::not_found,
                "Đơn vị này không có đơn vị nào bên dưới phải báo cáo trong đợt này, nên không có "
                "báo cáo tổng hợp gửi lên cấp trên.",
                "unit");
  }
  if (auto found = store_->reporting_up().find_consolidated_report(campaign.id, node.id))
    return *found;
  ConsolidatedReport empty;
  empty.campaign_id = campaign.id;
  empty.unit_id = node.id;
  empty.unit_code = node.code;
  return empty;
}

std::vector<ConsolidatedReportVersion> ReportingUp::consolidated_report_history(
    const User& actor, std::int64_t campaign_id, const std::string& unit_code, int limit) {
  const ConsolidatedReport current = consolidated_report(actor, campaign_id, unit_code);
  auto versions = store_->reporting_up().consolidated_report_history(
      current.campaign_id, current.unit_id, std::clamp(limit, 1, 500));
  for (auto& version : versions) version.report.unit_code = current.unit_code;
  return versions;
}

ConsolidatedReportVersion ReportingUp::consolidated_report_version(const User& actor,
                                                                   std::int64_t campaign_id,
                                                                   const std::string& unit_code,
                                                                   std::int64_t version) {
  const ConsolidatedReport current = consolidated_report(actor, campaign_id, unit_code);
  auto found = store_->reporting_up().consolidated_report_version(current.campaign_id,
                                                                  current.unit_id, version);
  if (!found) {
    throw Error(ErrorKind::not_found,
                "Báo cáo tổng hợp không có phiên bản " + std::to_string(version) +
                    ". Hãy chọn một phiên bản trong danh sách các phiên bản.",
                "version");
  }
  found->report.unit_code = current.unit_code;
  return *found;
}

ConsolidatedReport ReportingUp::submit_consolidated(const User& actor, std::int64_t campaign_id,
                                                    const std::string& unit_code,
                                                    std::optional<std::int64_t> expected_version,
                                                    const RequestContext& context) {
  const ReportEvent event = ReportEvent::submit;
  return audited(
      app_, actor, context, audit_action(event), unit_code, report_target(campaign_id, unit_code),
      "", [&] {
        const Campaign campaign = core_.load_campaign(campaign_id);
        const OrgUnit node = core_.load_unit(unit_code);
        require_allowed(actor, Action::submit_consolidated, node);
        const ConsolidatedReport before = consolidated_report(actor, campaign_id, unit_code);
        const ReportStatus next = require_transition(before.status, event);
        if (expected_version && *expected_version != before.version) throw stale(before);
        if (!node.parent_id) {
          throw Error(ErrorKind::conflict,
                      "Đơn vị cấp cao nhất không có cấp trên để gửi báo cáo tổng hợp.", "unit");
        }
        const Timestamp now = clock_();
        ConsolidatedSnapshot snapshot;
        snapshot.slots = summary_slots(campaign, node);
        snapshot.source = campaign.summary_source;
        if (auto narrative =
                store_->reporting_up().find_consolidated_narrative(campaign.id, node.id)) {
          snapshot.narrative = std::move(narrative->texts);
          snapshot.narrative_version = narrative->version;
        }
        ConsolidatedReport after = before;
        after.status = next;
        after.version = before.version + 1;
        after.snapshot = std::move(snapshot);
        const Timeliness timeliness =
            timeliness_of_submission(before.submitted_at, before.late, now,
                                     app_.plans().effective_dates(campaign, node).deadline_end());
        after.submitted_at = timeliness.submitted_at;
        after.late = timeliness.late;
        after.updated_at = now;
        after.updated_by = actor.id > 0 ? std::optional<std::int64_t>(actor.id) : std::nullopt;
        store_->reporting_up().write_consolidated_report(after, before.version,
                                                         std::string(to_string(event)));
        return after;
      });
}

ConsolidatedReport ReportingUp::review_consolidated(const User& actor, std::int64_t campaign_id,
                                                    const std::string& unit_code, ReportEvent event,
                                                    const std::string& comment,
                                                    std::optional<std::int64_t> expected_version) {
  const OrgUnit node = core_.load_unit(unit_code);
  require_allowed(actor, Action::review_report, node);
  const ConsolidatedReport before = consolidated_report(actor, campaign_id, unit_code);
  const ReportStatus next = require_transition(before.status, event);
  if (expected_version && *expected_version != before.version) throw stale(before);
  // A campaign may require a valid signed copy of the version being accepted (signed_copies.h).
  if (event == ReportEvent::accept) {
    app_.signed_copies().require_for_accept(SignedCopyKind::consolidated, before.campaign_id,
                                            node.id, node.name, before.version);
  }
  ConsolidatedReport after = before;
  after.status = next;
  if (needs_comment(event)) after.comment = checked_comment(event, comment);
  after.version = before.version + 1;
  after.updated_at = clock_();
  after.updated_by = actor.id > 0 ? std::optional<std::int64_t>(actor.id) : std::nullopt;
  store_->reporting_up().write_consolidated_report(after, before.version,
                                                   std::string(to_string(event)));
  return after;
}

ConsolidatedReport ReportingUp::return_consolidated(const User& actor, std::int64_t campaign_id,
                                                    const std::string& unit_code,
                                                    const std::string& comment,
                                                    std::optional<std::int64_t> expected_version,
                                                    const RequestContext& context) {
  const ReportEvent event = ReportEvent::return_report;
  return audited(app_, actor, context, audit_action(event), unit_code,
                 report_target(campaign_id, unit_code), comment.substr(0, 200), [&] {
                   return review_consolidated(actor, campaign_id, unit_code, event, comment,
                                              expected_version);
                 });
}

ConsolidatedReport ReportingUp::accept_consolidated(const User& actor, std::int64_t campaign_id,
                                                    const std::string& unit_code,
                                                    std::optional<std::int64_t> expected_version,
                                                    const RequestContext& context) {
  const ReportEvent event = ReportEvent::accept;
  return audited(app_, actor, context, audit_action(event), unit_code,
                 report_target(campaign_id, unit_code), "", [&] {
                   return review_consolidated(actor, campaign_id, unit_code, event, {},
                                              expected_version);
                 });
}

ConsolidatedReport ReportingUp::decide_consolidated(const User& actor, std::int64_t campaign_id,
                                                    const std::string& unit_code, ReportEvent event,
                                                    const std::string& comment,
                                                    std::optional<std::int64_t> expected_version,
                                                    const RequestContext& context) {
  switch (event) {
    case ReportEvent::submit:
      return submit_consolidated(actor, campaign_id, unit_code, expected_version, context);
    case ReportEvent::return_report:
      return return_consolidated(actor, campaign_id, unit_code, comment, expected_version, context);
    case ReportEvent::accept:
      return accept_consolidated(actor, campaign_id, unit_code, expected_version, context);
    case ReportEvent::reopen:
      return reopen_consolidated(actor, campaign_id, unit_code, comment, expected_version, context);
    case ReportEvent::save:
      break;
  }
  throw Error(ErrorKind::bad_input, "Không rõ thao tác cần làm. Hãy bấm một nút trên trang.",
              "action");
}

ConsolidatedReport ReportingUp::reopen_consolidated(const User& actor, std::int64_t campaign_id,
                                                    const std::string& unit_code,
                                                    const std::string& reason,
                                                    std::optional<std::int64_t> expected_version,
                                                    const RequestContext& context) {
  const ReportEvent event = ReportEvent::reopen;
  return audited(app_, actor, context, audit_action(event), unit_code,
                 report_target(campaign_id, unit_code), reason.substr(0, 200), [&] {
                   return review_consolidated(actor, campaign_id, unit_code, event, reason,
                                              expected_version);
                 });
}

std::shared_ptr<const std::vector<ChildFigures>> ReportingUp::consolidated_children(
    const User& actor, std::int64_t campaign_id, const std::string& unit_code) {
  // The revision first (as summary_json): what is read below is at least as new as it.
  const std::optional<std::int64_t> revision = store_->campaigns().campaign_revision(campaign_id);
  if (!revision) core_.load_campaign(campaign_id);  // throws the usual not_found
  const auto key = std::make_pair(campaign_id, unit_code);
  {
    std::lock_guard lock(children_mutex_);
    const auto it = children_.find(key);
    if (it != children_.end() && it->second.revision == *revision) {
      require_allowed(actor, Action::read_summary, it->second.node);
      return it->second.children;
    }
  }
  const Campaign campaign = core_.load_campaign(campaign_id);
  const OrgUnit node = core_.load_unit(unit_code);
  require_allowed(actor, Action::read_summary, node);
  std::vector<ChildFigures> children = store_->reporting_up().child_figures(campaign.id, node.id);
  std::erase_if(children, [](const ChildFigures& child) { return !child.consolidates(); });
  auto shared = std::make_shared<const std::vector<ChildFigures>>(std::move(children));
  std::lock_guard lock(children_mutex_);
  constexpr std::size_t kMaxCached = 1024;  // dropped whole now and then, as summaries
  if (children_.size() >= kMaxCached) children_.clear();
  children_[key] = CachedChildren{*revision, node, shared};
  return shared;
}

Campaign ReportingUp::set_summary_source(const User& actor, std::int64_t campaign_id,
                                         SummarySource source, const RequestContext& context) {
  const std::string target = "campaign " + std::to_string(campaign_id);
  std::string issuer_code;
  if (auto found = store_->campaigns().find_campaign(campaign_id)) issuer_code = found->issuer_code;
  return audited(app_, actor, context, "campaign.summary_source", issuer_code, target,
                 std::string(to_string(source)), [&] {
                   const Campaign campaign = core_.load_campaign(campaign_id);
                   require_allowed(actor, Action::manage_campaign,
                                   core_.load_unit(campaign.issuer_code, "issuer"));
                   if (campaign.summary_source != source) {
                     store_->reporting_up().set_summary_source(campaign.id, source);
                   }
                   return core_.load_campaign(campaign_id);
                 });
}

}  // namespace llw
