// Attachments stored on SQLite or PostgreSQL and on disk: generated names, outbox rows,
// nothing left behind when a write fails, removal.
#include <algorithm>
#include <filesystem>
#include <unistd.h>

#include <gtest/gtest.h>

#include "directory/attachment_service.hpp"
#include "directory/innovation_service.hpp"
#include "store/migrate.hpp"
#include "store/outbox.hpp"
#include "support/test_db.hpp"

namespace lumbung::directory {
namespace {

namespace fs = std::filesystem;

class AttachmentStore : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    LUMBUNG_TEST_DATABASE_OR_SKIP(target_, GetParam());
    auto db = target_->open();
    ASSERT_TRUE(db.ok()) << db.error().message();
    db_ = std::move(*db);
    ASSERT_TRUE(store::migrate(*db_, test::source_migrations_dir()).ok());
    innovations_ = std::make_unique<InnovationService>(*db_, clock_);
    ASSERT_TRUE(innovations_->load_reference_regions().ok());
    InnovationDraft d;
    d.name = "SiAntre";
    d.region_code = "73.72";
    auto i = innovations_->create_draft(3, d);
    ASSERT_TRUE(i.ok()) << i.error().message();
    innovation_ = i->id;
    std::string test_name = ::testing::UnitTest::GetInstance()->current_test_info()->name();
    std::replace(test_name.begin(), test_name.end(), '/', '_');
    files_ = fs::path(testing::TempDir()) / ("attach-" + std::to_string(::getpid()) + "-" + test_name);
    fs::remove_all(files_);
  }
  std::int64_t outbox_head() {
    auto lease = db_->acquire();
    return store::outbox_head(*lease).value();
  }
  std::size_t files_on_disk() {
    if (!fs::exists(files_)) return 0;
    return static_cast<std::size_t>(std::distance(fs::directory_iterator(files_), fs::directory_iterator()));
  }

  FakeClock clock_{1'700'000'000};
  std::unique_ptr<test::TestDatabase> target_;
  std::unique_ptr<store::Database> db_;
  std::unique_ptr<InnovationService> innovations_;
  std::int64_t innovation_ = 0;
  fs::path files_;
};

Thumbnailer fake_thumbnailer(bool works) {
  return [works](std::string_view) -> std::optional<Thumbnail> {
    if (!works) return std::nullopt;
    return Thumbnail{"\xFF\xD8\xFFthumb", 640, 480};
  };
}

TEST_P(AttachmentStore, StoresUnderAGeneratedNameAndAppendsToTheOutbox) {
  AttachmentService service(*db_, clock_, files_, fake_thumbnailer(true));
  const auto before = outbox_head();
  const std::string png = std::string("\x89PNG\r\n\x1A\n", 8) + std::string(40, '\0');
  auto a = service.add(5, innovation_, "../../etc/passwd.png", png, 1 << 20);
  ASSERT_TRUE(a.ok()) << a.error().message();
  EXPECT_EQ(a->stored_name, std::to_string(a->id) + ".png");
  EXPECT_EQ(a->thumb_name, std::to_string(a->id) + ".thumb.jpg");
  EXPECT_EQ(a->original_name, "passwd.png");
  EXPECT_EQ(a->width, 640);
  EXPECT_EQ(outbox_head(), before + 1);
  EXPECT_EQ(files_on_disk(), 2u);
  EXPECT_FALSE(fs::exists(files_.parent_path() / "etc"));

  auto pdf = service.add(5, innovation_, "laporan.pdf", "%PDF-1.4\n%%EOF", 1 << 20);
  ASSERT_TRUE(pdf.ok());
  EXPECT_TRUE(pdf->thumb_name.empty());
  auto list = service.list(innovation_);
  ASSERT_TRUE(list.ok());
  ASSERT_EQ(list->size(), 2u);
  EXPECT_EQ((*list)[0].id, a->id);

  auto removed = service.remove(6, a->id);
  ASSERT_TRUE(removed.ok());
  EXPECT_EQ(service.get(a->id).error().code(), ErrorCode::not_found);
  EXPECT_EQ(service.list(innovation_)->size(), 1u);
  EXPECT_EQ(files_on_disk(), 1u);
  EXPECT_EQ(outbox_head(), before + 3);
}

TEST_P(AttachmentStore, RefusesBadUploadsAndLeavesNothingBehind) {
  AttachmentService service(*db_, clock_, files_, fake_thumbnailer(false));
  const auto before = outbox_head();
  auto code = [](const Result<Attachment>& r) { return r.ok() ? std::string("ok") : r.error().fields().empty() ? std::string(to_string(r.error().code())) : r.error().fields()[0].key; };
  EXPECT_EQ(code(service.add(5, innovation_, "a.png", "", 100)), "editor.file_empty");
  EXPECT_EQ(code(service.add(5, innovation_, "a.png", "not an image at all", 100)), "editor.file_type");
  EXPECT_EQ(code(service.add(5, innovation_, "a.pdf", "%PDF-1.4" + std::string(200, ' '), 100)), "editor.file_too_large");
  // The image library cannot decode it: damaged.
  EXPECT_EQ(code(service.add(5, innovation_, "a.png", std::string("\x89PNG\r\n\x1A\n", 8) + std::string(40, 'x'), 1000)),
            "editor.file_damaged");
  // No such innovation: nothing is written.
  EXPECT_EQ(code(service.add(5, 999999, "a.pdf", "%PDF-1.4\n%%EOF", 1000)), "not_found");
  EXPECT_EQ(files_on_disk(), 0u);
  EXPECT_EQ(outbox_head(), before);
  EXPECT_EQ(service.remove(5, 424242).error().code(), ErrorCode::not_found);
}

INSTANTIATE_TEST_SUITE_P(Engines, AttachmentStore, ::testing::Values("sqlite", "postgresql"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace lumbung::directory
