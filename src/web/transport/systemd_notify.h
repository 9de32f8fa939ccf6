#pragma once
// The systemd notification protocol (sd_notify(3)) without libsystemd: one datagram to the
// socket named by $NOTIFY_SOCKET. Outside systemd (no variable) every call does nothing.

#include <chrono>
#include <optional>
#include <string_view>

namespace llw {

// Sends e.g. "READY=1", "WATCHDOG=1", "STOPPING=1". Returns false when not under systemd or the
// datagram could not be sent.
bool systemd_notify(std::string_view state);

// The watchdog period systemd expects pings within ($WATCHDOG_USEC), when it set one.
std::optional<std::chrono::milliseconds> systemd_watchdog_period();

}  // namespace llw
