// The reads the areas of use cases share (use_case_core.h): campaigns, units and forms, cached.
#include "app/use_case_core.h"

#include <fstream>
#include <sstream>

#include "domain/error.h"

namespace llw {

UseCaseCore::UseCaseCore(std::shared_ptr<Store> store, ApplicationConfig config, Clock clock)
    : store_(std::move(store)), config_(std::move(config)), clock_(std::move(clock)) {
  if (!store_) throw std::invalid_argument("Application needs a store");
  if (!clock_) clock_ = system_clock();
}
namespace {

bool is_valid_form_id(const std::string& id) {
  if (id.empty() || id.size() > 64) return false;
  for (char c : id) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.';
    if (!ok) return false;
  }
  return id.find("..") == std::string::npos;
}

}  // namespace

OrgUnit UseCaseCore::load_unit(const std::string& code, const char* field) {
  auto unit = store_->units().find_unit(code);
  if (!unit) {
    throw Error(ErrorKind::not_found,
                "Không tìm thấy đơn vị có mã " + code + ". Vui lòng kiểm tra lại mã đơn vị.",
                field);
  }
  return *unit;
}

namespace {

Error campaign_not_found(std::int64_t id) {
  return Error(ErrorKind::not_found,
               "Không tìm thấy đợt báo cáo số " + std::to_string(id) +
                   ". Vui lòng chọn lại đợt báo cáo trong danh sách.",
               "campaign");
}

}  // namespace

Campaign UseCaseCore::load_campaign(std::int64_t id) {
  // The revision first (as current_campaigns): the campaign parsed for it is reused until any
  // write changes the campaign or what it shows.
  const std::optional<std::int64_t> revision = store_->campaigns().campaign_revision(id);
  if (!revision) throw campaign_not_found(id);
  Campaign copy;
  with_campaign_at(id, *revision, [&](const Campaign& campaign) { copy = campaign; });
  return copy;
}

void UseCaseCore::with_campaign_at(std::int64_t id, std::int64_t revision,
                                   const std::function<void(const Campaign&)>& use) {
  std::unique_lock lock(campaigns_mutex_);
  auto it = campaigns_.find(id);
  if (it == campaigns_.end() || it->second.revision != revision) {
    lock.unlock();
    auto campaign = store_->campaigns().find_campaign(id);
    if (!campaign) throw campaign_not_found(id);
    campaign->form = form(campaign->form_id);
    lock.lock();
    it = campaigns_.find(id);
    // Another request may have cached a newer revision meanwhile: never replace it by an older
    // one (the navigation trusts the cache while the campaigns' fingerprint stands).
    if (it != campaigns_.end() && it->second.revision > revision) {
      use(*campaign);
      return;
    }
    it = campaigns_.insert_or_assign(id, CachedCampaign{revision, std::move(*campaign)}).first;
  }
  use(it->second.campaign);
}

OrgUnit UseCaseCore::load_unit_at(std::int64_t campaign_id, std::int64_t revision,
                                  const std::string& code) {
  const auto key = std::make_pair(campaign_id, code);
  {
    std::lock_guard lock(units_mutex_);
    const auto it = units_.find(key);
    if (it != units_.end() && it->second.revision == revision) return it->second.unit;
  }
  OrgUnit unit = load_unit(code);
  std::lock_guard lock(units_mutex_);
  // Bounded: a crawl of every node's page must not keep the whole tree.
  if (units_.size() >= kCachedUnits) units_.clear();
  units_.insert_or_assign(key, CachedUnit{revision, unit});
  return unit;
}

namespace {

void require_valid_form_id(const std::string& form_id) {
  if (!is_valid_form_id(form_id)) {
    throw Error(ErrorKind::bad_input,
                "Mã mẫu báo cáo \"" + form_id +
                    "\" không hợp lệ; chỉ dùng chữ thường không dấu, chữ số, '-' và '_'.",
                "form_id");
  }
}

}  // namespace

std::shared_ptr<const ReportForm> UseCaseCore::stored_form(const std::string& form_id) {
  const auto stored = store_->forms().find_form(form_id);
  if (!stored) return nullptr;
  auto json = nlohmann::json::parse(*stored, nullptr, false);
  if (json.is_discarded()) {
    throw Error(ErrorKind::internal,
                "Mẫu báo cáo \"" + form_id + "\" lưu trong cơ sở dữ liệu bị hỏng.", "form_id");
  }
  return load_form(json, "forms/" + form_id + ".json");
}

std::optional<nlohmann::json> UseCaseCore::form_file(const std::string& form_id,
                                                     std::filesystem::path& file) const {
  file = config_.forms_dir / (form_id + ".json");
  std::ifstream in(file, std::ios::binary);
  if (!in) return std::nullopt;
  std::stringstream text;
  text << in.rdbuf();
  auto json = nlohmann::json::parse(text.str(), nullptr, false);
  if (json.is_discarded()) {
    throw Error(ErrorKind::bad_input, file.string() + ": tệp mẫu báo cáo không phải JSON hợp lệ.",
                "form_id");
  }
  return json;
}

std::shared_ptr<const ReportForm> UseCaseCore::form(const std::string& form_id) {
  require_valid_form_id(form_id);
  {
    std::lock_guard lock(forms_mutex_);
    if (auto it = forms_.find(form_id); it != forms_.end()) return it->second;
  }
  // Parse outside the lock: two threads may both load a form the first time, which is harmless
  // (the first stored wins), and nobody waits on file I/O behind the mutex.
  // The stored version first, always: once stored, a form never changes (migration 031), so
  // whatever happens to forms/ later, a campaign reads exactly the form it was created with.
  std::shared_ptr<const ReportForm> loaded = stored_form(form_id);
  if (!loaded) {
    std::filesystem::path file;
    const auto json = form_file(form_id, file);
    if (!json) {
      throw Error(ErrorKind::not_found,
                  "Không tìm thấy mẫu báo cáo \"" + form_id + "\" (tệp " + file.string() + ").",
                  "form_id");
    }
    loaded = load_form(*json, file.string());
    // Keep the definition in the database so a campaign's form survives later edits of the file.
    // This write is a cache's, not the one an audited use case is about: the entry it staged
    // (app/audited.h) waits for that one.
    auto staged = store_->audit().take_staged_audit();
    try {
      store_->forms().put_form(form_id, json->dump());
    } catch (const Error& error) {
      // Another server stored this id first, from another file: its version is the one kept.
      if (error.kind() != ErrorKind::conflict) throw;
      loaded = stored_form(form_id);
      if (!loaded) throw;
    }
    if (staged) store_->audit().stage_audit(*staged);
  }
  std::lock_guard lock(forms_mutex_);
  auto [it, inserted] = forms_.emplace(form_id, loaded);
  return it->second;
}

std::shared_ptr<const ReportForm> UseCaseCore::form_for_new_campaign(const std::string& form_id) {
  std::shared_ptr<const ReportForm> kept = form(form_id);
  std::filesystem::path file;
  const auto json = form_file(form_id, file);
  if (!json) return kept;  // a version known only to the database
  // The same definition (defaults written out or not, members in any order) is the same form.
  if (load_form(*json, file.string())->to_json() == kept->to_json()) return kept;
  throw Error(ErrorKind::conflict,
              "Tệp " + file.filename().string() + " đã được sửa sau khi mẫu báo cáo \"" + form_id +
                  "\" được lưu, nên không dùng được cho đợt mới; các đợt đã tạo vẫn giữ nguyên mẫu "
                  "đã lưu. Để dùng nội dung mới, hãy đặt cho tệp một mã mới (tên tệp và trường "
                  "\"id\", ví dụ \"" +
                  form_id + "-2\") rồi chọn mã đó; hoặc trả tệp về như cũ.",
              "form_id");
}

bool UseCaseCore::may_see_campaign(const User& actor, const Campaign& campaign) const {
  if (actor.role == Role::admin) return !actor.disabled;
  if (actor.disabled || actor.unit_path.empty()) return false;
  // Campaigns issued inside the actor's subtree, and campaigns issued above the actor (which the
  // actor's unit may have to report in).
  bool issued_below = campaign.issuer_path.rfind(actor.unit_path, 0) == 0;
  bool issued_above = actor.unit_path.rfind(campaign.issuer_path, 0) == 0;
  return issued_below || issued_above;
}

void UseCaseCore::visit_current_campaigns(const std::function<void(const Campaign&)>& visit,
                                          const CampaignsFingerprint* known) {
  std::unique_lock lock(campaigns_mutex_);
  if (known != nullptr && campaigns_fingerprint_ == *known) {
    // No campaign was added or changed since every one was read: the cache is current.
    for (const auto& [id, cached] : campaigns_) visit(cached.campaign);
    return;
  }
  lock.unlock();
  // Revisions are read first: whatever is loaded below is at least as new as the revision it is
  // filed under (as summary_json does).
  const auto revisions = store_->campaigns().campaign_revisions();
  lock.lock();
  std::set<std::int64_t> listed;
  CampaignsFingerprint fingerprint;
  for (const auto& [id, revision] : revisions) {
    ++fingerprint.count;
    fingerprint.revisions += revision;
    listed.insert(id);
    auto it = campaigns_.find(id);
    if (it == campaigns_.end() || it->second.revision != revision) {
      auto loaded = store_->campaigns().find_campaign(id);
      if (!loaded) continue;  // removed since the revisions were read
      loaded->form = form(loaded->form_id);
      it = campaigns_.insert_or_assign(id, CachedCampaign{revision, std::move(*loaded)}).first;
    }
    visit(it->second.campaign);
  }
  std::erase_if(campaigns_, [&](const auto& entry) { return !listed.contains(entry.first); });
  campaigns_fingerprint_ = fingerprint;
}

}  // namespace llw
