// A node's evidence as one ZIP (issue 19, docs/api.md): GET
// /api/v1/campaigns/{id}/summary/{unit}/evidence.zip and the gallery page's link
// /dot/{id}/tong-hop/{unit}/minh-chung.zip. The archive is unzipped with libzip: a folder per unit
// of the subtree, its name without diacritics, each file numbered, named by its caption (or its
// upload's name) without diacritics or unsafe characters, with the served type's extension, and
// the bytes as served. The access matrix (a school, another commune), an empty subtree (a valid
// empty ZIP) and bad unit codes and query strings.
#include <zip.h>

#include <map>
#include <string>
#include <vector>

#include "evidence_files.h"
#include "html_query.h"
#include "page_session.h"
#include "web_fixture.h"

namespace llw::test {
namespace {

using testing_support::minimal_docx;
using testing_support::test_image;

// Every entry of a ZIP by name; fails the test when libzip cannot read it (each entry's CRC-32 is
// checked while it is read).
std::map<std::string, std::string> unzipped(const std::string& bytes) {
  std::map<std::string, std::string> entries;
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
  zip_t* archive = zip_open_from_source(source, ZIP_RDONLY | ZIP_CHECKCONS, &error);
  EXPECT_NE(archive, nullptr) << zip_error_strerror(&error);
  if (archive == nullptr) {
    zip_source_free(source);
    return entries;
  }
  for (zip_int64_t i = 0; i < zip_get_num_entries(archive, 0); ++i) {
    zip_stat_t stat;
    zip_stat_index(archive, static_cast<zip_uint64_t>(i), 0, &stat);
    EXPECT_EQ(stat.comp_method, ZIP_CM_STORE) << stat.name;
    std::string content(stat.size, '\0');
    zip_file_t* file = zip_fopen_index(archive, static_cast<zip_uint64_t>(i), 0);
    EXPECT_NE(file, nullptr) << stat.name;
    if (file == nullptr) continue;
    EXPECT_EQ(zip_fread(file, content.data(), stat.size), static_cast<zip_int64_t>(stat.size));
    zip_fclose(file);
    entries[stat.name] = content;
  }
  zip_close(archive);
  return entries;
}

class EvidenceArchiveTest : public WebFixture {
 protected:
  void SetUp() override {
    WebFixture::SetUp();
    add_account("reporter.thcs", Role::reporter, "HP-AD-THCS");
    add_account("coord.anduong", Role::coordinator, "HP-AD");
  }
  std::string zip_path(const std::string& unit, const std::string& campaign = {}) const {
    return "/api/v1/campaigns/" + (campaign.empty() ? std::to_string(campaign_id_) : campaign) +
           "/summary/" + unit + "/evidence.zip";
  }
  HttpReply upload(const std::string& user, const std::string& unit, const std::string& bytes,
                   const std::string& encoded_name, const std::string& encoded_caption = "") {
    std::vector<std::string> headers = {"Authorization: Bearer " + token(user),
                                        "Content-Type: application/octet-stream",
                                        "X-File-Name: " + encoded_name};
    if (!encoded_caption.empty()) headers.push_back("X-Caption: " + encoded_caption);
    return http_->send("POST", report_path(unit) + "/evidence", bytes, headers);
  }
  std::int64_t uploaded(const std::string& user, const std::string& unit, const std::string& bytes,
                        const std::string& encoded_name, const std::string& encoded_caption = "") {
    const HttpReply reply = upload(user, unit, bytes, encoded_name, encoded_caption);
    EXPECT_EQ(reply.status, 201) << reply.body;
    return reply.json().value("id", std::int64_t{0});
  }
  // The file as the API serves it.
  std::string served(const std::string& unit, std::int64_t id) {
    const HttpReply reply =
        get(report_path(unit) + "/evidence/" + std::to_string(id), token(kCoordinator));
    EXPECT_EQ(reply.status, 200) << reply.body;
    return reply.body;
  }
};

TEST_F(EvidenceArchiveTest, TheSubtreesEvidenceIsOneZipWithAFolderPerUnit) {
  // "Lễ khai mạc", "Biên bản họp.pdf", "Kế hoạch/tuần: lễ?" percent-encoded.
  const std::string opening = "L%E1%BB%85%20khai%20m%E1%BA%A1c";
  const std::int64_t photo =
      uploaded(kReporter, "HP-AH-THTT", test_image(900, 600, "jpeg"), "anh.jpg", opening);
  const std::string pdf = "%PDF-1.4 bien ban hop\n%%EOF\n";
  uploaded(kReporter, "HP-AH-THTT", pdf, "Bi%C3%AAn%20b%E1%BA%A3n%20h%E1%BB%8Dp.pdf");
  const std::int64_t gone =
      uploaded(kReporter, "HP-AH-THTT", "%PDF-1.4 bo di", "bo-di.pdf", "B%E1%BB%8F");
  ASSERT_EQ(http_
                ->send("DELETE", report_path("HP-AH-THTT") + "/evidence/" + std::to_string(gone),
                       {}, {"Authorization: Bearer " + token(kReporter)})
                .status,
            204);
  const std::int64_t second =
      uploaded(kReporter, "HP-AH-THTT", test_image(300, 200, "png"), "..%2F..%2Fx.png", opening);
  const std::string docx = minimal_docx();
  uploaded(kReporterMn, "HP-AH-MN", docx, "kh.docx",
           "K%E1%BA%BF%20ho%E1%BA%A1ch%2Ftu%E1%BA%A7n%3A%20l%E1%BB%85%3F");
  // Another commune's school: not in An Hưng's archive.
  uploaded("reporter.thcs", "HP-AD-THCS", "%PDF-1.4 an duong", "ad.pdf");
  const nlohmann::json figures = report_of("HP-AH-THTT");

  const HttpReply reply = get(zip_path("HP-AH"), token(kCoordinator));
  ASSERT_EQ(reply.status, 200) << reply.body;
  EXPECT_EQ(reply.header("content-type"), "application/zip");
  EXPECT_NE(reply.header("content-disposition").find("minh-chung-HP-AH-"), std::string::npos);
  const std::map<std::string, std::string> entries = unzipped(reply.body);
  const std::string school = "HP-AH-THTT - Truong Tieu hoc An Hung/";
  const std::string preschool = "HP-AH-MN - Truong Mam non An Hung/";
  std::vector<std::string> names;
  for (const auto& [name, content] : entries) names.push_back(name);
  EXPECT_EQ(names, (std::vector<std::string>{
                       preschool + "01 - Ke hoach_tuan_ le_.docx", school + "01 - Le khai mac.jpg",
                       school + "02 - Bien ban hop.pdf", school + "03 - Le khai mac.jpg"}));
  // The bytes as served: the photos re-encoded, the documents as uploaded.
  EXPECT_EQ(entries.at(school + "01 - Le khai mac.jpg"), served("HP-AH-THTT", photo));
  EXPECT_EQ(entries.at(school + "03 - Le khai mac.jpg"), served("HP-AH-THTT", second));
  EXPECT_EQ(entries.at(school + "02 - Bien ban hop.pdf"), pdf);
  EXPECT_EQ(entries.at(preschool + "01 - Ke hoach_tuan_ le_.docx"), docx);

  // A school's own archive is its folder alone; the archive changed nothing of the report.
  const HttpReply own = get(zip_path("HP-AH-THTT"), token(kReporter));
  ASSERT_EQ(own.status, 200) << own.body;
  EXPECT_EQ(unzipped(own.body).size(), 3u);
  EXPECT_EQ(report_of("HP-AH-THTT"), figures);
}

TEST_F(EvidenceArchiveTest, OnlyTheNodesReadersDownloadIt) {
  uploaded(kReporter, "HP-AH-THTT", "%PDF-1.4 mot", "mot.pdf");
  struct Row {
    std::string user;
    std::string unit;
    long status;
  };
  for (const Row& row : std::vector<Row>{
           {kCoordinator, "HP-AH", 200},
           {kViewer, "HP-AH", 200},
           {kAdmin, "HP-AH", 200},
           {kReporter, "HP-AH-THTT", 200},    // a school, its own
           {kReporter, "HP-AH", 403},         // a school, its commune
           {kReporterMn, "HP-AH-THTT", 403},  // another school
           {"coord.anduong", "HP-AH", 403},   // another commune
           {"coord.anduong", "HP-AH-THTT", 403},
           {kViewer, "HP-AD", 403},
       }) {
    const HttpReply reply = get(zip_path(row.unit), token(row.user));
    EXPECT_EQ(reply.status, row.status) << row.user << " " << row.unit << ": " << reply.body;
    if (row.status == 403) expect_error(reply, 403, "forbidden");
  }
  expect_error(http_->send("GET", zip_path("HP-AH")), 401, "unauthenticated");
}

// A subtree without evidence gets a valid empty ZIP (the link is always offered; opening it says
// there is nothing rather than failing).
TEST_F(EvidenceArchiveTest, ASubtreeWithoutEvidenceGivesAValidEmptyZip) {
  const HttpReply reply = get(zip_path("HP-AD"), token("coord.anduong"));
  ASSERT_EQ(reply.status, 200) << reply.body;
  EXPECT_EQ(reply.body.size(), 22u);
  EXPECT_TRUE(unzipped(reply.body).empty());
}

TEST_F(EvidenceArchiveTest, BadUnitCodesCampaignsAndQueryStringsAreRefused) {
  const std::string& bearer = token(kCoordinator);
  expect_error(get(zip_path("KHONG-CO"), bearer), 404, "not_found");
  expect_error(get(zip_path("..%2F..%2Fetc"), bearer), 404, "not_found");
  expect_error(get(zip_path("%00"), bearer), 404, "not_found");
  expect_error(get(zip_path("HP-AH", "abc"), bearer), 400, "bad_input", "campaign_id");
  expect_error(get(zip_path("HP-AH", "999999"), bearer), 404, "not_found");
  const HttpReply query = get(zip_path("HP-AH") + "?trang=2", bearer);
  expect_error(query, 400, "bad_input", "trang");
  EXPECT_NE(query.json()["error"]["message"].get<std::string>().find("không nhận tham số"),
            std::string::npos);
  expect_error(get(zip_path("HP-AH") + "?%ZZ", bearer), 400, "bad_input", "query");
}

TEST_F(EvidenceArchiveTest, TheGalleryPageLinksTheZipWithTheSameAccess) {
  uploaded(kReporter, "HP-AH-THTT", test_image(200, 100, "jpeg"), "a.jpg");
  const std::string gallery = "/dot/" + std::to_string(campaign_id_) + "/tong-hop/HP-AH/minh-chung";
  PageSession viewer(*http_);
  ASSERT_EQ(viewer.sign_in(kViewer, kPassword).status, 303);
  const HtmlPage page(viewer.open(gallery).body);
  EXPECT_EQ(page.text("//a[@id='gallery-zip']"), "Tải toàn bộ minh chứng (ZIP)");
  EXPECT_EQ(page.attribute("//a[@id='gallery-zip']", "href"), gallery + ".zip");
  const HttpReply zip = viewer.open(gallery + ".zip");
  ASSERT_EQ(zip.status, 200) << zip.body;
  EXPECT_EQ(zip.header("content-type"), "application/zip");
  EXPECT_EQ(unzipped(zip.body).size(), 1u);
  for (const std::string& who : {kReporter, std::string("coord.anduong")}) {
    PageSession other(*http_);
    ASSERT_EQ(other.sign_in(who, kPassword).status, 303);
    EXPECT_EQ(other.open(gallery + ".zip").status, 403) << who;
  }
}

}  // namespace
}  // namespace llw::test
