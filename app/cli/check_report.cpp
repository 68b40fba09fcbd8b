#include "app/cli/check_report.hpp"

#include <iomanip>
#include <sstream>

namespace mailassist::cli {

using autoconfig::ServerCheck;
using nlohmann::json;

json server_json(const autoconfig::ServerConfig& server, const std::string& username) {
  return json{{"protocol", to_string(server.protocol)},
              {"host", server.host},
              {"port", server.port},
              {"security", to_string(server.security)},
              {"username", username.empty() ? server.username : username},
              {"auth", server.auth}};
}

namespace {

json certificate_json(const net::CertificateInfo& cert) {
  return json{{"subject", cert.subject},
              {"issuer", cert.issuer},
              {"not_after", cert.not_after},
              {"sha256", cert.sha256}};
}

void print_certificate(std::ostream& out, const net::CertificateInfo& cert) {
  out << std::setw(6) << "" << cert.subject << ", issued by " << cert.issuer << ", valid until "
      << cert.not_after << '\n'
      << std::setw(6) << ""
      << "SHA-256 " << cert.sha256 << '\n';
}

}  // namespace

json check_json(const ServerCheck& check) {
  json out = server_json(check.server, check.username);
  out["result"] = autoconfig::result_name(check);
  out["message"] = check.message;
  if (!check.ok()) out["advice"] = autoconfig::advice_for(check);
  out["login_tested"] = check.login_tested;
  out["ms"] = check.ms;
  if (check.tls) {
    out["tls"] = json{{"version", check.tls->version},
                      {"cipher", check.tls->cipher},
                      {"certificate", certificate_json(check.tls->certificate)}};
  } else {
    out["tls"] = nullptr;
  }
  if (check.rejected_certificate)
    out["rejected_certificate"] = certificate_json(*check.rejected_certificate);
  out["capabilities"] = check.capabilities;
  out["auth_mechanisms"] = check.auth_mechanisms;
  json stages = json::array();
  for (const auto& stage : check.stages)
    stages.push_back(json{{"stage", to_string(stage.name)}, {"ms", stage.ms}, {"ok", stage.ok}});
  out["stages"] = stages;
  return out;
}

void print_check_table(std::ostream& out, const std::vector<ServerCheck>& checks, bool details) {
  out << std::left << std::setw(6) << "" << std::setw(34) << "SERVER" << std::setw(10) << "SECURITY"
      << std::setw(24) << "RESULT"
      << "TIME\n";
  for (const auto& check : checks) {
    std::ostringstream where;
    where << check.server.host << ':' << check.server.port;
    std::string result(autoconfig::result_name(check));
    if (check.ok() && !check.login_tested) result += " (no login)";
    out << std::setw(6) << to_string(check.server.protocol) << std::setw(34) << where.str()
        << std::setw(10) << to_string(check.server.security) << std::setw(24) << result << check.ms
        << " ms\n";
    if (!check.ok()) {
      out << std::setw(6) << "" << check.message << '\n';
      out << std::setw(6) << ""
          << "-> " << autoconfig::advice_for(check) << '\n';
    }
    if (check.tls && (details || !check.ok())) {
      out << std::setw(6) << "" << check.tls->version << ' ' << check.tls->cipher << '\n';
      print_certificate(out, check.tls->certificate);
    }
    if (check.rejected_certificate) {
      out << std::setw(6) << ""
          << "The certificate offered:\n";
      print_certificate(out, *check.rejected_certificate);
    }
    if (details) {
      out << std::setw(6) << ""
          << "user " << check.username;
      for (const auto& stage : check.stages)
        out << ", " << to_string(stage.name) << ' ' << stage.ms << " ms"
            << (stage.ok ? "" : " (failed)");
      out << '\n';
    }
  }
}

}  // namespace mailassist::cli
