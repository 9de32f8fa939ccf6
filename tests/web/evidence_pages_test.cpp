// Evidence in the browser (issue 19): the form page's upload without JavaScript (a multipart
// POST answered with a redirect, or the page again with the message beside the control) and as
// app.js sends it (JSON), the list with thumbnails and marks on the form and the review page,
// removal, the files served with the session, a node's gallery a page at a time with the
// coordinator's picks for the annex, and the consolidated PDF that then carries the pictures.
// Every route's access matrix (another school, another commune, a viewer) and hostile input.
#include <string>
#include <vector>

#include "document_text.h"
#include "evidence_files.h"
#include "html_query.h"
#include "page_session.h"
#include "web_fixture.h"

namespace llw::test {
namespace {

using nlohmann::json;
using testing_support::image_size;
using testing_support::test_image;

struct Part {
  std::string name;
  std::string value;
  std::string file_name;  // a file part when set
};

std::string multipart(const std::vector<Part>& parts, const std::string& boundary) {
  std::string body;
  for (const Part& part : parts) {
    body += "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + part.name + "\"";
    if (!part.file_name.empty()) {
      body += "; filename=\"" + part.file_name + "\"\r\nContent-Type: application/octet-stream";
    }
    body += "\r\n\r\n" + part.value + "\r\n";
  }
  return body + "--" + boundary + "--\r\n";
}

class EvidencePagesTest : public WebFixture {
 protected:
  std::string report_page(const std::string& unit = "HP-AH-THTT") const {
    return "/dot/" + std::to_string(campaign_id_) + "/bao-cao/" + unit;
  }
  std::string gallery_page(const std::string& node = "HP-AH") const {
    return "/dot/" + std::to_string(campaign_id_) + "/tong-hop/" + node + "/minh-chung";
  }
  // The upload form posted as a browser posts it (with "ajax=1" as app.js does).
  HttpReply upload(const PageSession& session, const std::string& bytes,
                   const std::string& file_name, const std::string& caption = "Lễ khai mạc",
                   bool ajax = false, const std::string& unit = "HP-AH-THTT",
                   const std::string& item = "") const {
    const std::string boundary = "----llw-page-evidence";
    std::vector<Part> parts = {{"csrf", session.csrf(), ""}, {"caption", caption, ""}};
    if (ajax) parts.push_back({"ajax", "1", ""});
    parts.push_back({"item", item, ""});
    parts.push_back({"file", bytes, file_name});
    return http_->send(
        "POST", report_page(unit) + "/minh-chung", multipart(parts, boundary),
        {session.cookie(), "Content-Type: multipart/form-data; boundary=" + boundary});
  }
  PageSession signed_in(const std::string& username) {
    PageSession session(*http_);
    EXPECT_EQ(session.sign_in(username, kPassword).status, 303) << username;
    return session;
  }
  // The id of the evidence the JSON reply of an ajax upload names.
  static std::int64_t id_of(const HttpReply& reply) {
    return reply.json()["item"]["id"].get<std::int64_t>();
  }
};

TEST_F(EvidencePagesTest, WithoutJavaScriptAnUploadRedirectsBackAndTheFormListsIt) {
  PageSession clerk = signed_in(kReporter);
  const HttpReply posted =
      upload(clerk, test_image(1200, 900, "jpeg", "2025:10:03 09:15:00"), "khai-mac.jpg");
  ASSERT_EQ(posted.status, 303) << posted.body;
  EXPECT_EQ(posted.header("location"), report_page() + "?da-tai-minh-chung=1#evidence");

  const HttpReply form = clerk.open(report_page() + "?da-tai-minh-chung=1");
  ASSERT_EQ(form.status, 200);
  const HtmlPage page(form.body);
  EXPECT_EQ(page.text("//*[@id='evidence-notice']"), "Đã tải lên minh chứng.");
  EXPECT_EQ(page.count("//ul[@id='evidence-list']/li"), 1u);
  EXPECT_EQ(page.text("//ul[@id='evidence-list']//p[@class='evidence-caption']"), "Lễ khai mạc");
  // The upload control: a phone's camera, the types, the limits stated.
  EXPECT_EQ(page.attribute("//input[@id='evidence-camera']", "capture"), "environment");
  EXPECT_NE(page.attribute("//input[@id='evidence-file']", "accept").find("image/*"),
            std::string::npos);
  EXPECT_NE(page.text("//*[@id='evidence-rules']").find("10 MB"), std::string::npos);
  EXPECT_EQ(page.attribute("//form[@id='evidence-form']", "enctype"), "multipart/form-data");
  // The thumbnail and the file, with the session.
  const std::string thumbnail = page.attribute("//ul[@id='evidence-list']//img", "src");
  const HttpReply small = clerk.open(thumbnail);
  ASSERT_EQ(small.status, 200) << thumbnail;
  EXPECT_EQ(small.header("content-type"), "image/jpeg");
  EXPECT_EQ(image_size(small.body), (std::pair<int, int>{320, 240}));
  const std::string href =
      page.attribute("//ul[@id='evidence-list']//a[@class='evidence-thumb']", "href");
  const HttpReply file = clerk.open(href);
  ASSERT_EQ(file.status, 200);
  EXPECT_EQ(image_size(file.body), (std::pair<int, int>{1200, 900}));
  EXPECT_EQ(file.header("content-disposition").rfind("inline;", 0), 0u);
  // Removal while the report may change: a redirect back, and the file is gone.
  const std::string remove = page.attribute("//form[contains(@class,'evidence-remove')]", "action");
  const HttpReply removed = clerk.submit(remove, {});
  ASSERT_EQ(removed.status, 303) << removed.body;
  EXPECT_EQ(removed.header("location"), report_page() + "?da-go-minh-chung=1#evidence");
  EXPECT_EQ(clerk.open(href).status, 404);
  EXPECT_EQ(HtmlPage(clerk.open(report_page()).body).count("//ul[@id='evidence-list']/li"), 0u);
}

TEST_F(EvidencePagesTest, TheUploadFormOffersTheFormsActivitiesAndItemsAndTheListShowsThem) {
  PageSession clerk = signed_in(kReporter);
  const HtmlPage empty(clerk.open(report_page()).body);
  // "Minh chứng cho": the whole report first, then the form's activities and items by section.
  EXPECT_EQ(empty.text("//label[@for='evidence-item']"), "Minh chứng cho");
  EXPECT_EQ(empty.text("//select[@id='evidence-item']/option[1]"), "Cả báo cáo");
  EXPECT_EQ(empty.attribute("//select[@id='evidence-item']/option[1]", "value"), "");
  EXPECT_EQ(empty.text("//select[@id='evidence-item']//option[@value='reading_day']"),
            "Tổ chức ngày đọc sách");
  EXPECT_EQ(empty.count("//select[@id='evidence-item']//option[@value='reading_day_sessions']"),
            0u);  // an activity is offered once, not per measure
  EXPECT_GE(empty.count("//select[@id='evidence-item']/optgroup"), 2u);
  EXPECT_NE(empty.text("//*[@id='evidence-rules']").find("HEIC"), std::string::npos);

  // Without JavaScript, and as app.js sends it.
  ASSERT_EQ(upload(clerk, test_image(300, 200, "png"), "doc-sach.png", "Ngày đọc sách", false,
                   "HP-AH-THTT", "reading_day")
                .status,
            303);
  const HttpReply ajax =
      upload(clerk, "%PDF-1.4 pano", "pano.pdf", "", true, "HP-AH-THTT", "banners");
  ASSERT_EQ(ajax.status, 201) << ajax.body;
  EXPECT_EQ(ajax.json()["item"]["item_label"], "Số pano, băng zôn tuyên truyền");
  ASSERT_EQ(upload(clerk, "%PDF-1.4 chung", "chung.pdf", "", true).status, 201);
  const HtmlPage listed(clerk.open(report_page()).body);
  ASSERT_EQ(listed.count("//ul[@id='evidence-list']/li"), 3u);
  EXPECT_EQ(listed.text("//ul[@id='evidence-list']/li[1]//p[@class='evidence-for']"),
            "Minh chứng cho: Tổ chức ngày đọc sách");
  EXPECT_EQ(listed.text("//ul[@id='evidence-list']/li[3]//p[@class='evidence-for']"),
            "Minh chứng cho: Cả báo cáo");

  // An item the form does not have: the form again, the message beside the control, the
  // caption kept, nothing stored; the value itself is never shown.
  for (const std::string& item :
       {std::string("khong_co"), std::string("<b>x</b>"), std::string(3000, 'k')}) {
    const HttpReply refused =
        upload(clerk, test_image(40, 30, "png"), "a.png", "Giữ lại", false, "HP-AH-THTT", item);
    ASSERT_EQ(refused.status, 400) << refused.body;
    const HtmlPage page(refused.body);
    EXPECT_NE(page.text("//*[@id='evidence-error']").find("không có trong đề cương"),
              std::string::npos);
    EXPECT_EQ(page.attribute("//input[@id='evidence-caption']", "value"), "Giữ lại");
    EXPECT_EQ(refused.body.find("<b>x</b>"), std::string::npos);
    EXPECT_EQ(page.count("//select[@id='evidence-item']/option[@selected]"), 0u);
    const HttpReply json_refusal =
        upload(clerk, test_image(40, 30, "png"), "a.png", "", true, "HP-AH-THTT", item);
    EXPECT_EQ(json_refusal.status, 400);
  }
  // A refusal for another reason keeps the item chosen.
  const HttpReply kept =
      upload(clerk, "không phải ảnh", "a.jpg", "", false, "HP-AH-THTT", "reading_day");
  ASSERT_EQ(kept.status, 400);
  EXPECT_EQ(HtmlPage(kept.body).attribute(
                "//select[@id='evidence-item']//option[@value='reading_day']", "selected"),
            "selected");
  EXPECT_EQ(HtmlPage(clerk.open(report_page()).body).count("//ul[@id='evidence-list']/li"), 3u);
  // Another school cannot attach to this report for any item.
  PageSession mn = signed_in(kReporterMn);
  EXPECT_EQ(
      upload(mn, test_image(40, 30, "png"), "x.png", "", false, "HP-AH-THTT", "reading_day").status,
      403);

  // The reviewer sees each attachment's item; the gallery shows the photo's.
  ASSERT_EQ(save_draft("HP-AH-THTT", {{"media_articles", 1}}).status, 200);
  ASSERT_EQ(post(report_path("HP-AH-THTT") + "/submit", token(kReporter)).status, 200);
  PageSession coordinator = signed_in(kCoordinator);
  const HtmlPage review(coordinator.open(report_page()).body);
  EXPECT_EQ(review.text("//ul[@id='evidence-list']/li[2]//p[@class='evidence-for']"),
            "Minh chứng cho: Số pano, băng zôn tuyên truyền");
  const HtmlPage gallery(coordinator.open(gallery_page()).body);
  EXPECT_EQ(gallery.text("//ul[@id='gallery']/li[1]//p[contains(@class,'evidence-for')]"),
            "Minh chứng cho: Tổ chức ngày đọc sách");
}

TEST_F(EvidencePagesTest, TheHistoryPageListsTheEvidenceAddedAndRemovedPerVersion) {
  PageSession clerk = signed_in(kReporter);
  const HttpReply first = upload(clerk, "%PDF-1.4 một", "mot.pdf", "Biên bản", true);
  ASSERT_EQ(first.status, 201);
  ASSERT_EQ(save_draft("HP-AH-THTT", {{"media_articles", 1}}).status, 200);
  ASSERT_EQ(upload(clerk, test_image(60, 40, "png"), "doc-sach.png", "", true, "HP-AH-THTT",
                   "reading_day")
                .status,
            201);
  ASSERT_EQ(clerk.submit(report_page() + "/minh-chung/" + std::to_string(id_of(first)) + "/go", {})
                .status,
            303);
  const std::string history = report_page() + "/lich-su";
  // Before the next version: the changes wait above the table.
  const HtmlPage pending(clerk.open(history).body);
  EXPECT_NE(
      pending.text("//*[@id='evidence-pending']").find("Minh chứng thêm hoặc gỡ sau phiên bản 1"),
      std::string::npos);
  EXPECT_NE(pending.text("//*[@id='evidence-pending']")
                .find("Thêm: doc-sach.png — Tổ chức ngày đọc sách"),
            std::string::npos)
      << pending.text("//*[@id='evidence-pending']");
  EXPECT_NE(pending.text("//*[@id='evidence-pending']").find("Gỡ: mot.pdf"), std::string::npos);
  EXPECT_EQ(pending.text("//table[@id='versions']/tbody/tr[1]/td[@data-label='Minh chứng']"),
            "Thêm: mot.pdf “Biên bản” — Cả báo cáo");

  // Submitted (version 2): they belong to it.
  ASSERT_EQ(post(report_path("HP-AH-THTT") + "/submit", token(kReporter)).status, 200);
  PageSession coordinator = signed_in(kCoordinator);
  const HtmlPage after(coordinator.open(history).body);
  EXPECT_EQ(after.count("//*[@id='evidence-pending']"), 0u);
  const std::string latest =
      after.text("//table[@id='versions']/tbody/tr[1]/td[@data-label='Minh chứng']");
  EXPECT_NE(latest.find("Thêm: doc-sach.png — Tổ chức ngày đọc sách"), std::string::npos) << latest;
  EXPECT_NE(latest.find("Gỡ: mot.pdf — Cả báo cáo"), std::string::npos) << latest;
  // Another school reads neither the report's history nor its evidence.
  EXPECT_EQ(signed_in(kReporterMn).open(history).status, 403);
}

TEST_F(EvidencePagesTest, ARefusedUploadShowsTheFormAgainWithTheMessageBesideTheControl) {
  PageSession clerk = signed_in(kReporter);
  const json before = report_of("HP-AH-THTT");
  // A name that says .jpg over text, a path in the name: refused by content.
  const HttpReply wrong = upload(clerk, "không phải ảnh", "../../etc/anh.jpg", "Chú thích giữ lại");
  ASSERT_EQ(wrong.status, 400) << wrong.body;
  const HtmlPage page(wrong.body);
  const std::string message = page.text("//*[@id='evidence-error']");
  EXPECT_NE(message.find("không phải ảnh (JPEG, PNG, WebP, HEIC), PDF, DOCX hoặc XLSX"),
            std::string::npos)
      << message;
  EXPECT_NE(message.find("\"anh.jpg\""), std::string::npos) << message;  // no path kept
  EXPECT_EQ(page.attribute("//input[@id='evidence-caption']", "value"), "Chú thích giữ lại");
  // Control characters and an over-long caption; no file chosen.
  EXPECT_EQ(upload(clerk, test_image(40, 30, "png"), "a.png", "xin\x01chào").status, 422);
  EXPECT_EQ(upload(clerk, test_image(40, 30, "png"), "a.png", std::string(600, 'a')).status, 422);
  const HttpReply empty = upload(clerk, "", "");
  EXPECT_EQ(empty.status, 400);
  EXPECT_NE(HtmlPage(empty.body).text("//*[@id='evidence-error']").find("Chưa chọn tệp"),
            std::string::npos);
  EXPECT_EQ(report_of("HP-AH-THTT"), before);
  EXPECT_EQ(HtmlPage(clerk.open(report_page()).body).count("//ul[@id='evidence-list']/li"), 0u);

  // A 300-character caption and a hostile name are kept, sanitized and escaped.
  const std::string long_caption = std::string(290, 'x') + "<b>&\"'</b>";
  const HttpReply kept = upload(clerk, test_image(40, 30, "png"),
                                std::string(300, 'n') + "\x07/<a>.png", long_caption);
  ASSERT_EQ(kept.status, 303) << kept.body;
  const HttpReply shown = clerk.open(report_page());
  EXPECT_EQ(shown.body.find("<b>&"), std::string::npos);
  EXPECT_EQ(HtmlPage(shown.body).text("//p[@class='evidence-caption']"), long_caption);
  EXPECT_EQ(HtmlPage(shown.body).text("//ul[@id='evidence-list']//p[@class='help']/a"), "<a>.png");
}

TEST_F(EvidencePagesTest, AppJsGetsJsonAndTheStatusOfEachRefusal) {
  PageSession clerk = signed_in(kReporter);
  const HttpReply created = upload(clerk, test_image(640, 480, "png"), "so-do.png", "Sơ đồ", true);
  ASSERT_EQ(created.status, 201) << created.body;
  EXPECT_EQ(created.header("content-type").rfind("application/json", 0), 0u);
  const json item = created.json()["item"];
  EXPECT_EQ(item["caption"], "Sơ đồ");
  EXPECT_EQ(item["thumbnail_href"],
            report_page() + "/minh-chung/" + std::to_string(id_of(created)) + "/anh-nho");
  const HttpReply wrong = upload(clerk, "GIF89a", "a.gif", "", true);
  EXPECT_EQ(wrong.status, 400);
  EXPECT_EQ(wrong.json()["ok"], false);
  EXPECT_NE(wrong.json()["message"].get<std::string>().find("không phải ảnh"), std::string::npos);
  // Submitted: 409 with the reason.
  ASSERT_EQ(save_draft("HP-AH-THTT", {{"media_articles", 1}}).status, 200);
  ASSERT_EQ(post(report_path("HP-AH-THTT") + "/submit", token(kReporter)).status, 200);
  const HttpReply locked = upload(clerk, test_image(40, 30, "png"), "b.png", "", true);
  EXPECT_EQ(locked.status, 409);
  EXPECT_NE(locked.json()["message"].get<std::string>().find("đã nộp"), std::string::npos);
  // Without JavaScript the read-only page shows the same reason.
  const HttpReply page = upload(clerk, test_image(40, 30, "png"), "b.png");
  EXPECT_EQ(page.status, 409);
  EXPECT_NE(HtmlPage(page.body).text("//*[@id='evidence-error']").find("đã nộp"),
            std::string::npos);
}

TEST_F(EvidencePagesTest, OnlyTheUnitAttachesAndReadersSeeWithoutRemoving) {
  PageSession clerk = signed_in(kReporter);
  const HttpReply created = upload(clerk, test_image(800, 600, "jpeg", "2024:10:14 08:00:00"),
                                   "cu.jpg", "Ảnh năm ngoái", true);
  ASSERT_EQ(created.status, 201) << created.body;
  const std::string file = report_page() + "/minh-chung/" + std::to_string(id_of(created));

  // Another school, another commune's coordinator, a viewer: no upload, no removal.
  add_account("coord.anduong", Role::coordinator, "HP-AD");
  for (const std::string& who : {kReporterMn, std::string("coord.anduong"), kViewer}) {
    PageSession other = signed_in(who);
    EXPECT_EQ(upload(other, test_image(40, 30, "png"), "x.png").status, 403) << who;
    EXPECT_EQ(upload(other, test_image(40, 30, "png"), "x.png", "", true).status, 403) << who;
    EXPECT_EQ(other.submit(file + "/go", {}).status, 403) << who;
  }
  // Another school and another commune do not read it either; the viewer does.
  for (const std::string& who : {kReporterMn, std::string("coord.anduong")}) {
    PageSession other = signed_in(who);
    EXPECT_EQ(other.open(file).status, 403) << who;
    EXPECT_EQ(other.open(file + "/anh-nho").status, 403) << who;
  }
  PageSession viewer = signed_in(kViewer);
  EXPECT_EQ(viewer.open(file + "/anh-nho").status, 200);
  const HtmlPage read(viewer.open(report_page()).body);
  EXPECT_EQ(read.count("//ul[@id='evidence-list']/li"), 1u);
  EXPECT_EQ(read.count("//form[@id='evidence-form']"), 0u);
  EXPECT_EQ(read.count("//form[contains(@class,'evidence-remove')]"), 0u);
  // Hostile ids.
  for (const std::string id : {"-1", "abc", "0", "99999999999999999999", "..%2F1"}) {
    EXPECT_EQ(clerk.open(report_page() + "/minh-chung/" + id).status, 404) << id;
  }

  // The reviewer sees it beside the report, with its mark, once it is submitted.
  ASSERT_EQ(save_draft("HP-AH-THTT", {{"media_articles", 1}}).status, 200);
  ASSERT_EQ(post(report_path("HP-AH-THTT") + "/submit", token(kReporter)).status, 200);
  PageSession coordinator = signed_in(kCoordinator);
  const HtmlPage review(coordinator.open(report_page()).body);
  EXPECT_EQ(review.count("//*[@id='review']"), 1u);
  EXPECT_EQ(review.count("//ul[@id='evidence-list']//img"), 1u);
  EXPECT_EQ(review.text("//ul[@id='evidence-list']//p[contains(@class,'evidence-mark')]"),
            "⚠ Ảnh chụp ngày 14/10/2024 — ngoài thời gian Tuần lễ");
  EXPECT_EQ(review.count("//form[contains(@class,'evidence-remove')]"), 0u);
}

TEST_F(EvidencePagesTest, TheGalleryShowsASubtreesPhotosAndTheCoordinatorPicksTheAnnex) {
  PageSession clerk = signed_in(kReporter);
  const HttpReply photo = upload(clerk, test_image(1200, 800, "jpeg", "2025:10:03 09:15:00"),
                                 "bang-ron.jpg", "Băng rôn hưởng ứng", true);
  ASSERT_EQ(photo.status, 201) << photo.body;
  const HttpReply pdf = upload(clerk, "%PDF-1.4 biên bản", "bien-ban.pdf", "Biên bản", true);
  ASSERT_EQ(pdf.status, 201) << pdf.body;
  PageSession mn = signed_in(kReporterMn);
  ASSERT_EQ(
      upload(mn, test_image(300, 300, "png"), "mn.png", "Trường mầm non", true, "HP-AH-MN").status,
      201);

  PageSession coordinator = signed_in(kCoordinator);
  const HtmlPage consolidated(
      coordinator.open("/dot/" + std::to_string(campaign_id_) + "/tong-hop/HP-AH").body);
  EXPECT_EQ(consolidated.attribute("//a[@id='gallery-link']", "href"), gallery_page());
  const HttpReply opened = coordinator.open(gallery_page());
  ASSERT_EQ(opened.status, 200) << opened.body;
  const HtmlPage gallery(opened.body);
  EXPECT_EQ(gallery.count("//ul[@id='gallery']/li"), 2u);  // the PDF is not a photo
  EXPECT_EQ(gallery.count("//ul[@id='gallery']//input[@type='checkbox']"), 2u);
  EXPECT_NE(gallery.text("//ul[@id='gallery']/li[1]").find("Trường Tiểu học An Hưng"),
            std::string::npos);
  // Page numbers that are not one: the first page.
  for (const std::string page : {"-1", "abc", "0", "999999999"}) {
    EXPECT_EQ(coordinator.open(gallery_page() + "?trang=" + page).status, 200) << page;
  }

  // Access: a school its own gallery only; another commune none; a viewer reads, no checkboxes.
  add_account("coord.anduong", Role::coordinator, "HP-AD");
  EXPECT_EQ(mn.open(gallery_page()).status, 403);
  EXPECT_EQ(mn.open(gallery_page("HP-AH-THTT")).status, 403);
  EXPECT_EQ(HtmlPage(mn.open(gallery_page("HP-AH-MN")).body).count("//ul[@id='gallery']/li"), 1u);
  EXPECT_EQ(signed_in("coord.anduong").open(gallery_page()).status, 403);
  PageSession viewer = signed_in(kViewer);
  const HtmlPage read(viewer.open(gallery_page()).body);
  EXPECT_EQ(read.count("//ul[@id='gallery']/li"), 2u);
  EXPECT_EQ(read.count("//input[@type='checkbox']"), 0u);

  const std::string photo_id = std::to_string(id_of(photo));
  const std::string on_page = gallery.attribute("//input[@name='tren-trang']", "value");
  const FormFields pick = {{"tren-trang", on_page}, {"trang", "1"}, {"phu-luc-" + photo_id, "1"}};
  EXPECT_EQ(viewer.submit(gallery_page(), pick).status, 403);
  EXPECT_EQ(mn.submit(gallery_page(), pick).status, 403);
  // A document, an id of no photo, a list that is not one: refused, nothing picked.
  const std::string pdf_id = std::to_string(id_of(pdf));
  EXPECT_EQ(coordinator.submit(gallery_page(), {{"tren-trang", pdf_id}, {"phu-luc-" + pdf_id, "1"}})
                .status,
            404);
  EXPECT_EQ(coordinator.submit(gallery_page(), {{"tren-trang", "../1"}}).status, 400);
  EXPECT_EQ(coordinator.submit(gallery_page(), {{"tren-trang", "1,,2"}}).status, 400);

  const HttpReply saved = coordinator.submit(gallery_page(), pick);
  ASSERT_EQ(saved.status, 303) << saved.body;
  const HtmlPage after(coordinator.open(saved.header("location")).body);
  EXPECT_EQ(after.text("//*[@id='notice']"), "Đã lưu lựa chọn ảnh cho phụ lục.");
  EXPECT_EQ(after.attribute("//input[@name='phu-luc-" + photo_id + "']", "checked"), "checked");
  EXPECT_EQ(after.count("//input[@type='checkbox' and @checked]"), 1u);

  // The consolidated PDF carries the picture with its caption.
  const HttpReply document =
      coordinator.open("/dot/" + std::to_string(campaign_id_) + "/tong-hop/HP-AH/xuat/bao-cao.pdf");
  ASSERT_EQ(document.status, 200);
  const std::string text =
      testing_support::squeeze_spaces(testing_support::pdf_text(document.body));
  EXPECT_NE(text.find("Ảnh 1. Băng rôn hưởng ứng — Trường Tiểu học An Hưng"), std::string::npos)
      << text;
  EXPECT_NE(testing_support::read_back(document.body, ".pdf", "pdfimages -list {}").find("jpeg"),
            std::string::npos);
}

}  // namespace
}  // namespace llw::test
