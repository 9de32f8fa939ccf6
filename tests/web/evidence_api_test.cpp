// The evidence routes over HTTP (docs/api.md): a photo and a PDF uploaded as raw bodies with
// their name and caption in headers, the same as multipart, the list with its marks, the file and
// thumbnail downloads, removal, and the refusals (another unit's report 403, an accepted report
// 409, a file that is not what its name says, 0 bytes, over 10 MB, a decompression bomb), each
// with a Vietnamese message and nothing stored.
#include <string>
#include <thread>
#include <vector>

#include "app/evidence.h"
#include "app/reports.h"
#include "evidence_files.h"
#include "web_fixture.h"

namespace llw::test {
namespace {

using nlohmann::json;
using testing_support::image_size;
using testing_support::png_bomb;
using testing_support::test_image;

class EvidenceApiTest : public WebFixture {
 protected:
  std::string evidence_path(const std::string& unit = "HP-AH-THTT") const {
    return report_path(unit) + "/evidence";
  }
  HttpReply upload(const std::string& bytes, const std::string& encoded_name,
                   const std::string& user = kReporter, const std::string& unit = "HP-AH-THTT",
                   const std::string& encoded_caption = "L%E1%BB%85%20khai%20m%E1%BA%A1c",
                   const std::string& query = "") {
    return http_->send(
        "POST", evidence_path(unit) + query, bytes,
        {"Authorization: Bearer " + token(user), "Content-Type: application/octet-stream",
         "X-File-Name: " + encoded_name, "X-Caption: " + encoded_caption});
  }
  json listed(const std::string& unit = "HP-AH-THTT") {
    const HttpReply reply = get(evidence_path(unit), token(kCoordinator));
    EXPECT_EQ(reply.status, 200) << reply.body;
    return reply.json()["evidence"];
  }
};

TEST_F(EvidenceApiTest, APhotoIsUploadedListedAndServedWithoutItsMetadata) {
  const HttpReply created =
      upload(test_image(2000, 1000, "jpeg", "2025:10:03 09:15:00"), "%E1%BA%A2nh%201.jpg");
  ASSERT_EQ(created.status, 201) << created.body;
  const json item = created.json();
  EXPECT_EQ(item["kind"], "photo");
  EXPECT_EQ(item["name"], "Ảnh 1.jpg");
  EXPECT_EQ(item["caption"], "Lễ khai mạc");
  EXPECT_EQ(item["taken_at"], "2025-10-03 09:15:00");
  EXPECT_EQ(item["marks"], json::array());
  const std::string file_path = evidence_path() + "/" + std::to_string(item["id"].get<int>());
  const HttpReply file = get(file_path, token(kViewer));
  ASSERT_EQ(file.status, 200) << file.body;
  EXPECT_EQ(file.header("content-type"), "image/jpeg");
  EXPECT_EQ(image_size(file.body), (std::pair<int, int>{1600, 800}));
  EXPECT_EQ(file.body.find("Exif"), std::string::npos);
  const HttpReply thumbnail = get(file_path + "/thumbnail", token(kCoordinator));
  ASSERT_EQ(thumbnail.status, 200);
  EXPECT_EQ(image_size(thumbnail.body), (std::pair<int, int>{320, 160}));

  // Outside the week: marked in the list.
  ASSERT_EQ(upload(test_image(400, 300, "jpeg", "2024:10:14 08:00:00"), "cu.jpg").status, 201);
  const json items = listed();
  ASSERT_EQ(items.size(), 2u);
  EXPECT_EQ(items[1]["marks"], json::array({"Ảnh chụp ngày 14/10/2024 — ngoài thời gian Tuần lễ"}));

  // Removed: gone from the list and from the downloads.
  const HttpReply removed =
      http_->send("DELETE", file_path, {}, {"Authorization: Bearer " + token(kReporter)});
  EXPECT_EQ(removed.status, 204) << removed.body;
  EXPECT_EQ(listed().size(), 1u);
  expect_error(get(file_path, token(kCoordinator)), 404, "not_found");
}

TEST_F(EvidenceApiTest, AMultipartUploadIsTheSame) {
  const std::string boundary = "----llw-evidence";
  const std::string body = "--" + boundary +
                           "\r\nContent-Disposition: form-data; name=\"caption\"\r\n\r\nBiên "
                           "bản\r\n--" +
                           boundary +
                           "\r\nContent-Disposition: form-data; name=\"file\"; "
                           "filename=\"bien-ban.pdf\"\r\nContent-Type: application/pdf\r\n\r\n"
                           "%PDF-1.4 bien ban\r\n--" +
                           boundary + "--\r\n";
  const HttpReply created =
      http_->send("POST", evidence_path(), body,
                  {"Authorization: Bearer " + token(kReporter),
                   "Content-Type: multipart/form-data; boundary=" + boundary});
  ASSERT_EQ(created.status, 201) << created.body;
  EXPECT_EQ(created.json()["kind"], "pdf");
  EXPECT_EQ(created.json()["caption"], "Biên bản");
  EXPECT_EQ(created.json()["name"], "bien-ban.pdf");
}

TEST_F(EvidenceApiTest, BadUploadsAreRefusedWithAMessageAndNothingIsStored) {
  expect_error(upload("Không phải ảnh", "anh.jpg"), 400, "bad_input", "file");
  expect_error(upload("", "rong.jpg"), 400, "bad_input", "file");
  expect_error(upload(std::string((10 << 20) + 1, '%'), "lon.pdf"), 413, "too_large", "file");
  expect_error(upload(png_bomb(), "bom.png"), 400, "bad_input", "file");
  const std::string jpeg = test_image(600, 400, "jpeg");
  expect_error(upload(jpeg.substr(0, jpeg.size() / 2), "cut.jpg"), 400, "bad_input", "file");
  expect_error(upload(jpeg, "%ZZ.jpg"), 400, "bad_input", "X-File-Name");
  // Another unit's report, and a viewer.
  expect_error(upload(jpeg, "a.jpg", kReporter, "HP-AH-MN"), 403, "forbidden");
  expect_error(upload(jpeg, "a.jpg", kViewer), 403, "forbidden");
  EXPECT_EQ(listed().size(), 0u);
  EXPECT_EQ(listed("HP-AH-MN").size(), 0u);
  // A hostile name is kept sanitized.
  const HttpReply hostile = upload(jpeg, "..%2F..%2F%01%1B" + std::string(300, 'n') + ".jpg");
  ASSERT_EQ(hostile.status, 201) << hostile.body;
  const std::string name = hostile.json()["name"];
  EXPECT_EQ(name.find('/'), std::string::npos);
  EXPECT_EQ(name.size(), 120u);
}

TEST_F(EvidenceApiTest, AnUploadNamesTheActivityOrItemItIsEvidenceFor) {
  const std::string png = test_image(90, 60, "png");
  const HttpReply raw =
      upload(png, "doc-sach.png", kReporter, "HP-AH-THTT", "", "?item=reading_day");
  ASSERT_EQ(raw.status, 201) << raw.body;
  EXPECT_EQ(raw.json()["item"], "reading_day");
  EXPECT_EQ(raw.json()["item_label"], "Tổ chức ngày đọc sách");
  const std::string boundary = "----llw-item";
  const std::string body =
      "--" + boundary + "\r\nContent-Disposition: form-data; name=\"item\"\r\n\r\nbanners\r\n--" +
      boundary +
      "\r\nContent-Disposition: form-data; name=\"file\"; "
      "filename=\"b.pdf\"\r\nContent-Type: application/pdf\r\n\r\n"
      "%PDF-1.4 b\r\n--" +
      boundary + "--\r\n";
  const HttpReply multipart =
      http_->send("POST", evidence_path(), body,
                  {"Authorization: Bearer " + token(kReporter),
                   "Content-Type: multipart/form-data; boundary=" + boundary});
  ASSERT_EQ(multipart.status, 201) << multipart.body;
  EXPECT_EQ(multipart.json()["item"], "banners");
  const HttpReply whole = upload("%PDF-1.4 c", "c.pdf");
  EXPECT_EQ(whole.json()["item"], nullptr);
  EXPECT_EQ(whole.json()["item_label"], "Cả báo cáo");
  const json items = listed();
  ASSERT_EQ(items.size(), 3u);
  EXPECT_EQ(items[0]["item_label"], "Tổ chức ngày đọc sách");

  // Unknown, another form's, hostile or oversized: 400 on "item", nothing stored.
  const std::vector<std::string> queries = {"?item=khong_co",
                                            "?item=podcasts",
                                            "?item=%3Cscript%3E",
                                            "?item=reading_day%0A",
                                            "?item=" + std::string(5000, 'a'),
                                            "?item=..%2F..%2Fetc"};
  for (const std::string& query : queries) {
    const HttpReply refused = upload(png, "x.png", kReporter, "HP-AH-THTT", "", query);
    expect_error(refused, 400, "bad_input", "item");
    EXPECT_EQ(refused.body.find("<script>"), std::string::npos);
  }
  // Bytes that are not UTF-8 are refused by the transport, before the route.
  expect_error(upload(png, "x.png", kReporter, "HP-AH-THTT", "", "?item=%00%FF"), 400, "bad_input",
               "query");
  EXPECT_EQ(listed().size(), 3u);
  // Another unit's report stays 403 with a valid item.
  expect_error(upload(png, "a.png", kReporter, "HP-AH-MN", "", "?item=reading_day"), 403,
               "forbidden");

  // The report's history: version 1 (the first save) brought the three files.
  ASSERT_EQ(save_draft("HP-AH-THTT", {{"media_articles", 1}}).status, 200);
  const json removed_id = items[2]["id"];
  ASSERT_EQ(http_
                ->send("DELETE", evidence_path() + "/" + std::to_string(removed_id.get<int>()), {},
                       {"Authorization: Bearer " + token(kReporter)})
                .status,
            204);
  const json report = get(report_path("HP-AH-THTT"), token(kCoordinator)).json();
  ASSERT_EQ(report["history"].size(), 1u);
  EXPECT_EQ(report["history"][0]["evidence_added"].size(), 3u);
  EXPECT_EQ(report["history"][0]["evidence_added"][0]["item"], "reading_day");
  EXPECT_EQ(report["history"][0]["evidence_removed"], json::array());
  ASSERT_EQ(report["evidence_since_last_version"]["removed"].size(), 1u);
  EXPECT_EQ(report["evidence_since_last_version"]["removed"][0]["id"], removed_id);
  EXPECT_EQ(report["evidence_since_last_version"]["added"], json::array());
  EXPECT_EQ(report["version"], 1);
}

TEST_F(EvidenceApiTest, AnAcceptedReportTakesNoMoreEvidence) {
  ASSERT_EQ(save_draft("HP-AH-THTT", {{"media_articles", 1}}).status, 200);
  ASSERT_EQ(post(report_path("HP-AH-THTT") + "/submit", token(kReporter)).status, 200);
  ASSERT_EQ(post(report_path("HP-AH-THTT") + "/accept", token(kCoordinator)).status, 200);
  const HttpReply refused = upload(test_image(100, 100, "png"), "a.png");
  expect_error(refused, 409, "conflict", "status");
  EXPECT_NE(refused.json()["error"]["message"].get<std::string>().find("chấp nhận"),
            std::string::npos);
  EXPECT_EQ(listed().size(), 0u);
}

// 50 uploads at once to one report (photos and PDFs, every file distinct): each gets an answer —
// stored (201) or the per-report limit's Vietnamese refusal (409) — exactly the limit is stored,
// and the report's figures and version are as before.
TEST_F(EvidenceApiTest, FiftyUploadsAtOnceAllGetAnAnswerAndTheLimitHolds) {
  ASSERT_EQ(save_draft("HP-AH-THTT", {{"media_articles", 3}}).status, 200);
  const nlohmann::json before = report_of("HP-AH-THTT");
  const std::string& bearer = token(kReporter);
  constexpr int kUploads = 50;
  std::vector<std::string> files;
  for (int i = 0; i < kUploads; ++i) {
    files.push_back(i % 2 == 0 ? test_image(40 + i, 30, "png")
                               : "%PDF-1.4 minh chung " + std::to_string(i) + "\n%%EOF\n");
  }
  std::vector<HttpReply> replies(kUploads);
  std::vector<std::thread> threads;
  for (int i = 0; i < kUploads; ++i) {
    threads.emplace_back([&, i] {
      replies[i] =
          http_->send("POST", evidence_path(), files[i],
                      {"Authorization: Bearer " + bearer, "Content-Type: application/octet-stream",
                       "X-File-Name: tep-" + std::to_string(i) + (i % 2 == 0 ? ".png" : ".pdf")});
    });
  }
  for (std::thread& thread : threads) thread.join();
  int stored = 0;
  for (const HttpReply& reply : replies) {
    if (reply.status == 201) {
      ++stored;
      continue;
    }
    expect_error(reply, 409, "conflict", "file");
    EXPECT_NE(reply.json()["error"]["message"].get<std::string>().find("tối đa 20 tệp"),
              std::string::npos)
        << reply.body;
  }
  EXPECT_EQ(stored, Evidence::kMaxFilesPerReport);
  EXPECT_EQ(listed().size(), static_cast<std::size_t>(Evidence::kMaxFilesPerReport));
  const nlohmann::json after = report_of("HP-AH-THTT");
  EXPECT_EQ(after["values"], before["values"]);
  EXPECT_EQ(after["version"], before["version"]);
  EXPECT_EQ(after["status"], before["status"]);
}

}  // namespace
}  // namespace llw::test
