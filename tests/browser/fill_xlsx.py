#!/usr/bin/env python3
"""Fills numbers into a workbook LLW offered (the report-entry template), as a coordinator would in
Excel, with the standard library only: the row of a unit is the one whose first cell holds its
code, the column of an item the one whose header cell holds its key.

Usage: fill_xlsx.py TEMPLATE.xlsx OUTPUT.xlsx SHEET '{"HP-ANHUNG-TH1": {"banners": 3}, ...}'
       fill_xlsx.py --codes TEMPLATE.xlsx SHEET   (prints the units' codes: column A from row 3)

Every other part of the workbook is copied unchanged. A unit or key not found is an error (the
test is wrong, not the server).
"""
import json
import re
import sys
import zipfile
import xml.etree.ElementTree as ET

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
N = "{%s}" % MAIN


def sheet_part(archive, name):
    workbook = ET.fromstring(archive.read("xl/workbook.xml"))
    rels = ET.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    for sheet in workbook.iter(N + "sheet"):
        if sheet.get("name") == name:
            rid = sheet.get("{%s}id" % REL)
            for rel in rels.iter("{%s}Relationship" % PKG_REL):
                if rel.get("Id") == rid:
                    target = rel.get("Target").lstrip("/")
                    return target if target.startswith("xl/") else "xl/" + target
    raise SystemExit("no sheet named %r" % name)


def shared_strings(archive):
    if "xl/sharedStrings.xml" not in archive.namelist():
        return []
    root = ET.fromstring(archive.read("xl/sharedStrings.xml"))
    return ["".join(t.text or "" for t in si.iter(N + "t")) for si in root.iter(N + "si")]


def cell_text(cell, strings):
    kind = cell.get("t")
    if kind == "s":
        return strings[int(cell.find(N + "v").text)]
    if kind == "inlineStr":
        return "".join(t.text or "" for t in cell.iter(N + "t"))
    value = cell.find(N + "v")
    return value.text if value is not None else ""


def split_ref(ref):
    letters, digits = re.match(r"([A-Z]+)(\d+)", ref).groups()
    return letters, int(digits)


def column_number(letters):
    number = 0
    for letter in letters:
        number = number * 26 + ord(letter) - 64
    return number


def print_codes(template, sheet_name):
    with zipfile.ZipFile(template) as archive:
        strings = shared_strings(archive)
        root = ET.fromstring(archive.read(sheet_part(archive, sheet_name)))
        codes = []
        for row in root.iter(N + "row"):
            if int(row.get("r")) < 3:
                continue
            for cell in row.findall(N + "c"):
                if split_ref(cell.get("r"))[0] == "A" and cell_text(cell, strings):
                    codes.append(cell_text(cell, strings))
        print(json.dumps(codes))


def main():
    if sys.argv[1] == "--codes":
        return print_codes(sys.argv[2], sys.argv[3])
    template, output, sheet_name, values = sys.argv[1], sys.argv[2], sys.argv[3], json.loads(sys.argv[4])
    with zipfile.ZipFile(template) as archive:
        part = sheet_part(archive, sheet_name)
        strings = shared_strings(archive)
        ET.register_namespace("", MAIN)
        ET.register_namespace("r", REL)
        root = ET.fromstring(archive.read(part))
        rows = {int(row.get("r")): row for row in root.iter(N + "row")}
        wanted_keys = {key for per_unit in values.values() for key in per_unit}
        key_columns, unit_rows = {}, {}
        for number, row in rows.items():
            for cell in row.findall(N + "c"):
                letters, _ = split_ref(cell.get("r"))
                text = cell_text(cell, strings)
                if text in wanted_keys and text not in key_columns:
                    key_columns[text] = letters
                if letters == "A" and text in values:
                    unit_rows[text] = number
        missing = (wanted_keys - key_columns.keys()) | (values.keys() - unit_rows.keys())
        if missing:
            raise SystemExit("not in the template: " + ", ".join(sorted(missing)))
        for unit, per_unit in values.items():
            row = rows[unit_rows[unit]]
            for key, value in per_unit.items():
                ref = "%s%d" % (key_columns[key], unit_rows[unit])
                cell = next((c for c in row.findall(N + "c") if c.get("r") == ref), None)
                if cell is None:
                    cell = ET.Element(N + "c", {"r": ref})
                    after = [c for c in row.findall(N + "c")
                             if column_number(split_ref(c.get("r"))[0]) < column_number(key_columns[key])]
                    row.insert(len(after), cell)
                for child in list(cell):
                    cell.remove(child)
                cell.attrib.pop("t", None)
                if isinstance(value, str):
                    cell.set("t", "inlineStr")
                    ET.SubElement(ET.SubElement(cell, N + "is"), N + "t").text = value
                else:
                    ET.SubElement(cell, N + "v").text = str(value)
        sheet_xml = ET.tostring(root, xml_declaration=True, encoding="UTF-8")
        with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as out:
            for item in archive.infolist():
                data = sheet_xml if item.filename == part else archive.read(item.filename)
                out.writestr(item, data)


if __name__ == "__main__":
    main()
