// Reporter accounts for the units of a subtree in one step: the list of the scope's units with
// their reporters, creating an account for each unit that has none, and resetting named ones
// (reprinting their slips). One-time passwords are generated here, hashed at once, and returned
// to the caller only; no log, audit entry or table ever holds one.
#include <algorithm>
#include <cctype>
#include <map>
#include <set>

#include "app/accounts.h"
#include "app/application.h"
#include "app/audited.h"
#include "app/campaigns.h"
#include "app/password.h"
#include "app/use_case_core.h"
#include "domain/access.h"
#include "domain/campaign_defaults.h"
#include "domain/error.h"
#include "domain/store.h"
#include "domain/text.h"

namespace llw {
namespace {

constexpr int kMaxListedUsers = 200000;
constexpr std::size_t kMaxDisplayBytes = 200;

// Lower-case ASCII letters and digits of `text`; any other run of characters becomes one '-'.
std::string slug(std::string_view text) {
  std::string out;
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (std::isalnum(byte) && byte < 0x80) {
      out += static_cast<char>(std::tolower(byte));
    } else if (!out.empty() && out.back() != '-') {
      out += '-';
    }
  }
  while (!out.empty() && out.back() == '-') out.pop_back();
  return out;
}

std::string display_name_for(const OrgUnit& unit) {
  const std::string name = "Báo cáo viên " + unit.name;
  return name.size() <= kMaxDisplayBytes ? name : "Báo cáo viên " + unit.code;
}

}  // namespace

std::string reporter_username_for(const OrgUnit& unit) {
  std::string own = unit.code;
  const std::string& parent = unit.parent_code;
  if (!parent.empty() && own.size() > parent.size() + 1 && own.rfind(parent + "-", 0) == 0) {
    own = own.substr(parent.size() + 1);
  }
  std::string head = slug(own);
  if (head.empty()) head = "donvi" + std::to_string(unit.id);
  const std::string tail = slug(parent.substr(parent.find_last_of('-') + 1));
  std::string name = tail.empty() ? head : head + "." + tail;
  if (name.size() > 60) name = name.substr(0, 60);
  while (!name.empty() && (name.back() == '.' || name.back() == '-')) name.pop_back();
  if (name.size() < 3) name = "bc." + name;
  return name;
}

std::vector<UnitAccountStatus> Accounts::unit_accounts(const User& actor,
                                                       const UnitAccountScope& scope) {
  if (actor.disabled || (actor.role != Role::admin && actor.role != Role::coordinator)) {
    throw Error(ErrorKind::forbidden,
                "Chỉ điều phối viên hoặc quản trị viên mới tạo được tài khoản cho các đơn vị.",
                "unit");
  }
  const OrgUnit root = core_.load_unit(scope.unit_code);
  require_allowed(actor, Action::manage_users, root);
  std::vector<OrgUnit> units;
  if (scope.campaign_id) {
    const Campaign campaign = app_.campaigns().get_campaign(actor, *scope.campaign_id);
    units = store_->units().units_in_subtree(root.path, campaign.reporting_kinds);
    std::erase_if(units, [&](const OrgUnit& unit) { return !campaign.must_report(unit); });
  } else {
    units = store_->units().units_in_subtree(root.path, default_reporting_kinds());
  }
  std::map<std::int64_t, std::vector<std::string>> reporters;
  for (const User& user : store_->accounts().list_users(root.path, kMaxListedUsers)) {
    if (user.role == Role::reporter && user.unit_id)
      reporters[*user.unit_id].push_back(user.username);
  }
  std::vector<UnitAccountStatus> statuses;
  statuses.reserve(units.size());
  for (OrgUnit& unit : units) {
    std::vector<std::string> names = reporters[unit.id];
    statuses.push_back({std::move(unit), std::move(names)});
  }
  std::sort(statuses.begin(), statuses.end(),
            [](const auto& a, const auto& b) { return a.unit.code < b.unit.code; });
  return statuses;
}

std::set<std::string> Accounts::units_without_reporter(const User& actor,
                                                       const std::vector<OrgUnit>& units) {
  std::set<std::string> without;
  if (actor.disabled || (actor.role != Role::admin && actor.role != Role::coordinator)) {
    return without;
  }
  const std::vector<UnitKind> reporting = default_reporting_kinds();
  std::size_t looked = 0;
  for (const OrgUnit& unit : units) {
    if (++looked > 500) break;
    if (std::find(reporting.begin(), reporting.end(), unit.kind) == reporting.end()) continue;
    if (!is_allowed(actor, Action::manage_users, unit)) continue;
    // The accounts of the unit's subtree (a reporting unit rarely has units below it).
    const std::vector<User> users = store_->accounts().list_users(unit.path, 200);
    const bool has_reporter = std::any_of(users.begin(), users.end(), [&](const User& user) {
      return user.role == Role::reporter && user.unit_id == unit.id;
    });
    if (!has_reporter) without.insert(unit.code);
  }
  return without;
}

std::vector<IssuedAccount> Accounts::create_unit_accounts(const User& actor,
                                                          const UnitAccountScope& scope,
                                                          const RequestContext& context) {
  std::vector<UnitAccountStatus> statuses = unit_accounts(actor, scope);
  std::erase_if(statuses, [](const UnitAccountStatus& s) { return !s.reporters.empty(); });
  if (statuses.size() > kMaxAccountsPerCall) statuses.resize(kMaxAccountsPerCall);
  std::vector<IssuedAccount> issued;
  std::set<std::string> chosen;
  for (const UnitAccountStatus& status : statuses) {
    const OrgUnit& unit = status.unit;
    const std::string base = reporter_username_for(unit);
    IssuedAccount account{unit, {}, one_time_password(), true};
    // The first free name: the base, then base2, base3, … (an existing account is never
    // touched; a name taken between the check and the insert is a conflict, and the next is
    // tried).
    for (int n = 1; n < 1000 && account.username.empty(); ++n) {
      const std::string candidate = n == 1 ? base : base + std::to_string(n);
      if (chosen.count(candidate) || store_->accounts().find_user(candidate)) continue;
      try {
        audited_at(app_, actor, context, "user.create", &unit, candidate, "reporter one-time", [&] {
          return insert_account(
              {candidate, display_name_for(unit), Role::reporter, unit.code, account.password},
              true);
        });
        account.username = candidate;
      } catch (const Error& error) {
        if (error.kind() != ErrorKind::conflict) throw;
      }
    }
    if (account.username.empty()) {
      throw Error(ErrorKind::conflict,
                  "Không tìm được tên đăng nhập còn trống cho đơn vị " + unit.code + ".", "unit");
    }
    chosen.insert(account.username);
    issued.push_back(std::move(account));
  }
  return issued;
}

std::vector<IssuedAccount> Accounts::reset_unit_accounts(const User& actor,
                                                         const UnitAccountScope& scope,
                                                         const std::vector<std::string>& usernames,
                                                         const RequestContext& context) {
  if (usernames.empty()) {
    const char* message = "Hãy chọn ít nhất một tài khoản để đặt lại mật khẩu và in lại phiếu.";
    throw Error(ErrorKind::validation_failed, message, "usernames", {{"usernames", message}});
  }
  if (usernames.size() > kMaxAccountsPerCall) {
    const std::string message =
        "Mỗi lần chỉ đặt lại được tối đa " + std::to_string(kMaxAccountsPerCall) + " tài khoản.";
    throw Error(ErrorKind::validation_failed, message, "usernames", {{"usernames", message}});
  }
  // Only reporter accounts of the scope's units: checked for every name before any changes.
  std::map<std::string, OrgUnit> unit_of;
  for (const UnitAccountStatus& status : unit_accounts(actor, scope)) {
    for (const std::string& name : status.reporters) unit_of.emplace(name, status.unit);
  }
  std::vector<IssuedAccount> issued;
  std::set<std::string> seen;
  for (const std::string& name : usernames) {
    if (!seen.insert(name).second) continue;
    const auto it = unit_of.find(name);
    if (it == unit_of.end()) {
      const std::string message = "Tài khoản '" + sanitize_utf8(name.substr(0, 64)) +
                                  "' không phải tài khoản báo cáo của một đơn vị trong danh sách "
                                  "này; không tài khoản nào được đặt lại.";
      throw Error(ErrorKind::validation_failed, message, "usernames", {{"usernames", message}});
    }
    issued.push_back({it->second, name, one_time_password(), false});
  }
  for (const IssuedAccount& account : issued) {
    audited_at(app_, actor, context, "user.reset_password", &account.unit, account.username,
               "one-time", [&] {
                 const User user = get_user(actor, account.username);
                 // Every session and API token of the account ends with the old password.
                 store_->accounts().set_password(user.id, hash_password(account.password), true,
                                                 "");
               });
  }
  return issued;
}

}  // namespace llw
