#include "document_text.h"

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>
#include <regex>

namespace llw::testing_support {

// Runs `command` with `{}` replaced by a temporary file holding `bytes`.
std::string read_back(const std::string& bytes, const std::string& extension,
                      const std::string& command) {
  std::random_device random;
  const auto file =
      std::filesystem::temp_directory_path() /
      ("llw-read-back-" + std::to_string(random()) + std::to_string(random()) + extension);
  std::ofstream(file, std::ios::binary) << bytes;
  std::string line = command;
  line.replace(line.find("{}"), 2, "'" + file.string() + "'");
  std::string out = command_output(line);
  std::filesystem::remove(file);
  return out;
}

std::string command_output(const std::string& command) {
  std::string out;
  FILE* pipe = popen(command.c_str(), "r");
  if (!pipe) return out;
  char buffer[4096];
  std::size_t n;
  while ((n = fread(buffer, 1, sizeof buffer, pipe)) > 0) out.append(buffer, n);
  pclose(pipe);
  return out;
}

std::string squeeze_spaces(const std::string& text) {
  std::string out;
  for (char c : text) {
    const bool space = c == ' ' || c == '\n' || c == '\t' || c == '\f' || c == '\r';
    if (!space) {
      out += c;
    } else if (!out.empty() && out.back() != ' ') {
      out += ' ';
    }
  }
  return out;
}

std::string pdf_text(const std::string& pdf_bytes) {
  return squeeze_spaces(read_back(pdf_bytes, ".pdf", "pdftotext {} - 2>/dev/null"));
}

std::string docx_text(const std::string& docx_bytes) {
  const std::string xml = read_back(docx_bytes, ".docx", "unzip -p {} word/document.xml");
  return squeeze_spaces(std::regex_replace(std::regex_replace(xml, std::regex("</w:p>"), "\n"),
                                           std::regex("<[^>]*>"), ""));
}

}  // namespace llw::testing_support
