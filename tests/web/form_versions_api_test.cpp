// Issue 18, item 2: POST /api/v1/forms adds a form version (an administrator's), checked
// completely: a bad file is 422 with every problem listed and stores nothing, another definition
// under a stored id is 409, and a stored version is read back by GET /api/v1/forms/{id}. The page
// /quan-tri/mau-bao-cao does the same in two steps: check and preview, then store.
#include <fstream>
#include <string>

#include "html_query.h"
#include "page_session.h"
#include "web_fixture.h"

namespace llw::test {
namespace {

using nlohmann::json;

const std::string kNewLabel = "Số pano, áp phích, băng rôn tuyên truyền";

json form_2025() {
  std::ifstream in(std::string(LLW_SOURCE_DIR) + "/forms/llw-2025.json");
  return json::parse(in);
}

// The 2025 form under another id, its banners relabelled.
json new_version(const std::string& id) {
  json form = form_2025();
  form["id"] = id;
  for (auto& section : form["sections"]) {
    for (auto& item : section["items"]) {
      if (item["key"] == "banners") item["label"] = kNewLabel;
    }
  }
  return form;
}

class FormVersionsApiTest : public WebFixture {
 protected:
  HttpReply upload(const std::string& username, const std::string& body) {
    return http_->send(
        "POST", "/api/v1/forms", body,
        {"Authorization: Bearer " + token(username), "Content-Type: application/json"});
  }
};

TEST_F(FormVersionsApiTest, AnAdministratorAddsAVersionOnceAndReadsItBack) {
  const HttpReply created = upload(kAdmin, new_version("llw-2026").dump());
  ASSERT_EQ(created.status, 201) << created.body;
  EXPECT_EQ(created.header("location"), "/api/v1/forms/llw-2026");
  EXPECT_EQ(created.json()["created"], true);
  const HttpReply again = upload(kAdmin, new_version("llw-2026").dump());
  EXPECT_EQ(again.status, 200) << again.body;
  EXPECT_EQ(again.json()["created"], false);

  const HttpReply read = get("/api/v1/forms/llw-2026", token(kCoordinator));
  ASSERT_EQ(read.status, 200) << read.body;
  EXPECT_NE(read.body.find(kNewLabel), std::string::npos);

  // A stored version never changes: another definition under its id is a conflict.
  json changed = new_version("llw-2026");
  changed["title"] = "Đề cương khác";
  const HttpReply clash = upload(kAdmin, changed.dump());
  expect_error(clash, 409, "conflict", "id");
  EXPECT_EQ(get("/api/v1/forms/llw-2026", token(kAdmin)).json()["title"], form_2025()["title"]);
  // The shipped form's id too, once a campaign pinned it.
  expect_error(upload(kAdmin, new_version("llw-2025").dump()), 409, "conflict", "id");
}

TEST_F(FormVersionsApiTest, ABadFileIsRefusedWithEveryProblemAndNothingIsStored) {
  json bad = new_version("llw-bad");
  auto& items = bad["sections"][0]["items"];
  items.push_back({{"key", "banners"}, {"label", "Lần nữa"}, {"type", "count"}});
  items.push_back({{"key", "mood"}, {"label", "Tâm trạng"}, {"type", "emoji"}});
  bad["rules"].push_back({{"kind", "at_most_item"}, {"item", "banners"}, {"other", "posters"}});
  const HttpReply refused = upload(kAdmin, bad.dump());
  ASSERT_EQ(refused.status, 422) << refused.body;
  const json errors = refused.json()["errors"];
  ASSERT_EQ(errors.size(), 3u) << errors.dump(1);
  // In the file's order: the new items are in section I, the first banners in II.1.
  EXPECT_NE(errors[0]["message"].get<std::string>().find("'emoji'"), std::string::npos);
  EXPECT_NE(errors[1]["message"].get<std::string>().find("khóa bị trùng"), std::string::npos);
  EXPECT_NE(errors[2]["message"].get<std::string>().find("'posters'"), std::string::npos);
  EXPECT_NE(refused.json()["error"]["message"].get<std::string>().find("3 lỗi"), std::string::npos);

  const std::string text = new_version("llw-broken").dump();
  const HttpReply broken = upload(kAdmin, text.substr(0, text.find("\"sections\"")));
  ASSERT_EQ(broken.status, 422) << broken.body;
  ASSERT_EQ(broken.json()["errors"].size(), 1u);
  EXPECT_NE(broken.body.find("không phải JSON hợp lệ"), std::string::npos);

  // Junk over the body limit never reaches the form check: refused with 413; 10 MB of it is cut
  // off by the server before an answer can be sent (the connection closes), and stores nothing.
  EXPECT_EQ(upload(kAdmin, std::string(kMaxBody + 10, 'x')).status, 413);
  const int ten_megabytes = upload(kAdmin, std::string(10u << 20, 'x')).status;
  EXPECT_TRUE(ten_megabytes == 413 || ten_megabytes == 0) << ten_megabytes;

  for (const char* id : {"llw-bad", "llw-broken"}) {
    EXPECT_EQ(get(std::string("/api/v1/forms/") + id, token(kAdmin)).status, 404) << id;
  }
}

TEST_F(FormVersionsApiTest, OnlyAnAdministratorAddsForms) {
  expect_error(upload(kCoordinator, new_version("llw-2027").dump()), 403, "forbidden", "");
  EXPECT_EQ(get("/api/v1/forms/llw-2027", token(kAdmin)).status, 404);
}

class FormVersionsPagesTest : public WebFixture {
 protected:
  // Signs in through the page; returns the Cookie header and sets csrf_.
  std::string sign_in(const std::string& username) {
    const HttpReply form = http_->send("GET", "/dang-nhap");
    const std::string pre = first_match(form.header("set-cookie"), "llw_pre=([^;]*)");
    const HttpReply reply = http_->send(
        "POST", "/dang-nhap",
        url_encoded(
            {{"csrf", pre}, {"username", username}, {"password", kPassword}, {"next", "/"}}),
        {"Cookie: llw_pre=" + pre, "Content-Type: application/x-www-form-urlencoded"});
    EXPECT_EQ(reply.status, 303) << reply.body;
    const std::string cookie =
        "Cookie: llw_session=" + first_match(reply.header("set-cookie"), "llw_session=([^;]*)");
    csrf_ = first_match(http_->send("GET", "/doi-mat-khau", {}, {cookie}).body,
                        "name=\"csrf\" value=\"([0-9a-f]+)\"");
    return cookie;
  }

  // POSTs multipart fields (and the file, when given) to the page.
  HttpReply post(const std::string& cookie, const FormFields& fields,
                 const std::string* file = nullptr) {
    const std::string boundary = "----llwform";
    std::string body;
    FormFields all = fields;
    all.emplace_back("csrf", csrf_);
    for (const auto& [name, value] : all) {
      body += "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name +
              "\"\r\n\r\n" + value + "\r\n";
    }
    if (file != nullptr) {
      body += "--" + boundary +
              "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"mau.json\"\r\n"
              "Content-Type: application/json\r\n\r\n" +
              *file + "\r\n";
    }
    body += "--" + boundary + "--\r\n";
    return http_->send("POST", "/quan-tri/mau-bao-cao", body,
                       {cookie, "Content-Type: multipart/form-data; boundary=" + boundary});
  }

  std::string csrf_;
};

TEST_F(FormVersionsPagesTest, AnAdministratorPreviewsAVersionAsAUnitSeesItThenStoresIt) {
  const std::string cookie = sign_in(kAdmin);
  ASSERT_EQ(http_->send("GET", "/quan-tri/mau-bao-cao", {}, {cookie}).status, 200);
  const std::string file = new_version("llw-2026").dump(1);
  const HttpReply preview = post(cookie, {{"action", "xem-truoc"}}, &file);
  ASSERT_EQ(preview.status, 200) << preview.body.substr(0, 2000);
  const HtmlPage page(preview.body);
  EXPECT_EQ(page.text("//*[@id='preview-id']"), "llw-2026");
  // The sections and boxes of the report form, with the new label.
  EXPECT_GE(page.count("//*[@id='preview-sections']//section[contains(@class,'form-section')]"),
            5u);
  EXPECT_NE(page.text("//*[@id='preview-sections']").find(kNewLabel), std::string::npos);
  EXPECT_EQ(page.count("//*[@id='preview-sections']//input[@name='f.banners']"), 1u);
  // Previewed, not stored.
  EXPECT_EQ(get("/api/v1/forms/llw-2026", token(kAdmin)).status, 404);

  const std::string definition =
      page.attribute("//form[@id='store-form']//input[@name='definition']", "value");
  const HttpReply stored = post(cookie, {{"action", "luu"}, {"definition", definition}});
  EXPECT_EQ(stored.status, 201) << stored.body.substr(0, 2000);
  EXPECT_EQ(HtmlPage(stored.body).count("//*[@id='form-message']"), 1u);
  EXPECT_EQ(get("/api/v1/forms/llw-2026", token(kAdmin)).json()["id"], "llw-2026");
}

TEST_F(FormVersionsPagesTest, ABadFileIsListedProblemByProblemAndOnlyAdministratorsMayOpenThePage) {
  const std::string cookie = sign_in(kAdmin);
  json bad = new_version("llw-bad");
  bad["sections"][0]["items"].push_back(
      {{"key", "mood"}, {"label", "Tâm trạng"}, {"type", "emoji"}});
  bad["rules"].push_back({{"kind", "at_most_item"}, {"item", "banners"}, {"other", "posters"}});
  const std::string file = bad.dump();
  const HttpReply refused = post(cookie, {{"action", "xem-truoc"}}, &file);
  EXPECT_EQ(refused.status, 422);
  const HtmlPage page(refused.body);
  EXPECT_EQ(page.count("//*[@id='form-problems']//li"), 2u);
  EXPECT_EQ(page.count("//*[@id='form-preview']"), 0u);
  EXPECT_EQ(get("/api/v1/forms/llw-bad", token(kAdmin)).status, 404);

  EXPECT_EQ(http_->send("GET", "/quan-tri/mau-bao-cao", {}, {sign_in(kCoordinator)}).status, 403);
}

}  // namespace
}  // namespace llw::test
