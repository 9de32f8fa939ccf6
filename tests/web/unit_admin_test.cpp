// Editing the unit tree over real HTTP: PATCH /api/v1/units/{code} and the page
// /quan-tri/don-vi/{code} with its three forms (edit, add a child, move), without JavaScript.
// Access is checked on the server: a reporter, a viewer, a coordinator outside its subtree and a
// forged form all change nothing.

#include <gtest/gtest.h>

#include "app/sign_in.h"
#include "html_query.h"
#include "web/pages/page_support.h"
#include "web_fixture.h"

namespace llw::test {
namespace {

// The edit form's field for the unit's number of students.
const std::string kStudents = "//form[@id='edit-form']//input[@name='pop_students']";

using nlohmann::json;

class UnitAdminTest : public WebFixture {
 protected:
  // A page session of the account: the Cookie header and the form's CSRF token.
  struct PageSession {
    std::string cookie;
    std::string csrf;
  };

  PageSession session_of(const std::string& username) {
    const Session session = app_->sign_in().login(username, kPassword, "127.0.0.1");
    return {"Cookie: " + std::string(pages::kSessionCookie) + "=" + session.token,
            pages::csrf_token_for(session.token)};
  }

  HttpReply page_get(const std::string& path, const PageSession& session) {
    return http_->send("GET", path, {}, {session.cookie});
  }

  HttpReply page_post(const std::string& path, const PageSession& session,
                      const std::string& body) {
    return http_->send("POST", path, body,
                       {session.cookie, "Content-Type: application/x-www-form-urlencoded"});
  }

  HttpReply patch(const std::string& code, const json& body, const std::string& username) {
    return http_->send_json("PATCH", "/api/v1/units/" + code, token(username), body.dump());
  }

  json unit_json(const std::string& code) {
    const HttpReply reply = get("/api/v1/units/" + code, token(kAdmin));
    EXPECT_EQ(reply.status, 200) << reply.body;
    return reply.json();
  }

  json summary_of(const std::string& code) {
    const HttpReply reply = get(summary_path(code), token(kAdmin));
    EXPECT_EQ(reply.status, 200) << reply.body;
    return reply.json();
  }

  // The edit form of HP-AH-THTT with every field as stored but the name, plus `extra`
  // (url-encoded pairs, which win over the stored values).
  static std::string edit_form(const std::string& csrf, const std::string& name,
                               const std::string& extra) {
    return "csrf=" + csrf + "&action=sua&name=" + name +
           "&kind=school&level=primary&email=&pop_students=450&pop_staff=30&pop_parents=400"
           "&pop_residents=&signer_authority=&signer_deputy=&signer_position=&signer_name=" +
           extra;
  }
  static constexpr const char* kName = "Tr%C6%B0%E1%BB%9Dng+Ti%E1%BB%83u+h%E1%BB%8Dc+An+H%C6%B0ng";
};

// --- PATCH /api/v1/units/{code} ---------------------------------------------------------------

TEST_F(UnitAdminTest, PatchChangesTheFieldsGivenAndTheSummaryFollows) {
  ASSERT_EQ(save_draft("HP-AH-THTT", {{"participants_students", 300}}).status, 200);
  ASSERT_EQ(post(report_path("HP-AH-THTT") + "/submit", token(kReporter)).status, 200);
  // Only the students were reported: the rate counts their 450, not the staff and parents.
  EXPECT_EQ(summary_of("HP-AH")["participation"]["population"], 450);

  const HttpReply reply =
      patch("HP-AH-THTT",
            {{"population", {{"students", 500}, {"staff", 30}, {"parents", 400}}},
             {"signer", {{"position", "HIỆU TRƯỞNG"}, {"name", "Phạm Thị Lan"}}}},
            kCoordinator);
  ASSERT_EQ(reply.status, 200) << reply.body;
  const json unit = reply.json();
  EXPECT_EQ(unit["code"], "HP-AH-THTT");
  EXPECT_EQ(unit["name"], "Trường Tiểu học An Hưng");  // not given, not changed
  EXPECT_EQ(unit["population"]["students"], 500);
  EXPECT_EQ(unit["signer"]["name"], "Phạm Thị Lan");
  EXPECT_EQ(unit_json("HP-AH-THTT")["signer"]["position"], "HIỆU TRƯỞNG");
  EXPECT_EQ(summary_of("HP-AH")["participation"]["population"], 500);
  EXPECT_EQ(summary_of("HP")["participation"]["population"], 500);
}

TEST_F(UnitAdminTest, AUnitIsCreatedWithItsSignerInOneStep) {
  const json signer = {{"authority", "UBND XÃ AN XUÂN"},
                       {"deputy", "KT. CHỦ TỊCH"},
                       {"position", "PHÓ CHỦ TỊCH"},
                       {"name", "Trần Văn Bình"}};
  const HttpReply created = post("/api/v1/units", token(kAdmin),
                                 json({{"code", "HP-AX"},
                                       {"name", "Xã An Xuân"},
                                       {"kind", "commune"},
                                       {"parent", "HP"},
                                       {"signer", signer}})
                                     .dump());
  ASSERT_EQ(created.status, 201) << created.body;
  EXPECT_EQ(created.json()["signer"], signer);
  EXPECT_EQ(unit_json("HP-AX")["signer"], signer);

  // A wrong signer creates nothing.
  const auto with_signer = [](const std::string& code, const json& lines) {
    return json({{"code", code},
                 {"name", "Xã Mới"},
                 {"kind", "commune"},
                 {"parent", "HP"},
                 {"signer", lines}})
        .dump();
  };
  expect_error(post("/api/v1/units", token(kAdmin), with_signer("HP-AY", "Ông A")), 400,
               "bad_input", "signer");
  expect_error(post("/api/v1/units", token(kAdmin), with_signer("HP-AY", {{"name", 7}})), 400,
               "bad_input", "signer.name");
  expect_error(post("/api/v1/units", token(kAdmin),
                    with_signer("HP-AY", {{"name", std::string(5000, 'x')}})),
               422, "validation_failed", "signer.name");
  EXPECT_EQ(get("/api/v1/units/HP-AY", token(kAdmin)).status, 404);
}

TEST_F(UnitAdminTest, PatchWithParentMovesTheUnitAndItsFigures) {
  ASSERT_EQ(save_draft("HP-AH-THTT", {{"media_articles", 6}}).status, 200);
  ASSERT_EQ(post(report_path("HP-AH-THTT") + "/submit", token(kReporter)).status, 200);
  ASSERT_EQ(
      post("/api/v1/units", token(kAdmin),
           json({{"code", "HP-AX"}, {"name", "Xã An Xuân"}, {"kind", "commune"}, {"parent", "HP"}})
               .dump())
          .status,
      201);
  const json city_before = summary_of("HP");

  const HttpReply reply = patch("HP-AH-THTT", {{"parent", "HP-AX"}}, kAdmin);
  ASSERT_EQ(reply.status, 200) << reply.body;
  EXPECT_EQ(reply.json()["parent"], "HP-AX");
  EXPECT_EQ(summary_of("HP-AX")["totals"]["media_articles"], 6);
  EXPECT_EQ(summary_of("HP-AX")["submitted"], 1);
  EXPECT_EQ(summary_of("HP-AH")["totals"]["media_articles"], 0);
  EXPECT_EQ(summary_of("HP-AH")["expected"], 2);
  EXPECT_EQ(summary_of("HP"), city_before);
  const json children = unit_json("HP-AH")["children"];
  EXPECT_EQ(std::find(children.begin(), children.end(), "HP-AH-THTT"), children.end());
}

TEST_F(UnitAdminTest, PatchRefusalsChangeNothing) {
  const json before = unit_json("HP-AH-THTT");
  const json commune_before = summary_of("HP-AH");
  // Wrong or hostile input.
  expect_error(patch("HP-AH-THTT", {{"name", ""}}, kAdmin), 422, "validation_failed", "name");
  expect_error(patch("HP-AH-THTT", {{"name", std::string(10000, 'x')}}, kAdmin), 422,
               "validation_failed", "name");
  expect_error(patch("HP-AH-THTT", {{"population", {{"students", -1}}}}, kAdmin), 422,
               "validation_failed");
  expect_error(patch("HP-AH-THTT", {{"population", {{"students", "nhiều"}}}}, kAdmin), 400,
               "bad_input", "population.students");
  expect_error(patch("HP-AH-THTT", {{"code", "HP-AH-KHAC"}}, kAdmin), 422, "validation_failed",
               "code");
  expect_error(patch("HP-AH-THTT", {{"path", "/1/"}}, kAdmin), 400, "bad_input");
  expect_error(patch("HP-AH-THTT", {{"signer", "Ông A"}}, kAdmin), 400, "bad_input", "signer");
  expect_error(patch("HP-AH-THTT", {{"parent", "HP-KHONG-CO"}}, kAdmin), 404, "not_found",
               "parent");
  expect_error(patch("HP-AH", {{"parent", "HP-AH-THTT"}}, kAdmin), 422, "validation_failed");
  // Into the other campaign's issuer (HP-AD issues one): its reporting units would change.
  expect_error(patch("HP-AH-MN", {{"parent", "HP-AD"}}, kAdmin), 409, "conflict", "parent");
  const HttpReply broken =
      http_->send_json("PATCH", "/api/v1/units/HP-AH-THTT", token(kAdmin), "{\"name\": \"Tr\xC6");
  EXPECT_EQ(broken.status, 400) << broken.body;
  // Not theirs to change.
  expect_error(patch("HP-AH-THTT", {{"name", "Khác"}}, kReporter), 403, "forbidden");
  expect_error(patch("HP-AH-THTT", {{"name", "Khác"}}, kViewer), 403, "forbidden");
  expect_error(patch("HP-AD-THCS", {{"name", "Khác"}}, kCoordinator), 403, "forbidden");
  expect_error(patch("HP-AH", {{"parent", "HP-AD"}}, kCoordinator), 403, "forbidden");
  expect_error(patch("HP-KHONG-CO", {{"name", "Khác"}}, kAdmin), 404, "not_found");
  EXPECT_EQ(http_->send_json("PATCH", "/api/v1/units/HP-AH-THTT", "", "{\"name\":\"A\"}").status,
            401);

  EXPECT_EQ(unit_json("HP-AH-THTT"), before);
  EXPECT_EQ(summary_of("HP-AH"), commune_before);
}

// Role × target for the new routes, like access_matrix_test.cpp's matrix: PATCH (a harmless
// e-mail change), the page, and the page's edit form.
TEST_F(UnitAdminTest, EveryRoleAndTargetGetsThePolicysStatusOnTheUnitEditingRoutes) {
  struct Cell {
    std::string user, target;
    long patch, page;
  };
  const std::vector<Cell> matrix{
      {kAdmin, "VN", 200, 200},
      {kAdmin, "HP-AD-THCS", 200, 200},
      {kCoordinator, "HP-AH", 200, 200},
      {kCoordinator, "HP-AH-MN", 200, 200},
      {kCoordinator, "HP-AD", 403, 403},
      {kCoordinator, "HP", 403, 403},
      {kViewer, "HP-AH", 403, 403},
      {kViewer, "HP-AH-THON1", 403, 403},
      {kReporter, "HP-AH-THTT", 403, 403},
      {kReporter, "HP-AH-MN", 403, 403},
      {kReporter, "HP-AH", 403, 403},
  };
  for (const Cell& cell : matrix) {
    EXPECT_EQ(patch(cell.target, {{"email", "thu@llw.vn"}}, cell.user).status, cell.patch)
        << cell.user << " PATCH " << cell.target;
    const PageSession session = session_of(cell.user);
    const std::string path = "/quan-tri/don-vi/" + cell.target;
    EXPECT_EQ(page_get(path, session).status, cell.page) << cell.user << " GET " << path;
    const json before = unit_json(cell.target);
    const HttpReply posted = page_post(
        path, session, "csrf=" + session.csrf + "&action=chuyen&parent_code=" + cell.target);
    if (cell.page == 403) {
      EXPECT_EQ(posted.status, 403) << cell.user << " POST " << path;
      EXPECT_EQ(unit_json(cell.target), before);
    }
  }
}

// --- The page /quan-tri/don-vi/{code} -----------------------------------------------------------

TEST_F(UnitAdminTest, ThePageShowsTheTreeAndTheFormsToWhoeverManagesTheUnit) {
  const PageSession coordinator = session_of(kCoordinator);
  const HttpReply own = page_get("/quan-tri/don-vi/HP-AH", coordinator);
  ASSERT_EQ(own.status, 200) << own.body;
  const HtmlPage own_page(own.body);
  const std::string child_link = "//table[@id='children']//tr[td[2]='HP-AH-THTT']/td[1]/a";
  EXPECT_EQ(own_page.text(child_link), "Trường Tiểu học An Hưng");
  EXPECT_EQ(own_page.attribute(child_link, "href"), "/quan-tri/don-vi/HP-AH-THTT");
  EXPECT_EQ(own_page.count("//form[@id='edit-form']//input[@name='signer_name']"), 1u);
  EXPECT_EQ(own_page.count("//form[@id='add-form']"), 1u);
  // The units that report and have no reporter account are marked, with a link to create them.
  const auto marks = [&](const std::string& code) {
    return own_page.count("//table[@id='children']//tr[@data-unit='" + code +
                          "']//*[contains(@class, 'no-account')]");
  };
  EXPECT_EQ(marks("HP-AH-THON1"), 1u);
  EXPECT_EQ(marks("HP-AH-THTT"), 0u);
  EXPECT_EQ(marks("HP-AH-MN"), 0u);
  EXPECT_EQ(own_page.attribute("//a[@id='create-accounts']", "href"),
            "/quan-tri/tai-khoan-don-vi?don-vi=HP-AH");
  // A commune's new unit defaults to a school, and only the kinds a commune may have below it
  // are offered (never "Toàn quốc" inside a commune).
  const std::string add_kind = "//form[@id='add-form']//select[@name='kind']";
  EXPECT_EQ(own_page.attribute(add_kind + "/option[@selected]", "value"), "school");
  EXPECT_EQ(own_page.count(add_kind + "/option[@value='country']"), 0u);
  EXPECT_EQ(own_page.count(add_kind + "/option[@value='province']"), 0u);
  EXPECT_EQ(own_page.count(add_kind + "/option[@value='commune']"), 0u);
  EXPECT_EQ(own_page.count(add_kind + "/option"), 4u);
  // The edit form still offers every kind.
  EXPECT_EQ(own_page.count("//form[@id='edit-form']//select[@name='kind']/option"), 7u);
  // Its own unit cannot be moved by it: the level above decides that.
  EXPECT_EQ(own_page.count("//form[@id='move-form']"), 0u);
  EXPECT_EQ(own_page.count("//nav//a[@href='/quan-tri/don-vi/HP-AH']"), 1u);  // nav link

  const HttpReply child = page_get("/quan-tri/don-vi/HP-AH-THTT", coordinator);
  ASSERT_EQ(child.status, 200);
  const HtmlPage child_page(child.body);
  EXPECT_EQ(child_page.count("//form[@id='move-form']"), 1u);
  EXPECT_EQ(child_page.attribute("//a[@id='parent-link']", "href"), "/quan-tri/don-vi/HP-AH");
  EXPECT_EQ(child_page.attribute(kStudents, "value"), "450");
  // A school has no units below it: no add form, a sentence instead.
  EXPECT_EQ(child_page.count("//form[@id='add-form']"), 0u);
  EXPECT_EQ(child_page.count("//*[@id='add-none']"), 1u);

  const HttpReply admin = page_get("/quan-tri/don-vi/HP-AH-THTT", session_of(kAdmin));
  ASSERT_EQ(admin.status, 200);
  EXPECT_EQ(HtmlPage(admin.body).text("//nav[@id='breadcrumb']//li[1]/a"), "Việt Nam");
  // Below a province the likely new unit is a commune, below the country a province.
  const std::string selected = "//form[@id='add-form']//select[@name='kind']/option[@selected]";
  EXPECT_EQ(HtmlPage(page_get("/quan-tri/don-vi/HP", session_of(kAdmin)).body)
                .attribute(selected, "value"),
            "commune");
  EXPECT_EQ(HtmlPage(page_get("/quan-tri/don-vi/VN", session_of(kAdmin)).body)
                .attribute(selected, "value"),
            "province");
}

// The page's body is kept and reused (issue 15) until something is written: a change made
// through the API shows on the next view at once, and the audit page lists it.
TEST_F(UnitAdminTest, AChangeMadeElsewhereShowsOnTheNextViewOfTheTreeAndTheAuditLog) {
  const PageSession coordinator = session_of(kCoordinator);
  const HttpReply before = page_get("/quan-tri/don-vi/HP-AH-THTT", coordinator);
  ASSERT_EQ(before.status, 200);
  EXPECT_EQ(HtmlPage(before.body).attribute(kStudents, "value"), "450");
  EXPECT_EQ(page_get("/quan-tri/don-vi/HP-AH-THTT", coordinator).body, before.body);
  const HttpReply audit_before = page_get("/nhat-ky", coordinator);
  ASSERT_EQ(audit_before.status, 200);

  ASSERT_EQ(patch("HP-AH-THTT",
                  {{"name", "Trường Tiểu học An Hưng mới"},
                   {"population", {{"students", 512}, {"staff", 30}, {"parents", 400}}}},
                  kCoordinator)
                .status,
            200);
  const HttpReply after = page_get("/quan-tri/don-vi/HP-AH-THTT", coordinator);
  const HtmlPage after_page(after.body);
  EXPECT_EQ(after_page.attribute(kStudents, "value"), "512");
  EXPECT_EQ(after_page.text("//h1"), "Đơn vị: Trường Tiểu học An Hưng mới");
  // The parent's page lists the child under its new name too.
  EXPECT_EQ(HtmlPage(page_get("/quan-tri/don-vi/HP-AH", coordinator).body)
                .text("//table[@id='children']//tr[td[2]='HP-AH-THTT']/td[1]"),
            "Trường Tiểu học An Hưng mới");
  const HttpReply audit_after = page_get("/nhat-ky", coordinator);
  EXPECT_NE(audit_after.body, audit_before.body);
  // The entry reads in Vietnamese: the action, and the details' field names (stored in English).
  const HtmlPage audit_page(audit_after.body);
  EXPECT_EQ(audit_page.count("//table//tbody/tr[td[4]='Sửa đơn vị']"), 1u) << audit_after.body;
  EXPECT_EQ(audit_page.text("//table//tbody/tr[td[4]='Sửa đơn vị']/td[6]"), "Sửa: tên, số người");
  EXPECT_EQ(audit_page.text("//table//tbody/tr[td[4]='Sửa đơn vị']/td[7]"), "Thành công");
  EXPECT_EQ(audit_after.body.find("unit.update"), std::string::npos);
}

TEST_F(UnitAdminTest, ThePageIsRefusedOutsideTheSubtreeAndToOtherRoles) {
  EXPECT_EQ(page_get("/quan-tri/don-vi/HP-AD", session_of(kCoordinator)).status, 403);
  EXPECT_EQ(page_get("/quan-tri/don-vi/HP", session_of(kCoordinator)).status, 403);
  EXPECT_EQ(page_get("/quan-tri/don-vi/HP-AH-THTT", session_of(kReporter)).status, 403);
  EXPECT_EQ(page_get("/quan-tri/don-vi/HP-AH", session_of(kViewer)).status, 403);
  EXPECT_EQ(page_get("/quan-tri/don-vi/HP-KHONG-CO", session_of(kAdmin)).status, 404);
  const HttpReply anonymous = http_->send("GET", "/quan-tri/don-vi/HP-AH");
  EXPECT_EQ(anonymous.status, 303);

  const json before = unit_json("HP-AD-THCS");
  const PageSession coordinator = session_of(kCoordinator);
  EXPECT_EQ(page_post("/quan-tri/don-vi/HP-AD-THCS", coordinator,
                      "csrf=" + coordinator.csrf + "&action=sua&name=Kh%C3%A1c&kind=school")
                .status,
            403);
  const PageSession reporter = session_of(kReporter);
  EXPECT_EQ(page_post("/quan-tri/don-vi/HP-AH-THTT", reporter,
                      "csrf=" + reporter.csrf + "&action=chuyen&parent_code=HP-AD")
                .status,
            403);
  EXPECT_EQ(unit_json("HP-AD-THCS"), before);
}

TEST_F(UnitAdminTest, AFormWithoutTheCsrfTokenChangesNothing) {
  const PageSession admin = session_of(kAdmin);
  const json before = unit_json("HP-AH-THTT");
  const std::string fields = edit_form("", kName, "&pop_students=1").substr(5);  // no token
  const HttpReply missing = page_post("/quan-tri/don-vi/HP-AH-THTT", admin, fields.substr(1));
  EXPECT_EQ(missing.status, 400);
  const HttpReply forged =
      page_post("/quan-tri/don-vi/HP-AH-THTT", admin, "csrf=" + std::string(64, 'a') + fields);
  EXPECT_EQ(forged.status, 400);
  EXPECT_EQ(unit_json("HP-AH-THTT"), before);
}

TEST_F(UnitAdminTest, TheEditFormSavesRedirectsAndShowsANotice) {
  const PageSession coordinator = session_of(kCoordinator);
  const HttpReply reply = page_post("/quan-tri/don-vi/HP-AH-THTT", coordinator,
                                    edit_form(coordinator.csrf, kName, "&pop_students=500") +
                                        "&signer_position=PH%C3%93+HI%E1%BB%86U+TR%C6%AF%E1%BB%"
                                        "9ENG&signer_name=Ph%E1%BA%A1m+Lan");
  ASSERT_EQ(reply.status, 303) << reply.body;
  EXPECT_EQ(reply.header("location"), "/quan-tri/don-vi/HP-AH-THTT?ok=sua");
  const json unit = unit_json("HP-AH-THTT");
  EXPECT_EQ(unit["population"]["students"], 500);
  EXPECT_EQ(unit["signer"]["name"], "Phạm Lan");
  EXPECT_EQ(unit["signer"]["position"], "PHÓ HIỆU TRƯỞNG");
  const HttpReply shown = page_get("/quan-tri/don-vi/HP-AH-THTT?ok=sua", coordinator);
  const HtmlPage shown_page(shown.body);
  EXPECT_EQ(shown_page.count("//p[@id='unit-notice']"), 1u);
  EXPECT_EQ(shown_page.attribute("//form[@id='edit-form']//input[@name='signer_name']", "value"),
            "Phạm Lan");
}

TEST_F(UnitAdminTest, ARefusedEditKeepsTheInputAndShowsTheMessagesBesideTheFields) {
  const PageSession admin = session_of(kAdmin);
  const json before = unit_json("HP-AH-THTT");
  const HttpReply reply = page_post(
      "/quan-tri/don-vi/HP-AH-THTT", admin,
      "csrf=" + admin.csrf +
          "&action=sua&name=+&kind=school&level=primary&pop_students=nhi%E1%BB%81u&pop_staff=-3"
          "&signer_name=%3Cscript%3Ealert(1)%3C%2Fscript%3E");
  EXPECT_EQ(reply.status, 422);
  const HtmlPage page(reply.body);
  EXPECT_EQ(
      page.text("//*[@id='edit-pop_students-err']").rfind("Hãy nhập một số nguyên không âm", 0), 0u)
      << reply.body;
  EXPECT_EQ(page.attribute(kStudents, "value"), "nhiều");  // kept as typed
  // Raw bytes on purpose: these check the escaping itself.
  EXPECT_NE(reply.body.find("&lt;script&gt;alert(1)&lt;/script&gt;"), std::string::npos);
  EXPECT_EQ(reply.body.find("<script>alert(1)"), std::string::npos);
  EXPECT_EQ(unit_json("HP-AH-THTT"), before);

  const HttpReply empty_name =
      page_post("/quan-tri/don-vi/HP-AH-THTT", admin, edit_form(admin.csrf, "+++", ""));
  EXPECT_EQ(empty_name.status, 422);
  EXPECT_NE(HtmlPage(empty_name.body).text("//*[@id='edit-name-err']").find("Hãy nhập tên đơn vị"),
            std::string::npos);
  EXPECT_EQ(unit_json("HP-AH-THTT"), before);
}

TEST_F(UnitAdminTest, TheNewParentIsFoundByNameWithoutMarksAndChosenFromAList) {
  const PageSession admin = session_of(kAdmin);
  const std::string page = "/quan-tri/don-vi/HP-AH-THON1";
  const std::string options = "//form[@id='move-form']//select[@name='parent_code']/option";
  const HttpReply found_reply = page_get(page + "?tim-cap-tren=an+duong", admin);
  ASSERT_EQ(found_reply.status, 200) << found_reply.body;
  const HtmlPage found(found_reply.body);
  ASSERT_EQ(found.count(options), 1u) << found_reply.body;
  EXPECT_EQ(found.attribute(options, "value"), "HP-AD");
  EXPECT_NE(found.text(options).find("An Dương"), std::string::npos);
  EXPECT_EQ(found.attribute("//input[@id='parent-search']", "value"), "an duong");
  // Its current parent, and units that cannot have a village below them, are not offered; the
  // code can still be typed.
  const HtmlPage own(page_get(page + "?tim-cap-tren=An+H%C6%B0ng", admin).body);
  EXPECT_EQ(own.count(options), 0u);
  EXPECT_EQ(own.count("//*[@id='parent-none']"), 1u);
  EXPECT_EQ(own.count("//form[@id='move-form']//input[@name='parent_code']"), 1u);
  // Hostile searches: wildcards are only themselves, markup stays text, a long one is cut.
  for (const std::string& hostile :
       {std::string("%25"), std::string("_"), std::string("%3Cscript%3Ealert(1)%3C%2Fscript%3E"),
        std::string("%27%20OR%201%3D1--"), std::string(300, 'a')}) {
    const HttpReply reply = page_get(page + "?tim-cap-tren=" + hostile, admin);
    ASSERT_EQ(reply.status, 200) << hostile;
    EXPECT_EQ(HtmlPage(reply.body).count(options), 0u) << hostile;
    EXPECT_EQ(reply.body.find("<script>alert"), std::string::npos);
  }
  // A coordinator finds only units of its own subtree.
  const PageSession coordinator = session_of(kCoordinator);
  EXPECT_EQ(HtmlPage(page_get(page + "?tim-cap-tren=an+duong", coordinator).body).count(options),
            0u);
  // The unit chosen from the list goes to the move's use case: HP-AD issues a campaign of its
  // own, so the move is refused with the reason beside the form and nothing moves.
  const HttpReply moved =
      page_post(page, admin, "csrf=" + admin.csrf + "&action=chuyen&parent_code=HP-AD");
  ASSERT_EQ(moved.status, 409) << moved.body;
  EXPECT_NE(HtmlPage(moved.body).text("//*[@id='move-message']").find("Không thể chuyển đơn vị"),
            std::string::npos);
  EXPECT_EQ(unit_json("HP-AH-THON1")["parent"], "HP-AH");
}

TEST_F(UnitAdminTest, TheAddAndMoveFormsWorkWithoutJavaScript) {
  const PageSession coordinator = session_of(kCoordinator);
  const HttpReply added = page_post(
      "/quan-tri/don-vi/HP-AH", coordinator,
      "csrf=" + coordinator.csrf +
          "&action=them&code=HP-AH-PVH&name=Ph%C3%B2ng+V%C4%83n+h%C3%B3a&kind=department&level="
          "&email=&pop_students=&pop_staff=12&pop_parents=&pop_residents=");
  ASSERT_EQ(added.status, 303) << added.body;
  EXPECT_EQ(added.header("location"), "/quan-tri/don-vi/HP-AH?ok=them");
  EXPECT_EQ(unit_json("HP-AH-PVH")["parent"], "HP-AH");

  // With its signer, in the same step; a signer line too long comes back on the form.
  const std::string school =
      "csrf=" + coordinator.csrf +
      "&action=them&code=HP-AH-THCS2&name=Tr%C6%B0%E1%BB%9Dng+THCS+s%E1%BB%91+2&kind=school"
      "&level=lower_secondary&signer_position=HI%E1%BB%86U+TR%C6%AF%E1%BB%9ENG";
  const HttpReply too_long = page_post("/quan-tri/don-vi/HP-AH", coordinator,
                                       school + "&signer_name=" + std::string(300, 'x'));
  EXPECT_EQ(too_long.status, 422);
  const HtmlPage too_long_page(too_long.body);
  EXPECT_EQ(too_long_page.count("//form[@id='add-form']//*[@id='add-signer_name-err']"), 1u)
      << too_long.body;
  EXPECT_EQ(
      too_long_page.attribute("//form[@id='add-form']//input[@name='signer_position']", "value"),
      "HIỆU TRƯỞNG")
      << "the typed line is kept";
  EXPECT_EQ(get("/api/v1/units/HP-AH-THCS2", token(kAdmin)).status, 404);
  const HttpReply with_signer = page_post("/quan-tri/don-vi/HP-AH", coordinator,
                                          school + "&signer_name=Nguy%E1%BB%85n+Th%E1%BB%8B+Hoa");
  ASSERT_EQ(with_signer.status, 303) << with_signer.body;
  EXPECT_EQ(unit_json("HP-AH-THCS2")["signer"]["position"], "HIỆU TRƯỞNG");
  EXPECT_EQ(unit_json("HP-AH-THCS2")["signer"]["name"], "Nguyễn Thị Hoa");

  // A duplicate code comes back on the form with the code kept.
  const HttpReply duplicate = page_post(
      "/quan-tri/don-vi/HP-AH", coordinator,
      "csrf=" + coordinator.csrf + "&action=them&code=HP-AH-PVH&name=Kh%C3%A1c&kind=village");
  EXPECT_EQ(duplicate.status, 409);
  const HtmlPage duplicate_page(duplicate.body);
  EXPECT_EQ(duplicate_page.count("//form[@id='add-form']//*[@id='add-code-err']"), 1u)
      << duplicate.body;
  EXPECT_EQ(duplicate_page.attribute("//form[@id='add-form']//input[@name='code']", "value"),
            "HP-AH-PVH");

  const HttpReply moved =
      page_post("/quan-tri/don-vi/HP-AH-MN", coordinator,
                "csrf=" + coordinator.csrf + "&action=chuyen&parent_code=HP-AH-PVH");
  ASSERT_EQ(moved.status, 303) << moved.body;
  EXPECT_EQ(unit_json("HP-AH-MN")["parent"], "HP-AH-PVH");

  // Into its own subtree: refused on the form, in Vietnamese.
  const HttpReply loop =
      page_post("/quan-tri/don-vi/HP-AH-PVH", coordinator,
                "csrf=" + coordinator.csrf + "&action=chuyen&parent_code=HP-AH-MN");
  EXPECT_EQ(loop.status, 422);
  EXPECT_EQ(HtmlPage(loop.body).count("//p[@id='move-message']"), 1u) << loop.body;
  // Outside the coordinator's subtree: the 403 page.
  EXPECT_EQ(page_post("/quan-tri/don-vi/HP-AH-MN", coordinator,
                      "csrf=" + coordinator.csrf + "&action=chuyen&parent_code=HP-AD")
                .status,
            403);
  EXPECT_EQ(unit_json("HP-AH-MN")["parent"], "HP-AH-PVH");
}

namespace llw::test {
namespace {

// The unit's telephone: a Vietnamese number through the API and the unit page, anything else
// refused beside the field with the form kept and nothing changed.
TEST_F(UnitAdminTest, ATelephoneIsAVietnameseNumberAndAnythingElseIsRefused) {
  const json before = unit_json("HP-AH-THTT");
  for (const char* wrong : {"12345", "0912 345 67", "+1 202 555 0100", "0912345678x", "<script>",
                            "01234567890", "091234567890"}) {
    expect_error(patch("HP-AH-THTT", {{"phone", wrong}}, kAdmin), 422, "validation_failed",
                 "phone");
  }
  EXPECT_EQ(unit_json("HP-AH-THTT"), before);
  const HttpReply ok = patch("HP-AH-THTT", {{"phone", "+84 912.345.678"}}, kAdmin);
  ASSERT_EQ(ok.status, 200) << ok.body;
  EXPECT_EQ(ok.json()["phone"], "+84 912.345.678");

  const PageSession admin = session_of(kAdmin);
  const HttpReply refused = page_post("/quan-tri/don-vi/HP-AH-THTT", admin,
                                      edit_form(admin.csrf, kName, "&phone=0912-abc"));
  EXPECT_EQ(refused.status, 422);
  const HtmlPage page(refused.body);
  EXPECT_NE(page.text("//*[@id='edit-phone-err']").find("Số điện thoại không hợp lệ"),
            std::string::npos)
      << refused.body;
  EXPECT_EQ(page.attribute("//form[@id='edit-form']//input[@name='phone']", "value"), "0912-abc");
  EXPECT_EQ(unit_json("HP-AH-THTT")["phone"], "+84 912.345.678");
  const HttpReply saved = page_post("/quan-tri/don-vi/HP-AH-THTT", admin,
                                    edit_form(admin.csrf, kName, "&phone=0225+3842+123"));
  EXPECT_EQ(saved.status, 303) << saved.body;
  EXPECT_EQ(unit_json("HP-AH-THTT")["phone"], "0225 3842 123");
}

}  // namespace
}  // namespace llw::test

// --- Sáp nhập từ: GET/PUT /api/v1/units/{code}/predecessors and the page's form ------------------

HttpReply put_predecessors(HttpClient& http, const std::string& token, const std::string& code,
                           const std::string& body) {
  return http.send_json("PUT", "/api/v1/units/" + code + "/predecessors", token, body);
}

TEST_F(UnitAdminTest, PredecessorsAreRecordedReadAndRefusedOverTheApi) {
  const HttpReply put = put_predecessors(*http_, token(kCoordinator), "HP-AH-THTT",
                                         R"({"predecessors": ["HP-AH-MN"]})");
  ASSERT_EQ(put.status, 200) << put.body;
  EXPECT_EQ(put.json()["predecessors"][0]["code"], "HP-AH-MN");
  const HttpReply got = get("/api/v1/units/HP-AH-THTT/predecessors", token(kReporter));
  ASSERT_EQ(got.status, 200) << got.body;
  EXPECT_EQ(got.json()["predecessors"].size(), 1u);

  struct Refusal {
    std::string user, code, body;
    long status;
  };
  const std::vector<Refusal> refusals{
      {kCoordinator, "HP-AH-THTT", R"({"predecessors": ["HP-NONE"]})", 422},
      {kCoordinator, "HP-AH-THTT", R"({"predecessors": ["HP-AH-THTT"]})", 422},
      {kCoordinator, "HP-AH-MN", R"({"predecessors": ["HP-AH-THTT"]})", 422},  // a cycle
      {kCoordinator, "HP-AH-THTT", R"({"predecessors": "HP-AH-MN"})", 400},
      {kCoordinator, "HP-AH-THTT", R"({"predecessors": [1]})", 400},
      {kCoordinator, "HP-AH-THTT", R"({"predecessors": ["HP-AD"]})", 403},  // another commune
      {kReporter, "HP-AH-THTT", R"({"predecessors": []})", 403},
      {kViewer, "HP-AH-THTT", R"({"predecessors": []})", 403},
  };
  for (const Refusal& r : refusals) {
    const HttpReply reply = put_predecessors(*http_, token(r.user), r.code, r.body);
    EXPECT_EQ(reply.status, r.status) << r.user << " " << r.code << " " << r.body << reply.body;
  }
  const HttpReply after = get("/api/v1/units/HP-AH-THTT/predecessors", token(kAdmin));
  ASSERT_EQ(after.json()["predecessors"].size(), 1u);
  EXPECT_EQ(after.json()["predecessors"][0]["code"], "HP-AH-MN");
  EXPECT_TRUE(
      get("/api/v1/units/HP-AH-MN/predecessors", token(kAdmin)).json()["predecessors"].empty());
}

TEST_F(UnitAdminTest, ThePageRecordsPredecessorsAndShowsARefusalBesideTheField) {
  const PageSession coordinator = session_of(kCoordinator);
  const HttpReply saved =
      page_post("/quan-tri/don-vi/HP-AH-THTT", coordinator,
                "csrf=" + coordinator.csrf + "&action=sap-nhap&predecessors=HP-AH-MN%2C+");
  ASSERT_EQ(saved.status, 303) << saved.body;
  const HtmlPage shown(page_get("/quan-tri/don-vi/HP-AH-THTT?ok=sap-nhap", coordinator).body);
  EXPECT_EQ(shown.attribute("//form[@id='merge-form']//input[@name='predecessors']", "value"),
            "HP-AH-MN");
  EXPECT_NE(shown.text("//*[@id='merged-from']").find("HP-AH-MN"), std::string::npos);

  const HttpReply refused =
      page_post("/quan-tri/don-vi/HP-AH-THTT", coordinator,
                "csrf=" + coordinator.csrf + "&action=sap-nhap&predecessors=HP-KHONG-CO");
  EXPECT_EQ(refused.status, 422);
  const HtmlPage page(refused.body);
  EXPECT_NE(page.text("//*[@id='merge-predecessors-err']").find("HP-KHONG-CO"), std::string::npos)
      << refused.body;
  EXPECT_EQ(page.attribute("//form[@id='merge-form']//input[@name='predecessors']", "value"),
            "HP-KHONG-CO");
  const HttpReply kept = get("/api/v1/units/HP-AH-THTT/predecessors", token(kAdmin));
  EXPECT_EQ(kept.json()["predecessors"][0]["code"], "HP-AH-MN");
}

}  // namespace
}  // namespace llw::test
