// The signing kit (signing_kit.h): every step a shell command whose failure throws with its
// output.
#include "signing_kit.h"

#include <array>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace llw::testing_support {
namespace {

// Runs `command` (stderr joined to stdout); throws with its output when it fails.
void run_or_throw(const std::string& command) {
  std::string out;
  FILE* pipe = popen((command + " 2>&1").c_str(), "r");
  if (pipe == nullptr) throw std::runtime_error("cannot run: " + command);
  std::array<char, 4096> buffer{};
  std::size_t n = 0;
  while ((n = fread(buffer.data(), 1, buffer.size(), pipe)) > 0) out.append(buffer.data(), n);
  if (pclose(pipe) != 0) {
    throw std::runtime_error("signing kit: `" + command + "` failed: " + out);
  }
}

std::string quoted(const std::filesystem::path& path) { return "'" + path.string() + "'"; }

}  // namespace

SigningKit::SigningKit(std::filesystem::path dir) : dir_(std::move(dir)) {
  std::filesystem::create_directories(dir_);
  for (const char* tool : {"openssl", "certutil", "pk12util", "pdfsig"}) {
    run_or_throw(std::string("command -v ") + tool);
  }
}

std::filesystem::path SigningKit::make_authority(const std::string& name,
                                                 const std::string& common_name) {
  const auto key = dir_ / (name + ".key");
  const auto pem = dir_ / (name + ".pem");
  run_or_throw("openssl req -x509 -newkey rsa:2048 -nodes -utf8 -keyout " + quoted(key) + " -out " +
               quoted(pem) + " -days 3650 -subj '/CN=" + common_name +
               "' -addext basicConstraints=critical,CA:TRUE -addext keyUsage=keyCertSign,cRLSign");
  return pem;
}

void SigningKit::make_signer(const std::string& name, const std::string& common_name,
                             const std::string& authority, int days) {
  const auto key = dir_ / (name + ".key");
  const auto csr = dir_ / (name + ".csr");
  const auto pem = dir_ / (name + ".pem");
  const auto p12 = dir_ / (name + ".p12");
  const auto nss = dir_ / (name + "-nss");
  run_or_throw("openssl req -newkey rsa:2048 -nodes -utf8 -keyout " + quoted(key) + " -out " +
               quoted(csr) + " -subj '/CN=" + common_name + "'");
  run_or_throw("openssl x509 -req -in " + quoted(csr) + " -CA " +
               quoted(dir_ / (authority + ".pem")) + " -CAkey " +
               quoted(dir_ / (authority + ".key")) + " -CAcreateserial -out " + quoted(pem) +
               " -days " + std::to_string(days));
  run_or_throw("openssl pkcs12 -export -inkey " + quoted(key) + " -in " + quoted(pem) +
               " -certfile " + quoted(dir_ / (authority + ".pem")) + " -name " + name +
               " -passout pass: -out " + quoted(p12));
  std::filesystem::create_directories(nss);
  run_or_throw("certutil -N -d sql:" + quoted(nss) + " --empty-password");
  run_or_throw("pk12util -i " + quoted(p12) + " -d sql:" + quoted(nss) + " -W ''");
}

std::string SigningKit::sign(const std::string& pdf, const std::string& name) {
  const std::string stem = "pdf-" + std::to_string(++files_);
  const auto in = dir_ / (stem + ".pdf");
  const auto out = dir_ / (stem + "-signed.pdf");
  {
    std::ofstream file(in, std::ios::binary);
    file << pdf;
  }
  run_or_throw("pdfsig " + quoted(in) + " " + quoted(out) + " -add-signature -nssdir sql:" +
               quoted(dir_ / (name + "-nss")) + " -nick " + name + " -reason 'Ký báo cáo'");
  std::ifstream file(out, std::ios::binary);
  std::ostringstream bytes;
  bytes << file.rdbuf();
  return bytes.str();
}

}  // namespace llw::testing_support
