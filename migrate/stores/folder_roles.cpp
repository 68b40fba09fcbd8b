#include "migrate/stores/folder_roles.hpp"

#include <array>

#include "core/ascii.hpp"

namespace mailassist::migrate {
namespace {

struct NamedRole {
  std::string_view name;
  FolderRole role;
};

constexpr std::array kNames{
    // English, and Thunderbird's on-disk names
    NamedRole{"Inbox", FolderRole::inbox},
    NamedRole{"Sent", FolderRole::sent},
    NamedRole{"Sent Messages", FolderRole::sent},
    NamedRole{"Sent Items", FolderRole::sent},
    NamedRole{"Sent Mail", FolderRole::sent},
    NamedRole{"Drafts", FolderRole::drafts},
    NamedRole{"Draft", FolderRole::drafts},
    NamedRole{"Trash", FolderRole::trash},
    NamedRole{"Deleted", FolderRole::trash},
    NamedRole{"Deleted Items", FolderRole::trash},
    NamedRole{"Deleted Messages", FolderRole::trash},
    NamedRole{"Bin", FolderRole::trash},
    NamedRole{"Junk", FolderRole::junk},
    NamedRole{"Spam", FolderRole::junk},
    NamedRole{"Junk E-mail", FolderRole::junk},
    NamedRole{"Junk Email", FolderRole::junk},
    NamedRole{"Bulk Mail", FolderRole::junk},
    NamedRole{"Archive", FolderRole::archive},
    NamedRole{"Archives", FolderRole::archive},
    // Indonesian
    NamedRole{"Kotak Masuk", FolderRole::inbox},
    NamedRole{"Terkirim", FolderRole::sent},
    NamedRole{"Pesan Terkirim", FolderRole::sent},
    NamedRole{"Draf", FolderRole::drafts},
    NamedRole{"Konsep", FolderRole::drafts},
    NamedRole{"Sampah", FolderRole::trash},
    NamedRole{"Tempat Sampah", FolderRole::trash},
    NamedRole{"Arsip", FolderRole::archive},
    // German
    NamedRole{"Posteingang", FolderRole::inbox},
    NamedRole{"Gesendet", FolderRole::sent},
    NamedRole{"Entwürfe", FolderRole::drafts},
    NamedRole{"Papierkorb", FolderRole::trash},
    NamedRole{"Archiv", FolderRole::archive},
    // French
    NamedRole{"Boîte de réception", FolderRole::inbox},
    NamedRole{"Envoyés", FolderRole::sent},
    NamedRole{"Éléments envoyés", FolderRole::sent},
    NamedRole{"Brouillons", FolderRole::drafts},
    NamedRole{"Corbeille", FolderRole::trash},
    NamedRole{"Indésirables", FolderRole::junk},
    NamedRole{"Pourriel", FolderRole::junk},
    // Spanish, Portuguese, Italian
    NamedRole{"Bandeja de entrada", FolderRole::inbox},
    NamedRole{"Caixa de entrada", FolderRole::inbox},
    NamedRole{"Posta in arrivo", FolderRole::inbox},
    NamedRole{"Enviados", FolderRole::sent},
    NamedRole{"Posta inviata", FolderRole::sent},
    NamedRole{"Borradores", FolderRole::drafts},
    NamedRole{"Rascunhos", FolderRole::drafts},
    NamedRole{"Bozze", FolderRole::drafts},
    NamedRole{"Papelera", FolderRole::trash},
    NamedRole{"Lixeira", FolderRole::trash},
    NamedRole{"Cestino", FolderRole::trash},
    NamedRole{"Correo no deseado", FolderRole::junk},
    NamedRole{"Archivo", FolderRole::archive},
    NamedRole{"Arquivo", FolderRole::archive},
    NamedRole{"Archivio", FolderRole::archive},
    // Dutch
    NamedRole{"Postvak IN", FolderRole::inbox},
    NamedRole{"Verzonden", FolderRole::sent},
    NamedRole{"Concepten", FolderRole::drafts},
    NamedRole{"Prullenbak", FolderRole::trash},
    NamedRole{"Ongewenst", FolderRole::junk},
    NamedRole{"Archief", FolderRole::archive},
    // Russian
    NamedRole{"Входящие", FolderRole::inbox},
    NamedRole{"Отправленные", FolderRole::sent},
    NamedRole{"Черновики", FolderRole::drafts},
    NamedRole{"Корзина", FolderRole::trash},
    NamedRole{"Спам", FolderRole::junk},
    NamedRole{"Архив", FolderRole::archive},
};

}  // namespace

FolderRole role_from_name(std::string_view name) {
  for (const auto& n : kNames)
    if (iequals(name, n.name)) return n.role;
  return FolderRole::other;
}

}  // namespace mailassist::migrate
