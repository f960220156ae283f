#include "corpus.hpp"

#include <algorithm>
#include <cctype>
#include <fstream>
#include <stdexcept>

#include "directory/innovation_rules.hpp"

namespace lumbung::bench {

namespace {

// Any fixed time: the benchmark never sorts by it.
constexpr std::int64_t kLoadedAt = 1'700'000'000;

std::string lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::string text(const nlohmann::json& line, const char* key) {
  const auto it = line.find(key);
  return it != line.end() && it->is_string() ? it->get<std::string>() : std::string();
}

std::string form_key(const std::string& form) {
  const auto f = lower(form);
  if (f.find("pelayanan") != std::string::npos) return "pelayanan_publik";
  if (f.find("tata kelola") != std::string::npos) return "tata_kelola";
  return "lainnya";
}

std::string stage_key(const std::string& stage) {
  auto s = lower(stage);
  for (auto& c : s)
    if (c == ' ' || c == '-') c = '_';
  return s;
}

std::string status_key(const std::string& status) { return lower(status) == "berhenti" ? "berhenti" : "berlanjut"; }

// "Top 99 KIPP 2021" -> {kipp, 2021, "Top 99 KIPP"}; "IGA 2020" -> {iga, 2020, "IGA"}.
directory::Award award_of(const std::string& s) {
  directory::Award a;
  a.award = s;
  const auto space = s.find_last_of(' ');
  if (space != std::string::npos && s.size() - space - 1 == 4 &&
      std::all_of(s.begin() + static_cast<long>(space) + 1, s.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    a.year = std::stoi(s.substr(space + 1));
    a.award = s.substr(0, space);
  }
  const auto l = " " + lower(a.award) + " ";
  a.program = "lainnya";
  for (const char* p : {"kipp", "iga", "labinov"})
    if (l.find(std::string(" ") + p + " ") != std::string::npos) a.program = p;
  return a;
}

}  // namespace

CorpusRecord corpus_record(const nlohmann::json& line, std::int64_t id) {
  CorpusRecord r;
  auto& i = r.innovation;
  i.id = id;
  i.name = text(line, "name");
  i.summary = text(line, "summary");
  i.problem = text(line, "problem");
  i.solution = text(line, "solution");
  i.results = text(line, "results");
  i.region_code = text(line, "region_code");
  i.region_name = text(line, "region");
  i.province_code = text(line, "province_code");
  r.province_name = text(line, "province");
  i.unit_name = text(line, "unit_name");
  i.sector = text(line, "sector");
  i.form = form_key(text(line, "form"));
  i.digital = line.value("digital", false);
  i.stage = stage_key(text(line, "stage"));
  i.status = status_key(text(line, "status"));
  i.source_program = lower(text(line, "source_program"));
  i.source_id = text(line, "source_id");
  i.year_started = line.value("year_started", 0);
  if (const auto it = line.find("awards"); it != line.end() && it->is_array())
    for (const auto& a : *it)
      if (a.is_string()) i.awards.push_back(award_of(a.get<std::string>()));
  i.state = "published";
  i.slug = directory::make_slug(i.name);
  i.version = 1;
  i.created_at = i.updated_at = i.published_at = kLoadedAt;
  return r;
}

std::size_t for_each_record(const std::filesystem::path& corpus, const std::function<void(CorpusRecord&&)>& fn) {
  std::ifstream in(corpus);
  if (!in) throw std::runtime_error("cannot read " + corpus.string());
  std::string line;
  std::size_t n = 0;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    ++n;
    nlohmann::json j;
    try {
      j = nlohmann::json::parse(line);
    } catch (const std::exception& e) {
      throw std::runtime_error(corpus.string() + ":" + std::to_string(n) + ": " + e.what());
    }
    fn(corpus_record(j, static_cast<std::int64_t>(n)));
  }
  return n;
}

std::string BenchQuery::describe() const {
  std::string out = "\"" + q + "\"";
  if (!sector.empty()) out += " sector=" + sector;
  if (!province_code.empty()) out += " province=" + province_code;
  if (year_from != 0) out += " year=" + std::to_string(year_from) + ".." + std::to_string(year_to);
  return out;
}

std::vector<BenchQuery> read_queries(const std::filesystem::path& file) {
  std::ifstream in(file);
  if (!in) throw std::runtime_error("cannot read " + file.string());
  std::vector<BenchQuery> out;
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    const auto j = nlohmann::json::parse(line);
    BenchQuery q;
    q.q = j.value("q", "");
    if (const auto f = j.find("filters"); f != j.end() && f->is_object()) {
      q.sector = f->value("sector", "");
      q.province_code = f->value("province_code", "");
      q.year_from = f->value("year_from", 0);
      q.year_to = f->value("year_to", q.year_from);
    }
    out.push_back(std::move(q));
  }
  return out;
}

std::vector<std::vector<std::string>> synonym_groups() {
  return {
      {"pkm", "puskesmas", "pusat kesehatan masyarakat"},
      {"dukcapil", "disdukcapil", "kependudukan dan pencatatan sipil"},
      {"ktp-el", "ktp elektronik", "e-ktp", "kartu tanda penduduk elektronik"},
      {"adminduk", "administrasi kependudukan"},
      {"umkm", "usaha mikro kecil dan menengah"},
      {"bumdes", "badan usaha milik desa"},
      {"bansos", "bantuan sosial"},
      {"rsud", "rumah sakit umum daerah"},
      {"daring", "online"},
      {"antrean", "antrian"},
      {"pdam", "perusahaan daerah air minum", "perumda air minum"},
      {"bpbd", "badan penanggulangan bencana daerah"},
      {"ptsp", "dpmptsp", "pelayanan terpadu satu pintu"},
      {"pbb", "pajak bumi dan bangunan"},
      {"tbc", "tuberkulosis"},
      {"odgj", "orang dengan gangguan jiwa"},
  };
}

}  // namespace lumbung::bench
