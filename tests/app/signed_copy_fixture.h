#pragma once
// What the signed copy tests share (signed_copies_test.cpp, consolidated_signed_copies_test.cpp):
// one signing kit for a suite — a trusted test certification authority with a signer, an unknown
// one with its signer, a signer whose certificate lasts a day — and the application configured
// to trust the first authority.

#include <ctime>
#include <filesystem>
#include <memory>

#include "app_fixture.h"
#include "signing_kit.h"

namespace llw::testing {

// Making keys and NSS databases is the slow part: one kit per suite.
struct SigningCast {
  testing_support::TempDir dir{"llw-signing"};
  testing_support::SigningKit kit{dir.path() / "kit"};
  std::filesystem::path roots = dir.path() / "roots";
  SigningCast() {
    const auto root = kit.make_authority("root", "LLW Test CA");
    kit.make_authority("stranger", "Unknown CA");
    kit.make_signer("hieutruong", "Nguyễn Thị Hoa", "root");
    kit.make_signer("outsider", "Trần Văn Lạ", "stranger");
    kit.make_signer("shortlived", "Lê Văn Hết", "root", 1);
    std::filesystem::create_directories(roots);
    std::filesystem::copy_file(root, roots / "llw-test-ca.pem");
  }
};

class SignedCopyTest : public WorkflowCastTest {
 protected:
  static void SetUpTestSuite() { kit_ = std::make_unique<SigningCast>(); }
  static void TearDownTestSuite() { kit_.reset(); }

  void SetUp() override {
    WorkflowCastTest::SetUp();
    ApplicationConfig config;
    config.forms_dir = std::filesystem::path(LLW_SOURCE_DIR) / "forms";
    config.trusted_roots_dir = kit_->roots;
    app_ = std::make_unique<Application>(store_, config, [this] { return now_; });
  }

  // Runs `step` while the campaign is open, then sets the clock to the time the test runs: the
  // certificates are valid from then, not in the campaign's week.
  template <typename Step>
  auto in_the_week(Step step) {
    now_ = vietnam_time(10, 5, 10);
    auto result = step();
    now_ = std::time(nullptr);
    return result;
  }
  // `pdf` signed by the kit's signer `name`.
  static std::string sign(const std::string& pdf, const std::string& name = "hieutruong") {
    return kit_->kit.sign(pdf, name);
  }

  static inline std::unique_ptr<SigningCast> kit_;
};

}  // namespace llw::testing
