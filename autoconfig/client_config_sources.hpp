#pragma once
// The sources that fetch a Thunderbird clientConfig v1.1 document over HTTP(S):
//   ISP autoconfig  https://autoconfig.DOMAIN/mail/config-v1.1.xml?emailaddress=ADDRESS
//   well-known      https://DOMAIN/.well-known/autoconfig/mail/config-v1.1.xml
//   ISPDB           ISPDB_URL/DOMAIN (--ispdb-url; Thunderbird's public database by default)
// With --allow-http, ISP autoconfig and well-known also ask the http:// variant at the same
// time; what that finds is untrusted and says it came over plain HTTP. Every URL asked is
// one lookup in the report (fetch_client_config decides found/none/error/timeout).
// Reference: https://wiki.mozilla.org/Thunderbird:Autoconfiguration
#include "autoconfig/detector.hpp"

namespace mailassist::autoconfig {

Source make_autoconfig_source();
Source make_well_known_source();
Source make_ispdb_source();

}  // namespace mailassist::autoconfig
