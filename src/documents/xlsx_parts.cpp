#include "documents/xlsx_parts.h"

#include "documents/document.h"

namespace llw::documents::xlsx {

namespace {

constexpr std::string_view kXmlDeclaration =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";
constexpr std::string_view kMain = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
constexpr std::string_view kRelationships =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

}  // namespace

std::string column_letters(std::size_t column) {
  std::string letters;
  for (std::size_t n = column + 1; n > 0; n = (n - 1) / 26) {
    letters.insert(letters.begin(), static_cast<char>('A' + (n - 1) % 26));
  }
  return letters;
}

std::string content_types_xml(std::size_t sheet_count) {
  std::string xml(kXmlDeclaration);
  xml +=
      "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
      "<Default Extension=\"rels\" "
      "ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
      "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
      "<Override PartName=\"/xl/workbook.xml\" "
      "ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>"
      "<Override PartName=\"/xl/styles.xml\" "
      "ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/>"
      "<Override PartName=\"/docProps/core.xml\" "
      "ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/>"
      "<Override PartName=\"/docProps/app.xml\" "
      "ContentType=\"application/vnd.openxmlformats-officedocument.extended-properties+xml\"/>";
  for (std::size_t i = 1; i <= sheet_count; ++i) {
    xml += "<Override PartName=\"/xl/worksheets/sheet" + std::to_string(i) +
           ".xml\" ContentType=\"application/"
           "vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>";
  }
  xml += "</Types>";
  return xml;
}

std::string root_rels_xml() {
  std::string xml(kXmlDeclaration);
  xml += "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">";
  xml += "<Relationship Id=\"rId1\" Type=\"";
  xml += kRelationships;
  xml += "/officeDocument\" Target=\"xl/workbook.xml\"/>";
  xml +=
      "<Relationship Id=\"rId2\" "
      "Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/"
      "core-properties\" Target=\"docProps/core.xml\"/>";
  xml += "<Relationship Id=\"rId3\" Type=\"";
  xml += kRelationships;
  xml += "/extended-properties\" Target=\"docProps/app.xml\"/></Relationships>";
  return xml;
}

std::string core_properties_xml(std::string_view title, std::string_view iso_time) {
  std::string xml(kXmlDeclaration);
  xml +=
      "<cp:coreProperties "
      "xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" "
      "xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\" "
      "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"><dc:title>";
  append_escaped(xml, title);
  xml += "</dc:title><dc:creator>LLW</dc:creator><dcterms:created xsi:type=\"dcterms:W3CDTF\">";
  xml += iso_time;
  xml += "</dcterms:created></cp:coreProperties>";
  return xml;
}

std::string app_properties_xml() {
  std::string xml(kXmlDeclaration);
  xml +=
      "<Properties "
      "xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\">"
      "<Application>LLW</Application></Properties>";
  return xml;
}

std::string workbook_xml(const std::vector<SheetEntry>& sheets) {
  std::string xml(kXmlDeclaration);
  xml += "<workbook xmlns=\"";
  xml += kMain;
  xml += "\" xmlns:r=\"";
  xml += kRelationships;
  xml += "\"><bookViews><workbookView/></bookViews><sheets>";
  for (std::size_t i = 0; i < sheets.size(); ++i) {
    xml += "<sheet name=\"";
    append_escaped(xml, sheets[i].name);
    xml +=
        "\" sheetId=\"" + std::to_string(i + 1) + "\" r:id=\"rId" + std::to_string(i + 1) + "\"/>";
  }
  xml += "</sheets>";
  // Excel keeps a sheet's filter range in this hidden name; without it the filter is dropped.
  std::string names;
  for (std::size_t i = 0; i < sheets.size(); ++i) {
    if (sheets[i].autofilter_range.empty()) continue;
    names += "<definedName name=\"_xlnm._FilterDatabase\" localSheetId=\"" + std::to_string(i) +
             "\" hidden=\"1\">'";
    append_escaped(names, sheets[i].name);
    names += "'!" + sheets[i].autofilter_range + "</definedName>";
  }
  if (!names.empty()) xml += "<definedNames>" + names + "</definedNames>";
  xml += "</workbook>";
  return xml;
}

std::string workbook_rels_xml(std::size_t sheet_count) {
  std::string xml(kXmlDeclaration);
  xml += "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">";
  for (std::size_t i = 1; i <= sheet_count; ++i) {
    xml += "<Relationship Id=\"rId" + std::to_string(i) + "\" Type=\"";
    xml += kRelationships;
    xml += "/worksheet\" Target=\"worksheets/sheet" + std::to_string(i) + ".xml\"/>";
  }
  xml += "<Relationship Id=\"rId" + std::to_string(sheet_count + 1) + "\" Type=\"";
  xml += kRelationships;
  xml += "/styles\" Target=\"styles.xml\"/></Relationships>";
  return xml;
}

std::string styles_xml() {
  std::string xml(kXmlDeclaration);
  xml += "<styleSheet xmlns=\"";
  xml += kMain;
  // The cellXfs are in the order of enum Style.
  xml +=
      "\"><numFmts count=\"4\">"
      "<numFmt numFmtId=\"164\" formatCode=\"#,##0\"/>"
      "<numFmt numFmtId=\"165\" formatCode=\"#,##0.##\"/>"
      "<numFmt numFmtId=\"166\" formatCode=\"0.0%\"/>"
      "<numFmt numFmtId=\"167\" formatCode=\"dd/mm/yyyy\"/></numFmts>"
      "<fonts count=\"2\">"
      "<font><sz val=\"11\"/><name val=\"Calibri\"/><family val=\"2\"/></font>"
      "<font><b/><sz val=\"11\"/><name val=\"Calibri\"/><family val=\"2\"/></font></fonts>"
      "<fills count=\"3\"><fill><patternFill patternType=\"none\"/></fill>"
      "<fill><patternFill patternType=\"gray125\"/></fill>"
      "<fill><patternFill patternType=\"solid\"><fgColor rgb=\"FFDDE5F0\"/>"
      "<bgColor indexed=\"64\"/></patternFill></fill></fills>"
      "<borders count=\"2\"><border><left/><right/><top/><bottom/><diagonal/></border>"
      "<border><left style=\"thin\"><color auto=\"1\"/></left>"
      "<right style=\"thin\"><color auto=\"1\"/></right>"
      "<top style=\"thin\"><color auto=\"1\"/></top>"
      "<bottom style=\"thin\"><color auto=\"1\"/></bottom><diagonal/></border></borders>"
      "<cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/>"
      "</cellStyleXfs>"
      "<cellXfs count=\"6\">"
      "<xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\"/>"
      "<xf numFmtId=\"0\" fontId=\"1\" fillId=\"2\" borderId=\"1\" xfId=\"0\" applyFont=\"1\" "
      "applyFill=\"1\" applyBorder=\"1\" applyAlignment=\"1\"><alignment horizontal=\"center\" "
      "vertical=\"center\" wrapText=\"1\"/></xf>"
      "<xf numFmtId=\"164\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" "
      "applyNumberFormat=\"1\"/>"
      "<xf numFmtId=\"165\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" "
      "applyNumberFormat=\"1\"/>"
      "<xf numFmtId=\"166\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" "
      "applyNumberFormat=\"1\"/>"
      "<xf numFmtId=\"167\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" "
      "applyNumberFormat=\"1\"/></cellXfs>"
      "<cellStyles count=\"1\"><cellStyle name=\"Normal\" xfId=\"0\" builtinId=\"0\"/>"
      "</cellStyles></styleSheet>";
  return xml;
}

}  // namespace llw::documents::xlsx
