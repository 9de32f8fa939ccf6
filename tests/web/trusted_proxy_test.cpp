// The client address behind a reverse proxy (`llw serve --trusted-proxy`): X-Forwarded-For is
// believed only from a trusted peer, for sign-in limits and the audit log; from anyone else, and
// when malformed, it is ignored. Over real HTTP on 127.0.0.1 (the peer is always 127.0.0.1).
#include <gtest/gtest.h>

#include <stdexcept>

#include "web/client_address.h"
#include "web_fixture.h"

namespace llw::test {
namespace {

// -------------------------------------------------------------------------------------------
// The rule itself.

TEST(ClientAddressTest, AnUntrustedPeerKeepsItsOwnAddressWhateverTheHeaderSays) {
  const TrustedProxies trusted({"10.0.0.5"});
  EXPECT_EQ(client_address("192.0.2.1", "203.0.113.7", trusted), "192.0.2.1");
  EXPECT_EQ(client_address("192.0.2.1", "203.0.113.7", TrustedProxies()), "192.0.2.1");
}

TEST(ClientAddressTest, ATrustedPeerNamesTheClientInTheLastEntry) {
  const TrustedProxies trusted({"127.0.0.1,::1", "10.0.0.5"});
  EXPECT_EQ(client_address("127.0.0.1", "203.0.113.7", trusted), "203.0.113.7");
  // Earlier entries are what the client sent itself; only the proxy's own entry counts.
  EXPECT_EQ(client_address("10.0.0.5", "6.6.6.6, 203.0.113.7", trusted), "203.0.113.7");
  EXPECT_EQ(client_address("::1", " 2001:DB8::0:1 ", trusted), "2001:db8::1");
  // A dual-stack socket reports an IPv4 peer as IPv4-mapped IPv6.
  EXPECT_EQ(client_address("::ffff:127.0.0.1", "203.0.113.7", trusted), "203.0.113.7");
}

TEST(ClientAddressTest, AMalformedHeaderFromATrustedPeerLeavesThePeerAddress) {
  const TrustedProxies trusted({"127.0.0.1"});
  for (const char* header :
       {"", " ", ",", "203.0.113.7,", "unknown", "203.0.113.7:8080", "[2001:db8::1]",
        "203.0.113.999", "proxy.example", "203.0.113.7, <script>", "1.2.3.4\r\nX-Evil: 1",
        "999999999999999999999999999999999999999999999999999999999999999999999999"}) {
    EXPECT_EQ(client_address("127.0.0.1", header, trusted), "127.0.0.1") << header;
  }
}

TEST(ClientAddressTest, TrustedProxiesMustBeAddresses) {
  EXPECT_THROW(TrustedProxies({"nginx.local"}), std::invalid_argument);
  EXPECT_THROW(TrustedProxies({"127.0.0.1,10.0.0.0/8"}), std::invalid_argument);
  EXPECT_NO_THROW(TrustedProxies({"127.0.0.1, ::1", ""}));
}

// -------------------------------------------------------------------------------------------
// Through the server: the fixture's server trusts nobody; a second one on the same application
// trusts 127.0.0.1, as `llw serve --trusted-proxy 127.0.0.1` behind a local nginx.

class TrustedProxyTest : public WebFixture {
 protected:
  void SetUp() override {
    WebFixture::SetUp();
    ServerConfig config;
    config.port = 0;
    config.threads = 2;
    config.trusted_proxies = {"127.0.0.1"};
    behind_proxy_ = std::make_unique<HttpServer>(*app_, config);
    behind_proxy_->start_in_background();
    ASSERT_NE(behind_proxy_->port(), 0);
    proxied_ = std::make_unique<HttpClient>(behind_proxy_->port());
  }
  void TearDown() override {
    if (behind_proxy_) behind_proxy_->stop();
    behind_proxy_.reset();
    WebFixture::TearDown();
  }

  // A failed sign-in of an unknown account (so no per-username limit is reached) claiming to
  // come from `forwarded_for`; returns the status.
  static long fail_sign_in(const HttpClient& client, const std::string& username,
                           const std::string& forwarded_for) {
    const std::string body =
        nlohmann::json{{"username", username}, {"password", "sai-mat-khau"}}.dump();
    std::vector<std::string> headers{"Content-Type: application/json"};
    if (!forwarded_for.empty()) headers.push_back("X-Forwarded-For: " + forwarded_for);
    return client.send("POST", "/api/v1/auth/token", body, headers).status;
  }

  // The address the audit log recorded for the latest sign-in attempt of `username`.
  std::string audited_address(const std::string& username) {
    AuditQuery query;
    query.username = username;
    query.action = "login";
    auto entries = store_->audit().query_audit(query);
    if (entries.empty()) return "(none)";
    return entries.front().address;
  }

  std::unique_ptr<HttpServer> behind_proxy_;
  std::unique_ptr<HttpClient> proxied_;
};

TEST_F(TrustedProxyTest, ASpoofedHeaderFromAnUntrustedPeerDoesNotEscapeTheAddressLimit) {
  // Five failures, each "from" another address: all are 127.0.0.1's.
  for (int i = 0; i < 5; ++i) {
    EXPECT_EQ(fail_sign_in(*http_, "khong-co-" + std::to_string(i),
                           "198.51.100." + std::to_string(i + 1)),
              401);
  }
  EXPECT_EQ(audited_address("khong-co-4"), "127.0.0.1");
  EXPECT_EQ(fail_sign_in(*http_, "khong-co-moi", "198.51.100.200"), 429);
}

TEST_F(TrustedProxyTest, FromATrustedProxyEachForwardedClientHasItsOwnLimit) {
  for (int i = 0; i < 5; ++i) {
    // The client's own made-up entry comes first; the proxy appends the real address.
    EXPECT_EQ(fail_sign_in(*proxied_, "khong-co-" + std::to_string(i),
                           "198.51.100." + std::to_string(i) + ", 203.0.113.7"),
              401);
  }
  EXPECT_EQ(audited_address("khong-co-0"), "203.0.113.7");
  EXPECT_EQ(fail_sign_in(*proxied_, "khong-co-moi", "203.0.113.7"), 429);
  // Another client behind the same proxy is not locked out by the first one's failures.
  EXPECT_EQ(fail_sign_in(*proxied_, "khong-co-khac", "203.0.113.8"), 401);
  EXPECT_EQ(audited_address("khong-co-khac"), "203.0.113.8");
  // And the right password still signs in from there.
  const std::string right = nlohmann::json{{"username", kViewer}, {"password", kPassword}}.dump();
  EXPECT_EQ(proxied_
                ->send("POST", "/api/v1/auth/token", right,
                       {"Content-Type: application/json", "X-Forwarded-For: 203.0.113.8"})
                .status,
            200);
}

TEST_F(TrustedProxyTest, CookiesAreSecureWhenATrustedProxySaysTheClientUsesTls) {
  auto cookie_of = [](const HttpClient& client, const std::vector<std::string>& headers) {
    return client.send("GET", "/dang-nhap", {}, headers).header("set-cookie");
  };
  EXPECT_NE(cookie_of(*proxied_, {"X-Forwarded-Proto: https"}).find("; Secure"), std::string::npos);
  EXPECT_EQ(cookie_of(*proxied_, {}).find("Secure"), std::string::npos);
  EXPECT_EQ(cookie_of(*proxied_, {"X-Forwarded-Proto: http"}).find("Secure"), std::string::npos);
  // From a peer that is not a trusted proxy the header is a client's claim.
  EXPECT_EQ(cookie_of(*http_, {"X-Forwarded-Proto: https"}).find("Secure"), std::string::npos);
}

TEST_F(TrustedProxyTest, AMalformedHeaderFromATrustedProxyCountsAsTheProxyItself) {
  const std::vector<std::string> malformed{"unknown", "203.0.113.7:443", "1.2.3.4, ", "a,b,c",
                                           std::string(3000, '9')};
  for (std::size_t i = 0; i < malformed.size(); ++i) {
    const std::string username = "sai-dang-" + std::to_string(i);
    EXPECT_EQ(fail_sign_in(*proxied_, username, malformed[i]), 401) << malformed[i];
    EXPECT_EQ(audited_address(username), "127.0.0.1") << malformed[i];
  }
  // No header at all: the peer's address too (a request that did not come through nginx).
  EXPECT_EQ(fail_sign_in(*proxied_, "khong-tieu-de", ""), 429);
  EXPECT_EQ(audited_address("khong-tieu-de"), "127.0.0.1");
}

}  // namespace
}  // namespace llw::test
