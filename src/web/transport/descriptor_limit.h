#pragma once
// How many connections the server may hold open: below the process's open-file limit, so that
// accepting a connection never fails for want of a descriptor (RESTinio 0.6.16 stops accepting
// for good after such a failure; see listener_watch.h).

#include <cstddef>

namespace llw {

// Descriptors kept free for everything that is not a client connection: the database files and
// connections, the listener, the self-check, fonts and temporary files while a document renders.
inline constexpr std::size_t kDescriptorReserve = 64;

// Raises the soft RLIMIT_NOFILE to the hard limit and returns the soft limit now in force.
std::size_t raise_open_file_limit();

// The connection cap for a wanted maximum under an open-file limit: at most `wanted`, and at
// least `kDescriptorReserve` descriptors left over (never below 4 connections).
std::size_t connection_cap(std::size_t wanted, std::size_t open_file_limit);

}  // namespace llw
