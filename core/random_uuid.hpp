#pragma once
// Random (version 4) UUIDs, for identifiers that must be new each time they are made, such
// as an Apple profile's PayloadUUID. Not for secrets: nothing here is a key or a token.
#include <string>

namespace mailassist {

// "6F1C2A3B-4D5E-4F60-8A7B-9C0D1E2F3A4B": 122 random bits with the version (4) and the
// variant (binary 10) set as RFC 9562 section 5.4 says, in upper case as Apple's own
// profile tools write them.
std::string random_uuid();

}  // namespace mailassist
