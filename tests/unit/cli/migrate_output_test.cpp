#include "app/cli/migrate_output.hpp"

#include <gtest/gtest.h>

#include <sstream>

namespace mailassist::cli {
namespace {

migrate::MigrationPlan plan() {
  migrate::MigrationPlan p;
  p.source = "Thunderbird profile x";
  p.target = "ani on imap.example.test:993";
  migrate::FolderPlan inbox;
  inbox.source_path = "Inbox";
  inbox.target = "INBOX";
  inbox.target_exists = true;
  inbox.messages = 3;
  inbox.bytes = 3000;
  inbox.deleted = 1;
  p.folders.push_back(inbox);
  p.messages = 3;
  p.bytes = 3000;
  p.deleted = 1;
  p.append_limit = 1000000;
  return p;
}

migrate::MigrationReport report() {
  migrate::MigrationReport r;
  migrate::FolderReport f;
  f.source = "Inbox";
  f.target = "INBOX";
  f.messages = 4;
  f.uploaded = 1;
  f.already_there = 1;
  f.skipped_deleted = 1;
  f.failed.push_back({"Inbox, message 4 at byte 900", "the server refused it: [OVERQUOTA]"});
  r.folders.push_back(f);
  r.totals = {4, 1, 1, 1, 1, 1000};
  r.verified = true;
  return r;
}

TEST(MigrateOutput, HumanBytes) {
  EXPECT_EQ(human_bytes(0), "0 B");
  EXPECT_EQ(human_bytes(999), "999 B");
  EXPECT_EQ(human_bytes(1500), "1.5 KB");
  EXPECT_EQ(human_bytes(78600000), "78.6 MB");
}

TEST(MigrateOutput, ReportJsonIsTheContractDocument) {
  auto doc = report_json(plan(), report());
  const auto& folder = doc.at("folders").at(0);
  for (auto key :
       {"source", "target", "messages", "uploaded", "already_there", "skipped_deleted", "failed"}) {
    EXPECT_TRUE(folder.contains(key)) << key;
  }
  EXPECT_EQ(folder.at("failed").at(0).at("reason"), "the server refused it: [OVERQUOTA]");
  EXPECT_EQ(folder.at("failed").at(0).at("message"), "Inbox, message 4 at byte 900");
  EXPECT_EQ(doc.at("totals").at("failed"), 1);
  EXPECT_EQ(doc.at("verified"), true);
  EXPECT_EQ(doc.at("dry_run"), false);
}

TEST(MigrateOutput, DryRunJsonCountsDeletedAsSkippedAndNothingDone) {
  auto doc = plan_json(plan());
  EXPECT_EQ(doc.at("dry_run"), true);
  const auto& folder = doc.at("folders").at(0);
  EXPECT_EQ(folder.at("messages"), 4);
  EXPECT_EQ(folder.at("to_upload"), 3);
  EXPECT_EQ(folder.at("skipped_deleted"), 1);
  EXPECT_EQ(folder.at("uploaded"), 0);
  EXPECT_EQ(doc.at("append_limit"), 1000000);
}

TEST(MigrateOutput, HumanReportNamesEveryFailure) {
  std::ostringstream out;
  print_report(out, report());
  EXPECT_NE(out.str().find("Inbox, message 4 at byte 900: the server refused it"),
            std::string::npos)
      << out.str();
  std::ostringstream planned;
  print_plan(planned, plan(), true);
  EXPECT_NE(planned.str().find("dry run"), std::string::npos);
  EXPECT_NE(planned.str().find("Inbox -> INBOX: 3 messages, 3.0 KB, 1 deleted"), std::string::npos)
      << planned.str();
}

TEST(MigrateOutput, ProgressLinesOffATerminalArePlainLines) {
  std::ostringstream out;
  ProgressLine progress(out, false);
  progress.report({"Uploading INBOX", 1, 2, 500, 1000});
  progress.report({"Uploading INBOX", 2, 2, 1000, 1000});  // the last one always shows
  progress.finish();
  auto text = out.str();
  EXPECT_EQ(text.find('\r'), std::string::npos);
  EXPECT_NE(text.find("Uploading INBOX: 2/2 messages"), std::string::npos) << text;
}

}  // namespace
}  // namespace mailassist::cli
