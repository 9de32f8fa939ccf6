#pragma once
// What the document use cases return: a file's bytes with its media type and its name. Names are
// Vietnamese without diacritics ("bao-cao-tong-hop-xa-an-hung-2025.docx"), so they survive every
// browser, mail client and file system; the web layer adds the UTF-8 form beside them.

#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "documents/spooled_file.h"

namespace llw {

enum class DocumentFormat { docx, pdf, xlsx, csv };

// "docx", "pdf", "xlsx", "csv"; nullopt otherwise.
std::optional<DocumentFormat> document_format_from_string(std::string_view text);
std::string_view to_string(DocumentFormat format);
std::string_view content_type_of(DocumentFormat format);

struct DocumentFile {
  std::string bytes;         // a document, in memory
  std::string content_type;  // "application/pdf", …
  std::string file_name;     // ASCII: "ke-hoach-83-kh-ubnd-2025.pdf"
  // A data export, on disk instead (tens of megabytes at national scale): the web layer sends
  // the file as it is, the CLI copies it. When set, `bytes` is empty.
  std::shared_ptr<const documents::SpooledFile> spooled;

  std::uint64_t size() const { return spooled ? spooled->size() : bytes.size(); }
  // The content in memory, whichever way it is kept (small files, tests).
  std::string contents() const { return spooled ? spooled->read_all() : bytes; }
};

struct ReportDocumentOptions {
  // Empty items are listed as "Không có số liệu" instead of being left out.
  bool mark_empty = false;
};

}  // namespace llw
