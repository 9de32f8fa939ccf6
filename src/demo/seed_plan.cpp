// The text of the seed plan: Kế hoạch số 83/KH-UBND ngày 01/10 of the People's Committee of
// Xã An Hưng (Hải Phòng), "Tổ chức Tuần lễ hưởng ứng học tập suốt đời năm …", in any year. Kept in
// code so the demo does not read anything outside the repository at run time.
#include "demo/demo_campaign.h"
#include "demo/demo_data.h"

namespace llw {

nlohmann::json seed_plan(int year) {
  using nlohmann::json;
  const std::string y = std::to_string(year);
  const std::string week = demo::week_of(year);
  json plan;
  plan["number"] = "83/KH-UBND";
  plan["issued_on"] = y + "-10-01";
  plan["place"] = "An Hưng";
  plan["issuer_name"] = "ỦY BAN NHÂN DÂN XÃ AN HƯNG";
  plan["legal_basis"] = "Thực hiện Quyết định số 3929/QĐ-UBND ngày " +
                        demo::first_of_october(year) +
                        " của Ủy ban nhân dân thành phố Hải Phòng ban hành Kế hoạch tổ chức " +
                        week + "; Ủy ban nhân dân xã xây dựng kế hoạch tổ chức " + week +
                        " trên địa bàn xã, cụ thể như sau:";
  plan["purposes"] = json::array({
      "Nâng cao nhận thức của nhân dân, cán bộ, công chức, viên chức, người lao động về vai trò, ý "
      "nghĩa của việc học tập, đặc biệt là tự học và học tập suốt đời gắn với việc làm chủ tri "
      "thức và công nghệ đối với sự phát triển của mỗi cá nhân; từ đó phát huy sức mạnh con người "
      "Việt Nam, phục vụ sự nghiệp phát triển nhanh, bền vững của Thành phố, đất nước trong bối "
      "cảnh chuyển đổi số và hội nhập.",
      "Tăng cường sự lãnh đạo, chỉ đạo của cấp ủy Đảng, chính quyền; sự phối hợp chặt chẽ, hiệu "
      "quả của các tổ chức chính trị - xã hội, tổ chức xã hội - nghề nghiệp, cộng đồng doanh "
      "nghiệp và toàn xã hội trong việc triển khai các hoạt động hưởng ứng Tuần lễ, bảo đảm tính "
      "thiết thực, hiệu quả, lan tỏa sâu rộng.",
      "Tổ chức các hoạt động của Tuần lễ với nội dung, hình thức phong phú, đa dạng, sáng tạo, phù "
      "hợp với điều kiện thực tiễn tại địa phương và từng đơn vị. Chú trọng ứng dụng công nghệ "
      "thông tin, truyền thông và các nền tảng số nhằm tạo cơ hội học tập bình đẳng, thuận lợi "
      "cho mọi người dân, đặc biệt là các đối tượng yếu thế.",
  });
  plan["theme"] =
      "Học để phát triển bản thân, làm chủ tri thức và công nghệ, góp phần xây dựng đất nước hùng "
      "cường, thịnh vượng";
  plan["activities_intro"] =
      "Căn cứ chủ đề của Tuần lễ và tình hình thực tiễn chủ động lựa chọn, tổ chức các hoạt động "
      "hưởng ứng phù hợp, hiệu quả, tập trung vào các nội dung sau:";
  plan["directions"] = json::array({
      {{"letter", "a"},
       {"text",
        "Đẩy mạnh công tác tuyên truyền về vai trò của tự học, học tập suốt đời gắn với việc chủ "
        "động làm chủ tri thức và công nghệ. Hình thức đa dạng, phong phú (ấn phẩm báo chí, trạm "
        "tư vấn học tập lưu động...). Tham gia các buổi tọa đàm, diễn đàn với chuyên gia về xu "
        "hướng công nghệ, tri thức số và phương pháp học tập hiệu quả, giúp người dân nâng cao "
        "nhận thức, hình thành ý thức tự học thường xuyên. Việc tuyên truyền cần gắn với khẩu hiệu "
        "của UNESCO: “Học để biết, học để làm, học để chung sống, học để tự khẳng định mình” và "
        "các khẩu hiệu phù hợp khác, tạo nên thông điệp học tập đa chiều, toàn diện."}},
      {{"letter", "b"},
       {"text",
        "Tổ chức các lớp tập huấn, bồi dưỡng kỹ năng số cơ bản và nâng cao cho mọi đối tượng, bao "
        "gồm: sử dụng công cụ trực tuyến (văn phòng điện tử, mạng xã hội học tập), khai thác tài "
        "nguyên giáo dục mở (OER), bảo mật thông tin cá nhân, nhận diện và phòng tránh rủi ro trên "
        "không gian mạng; bước đầu tiếp cận và thực hành các công nghệ mới (phân tích dữ liệu, trí "
        "tuệ nhân tạo, dữ liệu mở...). Huy động doanh nghiệp, tổ chức giáo dục phối hợp tổ chức "
        "các buổi tư vấn, trải nghiệm trong lĩnh vực công nghệ thông tin, giúp học sinh được rèn "
        "luyện kỹ năng số trong môi trường làm việc thực tế."}},
      {{"letter", "c"},
       {"text",
        "Giới thiệu và hướng dẫn sử dụng các nền tảng học tập trực tuyến, ứng dụng di động và kho "
        "học liệu số. Tổ chức các buổi trải nghiệm sử dụng khóa học trực tuyến đại chúng mở "
        "(MOOC), sách điện tử, công cụ tạo bài giảng, trợ lý ảo học tập, nền tảng dữ liệu tri "
        "thức... Kết hợp lớp học thử nghiệm và hướng dẫn trực tiếp để khuyến khích người dân hình "
        "thành thói quen khai thác tri thức số mọi lúc, mọi nơi, từng bước làm chủ các công cụ học "
        "tập hiện đại, mở rộng khả năng tự học trong môi trường số."}},
      {{"letter", "d"},
       {"text",
        "Phát động phong trào xây dựng thư viện số, tủ sách số tại cơ sở giáo dục và cộng đồng; "
        "khuyến khích sử dụng thư viện điện tử dùng chung để mọi người dân thuận tiện tiếp cận tri "
        "thức. Đẩy mạnh xây dựng cộng đồng học tập trực tuyến qua các câu lạc bộ, diễn đàn, mạng "
        "lưới chia sẻ tri thức, góp phần hình thành môi trường học tập mở, bình đẳng cho tất cả "
        "mọi người."}},
      {{"letter", "đ"},
       {"text",
        "Tổ chức các cuộc thi và hoạt động trải nghiệm về công nghệ số và tri thức mới, như: lập "
        "trình, sáng tạo nội dung số, thiết kế rô-bốt, ứng dụng trí tuệ nhân tạo... Khuyến khích "
        "tổ chức các cuộc thi lập trình, các lớp thực hành - trải nghiệm công nghệ, diễn đàn đổi "
        "mới sáng tạo nhằm thu hút đông đảo người học tham gia, rèn luyện tinh thần sáng tạo, tự "
        "học, khởi nghiệp và làm chủ công nghệ."}},
      {{"letter", "e"},
       {"text",
        "Tổ chức các hoạt động kết nối nhà trường - doanh nghiệp nhân dịp Tuần lễ, bao gồm: tham "
        "quan, kiến tập, thực tập tại doanh nghiệp công nghệ; tọa đàm hướng nghiệp với doanh "
        "nghiệp, chuyên gia. Mời doanh nghiệp giới thiệu cơ hội việc làm, chia sẻ kinh nghiệm, xu "
        "hướng tuyển dụng; mời doanh nhân, nghệ nhân địa phương chia sẻ kinh nghiệm khởi nghiệp, "
        "tự học, làm chủ công nghệ, truyền cảm hứng cho cộng đồng và định hướng nghề nghiệp cho "
        "học sinh."}},
  });
  plan["assignments"] = json::array({
      {{"title", "Phòng Văn hóa - Xã hội"},
       {"tasks",
        json::array(
            {std::string("Là cơ quan thường trực, tham mưu UBND xã xây dựng chương trình, ban hành "
                         "kế hoạch, ") +
                 "văn bản hướng dẫn tổ chức thực hiện “Tuần lễ hưởng ứng học tập suốt đời” năm " +
                 y + " với các hoạt động phù hợp thiết thực với điều kiện của địa phương.",
             "Phát động phong trào thi đua dạy tốt, học tốt, tổ chức các (lớp học, tập huấn, hội "
             "thảo, diễn đàn, giao lưu...) hoạt động khuyến học, hoạt động chuyên đề, các hoạt "
             "động "
             "giáo dục kỹ năng sống, ngoại ngữ, kỹ năng sử dụng công nghệ hiện đại trong cuộc sống "
             "và công việc,... ở các trường học trong “Tuần lễ hưởng ứng học tập suốt đời”.",
             "Tổng hợp, báo cáo UBND xã và Sở Giáo dục và Đào tạo kết quả triển khai Tuần lễ hưởng "
             "ứng học tập suốt đời trên địa bàn xã theo quy định."})}},
      {{"title", "Trung tâm Sự nghiệp công"},
       {"tasks",
        json::array(
            {"Tuyên truyền, đưa tin, bài về các hoạt động của “Tuần lễ hưởng ứng học tập suốt "
             "đời”; phát hiện, nhân rộng các tấm gương tự học, học tập suốt đời; xây dựng các "
             "chuyên mục phục vụ học tập suốt đời, qua đó vận động người dân học tập thường xuyên, "
             "suốt đời, tận dụng mọi cơ hội học tập để nâng cao đời sống vật chất và tinh thần, "
             "góp "
             "phần phát triển quê hương, đất nước."})}},
      {{"title", "Đề nghị các phòng, đơn vị, các tổ chức, các thôn"},
       {"tasks",
        json::array(
            {"Phối hợp với Phòng Văn hóa - Xã hội xã tham gia thực hiện tốt các hoạt động hưởng "
             "ứng Tuần lễ học tập suốt đời năm " +
                 y + " theo nội dung Kế hoạch này.",
             "Tiếp tục đẩy mạnh các hoạt động nhằm thực hiện các mục tiêu của Kế hoạch thực hiện "
             "Đề án “Xây dựng xã hội học tập giai đoạn 2021-2030” trên địa bàn xã.",
             "Tăng cường công tác tuyên truyền về các hoạt động hưởng ứng Tuần lễ, về lợi ích của "
             "việc học tập suốt đời; tạo mọi điều kiện thuận lợi để các tầng lớp nhân dân đến đọc "
             "sách, báo, truy cập internet ... tại địa phương."})}},
      {{"title", "Các cơ sở giáo dục trên địa bàn"},
       {"tasks",
        json::array(
            {"Xây dựng và triển khai thực hiện Kế hoạch tổ chức " + week + ".",
             "Tổ chức các lớp học, tập huấn, hội thảo, hoạt động giao lưu với các nội dung, hình "
             "thức học tập phong phú, linh hoạt, thiết thực thuộc nhiều lĩnh vực của đời sống xã "
             "hội, đặc biệt là các chủ đề thiết thực, các chương trình giáo dục về kỹ năng sống, "
             "các "
             "kỹ năng sử dụng công nghệ hiện đại trong cuộc sống và công việc cho cán bộ, viên "
             "chức, học sinh.",
             "Tạo điều kiện thuận lợi để đội ngũ cán bộ, viên chức và người lao động thuộc đơn vị "
             "mình được học tập suốt đời.",
             "Báo cáo kết quả tổ chức Tuần lễ học tập suốt đời năm " + y +
                 " của đơn vị (theo đề cương gửi kèm) về UBND xã (qua Phòng Văn hóa - Xã hội) "
                 "trước ngày 12/10/" +
                 y +
                 " để tổng hợp báo cáo UBND thành phố và Sở Giáo dục và Đào tạo theo quy định."})}},
  });
  plan["closing"] =
      "Ủy ban nhân dân xã yêu cầu các phòng, đơn vị, các tổ chức, các cơ sở giáo dục, các thôn "
      "nghiêm túc triển khai thực hiện./.";
  plan["recipients"] =
      json::array({"TT ĐU, HĐND xã (Báo cáo);", "CT, các PCT UBND xã;",
                   "Các phòng, cơ quan, đơn vị liên quan;", "Các cơ sở giáo dục;", "Lưu: VT."});
  plan["signer"] = {{"authority", "TM. ỦY BAN NHÂN DÂN"},
                    {"deputy", "KT. CHỦ TỊCH"},
                    {"position", "PHÓ CHỦ TỊCH"},
                    {"name", "Nguyễn Thị Hồng Vân"}};
  return plan;
}

}  // namespace llw
