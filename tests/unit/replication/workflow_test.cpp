// The request workflow, table-driven: every (state, action, side) either
// moves to the expected state, is the other side's move (forbidden), or does
// not exist from that state (conflict).
#include "replication/workflow.hpp"

#include <gtest/gtest.h>

namespace lumbung::replication {
namespace {

const Sides kOwner{true, false};
const Sides kRequester{false, true};
const Sides kBoth{true, true};
const Sides kNobody{false, false};

struct Case {
  const char* from;
  const char* action;
  Sides sides;
  const char* to;                         // "" = refused
  ErrorCode error = ErrorCode::internal;  // when refused
};

class WorkflowCase : public testing::TestWithParam<Case> {};

TEST_P(WorkflowCase, MovesOrRefuses) {
  const auto& c = GetParam();
  auto t = find_transition(c.from, c.action, c.sides);
  if (std::string(c.to).empty()) {
    ASSERT_FALSE(t.ok()) << c.from << " " << c.action << " -> " << (t.ok() ? std::string(t->to) : "");
    EXPECT_EQ(t.error().code(), c.error) << t.error().message();
  } else {
    ASSERT_TRUE(t.ok()) << t.error().message();
    EXPECT_EQ(t->to, c.to);
  }
}

INSTANTIATE_TEST_SUITE_P(
    Table, WorkflowCase,
    testing::Values(
        // accept
        Case{"requested", "accept", kOwner, "accepted"},
        Case{"requested", "accept", kRequester, "", ErrorCode::forbidden},
        Case{"counter_proposed", "accept", kRequester, "accepted"},
        Case{"counter_proposed", "accept", kOwner, "", ErrorCode::forbidden},
        Case{"accepted", "accept", kBoth, "", ErrorCode::conflict},
        // counter-propose
        Case{"requested", "counter_propose", kOwner, "counter_proposed"},
        Case{"requested", "counter_propose", kRequester, "", ErrorCode::forbidden},
        Case{"counter_proposed", "counter_propose", kOwner, "", ErrorCode::conflict},
        // decline
        Case{"requested", "decline", kOwner, "declined"},
        Case{"requested", "decline", kRequester, "", ErrorCode::forbidden},
        Case{"counter_proposed", "decline", kRequester, "declined"},
        Case{"accepted", "decline", kOwner, "", ErrorCode::conflict},
        // withdraw
        Case{"requested", "withdraw", kRequester, "withdrawn"},
        Case{"requested", "withdraw", kOwner, "", ErrorCode::forbidden},
        Case{"counter_proposed", "withdraw", kRequester, "withdrawn"},
        Case{"accepted", "withdraw", kRequester, "withdrawn"},
        Case{"in_transfer", "withdraw", kRequester, "", ErrorCode::conflict},
        // start
        Case{"accepted", "start", kOwner, "in_transfer"}, Case{"accepted", "start", kRequester, "in_transfer"},
        Case{"accepted", "start", kNobody, "", ErrorCode::forbidden},
        Case{"requested", "start", kBoth, "", ErrorCode::conflict},
        // complete
        Case{"in_transfer", "complete", kOwner, "completed"}, Case{"in_transfer", "complete", kRequester, "completed"},
        Case{"accepted", "complete", kBoth, "", ErrorCode::conflict},
        Case{"completed", "complete", kBoth, "", ErrorCode::conflict},
        // abandon
        Case{"in_transfer", "abandon", kRequester, "abandoned"}, Case{"accepted", "abandon", kOwner, "abandoned"},
        Case{"requested", "abandon", kBoth, "", ErrorCode::conflict},
        Case{"in_transfer", "abandon", kNobody, "", ErrorCode::forbidden},
        // finished states go nowhere
        Case{"declined", "accept", kBoth, "", ErrorCode::conflict},
        Case{"withdrawn", "accept", kBoth, "", ErrorCode::conflict},
        Case{"abandoned", "start", kBoth, "", ErrorCode::conflict},
        Case{"completed", "abandon", kBoth, "", ErrorCode::conflict},
        // unknown words
        Case{"requested", "publish", kBoth, "", ErrorCode::conflict},
        Case{"nonsense", "accept", kBoth, "", ErrorCode::conflict}),
    [](const testing::TestParamInfo<Case>& info) {
      const auto& c = info.param;
      const std::string side = c.sides.owner && c.sides.requester ? "both"
                               : c.sides.owner                    ? "owner"
                               : c.sides.requester                ? "requester"
                                                                  : "nobody";
      return std::to_string(info.index) + "_" + c.from + "_" + c.action + "_" + side;
    });

TEST(Workflow, ReasonAndModeAreAskedWhereTheTableSays) {
  for (const auto& t : transitions()) {
    EXPECT_EQ(t.needs_reason, t.action == "decline" || t.action == "abandon") << t.from << " " << t.action;
    EXPECT_EQ(t.needs_mode, t.action == "counter_propose") << t.from << " " << t.action;
    EXPECT_TRUE(is_state(t.from)) << t.from;
    EXPECT_TRUE(is_state(t.to)) << t.to;
  }
}

TEST(Workflow, ActionsForEachSide) {
  EXPECT_EQ(actions_for("requested", kOwner), (std::vector<std::string>{"accept", "counter_propose", "decline"}));
  EXPECT_EQ(actions_for("requested", kRequester), (std::vector<std::string>{"withdraw"}));
  EXPECT_EQ(actions_for("counter_proposed", kRequester), (std::vector<std::string>{"accept", "decline", "withdraw"}));
  EXPECT_EQ(actions_for("counter_proposed", kOwner), (std::vector<std::string>{}));
  EXPECT_EQ(actions_for("accepted", kBoth), (std::vector<std::string>{"start", "withdraw", "abandon"}));
  EXPECT_EQ(actions_for("in_transfer", kOwner), (std::vector<std::string>{"complete", "abandon"}));
  EXPECT_TRUE(actions_for("completed", kBoth).empty());
  EXPECT_TRUE(actions_for("requested", kNobody).empty());
}

TEST(Workflow, OpenAndTransferStates) {
  for (const auto& s : states()) {
    const bool open = s == "requested" || s == "counter_proposed" || s == "accepted" || s == "in_transfer";
    EXPECT_EQ(is_open(s), open) << s;
    // A finished state has no way out; an open one has at least one.
    EXPECT_EQ(!actions_for(s, kBoth).empty(), open) << s;
    EXPECT_EQ(steps_editable(s), s == "accepted" || s == "in_transfer") << s;
    // Only an unanswered request can still be edited by its sender.
    EXPECT_EQ(may_edit_request(s), s == "requested") << s;
  }
  EXPECT_TRUE(has_transfer("completed"));
  EXPECT_FALSE(has_transfer("declined"));
}

}  // namespace
}  // namespace lumbung::replication
