#pragma once
// What a writer of another program's settings file gives back: the file, and what the
// person handing it out must know because the format could not say it (printed on stderr
// by the CLI, shown by the wizard).
#include <string>
#include <vector>

namespace mailassist::exporters {

struct ExportedText {
  std::string text;
  std::vector<std::string> warnings;
};

}  // namespace mailassist::exporters
