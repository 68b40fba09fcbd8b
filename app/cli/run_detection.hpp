#pragma once
// Detection as `detect` and `export` run it: presets loaded, context built from the global
// options (--dns-server, --ca-file, --timeout), every source run.
#include <string>

#include "app/cli/global_options.hpp"
#include "autoconfig/detector.hpp"
#include "core/result.hpp"

namespace mailassist::cli {

// Everything a detection run needs, built from the options; check-domain runs the same
// sources its own way.
struct DetectionSetup {
  autoconfig::DetectContext context;
  std::vector<autoconfig::Source> sources;
  Deadline deadline = Deadline::never();
};

struct DetectionRun {
  autoconfig::DetectContext context;
  autoconfig::Detection detection;
};

// Errors as run_detection's.
Result<DetectionSetup> prepare_detection(const std::string& email,
                                         const autoconfig::DetectOptions& options,
                                         const GlobalOptions& global, bool need_network);

// Errors: invalid_input for a bad address or option (a usage error), io_error when the
// presets cannot be read. `need_network` builds TLS and DNS even with --offline (--verify).
Result<DetectionRun> run_detection(const std::string& email,
                                   const autoconfig::DetectOptions& options,
                                   const GlobalOptions& global, bool need_network);

// The domain of an address, lower-cased; nullopt when it is not an address.
std::optional<std::string> address_domain(const std::string& email);

}  // namespace mailassist::cli
