#pragma once
// Documents read back as a reader gets them, for tests: a PDF through pdftotext, a DOCX's
// paragraphs from word/document.xml (unzip), with runs of spaces and line breaks collapsed so text
// laid out in columns, lines or runs compares as words.

#include <string>

namespace llw::testing_support {

// What `command` (run by the shell) writes to its standard output.
std::string command_output(const std::string& command);
std::string squeeze_spaces(const std::string& text);
// What `command` writes with `{}` replaced by a temporary file of `bytes` named *`extension`
// ("pdfinfo {}", "pdffonts {}").
std::string read_back(const std::string& bytes, const std::string& extension,
                      const std::string& command);
std::string pdf_text(const std::string& pdf_bytes);
std::string docx_text(const std::string& docx_bytes);

}  // namespace llw::testing_support
