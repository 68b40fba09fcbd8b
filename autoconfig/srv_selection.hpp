#pragma once
// Which SRV records a mail client uses (RFC 6186, as updated by RFC 8314), as pure
// functions of the answers: no I/O here, so the rules are tested as tables.
//
// The rules, in order:
//   1. A record whose target is "." says the service is decidedly not offered (RFC 2782,
//      "Target"); it never becomes a server.
//   2. Within one label, the lowest priority wins (RFC 2782). Among records of equal
//      priority RFC 2782 asks for a weighted random pick; a setup tool writes one server
//      into the client's settings and must give the same answer on every run, so we take
//      the heaviest weight, then the smaller target name, then the smaller port.
//   3. The priorities of "_imap" and "_imaps" (and of "_pop3"/"_pop3s",
//      "_submission"/"_submissions") are one scale (RFC 6186 section 3.4): the label with
//      the lower priority wins; at equal priority implicit TLS wins, the form RFC 8314
//      prefers (its sections 3 and 5.1).
//   4. IMAP is preferred to POP3 unless POP3's best priority is lower (RFC 6186 section
//      3.4); both are listed, the preferred one first.
//   5. "_imap", "_pop3" and "_submission" mean STARTTLS, never no encryption: a client
//      SHOULD NOT set up from SRV records a configuration that does not require TLS for
//      every server (RFC 8314 section 5.1).
//   6. A target outside the address's domain makes the settings untrusted, with a warning
//      naming the target: RFC 8314 section 5.1 asks that either the SRV records be
//      DNSSEC-signed or the target match the domain the queries were made for. We accept
//      the domain and names below it as the domain's own, and verify no DNSSEC.
#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "autoconfig/account_config.hpp"
#include "net/resolver.hpp"

namespace mailassist::autoconfig {

enum class SrvService { imaps, imap, pop3s, pop3, submissions, submission };

// In the order they are looked up and listed.
constexpr std::array<SrvService, 6> kSrvServices{SrvService::imaps,       SrvService::imap,
                                                 SrvService::pop3s,       SrvService::pop3,
                                                 SrvService::submissions, SrvService::submission};

// "_imaps._tcp"
std::string_view srv_label(SrvService service);
Protocol srv_protocol(SrvService service);
// tls for the implicit-TLS labels (RFC 8314 section 3), starttls for the others.
Security srv_security(SrvService service);
// "_imaps._tcp.example.test"
std::string srv_name(SrvService service, std::string_view domain);

// Target "." (or empty): the service is not offered (RFC 2782).
bool is_not_offered(const net::SrvRecord& record);

// What the lookup of one label answered; no records when the name had none.
struct SrvAnswer {
  SrvService service;
  std::vector<net::SrvRecord> records;
};

struct SrvChoice {
  SrvService service;
  net::SrvRecord record;
};

// Rules 1 and 2: the record used from one label's answer, if any is usable.
std::optional<net::SrvRecord> choose_record(const std::vector<net::SrvRecord>& records);

// Rule 3: the best label of `protocol` and its record.
std::optional<SrvChoice> choose_service(Protocol protocol, const std::vector<SrvAnswer>& answers);

// Rules 3 and 4: the incoming choices, preferred first (at most one IMAP and one POP3).
std::vector<SrvChoice> choose_incoming(const std::vector<SrvAnswer>& answers);

// The settings the answers publish, or nullopt when no incoming service is offered.
// Provenance: source "srv", url = the DNS names whose records were used, trusted unless a
// target is outside `domain` (rule 6). Servers use %EMAILADDRESS% as the user name.
std::optional<AccountConfig> config_from_srv(std::string_view domain,
                                             const std::vector<SrvAnswer>& answers);

}  // namespace mailassist::autoconfig
