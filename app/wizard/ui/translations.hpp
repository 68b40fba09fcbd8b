#pragma once
// Which language the wizard speaks: `--lang en|id`, else the system locale (LC_ALL,
// LC_MESSAGES, LANG, as gettext reads them). The catalogs are mailassist.mo files built by
// CMake from po/ (never committed), looked up next to the installed program
// (../share/locale) and then in the build tree.
#include <string>

namespace mailassist::wizard {

// "en" or "id"; empty `requested` means "from the system".
std::string choose_language(const std::string& requested);

// Installs the catalog for `language` ("en" needs none). False when the catalog for a
// language other than English was not found (the wizard then speaks English).
bool install_translations(const std::string& language);

}  // namespace mailassist::wizard
