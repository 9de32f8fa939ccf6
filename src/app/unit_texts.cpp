// The units' texts of one narrative part below a node, a page at a time: the consolidated page
// shows the first few of each part and links here for the rest.
#include <algorithm>
#include <iterator>

#include "app/application.h"
#include "app/summaries.h"
#include "app/use_case_core.h"
#include "domain/access.h"
#include "domain/consolidated_report.h"
#include "domain/error.h"
#include "domain/store.h"

namespace llw {

namespace {

// The texts of `part` in accepted mode: each child that consolidates speaks through its accepted
// report's narrative (one text or none), each reporting child through its live texts.
std::int64_t accepted_texts(Store& store, const Campaign& campaign, const OrgUnit& node,
                            const std::string& part, std::int64_t offset, int limit,
                            std::vector<UnitText>& texts) {
  std::int64_t total = 0;
  std::int64_t skip = offset;
  const auto wanted = static_cast<std::size_t>(limit);
  for (const ChildFigures& child : store.reporting_up().child_figures(campaign.id, node.id)) {
    if (child.consolidates()) {
      if (!child.snapshot) continue;
      const auto text = child.snapshot->narrative.find(part);
      if (text == child.snapshot->narrative.end() || text->second.empty()) continue;
      ++total;
      if (skip > 0) {
        --skip;
      } else if (texts.size() < wanted) {
        texts.push_back({child.unit.code, child.unit.name, text->second});
      }
      continue;
    }
    const std::int64_t count =
        store.aggregates().narratives(campaign.id, child.unit.path, part, 0).second;
    total += count;
    if (texts.size() >= wanted || count == 0) continue;
    if (skip >= count) {
      skip -= count;
      continue;
    }
    auto page = store.aggregates()
                    .narratives(campaign.id, child.unit.path, part,
                                static_cast<int>(wanted - texts.size()), skip)
                    .first;
    skip = 0;
    std::move(page.begin(), page.end(), std::back_inserter(texts));
  }
  return total;
}

}  // namespace

std::int64_t Summaries::unit_texts_revision(const User& actor, std::int64_t campaign_id,
                                            const std::string& unit_code, const std::string& part,
                                            std::optional<std::int64_t> known_revision) {
  const std::optional<std::int64_t> revision =
      known_revision ? known_revision : store_->campaigns().campaign_revision(campaign_id);
  if (!revision) core_.load_campaign(campaign_id);  // throws the usual not_found
  // Both read once per revision: a page asked again costs no round trip here.
  require_allowed(actor, Action::read_summary,
                  core_.load_unit_at(campaign_id, *revision, unit_code));
  core_.with_campaign_at(campaign_id, *revision, [&](const Campaign& campaign) {
    if (!narrative_parts(*campaign.form).contains(part)) {
      throw Error(ErrorKind::not_found, "Không có phần nội dung này trong mẫu báo cáo.", "part");
    }
  });
  return *revision;
}

UnitTextsPage Summaries::unit_texts(const User& actor, std::int64_t campaign_id,
                                    const std::string& unit_code, const std::string& part,
                                    std::int64_t page, int page_size) {
  UnitTextsPage result;
  // The revision first (as summary_json): what is read below is at least as new as it.
  const std::optional<std::int64_t> revision = store_->campaigns().campaign_revision(campaign_id);
  result.campaign = core_.load_campaign(campaign_id);
  result.node = core_.load_unit(unit_code);
  require_allowed(actor, Action::read_summary, result.node);
  if (!narrative_parts(*result.campaign.form).contains(part)) {
    throw Error(ErrorKind::not_found, "Không có phần nội dung này trong mẫu báo cáo.", "part");
  }
  result.part = part;
  result.revision = revision.value_or(0);
  const int limit = std::clamp(page_size, 1, 200);
  result.page_number = std::max<std::int64_t>(page, 1);
  const auto read = [&] {
    result.texts.clear();
    const std::int64_t offset = (result.page_number - 1) * limit;
    // As the summary: accepted mode differs from live only when a child consolidates.
    bool accepted = false;
    if (result.campaign.summary_source == SummarySource::accepted) {
      const auto children = store_->reporting_up().child_figures(campaign_id, result.node.id);
      accepted = std::any_of(children.begin(), children.end(),
                             [](const ChildFigures& child) { return child.consolidates(); });
    }
    if (accepted) {
      result.total =
          accepted_texts(*store_, result.campaign, result.node, part, offset, limit, result.texts);
    } else {
      auto [texts, total] =
          store_->aggregates().narratives(campaign_id, result.node.path, part, limit, offset);
      result.texts = std::move(texts);
      result.total = total;
    }
  };
  read();
  result.page_count = std::max<std::int64_t>((result.total + limit - 1) / limit, 1);
  if (result.page_number > result.page_count) {
    // Past the last page (an old address): the last one.
    result.page_number = result.page_count;
    read();
  }
  return result;
}

}  // namespace llw
