// Feeds arbitrary bytes as the text of a search: the tokenizer (phrases,
// exclusions, hyphens), the synonym and stopword plan, spelling correction,
// matching, snippets and suggestions, on a small index built once. None may
// crash or fail: any text is a search (possibly with no results).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>

#include <unistd.h>

#include "search/search_index.hpp"

using namespace lumbung;

namespace {

std::unique_ptr<search::SearchIndex> make_index() {
  const auto dir = std::filesystem::temp_directory_path() / ("lumbung-search-fuzz-" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  auto index = search::SearchIndex::open(dir, {{"sector", "XS"}, {"province", "XP"}});
  if (!index) std::abort();
  const char* texts[][3] = {
      {"Antrean Puskesmas Daring", "Pendaftaran pasien lewat aplikasi; antrean pendek", "kesehatan"},
      {"KTP-el Jemput Bola", "Perekaman KTP-el di desa terpencil oleh Disdukcapil", "kependudukan"},
      {"Bank Sampah Digital", "Sampah plastik ditukar saldo & tabungan <warga>", "lingkungan"},
      {"Perizinan Satu Pintu", "Pelayanan perizinan usaha terpadu \"tanpa\" pungli", "perizinan-investasi"},
  };
  std::int64_t id = 0;
  for (const auto& t : texts) {
    search::IndexDocument doc;
    doc.entity = "innovation";
    doc.id = ++id;
    doc.fields = {{"S", t[0], 5}, {"P", t[1], 2}};
    doc.boolean_terms = {std::string("XS") + t[2], "XP73"};
    doc.snippet_text = t[1];
    doc.data = "{}";
    if (!(*index)->replace(doc)) std::abort();
  }
  if (!(*index)->commit(1)) std::abort();
  return std::move(*index);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static auto index = make_index();
  static search::Synonyms synonyms = [] {
    search::Synonyms s;
    s.add_group({"pkm", "puskesmas", "pusat kesehatan masyarakat"});
    s.add_group({"ktp el", "ktp elektronik"});
    return s;
  }();
  const std::string text(reinterpret_cast<const char*>(data), size);
  for (const auto mode : {search::QueryMode::keywords, search::QueryMode::problem}) {
    search::Query q;
    q.text = text;
    q.mode = mode;
    q.facets = {"sector", "province"};
    q.synonyms = &synonyms;
    auto r = index->find(q);
    if (!r) std::abort();
    if (r->hits.size() > r->total) std::abort();
  }
  if (!index->complete("innovation", text, 5)) std::abort();
  return 0;
}
