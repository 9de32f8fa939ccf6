#pragma once
// HTML rendering of a document: the same model the DOCX and PDF renderers lay out, as a fragment
// a page embeds to preview exactly what will be issued (header table, title, summary line, body
// blocks, signature, recipients, annexes). Charts are named by their title only; tables are
// real tables. Every text is escaped, so markup typed by a user is shown, never run.

#include <string>

#include "documents/document.h"

namespace llw::documents {

// An <article class="doc-preview"> element; it holds no script, style or link.
std::string render_html(const Document& document);

}  // namespace llw::documents
