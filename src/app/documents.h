#pragma once
// What the document use cases return: a file's bytes with its media type and its name. Names are
// Vietnamese without diacritics ("bao-cao-tong-hop-xa-an-hung-2025.docx"), so they survive every
// browser, mail client and file system; the web layer adds the UTF-8 form beside them.

#include <optional>
#include <string>
#include <string_view>

namespace llw {

enum class DocumentFormat { docx, pdf, xlsx, csv };

// "docx", "pdf", "xlsx", "csv"; nullopt otherwise.
std::optional<DocumentFormat> document_format_from_string(std::string_view text);
std::string_view to_string(DocumentFormat format);
std::string_view content_type_of(DocumentFormat format);

struct DocumentFile {
  std::string bytes;
  std::string content_type;  // "application/pdf", …
  std::string file_name;     // ASCII: "ke-hoach-83-kh-ubnd-2025.pdf"
};

struct ReportDocumentOptions {
  // Empty items are listed as "Không có số liệu" instead of being left out.
  bool mark_empty = false;
};

}  // namespace llw
