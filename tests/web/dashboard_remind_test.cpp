// The dashboard's contact and "Nhắc" over real HTTP on a real database: a unit that has not
// reported shows its e-mail and telephone as links and a button that queues one reminder a day,
// which only the level above may press (with the CSRF token); the list then says when it was
// reminded. Wrong and hostile posts change nothing.

#include <gtest/gtest.h>

#include "app/unit_editing.h"
#include "app/units.h"
#include "html_query.h"
#include "page_session.h"
#include "web_fixture.h"

namespace llw::test {
namespace {

class DashboardRemindTest : public WebFixture {
 protected:
  void SetUp() override {
    WebFixture::SetUp();
    UnitChanges contact;
    contact.email = "mn@anhung.edu.vn";
    contact.phone = "0912 345 678";
    app_->units().update_unit(admin_, "HP-AH-MN", contact);
  }

  PageSession signed_in(const std::string& username) {
    PageSession session(*http_);
    EXPECT_EQ(session.sign_in(username, kPassword).status, 303);
    return session;
  }

  std::string dashboard() const {
    return "/dot/" + std::to_string(campaign_id_) + "/tong-quan/HP-AH";
  }
  std::size_t queued() { return store_->reminder_log().queued_reminders(100).size(); }
};

TEST_F(DashboardRemindTest, TheUnitsNotReportedShowTheirContactAndANhacButton) {
  const PageSession coordinator = signed_in(kCoordinator);
  const HttpReply shown = coordinator.open(dashboard() + "?trang-thai=missing");
  ASSERT_EQ(shown.status, 200) << shown.body;
  const HtmlPage page(shown.body);
  const std::string row = "//tr[@data-unit='HP-AH-MN']";
  EXPECT_EQ(page.count(row + "//a[@href='mailto:mn@anhung.edu.vn']"), 1u);
  EXPECT_EQ(page.text(row + "//a[@href='tel:0912345678']"), "0912 345 678");
  // The row's button submits the page's one reminder form with the row's unit.
  const std::string button = row + "//button[contains(@class,'remind')]";
  EXPECT_EQ(page.attribute(button, "form"), "remind-form");
  EXPECT_EQ(page.attribute(button, "name"), "unit");
  EXPECT_EQ(page.attribute(button, "value"), "HP-AH-MN");
  EXPECT_EQ(page.count("//form[@id='remind-form' and @method='post']//input[@name='csrf']"), 1u);
  // No address, no e-mail to send: no button.
  EXPECT_EQ(page.count("//tr[@data-unit='HP-AH-THTT']//button[contains(@class,'remind')]"), 0u);

  // A viewer sees the contact, not the button.
  const PageSession viewer = signed_in(kViewer);
  const HtmlPage viewed(viewer.open(dashboard() + "?trang-thai=missing").body);
  EXPECT_EQ(viewed.count(row + "//a[@href='tel:0912345678']"), 1u);
  EXPECT_EQ(viewed.count("//button[contains(@class,'remind')]"), 0u);
  EXPECT_EQ(viewed.count("//form[@id='remind-form']"), 0u);
}

TEST_F(DashboardRemindTest, NhacQueuesOneReminderAndTheListSaysSo) {
  const PageSession coordinator = signed_in(kCoordinator);
  const HttpReply sent = coordinator.submit(
      dashboard() + "/nhac", {{"unit", "HP-AH-MN"}, {"trang-thai", "missing"}, {"q", "mầm"}});
  ASSERT_EQ(sent.status, 303) << sent.body;
  EXPECT_EQ(sent.header("location"), dashboard() + "?q=m%E1%BA%A7m&trang-thai=missing#h-units");
  EXPECT_EQ(queued(), 1u);
  // A double click queues nothing more and lands on the same list.
  const HttpReply again = coordinator.submit(dashboard() + "/nhac", {{"unit", "HP-AH-MN"}});
  EXPECT_EQ(again.status, 303) << again.body;
  EXPECT_EQ(queued(), 1u);
  const HtmlPage page(coordinator.open(dashboard() + "?trang-thai=missing").body);
  const std::string row = "//tr[@data-unit='HP-AH-MN']";
  EXPECT_NE(page.text(row + "//div[contains(@class,'reminded')]").find("Thư nhắc đang chờ gửi"),
            std::string::npos);
  EXPECT_EQ(page.count(row + "//button[contains(@class,'remind')]"), 0u);
}

TEST_F(DashboardRemindTest, WrongAndHostilePostsRemindNoOne) {
  const PageSession coordinator = signed_in(kCoordinator);
  // Without the CSRF token.
  EXPECT_EQ(coordinator.submit(dashboard() + "/nhac", {{"unit", "HP-AH-MN"}}, false).status, 400);
  // A school may not remind, not even another school of its commune.
  const PageSession school = signed_in(kReporter);
  EXPECT_EQ(school.submit(dashboard() + "/nhac", {{"unit", "HP-AH-MN"}}).status, 403);
  const PageSession viewer = signed_in(kViewer);
  EXPECT_EQ(viewer.submit(dashboard() + "/nhac", {{"unit", "HP-AH-MN"}}).status, 403);
  // A unit of another commune's subtree.
  EXPECT_EQ(coordinator.submit(dashboard() + "/nhac", {{"unit", "HP-AD-THCS"}}).status, 403);
  // No unit, an unknown one, a hostile one.
  EXPECT_EQ(coordinator.submit(dashboard() + "/nhac", {}).status, 400);
  const HttpReply hostile =
      coordinator.submit(dashboard() + "/nhac", {{"unit", "<script>alert(1)</script>"}});
  EXPECT_EQ(hostile.status, 404);
  EXPECT_EQ(hostile.body.find("<script>alert(1)"), std::string::npos);
  // A unit without an address: said in Vietnamese.
  const HttpReply no_address = coordinator.submit(dashboard() + "/nhac", {{"unit", "HP-AH-THTT"}});
  EXPECT_EQ(no_address.status, 422);
  EXPECT_NE(no_address.body.find("chưa có địa chỉ e-mail"), std::string::npos);
  EXPECT_EQ(queued(), 0u);
}

}  // namespace
}  // namespace llw::test
