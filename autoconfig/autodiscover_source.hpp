#pragma once
// Detection's Autodiscover source: Outlook's POX Autodiscover, for the IMAP, POP3 and SMTP
// settings it can carry. Three places are asked at once ([MS-OXDSCLI] section 3.1.5 lists
// them as a sequence; asking together costs nothing and lets the fastest answer):
//   POST https://autodiscover.DOMAIN/autodiscover/autodiscover.xml
//   POST https://DOMAIN/autodiscover/autodiscover.xml
//   the SRV record _autodiscover._tcp.DOMAIN (RFC 2782), then POST https://TARGET:PORT/...
// A config reached through an SRV target outside DOMAIN is untrusted, with a warning: the
// record moved the question to a host the domain's owner does not obviously control.
// Every POST and the SRV query are lookups of their own in the report.
#include "autoconfig/detector.hpp"

namespace mailassist::autoconfig {

Source make_autodiscover_source();

}  // namespace mailassist::autoconfig
