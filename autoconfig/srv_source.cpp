#include "autoconfig/srv_source.hpp"

#include <thread>

#include "autoconfig/dns_lookups.hpp"
#include "autoconfig/srv_selection.hpp"

namespace mailassist::autoconfig {

namespace {

std::string describe(const std::vector<net::SrvRecord>& records) {
  std::string text;
  for (const auto& r : records) {
    if (!text.empty()) text += ", ";
    text += std::to_string(r.priority) + " " + std::to_string(r.weight) + " " +
            std::to_string(r.port) + " " + (is_not_offered(r) ? std::string(".") : r.target);
  }
  return text;
}

// One label's lookup, reported. A label whose only records are "." is answered, and the
// answer is "not offered": result none, so that a person reading the list sees that the
// domain said no rather than said nothing.
LookupReport ask(const DetectContext& context, SrvAnswer& answer, Deadline deadline) {
  Stopwatch watch;
  LookupReport report{SourceKind::srv, srv_name(answer.service, context.domain), LookupResult::none,
                      0, ""};
  auto records = lookup_srv(*context.resolver, report.target, deadline, context.cancel);
  report.ms = watch.elapsed_ms();
  if (!records) {
    report.result = lookup_result_for(records.error());
    report.detail = records.error().message;
    return report;
  }
  answer.records = std::move(*records);
  if (!choose_record(answer.records)) {
    report.detail = "not offered (" + describe(answer.records) + ")";
    return report;
  }
  report.result = LookupResult::found;
  report.detail = describe(answer.records);
  return report;
}

SourceOutcome run_srv(const DetectContext& context, Deadline deadline) {
  SourceOutcome outcome;
  std::vector<SrvAnswer> answers;
  for (auto service : kSrvServices) answers.push_back({service, {}});
  if (!context.resolver) {
    outcome.lookups.push_back(
        {SourceKind::srv, context.domain, LookupResult::error, 0, "no DNS resolver in this run"});
    return outcome;
  }
  // The six queries are independent: asked at once, each bounded by the same deadline.
  std::vector<LookupReport> reports(answers.size());
  {
    std::vector<std::jthread> queries;
    queries.reserve(answers.size());
    for (std::size_t i = 0; i < answers.size(); ++i) {
      queries.emplace_back([&, i] { reports[i] = ask(context, answers[i], deadline); });
    }
  }
  outcome.lookups = std::move(reports);
  if (auto config = config_from_srv(context.domain, answers)) {
    outcome.configs.push_back(std::move(*config));
  }
  return outcome;
}

}  // namespace

Source make_srv_source() {
  return {SourceKind::srv, &run_srv};
}

}  // namespace mailassist::autoconfig
