// Unit reports: reading, saving a draft, submitting. Every write is a compare-and-swap on the
// report's version, and carries the change it makes to the consolidated aggregates, so a summary
// never has to re-read the subtree.
#include <algorithm>

#include "app/application.h"
#include "domain/access.h"
#include "domain/error.h"

namespace llw {
namespace {

UnitReport require_report(Store& store, const Campaign& campaign, const OrgUnit& unit) {
  auto report = store.find_report(campaign.id, unit.id);
  if (!report) {
    throw Error(ErrorKind::not_found, "Đơn vị này không phải báo cáo trong đợt này.", "unit");
  }
  return *report;
}

void require_not_locked(Store& store, const Campaign& campaign, Timestamp now) {
  if (now <= campaign.lock_end()) return;
  std::string issuer = campaign.issuer_code;
  if (auto unit = store.find_unit_by_id(campaign.issuer_unit_id)) issuer = unit->name;
  throw Error(ErrorKind::conflict,
              "Đã quá hạn khóa sổ ngày " + format_vietnamese_date(campaign.lock_date) +
                  "; liên hệ đơn vị cấp trên (" + issuer + ") để được mở lại.",
              "lock_date");
}

void require_editable(const UnitReport& report) {
  if (report.status == ReportStatus::submitted || report.status == ReportStatus::accepted) {
    throw Error(ErrorKind::conflict,
                "Báo cáo đã nộp, không thể sửa. Nếu cần sửa, hãy đề nghị đơn vị cấp trên trả lại "
                "báo cáo.",
                "status");
  }
}

void require_version(const UnitReport& current, std::int64_t expected) {
  if (expected == current.version) return;
  throw Error(
      ErrorKind::conflict,
      "Báo cáo vừa được người khác lưu (phiên bản hiện tại: " + std::to_string(current.version) +
          "). Vui lòng tải lại trang để xem thay đổi rồi nhập lại.",
      "version");
}

}  // namespace

UnitReport Application::get_report(const User& actor, std::int64_t campaign_id,
                                   const std::string& unit_code) {
  Campaign campaign = load_campaign(campaign_id);
  OrgUnit unit = load_unit(unit_code);
  require_allowed(actor, Action::read_report, unit);
  return require_report(*store_, campaign, unit);
}

std::vector<ReportVersion> Application::report_history(const User& actor, std::int64_t campaign_id,
                                                       const std::string& unit_code, int limit) {
  Campaign campaign = load_campaign(campaign_id);
  OrgUnit unit = load_unit(unit_code);
  require_allowed(actor, Action::read_report, unit);
  require_report(*store_, campaign, unit);
  return store_->report_history(campaign.id, unit.id, std::clamp(limit, 1, 500));
}

UnitReport Application::save_draft(const User& actor, std::int64_t campaign_id,
                                   const std::string& unit_code, std::int64_t expected_version,
                                   const nlohmann::json& values) {
  Campaign campaign = load_campaign(campaign_id);
  OrgUnit unit = load_unit(unit_code);
  require_allowed(actor, Action::write_report, unit);
  UnitReport before = require_report(*store_, campaign, unit);
  const Timestamp now = clock_();
  require_not_locked(*store_, campaign, now);
  require_editable(before);
  if (!values.is_object()) {
    throw Error(ErrorKind::bad_input,
                "Dữ liệu báo cáo phải là một đối tượng JSON dạng {mã mục: giá trị}.", "values");
  }
  require_version(before, expected_version);
  auto problems = validate_values(*campaign.form, unit, values, /*for_submit=*/false);
  if (!problems.empty()) {
    throw Error(ErrorKind::validation_failed,
                "Dữ liệu chưa hợp lệ. Vui lòng sửa các mục được đánh dấu rồi lưu lại; chưa có gì "
                "được lưu.",
                "", std::move(problems));
  }

  UnitReport after = before;
  after.values = values;
  after.status = ReportStatus::draft;
  after.version = before.version + 1;
  after.updated_at = now;
  after.updated_by = actor.id > 0 ? std::optional<std::int64_t>(actor.id) : std::nullopt;

  ReportWrite write;
  write.report = after;
  write.expected_version = before.version;
  write.delta =
      difference(contribution_of(campaign, unit, after), contribution_of(campaign, unit, before));
  if (!write.delta.empty()) write.ancestor_ids = store_->ancestor_ids(unit.id);
  write.action = "save";
  std::map<std::string, std::string> narratives;
  if (campaign.counts(after.status)) narratives = narrative_texts(*campaign.form, after.values);
  store_->write_report(write, narratives);
  return after;
}

UnitReport Application::submit(const User& actor, std::int64_t campaign_id,
                               const std::string& unit_code,
                               std::optional<std::int64_t> expected_version) {
  Campaign campaign = load_campaign(campaign_id);
  OrgUnit unit = load_unit(unit_code);
  require_allowed(actor, Action::write_report, unit);
  UnitReport before = require_report(*store_, campaign, unit);
  const Timestamp now = clock_();
  require_not_locked(*store_, campaign, now);
  require_editable(before);
  if (expected_version) require_version(before, *expected_version);
  auto problems = validate_values(*campaign.form, unit, before.values, /*for_submit=*/true);
  if (!problems.empty()) {
    throw Error(ErrorKind::validation_failed,
                "Báo cáo chưa đủ thông tin hoặc còn mục chưa hợp lệ. Vui lòng hoàn thiện các mục "
                "được đánh dấu rồi nộp lại.",
                "", std::move(problems));
  }

  UnitReport after = before;
  after.status = ReportStatus::submitted;
  after.submitted_at = now;
  after.late = now > campaign.deadline_end();
  after.version = before.version + 1;
  after.updated_at = now;
  after.updated_by = actor.id > 0 ? std::optional<std::int64_t>(actor.id) : std::nullopt;

  // A resubmission after a return replaces what the unit contributed: `before` is a returned
  // report, which contributes nothing but "expected", so the delta adds the new figures once.
  ReportWrite write;
  write.report = after;
  write.expected_version = before.version;
  write.delta =
      difference(contribution_of(campaign, unit, after), contribution_of(campaign, unit, before));
  if (!write.delta.empty()) write.ancestor_ids = store_->ancestor_ids(unit.id);
  write.action = "submit";
  std::map<std::string, std::string> narratives;
  if (campaign.counts(after.status)) narratives = narrative_texts(*campaign.form, after.values);
  store_->write_report(write, narratives);
  return after;
}

}  // namespace llw
