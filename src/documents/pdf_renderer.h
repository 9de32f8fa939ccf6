#pragma once
// PDF rendering of a document with pango + cairo: A4, Nghị định 30 margins and header table,
// Liberation Serif embedded, page numbers from page 2 centred in the top margin, page breaks
// that never split a table row nor leave a heading (or a paragraph's first line) at the bottom
// of a page. Table header rows repeat on every page the table runs over.

#include <string>

#include "documents/document.h"

namespace llw::documents {

// The PDF file's bytes.
std::string render_pdf(const Document& document);

}  // namespace llw::documents
