#include "app/wizard/ui/translations.hpp"

#include <cstdlib>

#include <wx/filename.h>
#include <wx/stdpaths.h>
#include <wx/translation.h>

namespace mailassist::wizard {

std::string choose_language(const std::string& requested) {
  if (requested == "en" || requested == "id") return requested;
  for (const char* variable : {"LC_ALL", "LC_MESSAGES", "LANG"}) {
    const char* value = std::getenv(variable);
    if (!value || !*value) continue;
    std::string locale(value);
    // "id", "id_ID.UTF-8", and the older code "in" all mean Indonesian.
    return locale.rfind("id", 0) == 0 || locale.rfind("in_", 0) == 0 ? "id" : "en";
  }
  return "en";
}

bool install_translations(const std::string& language) {
  if (language == "en") return true;
  wxFileName installed(wxStandardPaths::Get().GetExecutablePath());
  installed.RemoveLastDir();
  installed.AppendDir("share");
  installed.AppendDir("locale");
  wxFileTranslationsLoader::AddCatalogLookupPathPrefix(installed.GetPath());
  wxFileTranslationsLoader::AddCatalogLookupPathPrefix(MAILASSIST_BUILD_LOCALE_DIR);
  auto* translations = new wxTranslations();
  wxTranslations::Set(translations);  // takes ownership
  translations->SetLanguage(language);
  return translations->AddCatalog("mailassist");
}

}  // namespace mailassist::wizard
