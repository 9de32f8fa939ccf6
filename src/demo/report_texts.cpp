#include "demo/report_texts.h"

namespace llw::demo {
namespace {

const std::vector<std::string> advantages_texts = {
    "Được sự quan tâm, chỉ đạo sát sao của Đảng ủy, UBND xã và sự phối hợp chặt chẽ của các "
    "ban, ngành, đoàn thể; cán bộ, giáo viên nhiệt tình, trách nhiệm.",
    "Cơ sở vật chất, trang thiết bị cơ bản đáp ứng yêu cầu; hệ thống loa truyền thanh, trang "
    "thông tin điện tử hoạt động thường xuyên, thuận lợi cho công tác tuyên truyền.",
    "Phụ huynh và nhân dân đồng tình, ủng hộ; học sinh hứng thú tham gia các hoạt động đọc sách, "
    "trải nghiệm STEM và các cuộc thi.",
    "Thư viện số, kho học liệu mở được đưa vào sử dụng, giúp giáo viên và học sinh dễ dàng khai "
    "thác tài liệu học tập."};
const std::vector<std::string> difficulties_texts = {
    "Thời gian tổ chức Tuần lễ trùng với nhiều hoạt động đầu năm học nên việc bố trí lực lượng "
    "còn gặp khó khăn.",
    "Kinh phí dành cho các hoạt động còn hạn chế; một số thiết bị công nghệ thông tin đã cũ, "
    "đường truyền internet chưa ổn định.",
    "Một bộ phận người dân, nhất là người cao tuổi, còn hạn chế trong việc sử dụng thiết bị số và "
    "các nền tảng học tập trực tuyến.",
    "Số đầu sách mới, sách điện tử còn ít; nhân viên thư viện kiêm nhiệm nhiều việc."};
const std::vector<std::string> next_plan_texts = {
    "Tiếp tục duy trì ngày đọc sách hằng tháng, phát triển tủ sách lớp học và thư viện số của "
    "đơn vị.",
    "Tổ chức bồi dưỡng kỹ năng số cho cán bộ, giáo viên, nhân viên; khuyến khích học sinh sử "
    "dụng kho học liệu mở.",
    "Duy trì các câu lạc bộ học tập, câu lạc bộ STEM; nhân rộng các gương điển hình tự học, học "
    "tập suốt đời.",
    "Phối hợp với Hội Khuyến học vận động xây dựng mô hình gia đình học tập, dòng họ học tập."};
const std::vector<std::string> recommendation_texts = {
    "Đề nghị UBND xã quan tâm bổ sung kinh phí mua sắm sách, thiết bị phục vụ thư viện số.",
    "Đề nghị cấp trên tổ chức tập huấn về khai thác tài nguyên giáo dục mở và ứng dụng trí tuệ "
    "nhân tạo trong dạy học.",
    "Đề nghị tăng cường kết nối với doanh nghiệp công nghệ để học sinh được tham quan, trải "
    "nghiệm thực tế.",
    "Không có kiến nghị thêm."};
const std::vector<std::string> awareness_students_texts = {
    "Học sinh nhận thức rõ hơn ý nghĩa của việc tự học, hình thành thói quen đọc sách và khai "
    "thác tài liệu trên thư viện số.",
    "Các em tích cực tham gia hoạt động trải nghiệm, mạnh dạn chia sẻ phương pháp học tập hiệu "
    "quả của bản thân."};
const std::vector<std::string> awareness_community_texts = {
    "Phụ huynh và cộng đồng hiểu rõ hơn tầm quan trọng của học tập suốt đời, tích cực đồng hành "
    "cùng nhà trường.",
    "Nhiều gia đình đăng ký danh hiệu gia đình học tập; người dân quan tâm hơn đến các lớp kỹ "
    "năng số."};
const std::vector<std::string> emulation_texts = {
    "Phong trào thi đua học tập diễn ra sôi nổi, gắn với chủ đề “Học để phát triển bản thân, làm "
    "chủ tri thức và công nghệ”.",
    "Các chi đội, lớp học thi đua đọc sách, viết bài, làm video giới thiệu sách với chủ đề học "
    "tập suốt đời."};
const std::vector<std::string> commend_notes_texts = {
    "Khen thưởng các tập thể, cá nhân có thành tích xuất sắc trong các cuộc thi và hoạt động của "
    "Tuần lễ.",
    "Biểu dương kịp thời các gương tự học tiêu biểu tại buổi tổng kết Tuần lễ."};

}  // namespace

const std::vector<std::string> generic_texts = {
    "Đơn vị đã triển khai nghiêm túc, đúng kế hoạch.",
    "Các hoạt động được tổ chức thiết thực, phù hợp với điều kiện của đơn vị."};
const std::vector<std::string> reward_forms = {
    "Giấy khen của Hiệu trưởng", "Giấy khen của Chủ tịch UBND xã", "Tặng sách và phần thưởng",
    "Biểu dương tại cuộc họp"};
const std::vector<std::string> other_activity_names = {
    "Tọa đàm “Học để làm chủ công nghệ”", "Ngày hội sách và văn hóa đọc",
    "Lớp kỹ năng số cho người cao tuổi",  "Tham quan doanh nghiệp công nghệ",
    "Cuộc thi lập trình Scratch",         "Trạm tư vấn học tập lưu động"};

const std::vector<std::string>& texts_for(const std::string& key) {
  auto has = [&](const char* word) { return key.find(word) != std::string::npos; };
  if (has("advantage")) return advantages_texts;
  if (has("difficult")) return difficulties_texts;
  if (has("next") || has("plan")) return next_plan_texts;
  if (has("recommend")) return recommendation_texts;
  if (has("awareness_students")) return awareness_students_texts;
  if (has("awareness") || has("community")) return awareness_community_texts;
  if (has("emulation")) return emulation_texts;
  if (has("commend")) return commend_notes_texts;
  return generic_texts;
}

}  // namespace llw::demo
