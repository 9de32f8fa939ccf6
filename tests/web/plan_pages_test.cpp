// The plan composer page (/dot/{id}/ke-hoach/{unit}) over real HTTP on a real database (issue 13,
// point 3): a commune coordinator starts from a sensible first draft, saves, previews exactly the
// document issuing freezes, sees a year copied from an old template flagged before issue, and
// issues; wrong values come back next to their boxes with everything as typed and nothing saved;
// a second composer of one draft gets 409 without losing what they typed; markup is shown as text;
// readers below see only issued editions and nobody else composes.

#include <gtest/gtest.h>

#include "document_text.h"
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

  static bool has(const HttpReply& reply, const std::string& text) {
    return reply.body.find(text) != std::string::npos;
  }
};

TEST_F(PlanPagesTest, TheFirstDraftStartsFromThePlanAboveAndTheCommunesOwnUnits) {
  const PageSession coordinator = signed_in(kCoordinator);
  const HttpReply shown = coordinator.open(page_path());
  ASSERT_EQ(shown.status, 200) << shown.body;
  EXPECT_TRUE(has(shown, "id=\"plan-form\""));
  // The legal basis cites the province's plan; the theme and week are read-only.
  EXPECT_TRUE(has(shown, "Thực hiện Kế hoạch số 83/KH-UBND ngày 01/10/2025"));
  EXPECT_TRUE(has(shown, "“Học tập suốt đời trong kỷ nguyên số”"));
  EXPECT_FALSE(has(shown, "name=\"theme\""));
  // One assignment per group of the commune's units, and a deadline inside the province's 12/10.
  EXPECT_TRUE(has(shown, "value=\"Các trường học\""));
  EXPECT_TRUE(has(shown, "value=\"Các thôn, tổ dân phố\""));
  EXPECT_TRUE(has(shown, "name=\"deadline\" value=\"09/10/2025\""));
  EXPECT_TRUE(has(shown, "name=\"lock_date\" value=\"20/10/2025\""));
  EXPECT_TRUE(has(shown, "Chưa có bản kế hoạch nào."));
  EXPECT_FALSE(has(shown, "id=\"plan-preview\""));  // nothing saved yet
  EXPECT_TRUE(sheet()["editions"].empty());
  // The commune's dashboard links to it.
  const HttpReply dashboard =
      coordinator.open("/dot/" + std::to_string(campaign_id_) + "/tong-quan/HP-AH");
  EXPECT_TRUE(has(dashboard, "href=\"" + page_path() + "\""));
}

TEST_F(PlanPagesTest, SavingPreviewsTheDocumentAndIssuingFreezesExactlyIt) {
  const PageSession coordinator = signed_in(kCoordinator);
  const HttpReply saved = coordinator.submit(page_path(), with(typed(), "action", "luu"));
  ASSERT_EQ(saved.status, 303) << saved.body;
  EXPECT_EQ(saved.header("location"), page_path() + "?da-luu=1");
  const HttpReply shown = coordinator.open(page_path() + "?da-luu=1");
  ASSERT_EQ(shown.status, 200);
  EXPECT_TRUE(has(shown, "Đã lưu dự thảo"));
  EXPECT_TRUE(has(shown, "name=\"version\" value=\"1\""));
  // The preview: the same model the documents are rendered from.
  EXPECT_TRUE(has(shown, "id=\"plan-preview\""));
  EXPECT_TRUE(has(shown, "Số: 15/KH-UBND"));
  EXPECT_TRUE(has(shown, "<p>a) Tuyên truyền về học tập suốt đời.</p>"));
  EXPECT_TRUE(has(shown, "Tổ chức Ngày hội đọc sách."));
  EXPECT_TRUE(has(shown, "trước ngày 09/10/2025; sau ngày 10/10/2025 hệ thống khóa sổ báo cáo./."));
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
  EXPECT_TRUE(has(after, "Đã ban hành kế hoạch"));
  EXPECT_TRUE(has(after, "Soạn kế hoạch điều chỉnh"));
  EXPECT_EQ(coordinator.open(page_path() + "/tai/du-thao/pdf").status, 404);
  const PageSession school = signed_in(kReporter);
  // The school is told in the app; the commune's own accounts are not.
  const HttpReply notices = school.open("/thong-bao");
  EXPECT_TRUE(has(notices, "Thông báo (1)"));
  EXPECT_TRUE(has(notices, "href=\"" + page_path() + "\">Xã An Hưng đã ban hành kế hoạch"))
      << notices.body;
  EXPECT_FALSE(has(coordinator.open("/thong-bao"), "đã ban hành kế hoạch"));
  const HttpReply seen = school.open(page_path());
  ASSERT_EQ(seen.status, 200);
  EXPECT_TRUE(has(seen, "/tai/1/pdf"));
  EXPECT_FALSE(has(seen, "id=\"plan-form\""));
  EXPECT_EQ(school.open(page_path() + "/tai/1/docx").status, 200);
  // The school's report page names the plan and its own tasks.
  const HttpReply report =
      school.open("/dot/" + std::to_string(campaign_id_) + "/bao-cao/HP-AH-THTT");
  EXPECT_TRUE(has(report, "15/KH-UBND"));
  EXPECT_TRUE(has(report, "Tổ chức Ngày hội đọc sách."));
  EXPECT_FALSE(has(report, "Tuyên truyền trên loa truyền thanh."));  // the villages' task
}

TEST_F(PlanPagesTest, TheIssuersPlanIsComposedTooAndThePlansBelowCiteIt) {
  const PageSession admin = signed_in(kAdmin);
  const HttpReply first = admin.open(page_path("HP"));
  ASSERT_EQ(first.status, 200) << first.body;
  // The city's first draft is the campaign's plan; only the issuer types its legal basis.
  EXPECT_TRUE(has(first, "name=\"number\" value=\"83/KH-UBND\""));
  EXPECT_TRUE(has(first, "name=\"legal_basis\""));
  EXPECT_TRUE(has(first, "name=\"deadline\" value=\"12/10/2025\""));
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
  EXPECT_TRUE(has(commune,
                  "Thực hiện Kế hoạch số 215/KH-UBND ngày 02/10/2025 của Ủy ban nhân "
                  "dân thành phố Hải Phòng"));
  EXPECT_FALSE(has(commune, "name=\"legal_basis\""));
  const HttpReply late = coordinator.submit(
      page_path(), with(with(typed(), "deadline", "11/10/2025"), "action", "luu"));
  EXPECT_EQ(late.status, 422);
  EXPECT_TRUE(has(late, "trước hạn 10/10/2025 của kế hoạch cấp trên"));
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
  EXPECT_TRUE(has(signed_in(kReporter).open("/thong-bao"), "Thành phố Hải Phòng đã ban hành"));
}

TEST_F(PlanPagesTest, AYearFromAnOldTemplateIsFlaggedAndHoldsTheIssueUntilConfirmed) {
  const PageSession coordinator = signed_in(kCoordinator);
  const FormFields old_year =
      with(typed(), "closing", "Yêu cầu các đơn vị thực hiện nghiêm túc kế hoạch năm 2021./.");
  const HttpReply held = coordinator.submit(page_path(), with(old_year, "action", "ban-hanh"));
  EXPECT_EQ(held.status, 422) << held.body;
  EXPECT_TRUE(has(held, "Năm 2021 khác năm của Tuần lễ 2025"));
  EXPECT_TRUE(has(held, "chưa ban hành"));
  EXPECT_TRUE(has(held, "name=\"confirm_years\""));
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
    EXPECT_TRUE(has(refused, c.message)) << c.box << ": " << refused.body.substr(0, 3000);
    EXPECT_TRUE(has(refused, "Tổ chức Ngày hội đọc sách.")) << "typed text kept";
    EXPECT_TRUE(has(refused, "class=\"field-error\"")) << c.box;
  }
  // Issuing without a number is refused; the draft it saved stays a draft.
  const HttpReply no_number =
      coordinator.submit(page_path(), with(with(typed(), "number", ""), "action", "ban-hanh"));
  EXPECT_EQ(no_number.status, 422);
  EXPECT_TRUE(has(no_number, "Hãy nhập số kế hoạch"));
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
  EXPECT_TRUE(has(late, "value=\"99/KH-UBND\""));
  EXPECT_TRUE(has(late, "vẫn còn bên dưới"));
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
  EXPECT_FALSE(has(shown, "<script>alert(1)"));
  EXPECT_TRUE(has(shown, "&lt;script&gt;alert(1)&lt;/script&gt;"));
  // An oversized text is refused by the use case, beside its box.
  const HttpReply long_text = coordinator.submit(
      page_path(), with(with(typed("1"), "closing", std::string(21000, 'a')), "action", "luu"));
  EXPECT_EQ(long_text.status, 422);
  EXPECT_TRUE(has(long_text, "tối đa"));
}

TEST_F(PlanPagesTest, OnlyTheCommunesComposersWriteItAndOthersSeeAtMostTheIssuedPlan) {
  const PageSession viewer = signed_in(kViewer);
  const HttpReply read = viewer.open(page_path());
  EXPECT_EQ(read.status, 200);
  EXPECT_FALSE(has(read, "id=\"plan-form\""));
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
