#pragma once
// The passwords people pick first, which a guesser tries first: the most common ones worldwide and
// in Vietnam, and the words this system's users would build one on ("hoctap", "matkhau", the
// commune's "ubnd"), also with digits, symbols or a year around them and with look-alike digits
// or symbols for letters ("Passw0rd", "hoctap2025", "matkhau@123", "Admin@2025").

#include <string_view>

namespace llw {

bool is_common_password(std::string_view password);

}  // namespace llw
