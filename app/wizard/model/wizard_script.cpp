#include "app/wizard/model/wizard_script.hpp"

#include <charconv>
#include <optional>
#include <utility>

namespace mailassist::wizard {

namespace {

// Splits off the first space-separated word of `rest`.
std::string_view next_word(std::string_view& rest) {
  auto start = rest.find_first_not_of(" \t");
  if (start == std::string_view::npos) {
    rest = {};
    return {};
  }
  rest.remove_prefix(start);
  auto end = rest.find_first_of(" \t");
  auto word = rest.substr(0, end);
  rest = end == std::string_view::npos ? std::string_view() : rest.substr(end + 1);
  return word;
}

bool to_int(std::string_view word, int& out) {
  auto [ptr, error] = std::from_chars(word.data(), word.data() + word.size(), out);
  return error == std::errc() && ptr == word.data() + word.size() && out > 0;
}

// "tab", "shift-tab", "alt-n", "x": one key press, or nullopt for a word that is none.
std::optional<ScriptKey> parse_key(std::string_view word) {
  ScriptKey key;
  for (;;) {
    if (word.size() > 6 && word.substr(0, 6) == "shift-") {
      key.shift = true;
      word.remove_prefix(6);
    } else if (word.size() > 4 && word.substr(0, 4) == "alt-") {
      key.alt = true;
      word.remove_prefix(4);
    } else {
      break;
    }
  }
  using Kind = ScriptKey::Kind;
  static constexpr std::pair<std::string_view, Kind> kNamed[] = {
      {"tab", Kind::tab},     {"enter", Kind::enter}, {"escape", Kind::escape},
      {"space", Kind::space}, {"up", Kind::up},       {"down", Kind::down}};
  for (const auto& [name, kind] : kNamed) {
    if (word == name) {
      key.kind = kind;
      return key;
    }
  }
  if (word.size() == 1 && word[0] > ' ' && word[0] < 0x7f) {
    key.kind = Kind::character;
    key.character = word[0];
    return key;
  }
  return std::nullopt;
}

}  // namespace

Result<std::vector<ScriptStep>> parse_script(std::string_view text) {
  std::vector<ScriptStep> steps;
  int line_number = 0;
  while (!text.empty()) {
    auto end = text.find('\n');
    auto line = text.substr(0, end);
    text = end == std::string_view::npos ? std::string_view() : text.substr(end + 1);
    ++line_number;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    auto rest = line;
    auto verb = next_word(rest);
    if (verb.empty() || verb.front() == '#') continue;
    auto fail = [&](const std::string& why) {
      return make_error(ErrorKind::invalid_input,
                        "script line " + std::to_string(line_number) + ": " + why);
    };
    ScriptStep step;
    step.line = line_number;
    if (verb == "size") {
      step.verb = ScriptVerb::size;
      if (!to_int(next_word(rest), step.width) || !to_int(next_word(rest), step.height))
        return fail("size needs WIDTH HEIGHT");
    } else if (verb == "set" || verb == "expect") {
      step.verb = verb == "set" ? ScriptVerb::set : ScriptVerb::expect;
      step.name = std::string(next_word(rest));
      if (step.name.empty()) return fail(std::string(verb) + " needs a control name");
      step.text = std::string(rest);
    } else if (verb == "click" || verb == "screenshot") {
      step.verb = verb == "click" ? ScriptVerb::click : ScriptVerb::screenshot;
      step.name = std::string(next_word(rest));
      if (step.name.empty()) return fail(std::string(verb) + " needs a name");
    } else if (verb == "wait-page") {
      step.verb = ScriptVerb::wait_page;
      step.name = std::string(next_word(rest));
      if (step.name.empty()) return fail("wait-page needs a page name");
      if (auto seconds = next_word(rest); !seconds.empty() && !to_int(seconds, step.seconds))
        return fail("wait-page: SECONDS must be a positive number");
    } else if (verb == "key") {
      step.verb = ScriptVerb::key;
      for (auto word = next_word(rest); !word.empty(); word = next_word(rest)) {
        auto key = parse_key(word);
        if (!key) return fail("unknown key '" + std::string(word) + "'");
        step.keys.push_back(*key);
      }
      if (step.keys.empty()) return fail("key needs at least one KEY");
    } else if (verb == "type") {
      step.verb = ScriptVerb::type;
      step.text = std::string(rest);
      if (step.text.empty()) return fail("type needs TEXT");
    } else if (verb == "expect-focus" || verb == "remember" || verb == "expect-same") {
      step.verb = verb == "expect-focus" ? ScriptVerb::expect_focus
                  : verb == "remember"   ? ScriptVerb::remember
                                         : ScriptVerb::expect_same;
      step.name = std::string(next_word(rest));
      if (step.name.empty()) return fail(std::string(verb) + " needs a control name");
    } else if (verb == "wait-text") {
      step.verb = ScriptVerb::wait_text;
      step.name = std::string(next_word(rest));
      step.text = std::string(rest);
      if (step.name.empty() || step.text.empty()) return fail("wait-text needs NAME TEXT");
    } else if (verb == "sleep") {
      step.verb = ScriptVerb::sleep;
      if (!to_int(next_word(rest), step.seconds)) return fail("sleep needs SECONDS");
    } else if (verb == "quit") {
      step.verb = ScriptVerb::quit;
    } else {
      return fail("unknown step '" + std::string(verb) + "'");
    }
    steps.push_back(std::move(step));
  }
  return steps;
}

}  // namespace mailassist::wizard
