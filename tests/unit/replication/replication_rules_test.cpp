// Rules of replication: the IID indicator 31 count of distinct adopting
// regions, and checks of what people type.
#include "replication/replication_rules.hpp"

#include <gtest/gtest.h>

#include "replication/hub.hpp"

namespace lumbung::replication {
namespace {

Adoption adoption(const std::string& region, const std::string& state = "confirmed") {
  Adoption a;
  a.origin_region_code = "63.01";
  a.adopter_region_code = region;
  a.state = state;
  return a;
}

struct CountCase {
  const char* name;
  std::vector<Adoption> adoptions;
  std::int64_t expected;
};

class DistinctRegions : public testing::TestWithParam<CountCase> {};

TEST_P(DistinctRegions, Counts) {
  EXPECT_EQ(count_adopting_regions(GetParam().adoptions, "63.01"), GetParam().expected) << GetParam().name;
}

INSTANTIATE_TEST_SUITE_P(
    Table, DistinctRegions,
    testing::Values(CountCase{"none", {}, 0}, CountCase{"one", {adoption("73.72")}, 1},
                    CountCase{"same region twice counts once", {adoption("73.72"), adoption("73.72")}, 1},
                    CountCase{"two regions", {adoption("73.72"), adoption("73.71"), adoption("73.72")}, 2},
                    CountCase{"the origin never counts", {adoption("63.01"), adoption("73.72")}, 1},
                    CountCase{"pending and rejected do not count",
                              {adoption("73.72", "pending"), adoption("73.71", "rejected"), adoption("11.01")},
                              1},
                    CountCase{
                        "a province and its regency are different regions", {adoption("73"), adoption("73.72")}, 2},
                    CountCase{"an empty region is ignored", {adoption("")}, 0}),
    [](const testing::TestParamInfo<CountCase>& info) { return "case" + std::to_string(info.index); });

bool has_error(const std::vector<FieldError>& errors, const std::string& field, const std::string& key) {
  for (const auto& e : errors)
    if (e.field == field && e.key == key) return true;
  return false;
}

TEST(ReplicationRules, Dates) {
  for (const char* good : {"2024-02-29", "2025-12-31", "1900-01-01"}) EXPECT_TRUE(is_iso_date(good)) << good;
  for (const char* bad : {"", "2025-02-29", "2025-13-01", "2025-1-01", "25-01-01", "2025/01/01", "2025-01-32",
                          "2100-02-29", "abcd-ef-gh", "2025-01-01x"})
    EXPECT_FALSE(is_iso_date(bad)) << bad;
}

TEST(ReplicationRules, RequestNeedsItsFieldsAndAnotherRegion) {
  Request r;
  r.origin_region_code = "63.01";
  r.adopter_region_code = "63.01";
  r.mode = "teleport";
  auto errors = check_request(r);
  EXPECT_TRUE(has_error(errors, "requester_about", "error.required"));
  EXPECT_TRUE(has_error(errors, "problem", "error.required"));
  EXPECT_TRUE(has_error(errors, "adaptation", "error.required"));
  EXPECT_TRUE(has_error(errors, "mode", "error.invalid_choice"));
  EXPECT_TRUE(has_error(errors, "region", "replikasi.error.same_region"));
  r.adopter_region_code = "73.72";
  r.requester_about = "  Andi  ";
  r.problem = "p";
  r.adaptation = "a";
  r.mode = "comparative_study";
  EXPECT_TRUE(check_request(r).empty());
  EXPECT_EQ(r.requester_about, "Andi");
  r.problem = std::string(kMaxLongText + 1, 'x');
  EXPECT_TRUE(has_error(check_request(r), "problem", "error.too_long"));
  r.problem = "bad \x01 text";
  EXPECT_TRUE(has_error(check_request(r), "problem", "error.invalid_text"));
}

TEST(ReplicationRules, EveryModeOfTheIssueIsOffered) {
  for (const char* m : {"mentoring", "coaching_clinic", "apprenticeship", "seminar", "workshop", "forum", "study_visit",
                        "comparative_study"})
    EXPECT_TRUE(is_transfer_mode(m)) << m;
  EXPECT_FALSE(is_transfer_mode(""));
  EXPECT_EQ(transfer_modes().size(), 8u);
}

TEST(ReplicationRules, OfferNeedsAContactWhenWilling) {
  Offer o;
  EXPECT_TRUE(check_offer(o).empty());
  o.willing = true;
  EXPECT_TRUE(has_error(check_offer(o), "contact", "error.required"));
  o.contact = "Rina";
  EXPECT_TRUE(check_offer(o).empty());
}

TEST(ReplicationRules, StepDatesInOrder) {
  Step s;
  s.status = "berjalan";
  s.start_date = "2025-02-01";
  s.end_date = "2025-01-01";
  EXPECT_TRUE(has_error(check_step(s), "end_date", "replikasi.error.date_order"));
  s.end_date = "2025-02-01";
  EXPECT_TRUE(check_step(s).empty());
  s.status = "done";
  EXPECT_TRUE(has_error(check_step(s), "status", "error.invalid_choice"));
}

TEST(ReplicationRules, AdoptionOutsideLumbungNeedsEvidence) {
  Adoption a = adoption("73.72", "pending");
  a.adopted_on = "2024-05-01";
  EXPECT_TRUE(has_error(check_adoption(a), "evidence", "error.required"));
  a.request_id = 7;  // from a transfer: the transfer is the evidence
  EXPECT_TRUE(check_adoption(a).empty());
  a.adopter_region_code = "63.01";
  EXPECT_TRUE(has_error(check_adoption(a), "region", "replikasi.error.same_region"));
}

TEST(ReplicationRules, Template) {
  std::vector<std::string> names = {" Kesepakatan ", "", "Uji coba"};
  EXPECT_TRUE(check_template(names).empty());
  EXPECT_EQ(names, (std::vector<std::string>{"Kesepakatan", "Uji coba"}));
  std::vector<std::string> empty = {" ", ""};
  EXPECT_TRUE(has_error(check_template(empty), "steps", "error.required"));
  std::vector<std::string> twice = {"A", "A"};
  EXPECT_TRUE(has_error(check_template(twice), "steps", "replikasi.error.duplicate_step"));
  std::vector<std::string> many(kMaxTemplateSteps + 1);
  for (std::size_t i = 0; i < many.size(); ++i) many[i] = "L" + std::to_string(i);
  EXPECT_TRUE(has_error(check_template(many), "steps", "replikasi.error.too_many_steps"));
}

}  // namespace
}  // namespace lumbung::replication

namespace lumbung::replication {
namespace {

TEST(HubRules, ProvinceHubNamesItsProvinceMembersAreCleaned) {
  Hub h;
  h.kind = "province";
  h.name = " Hub JIPP Jawa Timur ";
  h.region_code = "35.07";
  h.members = {"35.07", " 35.78", "", "35.07"};
  auto errors = check_hub(h);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].field, "region_code");
  h.region_code = "35";
  EXPECT_TRUE(check_hub(h).empty());
  EXPECT_EQ(h.name, "Hub JIPP Jawa Timur");
  EXPECT_EQ(h.members, (std::vector<std::string>{"35.07", "35.78"}));
  h.members = {"Surabaya"};
  EXPECT_EQ(check_hub(h).front().key, "replikasi.error.region_code");
}

TEST(HubRules, AgencyHubHasNoProvince) {
  Hub h;
  h.kind = "agency";
  h.name = "Kementerian Agama";
  h.region_code = "35";
  EXPECT_TRUE(check_hub(h).empty());
  EXPECT_EQ(h.region_code, "");
  h.kind = "kota";
  EXPECT_EQ(check_hub(h).front().key, "error.invalid_choice");
}

TEST(HubRules, EventNeedsTitleDateAndMode) {
  HubEvent e;
  auto errors = check_event(e);
  EXPECT_EQ(errors.size(), 3u);
  e.title = "Forum Replikasi Inovasi Pelayanan Publik";
  e.held_on = "2025-06-31";
  e.mode = "luring";
  EXPECT_EQ(check_event(e).front().field, "held_on");
  e.held_on = "2025-06-30";
  EXPECT_TRUE(check_event(e).empty());
}

}  // namespace
}  // namespace lumbung::replication

namespace lumbung::replication {
namespace {

TEST(ReplicationRules, InnovationReference) {
  const std::vector<std::pair<std::string, std::int64_t>> cases = {
      {"", 0},
      {"   ", 0},
      {"123", 123},
      {" 123-sigap-layanan ", 123},
      {"https://lumbung.go.id/inovasi/45-sipandu", 45},
      {"/inovasi/45/replikasi", -1},
      {"0", -1},
      {"007", -1},
      {"abc", -1},
      {"12x", -1},
      {"99999999999999999999", -1},
      {"/inovasi/", -1},
  };
  for (const auto& [text, id] : cases) EXPECT_EQ(innovation_reference(text), id) << "'" << text << "'";
}

}  // namespace
}  // namespace lumbung::replication
