// The campaign state machine, what campaigns and answers must hold, and the
// figures' formatting.
#include "validation/campaign_rules.hpp"

#include <gtest/gtest.h>

#include "validation/validation_service.hpp"

namespace lumbung::validation {
namespace {

struct Step {
  const char* state;
  const char* action;
  const char* next;  // nullptr = refused
};

TEST(CampaignRules, StateMachineTable) {
  const Step steps[] = {
      {"draft", "open", "open"},     {"draft", "close", nullptr},   {"draft", "reopen", nullptr},
      {"open", "open", nullptr},     {"open", "close", "closed"},   {"open", "reopen", nullptr},
      {"closed", "open", nullptr},   {"closed", "close", nullptr},  {"closed", "reopen", "open"},
      {"draft", "publish", nullptr}, {"archived", "open", nullptr}, {"", "open", nullptr},
  };
  for (const auto& s : steps) {
    auto next = next_state(s.state, s.action);
    if (s.next == nullptr)
      EXPECT_FALSE(next.has_value()) << s.state << " --" << s.action;
    else
      EXPECT_EQ(next.value_or("(refused)"), s.next) << s.state << " --" << s.action;
  }
  EXPECT_TRUE(editable("draft"));
  EXPECT_FALSE(editable("open"));
  EXPECT_TRUE(accepts_answers("open"));
  EXPECT_FALSE(accepts_answers("draft"));
  EXPECT_FALSE(accepts_answers("closed"));
}

std::vector<std::string> fields(const std::vector<FieldError>& errors) {
  std::vector<std::string> out;
  for (const auto& e : errors) out.push_back(e.field + ":" + e.key);
  return out;
}

TEST(CampaignRules, CampaignNeedsTitleAndAFutureDeadline) {
  CampaignDraft d;
  d.title = "Pemutakhiran JIPPNas Oktober 2024";
  d.deadline = "2024-10-31";
  EXPECT_TRUE(validate_campaign(d, "2024-10-01").empty());
  EXPECT_TRUE(validate_campaign(d, "2024-10-31").empty());  // today is still fine
  EXPECT_EQ(fields(validate_campaign(d, "2024-11-01")),
            std::vector<std::string>{"deadline:validation.error.deadline_past"});
  CampaignDraft bad;
  bad.title = "   ";
  bad.deadline = "31-10-2024";
  bad.filter.source = "kemenpan";
  bad.filter.year = 1850;
  bad.filter.unverified_since = "2024-02-30";
  EXPECT_EQ(fields(validate_campaign(bad, "2024-10-01")),
            (std::vector<std::string>{"title:error.required", "deadline:error.date", "source:error.invalid_choice",
                                      "year:error.out_of_range", "unverified_since:error.date"}));
  bad.title = std::string(201, 'a');
  EXPECT_EQ(fields(validate_campaign(bad, "2024-10-01")).front(), "title:error.too_long");
}

TEST(CampaignRules, AnswerNeedsStatusAndContact) {
  Answer a;
  a.status = "berkembang";
  a.contact_name = "Siti Rahma";
  EXPECT_TRUE(validate_answer(a).empty());
  a.evidence_url = "https://purbalinggakab.go.id/sk-inovasi.pdf";
  a.contact_email = "siti@purbalinggakab.go.id";
  EXPECT_TRUE(validate_answer(a).empty());
  Answer bad;
  bad.status = "vakum";
  bad.evidence_url = "javascript:alert(1)";
  bad.contact_email = "siti";
  bad.results = std::string(5001, 'x');
  EXPECT_EQ(fields(validate_answer(bad)),
            (std::vector<std::string>{"status:error.invalid_choice", "results:error.too_long",
                                      "evidence_url:validation.error.url", "contact_name:error.required",
                                      "contact_email:error.email"}));
  Answer empty;
  EXPECT_EQ(fields(validate_answer(empty)).front(), "status:error.required");
}

TEST(CampaignRules, OnlyAStoppedAnswerStopsTheInnovation) {
  EXPECT_EQ(innovation_status("berhenti"), "berhenti");
  EXPECT_EQ(innovation_status("berlanjut"), "berlanjut");
  EXPECT_EQ(innovation_status("berkembang"), "berlanjut");
}

TEST(CampaignRules, DatesAreWibDays) {
  // 2024-10-31 00:00 WIB is 2024-10-30 17:00 UTC.
  EXPECT_EQ(start_of_day("2024-10-31"), 1730307600);
  EXPECT_EQ(end_of_day("2024-10-31"), 1730307600 + 86400);
  EXPECT_EQ(local_date(1730307600), "2024-10-31");
  EXPECT_EQ(local_date(1730307599), "2024-10-30");
  EXPECT_EQ(end_of_day("2024-13-01"), 0);
}

TEST(CampaignRules, FilterRoundTripsAndToleratesJunk) {
  CampaignFilter f{"kipp", 2019, "33.03", "2023-01-01"};
  EXPECT_EQ(filter_from_json(filter_to_json(f)), f);
  EXPECT_EQ(filter_from_json(nlohmann::json::parse(R"({"year":"2019","source":3})")), CampaignFilter{});
  EXPECT_EQ(filter_from_json(nlohmann::json::array()), CampaignFilter{});
}

TEST(CampaignRules, FiguresAreGroupedTheWayMinistriesWriteThem) {
  EXPECT_EQ(group_digits(2355, "id"), "2.355");
  EXPECT_EQ(group_digits(2928, "en"), "2,928");
  EXPECT_EQ(group_digits(429, "id"), "429");
  EXPECT_EQ(group_digits(1000000, "id"), "1.000.000");
  EXPECT_EQ(group_digits(0, "id"), "0");
  Progress p;
  p.total = 2928;
  p.answered = 2355;
  EXPECT_EQ(p.percent(), 80);
  EXPECT_EQ(Progress{}.percent(), 0);
}

TEST(CampaignRules, WhoMayAnswer) {
  using auth::Grant, auth::Role, auth::Scope;
  const std::vector<Grant> curator{{Role::curator, Scope::national()}};
  const std::vector<Grant> purbalingga{{Role::region_admin, Scope::region("33.03")}};
  const std::vector<Grant> jateng{{Role::region_admin, Scope::region("33")}};
  const std::vector<Grant> banyumas{{Role::region_admin, Scope::region("33.02")}};
  const std::vector<Grant> dinkes{{Role::participant, Scope::unit("17")}};
  const std::vector<Grant> coach{{Role::coach, Scope::national()}};
  EXPECT_TRUE(may_answer(curator, "33.03", 17));
  EXPECT_TRUE(may_answer(purbalingga, "33.03", 17));
  // Scopes do not nest (auth::allows): a province admin answers for the province's own innovations.
  EXPECT_FALSE(may_answer(jateng, "33.03", 17));
  EXPECT_TRUE(may_answer(jateng, "33", 0));
  EXPECT_FALSE(may_answer(banyumas, "33.03", 17));
  EXPECT_TRUE(may_answer(dinkes, "33.03", 17));
  EXPECT_FALSE(may_answer(dinkes, "33.03", 18));
  EXPECT_FALSE(may_answer(coach, "33.03", 17));
  EXPECT_FALSE(may_answer(purbalingga, "", 0));
  EXPECT_TRUE(may_curate(curator));
  EXPECT_FALSE(may_curate(purbalingga));
  EXPECT_FALSE(may_curate({{Role::curator, Scope::region("33")}}));
}

}  // namespace
}  // namespace lumbung::validation
