// Issue 18, item 2: a campaign pins the exact form it was created with. The form is stored in the
// database at the campaign's creation and never changes there, so editing forms/*.json and
// starting the application again on the same database changes no old campaign's pages,
// documents or sums; a new definition is used only under a new id.

#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>

#include "app/campaigns.h"
#include "app/document_downloads.h"
#include "app/summaries.h"
#include "app_fixture.h"
#include "document_text.h"
#include "error_expectations.h"
#include "storage/open_store.h"

namespace llw::testing {
namespace {

using nlohmann::json;

const std::string kOldLabel = "Số pano, băng zôn tuyên truyền";
const std::string kNewLabel = "Số pano, áp phích, băng rôn tuyên truyền";

json read_json(const std::filesystem::path& path) {
  std::ifstream in(path);
  return json::parse(in);
}

void write_json(const std::filesystem::path& path, const json& definition) {
  std::ofstream(path) << definition.dump(2);
}

// The 2025 form with the banners relabelled and the unit's own site posts removed.
json edited_form(const std::string& id) {
  json form = read_json(std::filesystem::path(LLW_SOURCE_DIR) / "forms" / "llw-2025.json");
  form["id"] = id;
  for (auto& section : form["sections"]) {
    auto& items = section["items"];
    for (auto& item : items) {
      if (item["key"] == "banners") item["label"] = kNewLabel;
    }
    items.erase(std::remove_if(items.begin(), items.end(),
                               [](const json& item) { return item["key"] == "site_posts"; }),
                items.end());
  }
  return form;
}

class FormVersionsTest : public AppTest {
 protected:
  void SetUp() override {
    AppTest::SetUp();
    forms_ = dir_ / "forms";
    std::filesystem::create_directories(forms_);
    std::filesystem::copy_file(std::filesystem::path(LLW_SOURCE_DIR) / "forms" / "llw-2025.json",
                               forms_ / "llw-2025.json");
    restart();
    make_small_tree();
  }

  // A new Application (and store) on the same database, reading forms from forms_: what a server
  // started again after an upgrade sees.
  void restart() {
    app_.reset();
    store_.reset();
    store_ = open_store(database_->url());
    ApplicationConfig config;
    config.forms_dir = forms_;
    app_ = std::make_unique<Application>(store_, config, [this] { return now_; });
  }

  std::string plan_text(std::int64_t campaign_id) {
    return squeeze_spaces(testing_support::pdf_text(
        app_->documents().plan_document(system_admin(), campaign_id, DocumentFormat::pdf).bytes));
  }

  static std::string squeeze_spaces(const std::string& text) {
    return testing_support::squeeze_spaces(text);
  }

  std::filesystem::path forms_;
};

TEST_F(FormVersionsTest, AnEditedFormFileChangesNoOldCampaignAfterARestart) {
  const Campaign old = make_campaign("HP");
  save_and_submit(old.id, "HP-X-A", {{"site_posts", 4}, {"banners", 3}});
  const json pinned = old.form->to_json();
  ASSERT_NE(plan_text(old.id).find(kOldLabel), std::string::npos);

  write_json(forms_ / "llw-2025.json", edited_form("llw-2025"));
  restart();

  const Campaign again = app_->campaigns().get_campaign(system_admin(), old.id);
  EXPECT_EQ(again.form->to_json(), pinned);
  EXPECT_EQ(again.form->find_item("banners")->label, kOldLabel);
  ASSERT_NE(again.form->find_item("site_posts"), nullptr);
  // Its sums still have the item the file no longer has, and its documents the old words.
  const Summary summary = app_->summaries().summary(system_admin(), old.id, "HP-X");
  EXPECT_EQ(summary.totals.at("site_posts"), 4);
  EXPECT_EQ(summary.totals.at("banners"), 3);
  const std::string plan = plan_text(old.id);
  EXPECT_NE(plan.find(kOldLabel), std::string::npos);
  EXPECT_EQ(plan.find(kNewLabel), std::string::npos);
}

TEST_F(FormVersionsTest, ANewCampaignRefusesAnEditedFileUnderAStoredIdAndTakesANewId) {
  const Campaign old = make_campaign("HP");
  write_json(forms_ / "llw-2025.json", edited_form("llw-2025"));
  restart();

  // The same id with another definition: refused as a whole, with what to do, nothing created.
  const std::size_t campaigns_before = store_->campaigns().list_campaigns().size();
  const std::string message = testing_support::conflict_message([&] { make_campaign("HP-X"); });
  EXPECT_NE(message.find("llw-2025.json"), std::string::npos) << message;
  EXPECT_NE(message.find("mã mới"), std::string::npos) << message;
  EXPECT_EQ(store_->campaigns().list_campaigns().size(), campaigns_before);

  // Under a new id it is a new version: the new campaign uses it, the old one keeps its own.
  std::filesystem::rename(forms_ / "llw-2025.json", forms_ / "llw-2025-2.json");
  write_json(forms_ / "llw-2025-2.json", edited_form("llw-2025-2"));
  Campaign next = testing_support::week_campaign_2025();
  next.issuer_code = "HP-X";
  next.form_id = "llw-2025-2";
  const Campaign created = app_->campaigns().create_campaign(system_admin(), next);
  EXPECT_EQ(created.form->find_item("banners")->label, kNewLabel);
  EXPECT_EQ(created.form->find_item("site_posts"), nullptr);
  restart();
  EXPECT_EQ(
      app_->campaigns().get_campaign(system_admin(), old.id).form->find_item("banners")->label,
      kOldLabel);
  EXPECT_EQ(
      app_->campaigns().get_campaign(system_admin(), created.id).form->find_item("banners")->label,
      kNewLabel);
  // The old file gone from forms/, its stored version still serves the old campaign.
  EXPECT_NE(app_->campaigns().get_campaign(system_admin(), old.id).form->find_item("site_posts"),
            nullptr);
}

TEST_F(FormVersionsTest, TheSameDefinitionWrittenDifferentlyIsTheSameVersion) {
  make_campaign("HP");
  // Members reordered and re-indented: the same form, so a new campaign may still use it.
  json same = read_json(forms_ / "llw-2025.json");
  std::ofstream(forms_ / "llw-2025.json") << same.dump();
  restart();
  EXPECT_EQ(make_campaign("HP-X").form_id, "llw-2025");
}

// Issue 18: an administrator adds a form version by uploading its JSON; a new campaign uses it.
TEST_F(FormVersionsTest, AnUploadedVersionIsStoredAndANewCampaignUsesIt) {
  const Campaign old = make_campaign("HP");
  const FormUpload upload =
      app_->campaigns().add_form_version(system_admin(), edited_form("llw-2026").dump());
  ASSERT_TRUE(upload.problems.empty()) << json(upload.problems).dump(1);
  EXPECT_TRUE(upload.created);
  EXPECT_EQ(upload.form->find_item("banners")->label, kNewLabel);
  // The same file again changes nothing.
  EXPECT_FALSE(
      app_->campaigns().add_form_version(system_admin(), edited_form("llw-2026").dump()).created);

  restart();
  // The new-campaign page offers it (it is stored, not a file of forms/), newest id first.
  const std::vector<FormChoice> choices = app_->campaigns().available_forms();
  ASSERT_EQ(choices.size(), 2U);
  EXPECT_EQ(choices[0].id, "llw-2026");
  EXPECT_EQ(choices[1].id, "llw-2025");
  Campaign next = testing_support::week_campaign_2025();
  next.issuer_code = "HP-X";
  next.form_id = "llw-2026";
  const Campaign created = app_->campaigns().create_campaign(system_admin(), next);
  EXPECT_EQ(created.form->find_item("banners")->label, kNewLabel);
  EXPECT_EQ(
      app_->campaigns().get_campaign(system_admin(), old.id).form->find_item("banners")->label,
      kOldLabel);
}

TEST_F(FormVersionsTest, AnUploadUnderAStoredIdWithAnotherDefinitionIsAConflict) {
  make_campaign("HP");
  const std::string message = testing_support::conflict_message(
      [&] { app_->campaigns().add_form_version(system_admin(), edited_form("llw-2025").dump()); });
  EXPECT_NE(message.find("mã mới"), std::string::npos) << message;
  EXPECT_EQ(app_->campaigns().form("llw-2025")->find_item("banners")->label, kOldLabel);
}

// Every bad upload is refused as a whole, with every problem listed, and stores nothing.
TEST_F(FormVersionsTest, BadUploadsAreRefusedWithEveryProblemListedAndStoreNothing) {
  json duplicate = edited_form("bad-duplicate");
  duplicate["sections"][0]["items"].push_back(
      {{"key", "banners"}, {"label", "Lần nữa"}, {"type", "count"}});
  json unknown_type = edited_form("bad-type");
  unknown_type["sections"][0]["items"].push_back(
      {{"key", "mood"}, {"label", "Tâm trạng"}, {"type", "emoji"}});
  json missing_rule_item = edited_form("bad-rule");
  missing_rule_item["rules"].push_back(
      {{"kind", "at_most_item"}, {"item", "banners"}, {"other", "posters"}});
  json all_three = edited_form("bad-all");
  all_three["sections"][0]["items"].push_back(
      {{"key", "banners"}, {"label", "Lần nữa"}, {"type", "count"}});
  all_three["sections"][0]["items"].push_back(
      {{"key", "mood"}, {"label", "Tâm trạng"}, {"type", "emoji"}});
  all_three["rules"].push_back(
      {{"kind", "at_most_item"}, {"item", "banners"}, {"other", "posters"}});
  const std::string good = edited_form("bad-broken").dump();

  struct Case {
    std::string name;
    std::string text;
    std::vector<std::string> expected;  // one fragment per problem, in order
  };
  const std::vector<Case> cases = {
      {"duplicate key", duplicate.dump(), {"mục 'banners': khóa bị trùng"}},
      {"unknown type", unknown_type.dump(), {"'emoji'"}},
      {"rule naming a missing item",
       missing_rule_item.dump(),
       {"mục 'posters' không có trong đề cương"}},
      {"all three",
       all_three.dump(),
       // In the file's order: the new items are in section I, the first banners in II.1.
       {"'emoji'", "mục 'banners': khóa bị trùng", "mục 'posters' không có trong đề cương"}},
      {"broken JSON", good.substr(0, good.find("\"sections\"")), {"không phải JSON hợp lệ"}},
      {"not UTF-8", "{\"id\": \"x\xff\"}", {"UTF-8"}},
      {"10 MB of junk", std::string(10u << 20, 'x'), {"quá lớn"}},
      {"empty", "", {"không phải JSON hợp lệ"}},
  };
  for (const Case& c : cases) {
    const FormUpload upload = app_->campaigns().add_form_version(system_admin(), c.text);
    EXPECT_EQ(upload.form, nullptr) << c.name;
    EXPECT_FALSE(upload.created) << c.name;
    ASSERT_EQ(upload.problems.size(), c.expected.size())
        << c.name << ": " << json(upload.problems).dump(1);
    for (std::size_t i = 0; i < c.expected.size(); ++i) {
      EXPECT_NE(upload.problems[i].find(c.expected[i]), std::string::npos)
          << c.name << ": " << upload.problems[i];
    }
  }
  for (const char* id : {"bad-duplicate", "bad-type", "bad-rule", "bad-all", "bad-broken"}) {
    EXPECT_FALSE(store_->forms().find_form(id)) << id;
  }
  // Only an administrator adds forms.
  const User coordinator = make_user("coord.hp", Role::coordinator, "HP");
  EXPECT_EQ(testing_support::error_kind_of([&] {
              app_->campaigns().add_form_version(coordinator, edited_form("llw-2027").dump());
            }),
            ErrorKind::forbidden);
  EXPECT_FALSE(store_->forms().find_form("llw-2027"));
}

}  // namespace
}  // namespace llw::testing
