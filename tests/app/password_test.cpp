#include "app/password.h"

#include <gtest/gtest.h>

#include <set>

#include "app/common_passwords.h"

namespace llw {
namespace {

TEST(Password, HashVerifiesOnlyTheSamePassword) {
  std::string hash = hash_password("Học tập suốt đời");
  EXPECT_EQ(hash.rfind("$argon2id$", 0), 0u);
  EXPECT_TRUE(verify_password(hash, "Học tập suốt đời"));
  EXPECT_FALSE(verify_password(hash, "Hoc tap suot doi"));
  EXPECT_FALSE(verify_password("not a hash", "x"));
  EXPECT_FALSE(verify_password("", ""));
}

TEST(Password, TokensAreRandomAndTheirHashesStable) {
  std::set<std::string> tokens;
  for (int i = 0; i < 100; ++i) tokens.insert(random_token());
  EXPECT_EQ(tokens.size(), 100u);
  const std::string token = *tokens.begin();
  EXPECT_EQ(token.size(), 43u);
  EXPECT_EQ(
      token.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"),
      std::string::npos);
  EXPECT_EQ(token_hash(token), token_hash(token));
  EXPECT_EQ(token_hash(token).size(), 64u);
  EXPECT_NE(token_hash(token), token_hash(*tokens.rbegin()));
}

TEST(CommonPasswordTest, TheFirstPasswordsAGuesserTriesAreRefused) {
  for (const char* common :
       {"Passw0rd", "password1", "P@ssword2025", "hoctap2025", "HocTap@2025", "matkhau@123",
        "Admin@2025", "admin123", "iloveyou1", "qwerty123", "1q2w3e4r", "abc12345", "ab123456",
        "123456a@", "vietnam@123", "anhyeuem123", "12345678", "2025@2025"}) {
    EXPECT_TRUE(is_common_password(common)) << common;
  }
  for (const char* fine : {"cay-phuong-do-7", "mat-khau-dai", "thon-dong-2025", "moi-hon-2025",
                           "Trang.sach.xanh9", "Đọc-sách-mỗi-ngày-3"}) {
    EXPECT_FALSE(is_common_password(fine)) << fine;
  }
}

}  // namespace
}  // namespace llw
