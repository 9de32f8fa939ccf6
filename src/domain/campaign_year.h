#pragma once
// The campaign's year is the one source of every year LLW prints: the week's name and every
// document title are built from it, and a year written in free text (a campaign's name, a plan's
// paragraphs, a unit's report texts) that differs from it is found here, so a template copied
// from an earlier year (the most common real mistake) is refused or flagged, never printed
// silently under the current year's header.

#include <string>
#include <string_view>
#include <vector>

namespace llw {

// "Tuần lễ hưởng ứng học tập suốt đời năm 2025": the week's official name for `year`.
std::string week_name(int year);

// The years written in `text` as years that differ from `year`, ascending, each once. What
// counts as a year written as a year:
// - after "năm" ("năm 2021", "Năm 2021", "NĂM 2021"), except a horizon after "đến năm"/"tới năm"
//   later than `year` ("đến năm 2030") and a law's name ("Luật Giáo dục năm 2019");
// - a span of years ("2021-2022", "2021 – 2022", "năm học 2021-2022"): flagged only when `year` is
//   outside it, so "giai đoạn 2021-2030" in 2025 is not a contradiction;
// - the year of a date ("05/10/2021", "10/2021", "05-10-2021"), except the date of a cited
//   document ("Quyết định số 1373/QĐ-TTg ngày 30/7/2021"), which may be of any earlier year;
// - a four-digit number between 1900 and 2199 standing alone at the end of a text or before
//   punctuation ("Tuần lễ 2021", "(2021)").
// Not years: document numbers ("3929/QĐ-UBND"), numbers with separators ("2.021", "1.155"),
// numbers of other lengths, and a four-digit number followed by a word ("2021 lượt người").
std::vector<int> years_contradicting(std::string_view text, int year);

// "Năm 2021 khác năm của Tuần lễ 2025." (or "Năm 2021, 2022 khác …") for a non-empty list.
std::string years_contradicting_message(const std::vector<int>& years, int year);

}  // namespace llw
