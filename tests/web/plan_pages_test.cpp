// The plan composer page (/dot/{id}/ke-hoach/{unit}) over real HTTP on a real database (issue 13,
// point 3): a commune coordinator starts from a sensible first draft, saves, previews exactly the
// document issuing freezes, sees a year copied from an old template flagged before issue, and
// issues; wrong values come back next to their boxes with everything as typed and nothing saved;
// a second composer of one draft gets 409 without losing what they typed; markup is shown as text;
// readers below see only issued editions and nobody else composes.

#include <gtest/gtest.h>

#include "document_text.h"
#include "html_query.h"
#include "page_session.h"
#include "web_fixture.h"

namespace llw::test {
namespace {

using nlohmann::json;
using testing_support::pdf_text;

class PlanPagesTest : public WebFixture {
 protected:
  PageSession signed_in(const std::string& username) {
    PageSession session(*http_);
    EXPECT_EQ(session.sign_in(username, kPassword).status, 303);
    return session;
  }

  std::string page_path(const std::string& unit = "HP-AH") const {
    return "/dot/" + std::to_string(campaign_id_) + "/ke-hoach/" + unit;
  }

  // The commune's plan as the coordinator would type it into the boxes.
  static FormFields typed(const std::string& version = "0") {
    return {
        {"version", version},
        {"number", "15/KH-UBND"},
        {"issued_on", "02/10/2025"},
        {"deadline", "09/10/2025"},
        {"lock_date", "10/10/2025"},
        {"purposes", "Nâng cao nhận thức về học tập suốt đời.\n\nPhát huy vai trò của nhà trường."},
        {"activities_intro", "Các đơn vị chủ động tổ chức các hoạt động sau:"},
        {"direction_0", "Tuyên truyền về học tập suốt đời."},
        {"direction_1", ""},
        {"assignment_title_0", "Các trường học"},
        {"assignment_tasks_0", "Tổ chức Ngày hội đọc sách.\nBáo cáo kết quả về UBND xã."},
        {"assignment_title_1", "Các thôn"},
        {"assignment_tasks_1", "Tuyên truyền trên loa truyền thanh."},
        {"assignment_title_2", ""},
        {"assignment_tasks_2", ""},
        {"closing", "Ủy ban nhân dân xã đề nghị các đơn vị triển khai thực hiện./."},
        {"recipients", "UBND thành phố (báo cáo);\nLưu: VT."},
        {"signer_authority", "TM. ỦY BAN NHÂN DÂN"},
        {"signer_deputy", "KT. CHỦ TỊCH"},
        {"signer_position", "PHÓ CHỦ TỊCH"},
        {"signer_name", "Nguyễn Thị Hồng Vân"}};
  }

  json sheet() {
    const HttpReply reply = get(
        "/api/v1/campaigns/" + std::to_string(campaign_id_) + "/plans/HP-AH", token(kCoordinator));
    EXPECT_EQ(reply.status, 200) << reply.body;
    return reply.json();
  }

  // Whether the page tells the user `text`: beside a box, in the list or the alert above the
  // form, or among the warnings before issuing.
  static bool says(const HttpReply& reply, const std::string& text) {
    for (const std::string& message :
         HtmlPage(reply.body)
             .texts("//p[@class='field-error'] | //ul[@id='plan-errors']/li | "
                    "//p[@id='plan-message'] | "
                    "//section[@id='plan-warnings']//li")) {
      if (message.find(text) != std::string::npos) return true;
    }
    return false;
  }

  // The value of the plan form's input `name`.
  static std::string value_of(const HtmlPage& page, const std::string& name) {
    return page.attribute("//form[@id='plan-form']//input[@name='" + name + "']", "value");
  }

  static constexpr const char* kForm = "//form[@id='plan-form']";
};

TEST_F(PlanPagesTest, TheFirstDraftStartsFromThePlanAboveAndTheCommunesOwnUnits) {
  const PageSession coordinator = signed_in(kCoordinator);
  const HttpReply shown = coordinator.open(page_path());
  ASSERT_EQ(shown.status, 200) << shown.body;
  const HtmlPage page(shown.body);
  EXPECT_EQ(page.count(kForm), 1u);
  // The legal basis cites the province's plan; the theme and week are read-only.
  EXPECT_EQ(page.text("//dd[@id='plan-legal-basis']")
                .rfind("Thực hiện Kế hoạch số 83/KH-UBND ngày 01/10/2025", 0),
            0u);
  EXPECT_EQ(page.text("//dd[@id='plan-theme']"), "“Học tập suốt đời trong kỷ nguyên số”");
  EXPECT_EQ(page.count("//*[@name='theme']"), 0u);
  // One assignment per group of the commune's units, and a deadline inside the province's 12/10.
  const std::string assignment = "//fieldset[@id='plan-assignments']//input";
  EXPECT_EQ(page.count(assignment + "[@value='Các trường học']"), 1u);
  EXPECT_EQ(page.count(assignment + "[@value='Các thôn, tổ dân phố']"), 1u);
  EXPECT_EQ(value_of(page, "deadline"), "09/10/2025");
  EXPECT_EQ(value_of(page, "lock_date"), "20/10/2025");
  EXPECT_EQ(page.text("//p[@id='plan-no-edition']"), "Chưa có bản kế hoạch nào.");
  EXPECT_EQ(page.count("//*[@id='plan-preview']"), 0u);  // nothing saved yet
  EXPECT_TRUE(sheet()["editions"].empty());
  // The commune's dashboard links to it.
  const HttpReply dashboard =
      coordinator.open("/dot/" + std::to_string(campaign_id_) + "/tong-quan/HP-AH");
  EXPECT_EQ(HtmlPage(dashboard.body).attribute("//a[@id='plan-link']", "href"), page_path());
}

TEST_F(PlanPagesTest, SavingPreviewsTheDocumentAndIssuingFreezesExactlyIt) {
  const PageSession coordinator = signed_in(kCoordinator);
  const HttpReply saved = coordinator.submit(page_path(), with(typed(), "action", "luu"));
  ASSERT_EQ(saved.status, 303) << saved.body;
  EXPECT_EQ(saved.header("location"), page_path() + "?da-luu=1");
  const HttpReply shown = coordinator.open(page_path() + "?da-luu=1");
  ASSERT_EQ(shown.status, 200);
  const HtmlPage page(shown.body);
  EXPECT_TRUE(says(shown, "Đã lưu dự thảo"));
  EXPECT_EQ(value_of(page, "version"), "1");
  // The preview: the same model the documents are rendered from.
  const std::string preview = "//section[@id='plan-preview']";
  const std::string preview_text = page.text(preview);
  EXPECT_NE(preview_text.find("Số: 15/KH-UBND"), std::string::npos) << preview_text;
  EXPECT_EQ(page.count(preview + "//p[normalize-space()='a) Tuyên truyền về học tập suốt đời.']"),
            1u);
  EXPECT_NE(preview_text.find("Tổ chức Ngày hội đọc sách."), std::string::npos);
  EXPECT_NE(
      preview_text.find("trước ngày 09/10/2025; sau ngày 10/10/2025 hệ thống khóa sổ báo cáo./."),
      std::string::npos);
  const json draft = sheet()["editions"].back();
  EXPECT_EQ(draft["status"], "draft");
  EXPECT_EQ(draft["content"]["purposes"].size(), 2u);     // the blank line is not a purpose
  EXPECT_EQ(draft["content"]["assignments"].size(), 2u);  // nor the blank assignment
  const HttpReply preview_pdf = coordinator.open(page_path() + "/tai/du-thao/pdf");
  ASSERT_EQ(preview_pdf.status, 200);

  const HttpReply issued = coordinator.submit(page_path(), with(typed("1"), "action", "ban-hanh"));
  ASSERT_EQ(issued.status, 303) << issued.body;
  EXPECT_EQ(issued.header("location"), page_path() + "?da-ban-hanh=1");
  const json edition = sheet()["editions"].back();
  EXPECT_EQ(edition["status"], "issued");
  EXPECT_EQ(edition["number"], "15/KH-UBND");
  // The page's download is the frozen document, the one the API serves, byte for byte.
  const HttpReply pdf = coordinator.open(page_path() + "/tai/1/pdf");
  ASSERT_EQ(pdf.status, 200);
  EXPECT_EQ(pdf.body,
            get("/api/v1/campaigns/" + std::to_string(campaign_id_) + "/plans/HP-AH/1/plan.pdf",
                token(kAdmin))
                .body);
  EXPECT_EQ(preview_pdf.body.size() > 0, true);
  // The frozen PDF keeps the documents' Nghị định 30 page: A4 with its serif font embedded;
  // the DOCX holds the same text.
  EXPECT_NE(testing_support::read_back(pdf.body, ".pdf", "pdfinfo {}").find("(A4)"),
            std::string::npos);
  EXPECT_NE(testing_support::read_back(pdf.body, ".pdf", "pdffonts {}").find("LiberationSerif"),
            std::string::npos);
  const std::string docx =
      testing_support::docx_text(coordinator.open(page_path() + "/tai/1/docx").body);
  for (const char* expected :
       {"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Số: 15/KH-UBND", "KẾ HOẠCH", "TM. ỦY BAN NHÂN DÂN",
        "Nguyễn Thị Hồng Vân", "Nơi nhận:", "Tổ chức Ngày hội đọc sách."}) {
    EXPECT_NE(docx.find(expected), std::string::npos) << expected;
  }
  const std::string text = pdf_text(pdf.body);
  EXPECT_NE(text.find("Tổ chức Ngày hội đọc sách."), std::string::npos) << text;
  EXPECT_NE(text.find("Số: 15/KH-UBND"), std::string::npos);
  // Once issued the page offers an adjustment, and the school sees the plan, not a form.
  const HttpReply after = coordinator.open(page_path() + "?da-ban-hanh=1");
  const HtmlPage after_page(after.body);
  EXPECT_EQ(after_page.text("//p[@id='plan-issued']").rfind("Đã ban hành kế hoạch", 0), 0u);
  EXPECT_EQ(after_page.text(std::string(kForm) + "/h2"), "Soạn kế hoạch điều chỉnh");
  EXPECT_EQ(coordinator.open(page_path() + "/tai/du-thao/pdf").status, 404);
  const PageSession school = signed_in(kReporter);
  // The school is told in the app; the commune's own accounts are not.
  const HttpReply notices = school.open("/thong-bao");
  const std::string notice_links = "//ul[@id='notification-list']/li/a";
  const HtmlPage notices_page(notices.body);
  EXPECT_EQ(notices_page.text("//nav//a[@href='/thong-bao']"), "Thông báo (1)");
  EXPECT_EQ(notices_page.text(notice_links + "[@href='" + page_path() + "']")
                .rfind("Xã An Hưng đã ban hành kế hoạch", 0),
            0u)
      << notices.body;
  EXPECT_EQ(HtmlPage(coordinator.open("/thong-bao").body)
                .count(notice_links + "[contains(., 'đã ban hành kế hoạch')]"),
            0u);
  const HttpReply seen = school.open(page_path());
  ASSERT_EQ(seen.status, 200);
  const HtmlPage seen_page(seen.body);
  EXPECT_EQ(seen_page.count("//ul[@id='plan-editions']//a[@href='" + page_path() + "/tai/1/pdf']"),
            1u);
  EXPECT_EQ(seen_page.count(kForm), 0u);
  EXPECT_EQ(school.open(page_path() + "/tai/1/docx").status, 200);
  // The school's report page names the plan and its own tasks.
  const HttpReply report =
      school.open("/dot/" + std::to_string(campaign_id_) + "/bao-cao/HP-AH-THTT");
  const HtmlPage report_page(report.body);
  EXPECT_NE(report_page.text("//*[@id='plan-above']/p").find("15/KH-UBND"), std::string::npos);
  const std::string tasks = "//*[@id='plan-tasks']//li";
  EXPECT_EQ(report_page.count(tasks + "[.='Tổ chức Ngày hội đọc sách.']"), 1u);
  EXPECT_EQ(report_page.count(tasks + "[contains(., 'loa truyền thanh')]"), 0u);  // the villages'
}

// Issue 17, item 13: the issued plan (PDF and DOCX) is linked from every page where a unit or its
// coordinator would look for it: the campaigns list, the report form, the review, the dashboard
// and the consolidated report.
TEST_F(PlanPagesTest, TheIssuedPlanIsLinkedWhereverAUnitOrItsCoordinatorLooks) {
  const PageSession coordinator = signed_in(kCoordinator);
  ASSERT_EQ(coordinator.submit(page_path(), with(typed(), "action", "luu")).status, 303);
  ASSERT_EQ(coordinator.submit(page_path(), with(typed("1"), "action", "ban-hanh")).status, 303);
  const std::string pdf = page_path() + "/tai/1/pdf";
  const std::string docx = page_path() + "/tai/1/docx";
  const auto links_both = [&](const PageSession& session, const std::string& path,
                              const std::string& list) {
    const HttpReply reply = session.open(path);
    EXPECT_EQ(reply.status, 200) << path;
    const HtmlPage page(reply.body);
    EXPECT_EQ(page.count(list + "//a[@href='" + pdf + "']"), 1u) << path << reply.body;
    EXPECT_EQ(page.count(list + "//a[@href='" + docx + "']"), 1u) << path;
    EXPECT_NE(page.text(list).find("Kế hoạch số 15/KH-UBND"), std::string::npos) << path;
  };
  const std::string campaign = "/dot/" + std::to_string(campaign_id_);
  const std::string campaign_plans =
      "//ul[@id='campaign-" + std::to_string(campaign_id_) + "-plans']";
  const PageSession school = signed_in(kReporter);
  links_both(school, "/dot", campaign_plans);
  links_both(school, campaign + "/bao-cao/HP-AH-THTT", "//ul[@id='plan-links']");
  links_both(coordinator, "/dot", campaign_plans);
  links_both(coordinator, campaign + "/tong-quan/HP-AH", "//ul[@id='plan-links']");
  links_both(coordinator, campaign + "/tong-hop/HP-AH", "//ul[@id='plan-links']");
  // The coordinator opens the school's report: the review page.
  links_both(coordinator, campaign + "/bao-cao/HP-AH-THTT", "//ul[@id='plan-links']");
}

TEST_F(PlanPagesTest, TheIssuersPlanIsComposedTooAndThePlansBelowCiteIt) {
  const PageSession admin = signed_in(kAdmin);
  const HttpReply first = admin.open(page_path("HP"));
  ASSERT_EQ(first.status, 200) << first.body;
  // The city's first draft is the campaign's plan; only the issuer types its legal basis.
  const HtmlPage first_page(first.body);
  EXPECT_EQ(value_of(first_page, "number"), "83/KH-UBND");
  EXPECT_EQ(first_page.count(std::string(kForm) + "//textarea[@name='legal_basis']"), 1u);
  EXPECT_EQ(value_of(first_page, "deadline"), "12/10/2025");
  FormFields city = with(typed(), "number", "215/KH-UBND");
  city = with(city, "deadline", "10/10/2025");
  city = with(city, "lock_date", "15/10/2025");
  city = with(city, "legal_basis",
              "Thực hiện Công văn số 1234/BGDĐT-GDTX của Bộ Giáo dục và Đào tạo;");
  ASSERT_EQ(admin.submit(page_path("HP"), with(city, "action", "ban-hanh")).status, 303);
  // The store lists it among the campaign's issued plans (what the plan e-mails walk).
  const auto issued = store_->plans().issued_plans(campaign_id_);
  ASSERT_EQ(issued.size(), 1u);
  EXPECT_EQ(issued[0].unit_code, "HP");
  EXPECT_EQ(issued[0].edition, 1);
  EXPECT_EQ(issued[0].deadline, std::chrono::year{2025} / 10 / 10);
  const HttpReply pdf = admin.open(page_path("HP") + "/tai/1/pdf");
  EXPECT_NE(pdf_text(pdf.body).find("Thực hiện Công văn số 1234/BGDĐT-GDTX"), std::string::npos);

  // The commune's plan now cites the city's and must keep within its dates.
  const PageSession coordinator = signed_in(kCoordinator);
  const HttpReply commune = coordinator.open(page_path());
  const HtmlPage commune_page(commune.body);
  EXPECT_EQ(commune_page.text("//dd[@id='plan-legal-basis']")
                .rfind("Thực hiện Kế hoạch số 215/KH-UBND ngày 02/10/2025 của Ủy ban nhân "
                       "dân thành phố Hải Phòng",
                       0),
            0u);
  EXPECT_EQ(commune_page.count("//*[@name='legal_basis']"), 0u);
  const HttpReply late = coordinator.submit(
      page_path(), with(with(typed(), "deadline", "11/10/2025"), "action", "luu"));
  EXPECT_EQ(late.status, 422);
  EXPECT_TRUE(says(late, "trước hạn 10/10/2025 của kế hoạch cấp trên")) << late.body;
  // A commune cannot type a legal basis of its own through the API either.
  json draft = {{"version", 0},
                {"deadline", "2025-10-09"},
                {"lock_date", "2025-10-10"},
                {"content", {{"legal_basis", "Tự nhập"}}}};
  EXPECT_EQ(put("/api/v1/campaigns/" + std::to_string(campaign_id_) + "/plans/HP-AH",
                token(kCoordinator), draft.dump())
                .status,
            400);
  // The school is notified of the city's plan too (every account below the issuer).
  EXPECT_EQ(
      HtmlPage(signed_in(kReporter).open("/thong-bao").body)
          .count(
              "//ul[@id='notification-list']/li/a[contains(., 'Thành phố Hải Phòng đã ban hành')]"),
      1u);
}

TEST_F(PlanPagesTest, AYearFromAnOldTemplateIsFlaggedAndHoldsTheIssueUntilConfirmed) {
  const PageSession coordinator = signed_in(kCoordinator);
  const FormFields old_year =
      with(typed(), "closing", "Yêu cầu các đơn vị thực hiện nghiêm túc kế hoạch năm 2021./.");
  const HttpReply held = coordinator.submit(page_path(), with(old_year, "action", "ban-hanh"));
  EXPECT_EQ(held.status, 422) << held.body;
  EXPECT_TRUE(says(held, "Năm 2021 khác năm của Tuần lễ 2025"));
  EXPECT_TRUE(says(held, "chưa ban hành"));
  EXPECT_EQ(HtmlPage(held.body).count(std::string(kForm) + "//input[@name='confirm_years']"), 1u);
  EXPECT_EQ(sheet()["editions"].back()["status"], "draft");  // saved, not issued
  const HttpReply confirmed = coordinator.submit(
      page_path(),
      with(with(with(old_year, "version", "1"), "action", "ban-hanh"), "confirm_years", "1"));
  EXPECT_EQ(confirmed.status, 303) << confirmed.body;
  EXPECT_EQ(sheet()["editions"].back()["status"], "issued");
}

TEST_F(PlanPagesTest, WrongValuesComeBackBesideTheirBoxesAsTypedAndNothingIsSaved) {
  const PageSession coordinator = signed_in(kCoordinator);
  const struct {
    const char* box;
    const char* value;
    const char* message;
  } cases[] = {
      {"deadline", "32/10/2025", "Ngày không hợp lệ"},
      {"deadline", "15/10/2025", "trước hạn 12/10/2025"},
      {"lock_date", "08/10/2025", "bằng hoặc sau hạn gửi báo cáo"},
      {"issued_on", "02/10/2024", "thuộc năm 2025"},
      {"assignment_title_1", "", "tên đơn vị hoặc nhóm đơn vị"},
      {"lock_date", "", "Hãy nhập ngày"},
  };
  for (const auto& c : cases) {
    const HttpReply refused =
        coordinator.submit(page_path(), with(with(typed(), c.box, c.value), "action", "luu"));
    EXPECT_EQ(refused.status, 422) << c.box << " " << c.value;
    EXPECT_TRUE(says(refused, c.message)) << c.box << ": " << refused.body.substr(0, 3000);
    const HtmlPage page(refused.body);
    EXPECT_EQ(
        page.count(std::string(kForm) + "//textarea[contains(., 'Tổ chức Ngày hội đọc sách.')]"),
        1u)
        << "typed text kept";
    EXPECT_GT(page.count(std::string(kForm) + "//p[@class='field-error']"), 0u) << c.box;
  }
  // Issuing without a number is refused; the draft it saved stays a draft.
  const HttpReply no_number =
      coordinator.submit(page_path(), with(with(typed(), "number", ""), "action", "ban-hanh"));
  EXPECT_EQ(no_number.status, 422);
  EXPECT_TRUE(says(no_number, "Hãy nhập số kế hoạch"));
  ASSERT_EQ(sheet()["editions"].size(), 1u);
  EXPECT_EQ(sheet()["editions"].back()["status"], "draft");
  // A version that is not a number is an old page: refused, nothing changes.
  EXPECT_EQ(coordinator.submit(page_path(), with(typed("x"), "action", "luu")).status, 400);
  EXPECT_EQ(sheet()["editions"].back()["version"], 1);
}

TEST_F(PlanPagesTest, TheSecondComposerOfOneDraftGetsAConflictWithWhatTheyTypedKept) {
  const PageSession coordinator = signed_in(kCoordinator);
  const PageSession admin = signed_in(kAdmin);
  ASSERT_EQ(coordinator.submit(page_path(), with(typed(), "action", "luu")).status, 303);
  // The admin opened the page before the coordinator saved: version 0.
  const HttpReply late =
      admin.submit(page_path(), with(with(typed(), "number", "99/KH-UBND"), "action", "luu"));
  EXPECT_EQ(late.status, 409) << late.body;
  EXPECT_EQ(value_of(HtmlPage(late.body), "number"), "99/KH-UBND");
  EXPECT_TRUE(says(late, "vẫn còn bên dưới"));
  EXPECT_EQ(sheet()["editions"].back()["number"], "15/KH-UBND");
}

TEST_F(PlanPagesTest, MarkupIsShownAsTextInTheFormAndThePreview) {
  const PageSession coordinator = signed_in(kCoordinator);
  ASSERT_EQ(coordinator
                .submit(page_path(), with(with(typed(), "purposes", "<script>alert(1)</script>"),
                                          "action", "luu"))
                .status,
            303);
  const HttpReply shown = coordinator.open(page_path());
  EXPECT_EQ(HtmlPage(shown.body).text(std::string(kForm) + "//textarea[@name='purposes']"),
            "<script>alert(1)</script>");
  // Raw bytes on purpose: these check the escaping itself.
  EXPECT_EQ(shown.body.find("<script>alert(1)"), std::string::npos);
  EXPECT_NE(shown.body.find("&lt;script&gt;alert(1)&lt;/script&gt;"), std::string::npos);
  // An oversized text is refused by the use case, beside its box.
  const HttpReply long_text = coordinator.submit(
      page_path(), with(with(typed("1"), "closing", std::string(21000, 'a')), "action", "luu"));
  EXPECT_EQ(long_text.status, 422);
  EXPECT_TRUE(says(long_text, "tối đa"));
}

TEST_F(PlanPagesTest, OnlyTheCommunesComposersWriteItAndOthersSeeAtMostTheIssuedPlan) {
  const PageSession viewer = signed_in(kViewer);
  const HttpReply read = viewer.open(page_path());
  EXPECT_EQ(read.status, 200);
  EXPECT_EQ(HtmlPage(read.body).count(kForm), 0u);
  EXPECT_EQ(viewer.submit(page_path(), with(typed(), "action", "luu")).status, 403);
  const PageSession school = signed_in(kReporter);
  EXPECT_EQ(school.submit(page_path(), with(typed(), "action", "ban-hanh")).status, 403);
  EXPECT_EQ(school.open(page_path() + "/tai/du-thao/pdf").status, 404);
  // Another commune's plan, a school's (no plan of its own) and a bad edition.
  const PageSession coordinator = signed_in(kCoordinator);
  EXPECT_EQ(coordinator.open(page_path("HP-AD")).status, 403);
  EXPECT_EQ(coordinator.submit(page_path("HP-AD"), with(typed(), "action", "luu")).status, 403);
  EXPECT_EQ(coordinator.open(page_path("HP-AH-THTT")).status, 404);
  EXPECT_EQ(coordinator.open(page_path() + "/tai/abc/pdf").status, 404);
  EXPECT_EQ(coordinator.open(page_path() + "/tai/1/xlsx").status, 404);
  EXPECT_TRUE(sheet()["editions"].empty());
  // Without a CSRF token nothing is saved either.
  EXPECT_EQ(coordinator.submit(page_path(), with(typed(), "action", "luu"), false).status, 400);
  EXPECT_TRUE(sheet()["editions"].empty());
}

}  // namespace
}  // namespace llw::test
