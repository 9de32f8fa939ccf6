#pragma once
// DOCX rendering of a document (libzip + pugixml): Times New Roman in real Word styles
// (Normal, Heading 1/2, Title, Subtitle, Table Text, …), A4 with the Nghị định 30 margins,
// the header table without borders, a PAGE field in the page header with "different first
// page" so page 1 carries no number, the chart as a PNG from the same drawing the PDF uses, and
// annexes in their own sections (landscape when asked, numbered from 1 again).

#include <string>

#include "documents/document.h"

namespace llw::documents {

// The .docx file's bytes. All text goes through the XML library and clean_text, so markup,
// entities and control characters in user text are harmless.
std::string render_docx(const Document& document);

}  // namespace llw::documents
