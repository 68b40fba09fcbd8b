#include "exporters/setup_sheet_text.hpp"

#include <string>

#include "core/ascii.hpp"

namespace mailassist::exporters {

namespace {

// The row labels follow the seed's settings table ("Incoming Mail (POP) Server ...
// Requires SSL: Yes Port: 995", "Server timeouts | Lebih dari 1 menit (disarankan 5 menit)").
constexpr SheetText kEnglish{
    .lang = "en",
    .title = "Email settings for",
    .intro =
        "Enter these settings in your mail app. Your password is not printed on this sheet: "
        "type it yourself when the app asks for it.",
    .provider = "Provider",
    .incoming_server = "Incoming mail server",
    .outgoing_server = "Outgoing mail server",
    .security = "Security",
    .port = "Port",
    .security_tls = "SSL/TLS",
    .security_starttls = "STARTTLS",
    .security_none = "None (not encrypted)",
    .requires_authentication = "Requires authentication",
    .yes = "Yes",
    .timeout = "Server timeout",
    .timeout_value = "More than 1 minute (5 minutes recommended)",
    .full_name = "Full name or display name",
    .full_name_value = "Your name",
    .username = "Account name, user name or email address",
    .password = "Password",
    .password_value = "Your password (not printed here)",
    .steps_heading = "Setting up your mail app",
    .outlook_steps =
        "File \u203a Add Account. Type the address, open Advanced options, tick "
        "\u201cLet me set up my account manually\u201d, choose IMAP (or POP) and enter "
        "the servers, ports and security from the table.",
    .thunderbird_steps =
        "Menu \u203a New \u203a Existing Mail Account. Type your name, the "
        "address and the password, choose Configure manually and check each "
        "value against the table.",
    .apple_heading = "Apple Mail (Mac, iPhone, iPad)",
    .apple_steps =
        "Mac: Mail \u203a Add Account \u203a Other Mail Account. iPhone and iPad: "
        "Settings \u203a Mail \u203a Accounts \u203a Add Account \u203a Other. Enter "
        "name, address and password; when asked, choose IMAP (or POP) and enter the "
        "servers from the table.",
    .phone_heading = "Phones",
    .phone_steps =
        "Thunderbird for Android: Add account \u203a Import settings \u203a Scan QR "
        "code, scan the code on this sheet and type the password. Other apps: choose "
        "\u201cOther\u201d or manual setup, IMAP, and enter the values from the table.",
    .qr_caption = "Scan with Thunderbird for Android",
    .qr_missing = "No QR code: ",
    .notes_heading = "Notes",
    .note_oauth =
        "This provider signs you in on its own web page (OAuth2) in apps that support "
        "it. An app that asks for a password may need an app password, made in the "
        "security settings of your account, instead of your usual password.",
    .note_unencrypted =
        "Some of these servers are not encrypted: anyone on the network can read "
        "what is sent to them, your password included.",
    .note_pop3_or_imap =
        "IMAP keeps your mail on the server and the same on every device; "
        "choose it if you read mail on more than one. POP3 downloads the mail "
        "to one device that is often offline.",
    .more_help = "Help from the provider",
    .footer = "Made with MailAssist.",
};

constexpr SheetText kIndonesian{
    .lang = "id",
    .title = "Pengaturan email untuk",
    .intro =
        "Masukkan pengaturan ini di aplikasi email Anda. Password Anda tidak dicetak di "
        "lembar ini: ketik sendiri saat aplikasi memintanya.",
    .provider = "Penyedia",
    .incoming_server = "Server email masuk",
    .outgoing_server = "Server email keluar",
    .security = "Keamanan",
    .port = "Port",
    .security_tls = "SSL/TLS",
    .security_starttls = "STARTTLS",
    .security_none = "Tidak ada (tidak terenkripsi)",
    .requires_authentication = "Memerlukan autentikasi",
    .yes = "Ya",
    .timeout = "Batas waktu server",
    .timeout_value = "Lebih dari 1 menit (disarankan 5 menit)",
    .full_name = "Nama lengkap atau nama tampilan",
    .full_name_value = "Nama Anda",
    .username = "Nama akun, nama pengguna, atau alamat email",
    .password = "Password",
    .password_value = "Password Anda (tidak dicetak di sini)",
    .steps_heading = "Menyiapkan aplikasi email Anda",
    .outlook_steps =
        "File \u203a Add Account. Ketik alamat email, buka Advanced options, centang "
        "\u201cLet me set up my account manually\u201d, pilih IMAP (atau POP), lalu "
        "isi server, port, dan keamanan sesuai tabel.",
    .thunderbird_steps =
        "Menu \u203a New \u203a Existing Mail Account. Ketik nama, alamat "
        "email, dan password, pilih Configure manually, lalu cocokkan setiap "
        "nilai dengan tabel.",
    .apple_heading = "Apple Mail (Mac, iPhone, iPad)",
    .apple_steps =
        "Mac: Mail \u203a Add Account \u203a Other Mail Account. iPhone dan iPad: "
        "Pengaturan \u203a Mail \u203a Akun \u203a Tambah Akun \u203a Lainnya. Isi "
        "nama, alamat email, dan password; jika diminta, pilih IMAP (atau POP) dan "
        "isi server sesuai tabel.",
    .phone_heading = "Ponsel",
    .phone_steps =
        "Thunderbird untuk Android: Tambah akun \u203a Impor pengaturan \u203a Pindai "
        "kode QR, pindai kode di lembar ini, lalu ketik password. Aplikasi lain: pilih "
        "\u201cLainnya\u201d atau pengaturan manual, IMAP, lalu isi nilai dari tabel.",
    .qr_caption = "Pindai dengan Thunderbird untuk Android",
    .qr_missing = "Tidak ada kode QR: ",
    .notes_heading = "Catatan",
    .note_oauth =
        "Penyedia ini memakai login melalui halaman webnya sendiri (OAuth2) di aplikasi "
        "yang mendukungnya. Aplikasi yang meminta password mungkin memerlukan app "
        "password (sandi aplikasi) yang dibuat di pengaturan keamanan akun Anda, bukan "
        "password biasa Anda.",
    .note_unencrypted =
        "Sebagian server ini tidak terenkripsi: siapa pun di jaringan dapat "
        "membaca data yang dikirim ke server tersebut, termasuk password Anda.",
    .note_pop3_or_imap =
        "IMAP menyimpan email di server dan sama di setiap perangkat; pilih "
        "IMAP jika Anda membaca email di lebih dari satu perangkat. POP3 "
        "mengunduh email ke satu perangkat yang sering offline.",
    .more_help = "Bantuan dari penyedia",
    .footer = "Dibuat dengan MailAssist.",
};

}  // namespace

const SheetText& sheet_text(SheetLanguage language) {
  return language == SheetLanguage::id ? kIndonesian : kEnglish;
}

std::optional<SheetLanguage> parse_sheet_language(std::string_view text) {
  // The language part of "id_ID.UTF-8", "en-GB" or "id".
  auto end = text.find_first_of("_-.@");
  auto code = to_lower_ascii(text.substr(0, end));
  if (code == "en") return SheetLanguage::en;
  if (code == "id" || code == "in") return SheetLanguage::id;  // "in": the old ISO 639 code
  return std::nullopt;
}

SheetLanguage sheet_language_from_locale(const char* lc_all, const char* lc_messages,
                                         const char* lang) {
  for (const char* setting : {lc_all, lc_messages, lang}) {
    if (setting == nullptr || *setting == '\0') continue;
    // The first one set decides, even when it is a language without a table ("C", "de").
    return parse_sheet_language(setting).value_or(SheetLanguage::en);
  }
  return SheetLanguage::en;
}

}  // namespace mailassist::exporters
