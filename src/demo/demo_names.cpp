#include "demo/demo_names.h"

namespace llw::demo {

// The 34 provincial units after the 2025 reform, with approximate numbers of communes and wards
// (3,321 in all).
const std::array<Province, 34> provinces = {{
    {"HN", "Hà Nội", true, 126},       {"HUE", "Huế", true, 40},
    {"HP", "Hải Phòng", true, 114},    {"DNG", "Đà Nẵng", true, 94},
    {"HCM", "Hồ Chí Minh", true, 168}, {"CT", "Cần Thơ", true, 103},
    {"TQ", "Tuyên Quang", false, 124}, {"CB", "Cao Bằng", false, 56},
    {"LCH", "Lai Châu", false, 38},    {"LCA", "Lào Cai", false, 99},
    {"TNG", "Thái Nguyên", false, 92}, {"DB", "Điện Biên", false, 45},
    {"LS", "Lạng Sơn", false, 65},     {"SL", "Sơn La", false, 75},
    {"PT", "Phú Thọ", false, 148},     {"BN", "Bắc Ninh", false, 99},
    {"QNI", "Quảng Ninh", false, 54},  {"HY", "Hưng Yên", false, 104},
    {"NB", "Ninh Bình", false, 129},   {"THA", "Thanh Hóa", false, 166},
    {"NA", "Nghệ An", false, 130},     {"HT", "Hà Tĩnh", false, 69},
    {"QT", "Quảng Trị", false, 78},    {"QNG", "Quảng Ngãi", false, 96},
    {"GL", "Gia Lai", false, 135},     {"KH", "Khánh Hòa", false, 65},
    {"LD", "Lâm Đồng", false, 124},    {"DL", "Đắk Lắk", false, 102},
    {"DNA", "Đồng Nai", false, 95},    {"TNI", "Tây Ninh", false, 96},
    {"VL", "Vĩnh Long", false, 124},   {"DT", "Đồng Tháp", false, 102},
    {"CM", "Cà Mau", false, 64},       {"AG", "An Giang", false, 102},
}};

const std::vector<std::string> first_syllables = {
    "An",    "Tân",  "Vĩnh", "Hòa",   "Phú",  "Bình", "Đông", "Tây",  "Nam",    "Bắc",
    "Quang", "Minh", "Đại",  "Trung", "Thái", "Kiến", "Tiên", "Hồng", "Thượng", "Long"};
const std::vector<std::string> second_syllables = {
    "Hưng", "Lợi", "Phong", "Thịnh", "Thành", "Hòa",  "Tiến", "Lạc", "Bình",  "Lâm",
    "Sơn",  "Hải", "Khê",   "Xuân",  "Đạo",   "Thủy", "Phúc", "Lộc", "Dương", "Mỹ"};
const std::vector<std::string> village_names = {
    "Đông",     "Tây",       "Nam",      "Bắc",        "Trung",     "Thượng",   "Hạ",
    "Đông Hòa", "Tây Sơn",   "Phú Xuân", "An Lạc",     "Văn Phong", "Kim Sơn",  "Bình An",
    "Hòa Bình", "Tân Lập",   "Đồng Tâm", "Quyết Tiến", "Thắng Lợi", "Cựu Viên", "Phương Lưu",
    "Lạc Viên", "Đại Hoàng", "Tiên Hội", "Mỹ Khê",     "Cao Xá",    "Lê Xá",    "Trà Phương"};
const std::vector<std::string> preschool_names = {"Hoa Sen",   "Sơn Ca",     "Họa Mi",   "Hoa Mai",
                                                  "Tuổi Thơ",  "Măng Non",   "Hoa Hồng", "Bông Sen",
                                                  "Ánh Dương", "Hướng Dương"};
const std::vector<std::string> school_names = {
    "Lê Lợi",          "Nguyễn Trãi",   "Chu Văn An",        "Trần Phú",    "Lê Quý Đôn",
    "Ngô Quyền",       "Quang Trung",   "Nguyễn Du",         "Lý Tự Trọng", "Kim Đồng",
    "Võ Thị Sáu",      "Trần Hưng Đạo", "Nguyễn Bỉnh Khiêm", "Tô Hiệu",     "Lương Thế Vinh",
    "Nguyễn Đức Cảnh", "Hoàng Văn Thụ", "Phan Bội Châu"};

}  // namespace llw::demo
