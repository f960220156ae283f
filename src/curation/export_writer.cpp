#include "curation/export_writer.hpp"

#include <xlsxwriter.h>

#include <filesystem>
#include <fstream>

#include "curation/import_rules.hpp"
#include "directory/innovation_json.hpp"

namespace lumbung::curation {

namespace {

constexpr int kPage = 200;

// Calls fn(innovation) for every match, one keyset page in memory at a time.
// "Every state" runs state by state: the directory's keyset index starts with
// the state, so each page stays an index range instead of a scan.
template <class F>
Result<std::int64_t> each_innovation(directory::InnovationService& service, const directory::InnovationFilter& filter,
                                     const ExportProgress& progress, F&& fn) {
  std::vector<std::string> states = {filter.state};
  if (filter.state.empty()) states = {"published", "review", "draft", "archived"};
  std::int64_t rows = 0;
  for (const auto& state : states) {
    directory::InnovationFilter one = filter;
    one.state = state;
    directory::PageRequest page;
    page.limit = kPage;
    for (;;) {
      auto got = service.list(one, page);
      if (!got) return got.error();
      for (const auto& i : got->items) {
        if (auto st = fn(i); !st) return st.error();
        ++rows;
      }
      if (progress) progress(rows);
      if (got->next_cursor.empty()) break;
      page.cursor = got->next_cursor;
    }
  }
  return rows;
}

std::string protect(const std::string& cell) {
  if (!cell.empty() && std::string_view("=+-@'").find(cell[0]) != std::string_view::npos) return "'" + cell;
  return cell;
}

}  // namespace

std::optional<ExportFormat> parse_export_format(std::string_view name) {
  if (name == "csv") return ExportFormat::csv;
  if (name == "xlsx") return ExportFormat::xlsx;
  if (name == "jsonl") return ExportFormat::jsonl;
  return std::nullopt;
}

const char* extension(ExportFormat format) {
  switch (format) {
    case ExportFormat::csv:
      return "csv";
    case ExportFormat::xlsx:
      return "xlsx";
    case ExportFormat::jsonl:
      return "jsonl";
  }
  return "csv";
}

const char* content_type(ExportFormat format) {
  switch (format) {
    case ExportFormat::csv:
      return "text/csv; charset=utf-8";
    case ExportFormat::xlsx:
      return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    case ExportFormat::jsonl:
      return "application/x-ndjson";
  }
  return "text/csv; charset=utf-8";
}

std::vector<std::string> export_cells(const directory::Innovation& i) {
  std::vector<std::string> cells;
  cells.reserve(import_fields().size());
  auto number = [](std::int64_t n) { return n == 0 ? std::string() : std::to_string(n); };
  for (const auto& f : import_fields()) {
    if (f == "id")
      cells.push_back(std::to_string(i.id));
    else if (f == "name")
      cells.push_back(i.name);
    else if (f == "summary")
      cells.push_back(i.summary);
    else if (f == "problem")
      cells.push_back(i.problem);
    else if (f == "solution")
      cells.push_back(i.solution);
    else if (f == "novelty")
      cells.push_back(i.novelty);
    else if (f == "beneficiaries")
      cells.push_back(i.beneficiaries);
    else if (f == "results")
      cells.push_back(i.results);
    else if (f == "region_code")
      cells.push_back(i.region_code);
    else if (f == "unit_name")
      cells.push_back(i.unit_name);
    else if (f == "sector")
      cells.push_back(i.sector);
    else if (f == "form")
      cells.push_back(i.form);
    else if (f == "digital")
      cells.push_back(i.digital ? "true" : "false");
    else if (f == "stage")
      cells.push_back(i.stage);
    else if (f == "initiator")
      cells.push_back(i.initiator);
    else if (f == "trial_date")
      cells.push_back(i.trial_date);
    else if (f == "implementation_date")
      cells.push_back(i.implementation_date);
    else if (f == "budget_text")
      cells.push_back(i.budget_text);
    else if (f == "budget_amount")
      cells.push_back(number(i.budget_amount));
    else if (f == "funding_source")
      cells.push_back(i.funding_source);
    else if (f == "contact_name")
      cells.push_back(i.contact_name);
    else if (f == "contact_email")
      cells.push_back(i.contact_email);
    else if (f == "contact_phone")
      cells.push_back(i.contact_phone);
    else if (f == "source_program")
      cells.push_back(i.source_program);
    else if (f == "source_id")
      cells.push_back(i.source_id);
    else if (f == "year_started")
      cells.push_back(number(i.year_started));
    else if (f == "status")
      cells.push_back(i.status);
    else if (f == "last_verified_at")
      cells.push_back(number(i.last_verified_at));
    else if (f == "awards")
      cells.push_back(awards_text(i.awards));
    else if (f == "state")
      cells.push_back(i.state);
    else
      cells.emplace_back();
  }
  return cells;
}

std::string csv_line(const std::vector<std::string>& cells) {
  std::string out;
  for (std::size_t k = 0; k < cells.size(); ++k) {
    if (k) out += ',';
    std::string cell = protect(cells[k]);
    if (cell.find_first_of(",;\"\r\n") != std::string::npos) {
      out += '"';
      for (char c : cell) {
        if (c == '"') out += '"';
        out += c;
      }
      out += '"';
    } else {
      out += cell;
    }
  }
  out += "\r\n";
  return out;
}

Result<std::int64_t> export_stream(directory::InnovationService& service, const directory::InnovationFilter& filter,
                                   ExportFormat format, std::ostream& out, const ExportProgress& progress) {
  if (format == ExportFormat::xlsx) return Error(ErrorCode::invalid, "export_stream: xlsx needs a file");
  if (format == ExportFormat::csv) out << "\xEF\xBB\xBF" << csv_line(import_fields());
  auto rows = each_innovation(service, filter, progress, [&](const directory::Innovation& i) -> Status {
    if (format == ExportFormat::csv)
      out << csv_line(export_cells(i));
    else
      out << directory::to_json(i).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
    if (!out) return Error(ErrorCode::unavailable, "export: cannot write");
    return {};
  });
  out.flush();
  return rows;
}

Result<std::int64_t> export_xlsx(directory::InnovationService& service, const directory::InnovationFilter& filter,
                                 const std::string& path, const ExportProgress& progress) {
  lxw_workbook_options options = {};
  options.constant_memory = LXW_TRUE;
  auto tmp = std::filesystem::path(path).parent_path();
  std::string tmpdir = tmp.empty() ? std::string(".") : tmp.string();
  options.tmpdir = tmpdir.data();
  lxw_workbook* wb = workbook_new_opt(path.c_str(), &options);
  if (!wb) return Error(ErrorCode::unavailable, "export_xlsx: cannot create " + path);
  lxw_worksheet* ws = workbook_add_worksheet(wb, "inovasi");
  lxw_row_t r = 0;
  const auto& fields = import_fields();
  for (std::size_t c = 0; c < fields.size(); ++c) worksheet_write_string(ws, r, c, fields[c].c_str(), nullptr);
  auto rows = each_innovation(service, filter, progress, [&](const directory::Innovation& i) -> Status {
    ++r;
    if (r >= LXW_ROW_MAX) return Error(ErrorCode::invalid, "export_xlsx: more rows than a worksheet holds");
    auto cells = export_cells(i);
    for (std::size_t c = 0; c < cells.size(); ++c)
      if (!cells[c].empty()) worksheet_write_string(ws, r, c, cells[c].c_str(), nullptr);
    return {};
  });
  if (workbook_close(wb) != LXW_NO_ERROR && rows) return Error(ErrorCode::unavailable, "export_xlsx: cannot write");
  return rows;
}

Result<std::int64_t> export_file(directory::InnovationService& service, const directory::InnovationFilter& filter,
                                 ExportFormat format, const std::string& path, const ExportProgress& progress) {
  if (format == ExportFormat::xlsx) return export_xlsx(service, filter, path, progress);
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out) return Error(ErrorCode::unavailable, "export: cannot create " + path);
  return export_stream(service, filter, format, out, progress);
}

const std::vector<ColumnDoc>& data_dictionary() {
  static const std::vector<ColumnDoc> docs = {
      {"id", "bilangan bulat", "Nomor inovasi di Lumbung Inovasi; alamat halamannya /inovasi/{id}", ""},
      {"name", "teks (≤200)", "Nama inovasi", ""},
      {"summary", "teks (≤2.000)", "Ringkasan", ""},
      {"problem", "teks", "Latar belakang: masalah apa, bagi siapa", ""},
      {"solution", "teks", "Rancang bangun: cara kerja inovasi", ""},
      {"novelty", "teks", "Kebaruan", ""},
      {"beneficiaries", "teks", "Manfaat dan penerima manfaat", ""},
      {"results", "teks", "Hasil, dengan angka", ""},
      {"region_code", "kode", "Kode wilayah Kemendagri (provinsi, kabupaten atau kota)", "mis. 73.72"},
      {"unit_name", "teks (≤300)", "Perangkat daerah atau unit pelaksana", ""},
      {"sector", "teks", "Urusan pemerintahan", "mis. kesehatan, pendidikan"},
      {"form", "pilihan", "Bentuk inovasi", "pelayanan_publik, tata_kelola, lainnya"},
      {"digital", "true/false", "Inovasi digital (daring)", "true, false"},
      {"stage", "pilihan", "Tahapan", "inisiatif, uji_coba, penerapan"},
      {"initiator", "pilihan", "Inisiator", "kepala_daerah, anggota_dprd, opd, asn, masyarakat"},
      {"trial_date", "tanggal", "Waktu uji coba", "YYYY-MM-DD"},
      {"implementation_date", "tanggal", "Waktu penerapan", "YYYY-MM-DD"},
      {"budget_text", "teks", "Anggaran dalam kata-kata", ""},
      {"budget_amount", "bilangan bulat", "Anggaran dalam rupiah (kosong = tidak diketahui)", ""},
      {"funding_source", "teks", "Sumber dana", "APBD, APBN, dana desa, CSR"},
      {"contact_name", "teks", "Nama narahubung", ""},
      {"contact_email", "surel", "Surel narahubung", ""},
      {"contact_phone", "teks", "Telepon narahubung", ""},
      {"source_program", "pilihan", "Asal data", "lumbung, kipp, iga, labinov"},
      {"source_id", "teks", "Nomor inovasi di program asalnya (kosong untuk lumbung)", ""},
      {"year_started", "tahun", "Tahun inovasi dimulai (kosong = tidak diketahui)", ""},
      {"status", "pilihan", "Keberlanjutan hasil pemutakhiran", "berlanjut, berhenti"},
      {"last_verified_at", "detik unix", "Terakhir diverifikasi (kosong = belum pernah)", ""},
      {"awards", "daftar", "Penghargaan: program:tahun:nama, dipisah titik koma", "mis. kipp:2019:Top 99"},
      {"state", "pilihan", "Status terbit", "draft, review, published, archived"},
  };
  return docs;
}

Result<std::int64_t> export_open_data(directory::InnovationService& service, const std::string& dir,
                                      const ExportProgress& progress) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) return Error(ErrorCode::unavailable, "export_open_data: cannot create " + dir);
  directory::InnovationFilter published;  // state "published" by default
  auto base = std::filesystem::path(dir);
  auto csv = export_file(service, published, ExportFormat::csv, (base / "innovations.csv").string(), progress);
  if (!csv) return csv.error();
  auto jsonl = export_file(service, published, ExportFormat::jsonl, (base / "innovations.jsonl").string());
  if (!jsonl) return jsonl.error();
  std::ofstream md(base / "data-dictionary.md", std::ios::binary | std::ios::trunc);
  std::ofstream dc(base / "data-dictionary.csv", std::ios::binary | std::ios::trunc);
  md << "# Kamus data Lumbung Inovasi\n\n"
        "Berkas: innovations.csv (UTF-8 dengan BOM, pemisah koma) dan innovations.jsonl (satu objek JSON per "
        "baris). Hanya inovasi yang terbit. Jumlah baris: "
     << *csv << ".\n\n| Kolom | Jenis | Arti | Nilai |\n|---|---|---|---|\n";
  dc << csv_line({"column", "type", "meaning", "values"});
  for (const auto& d : data_dictionary()) {
    md << "| " << d.column << " | " << d.type << " | " << d.meaning << " | " << d.values << " |\n";
    dc << csv_line({d.column, d.type, d.meaning, d.values});
  }
  if (!md || !dc) return Error(ErrorCode::unavailable, "export_open_data: cannot write the dictionary");
  return *csv;
}

}  // namespace lumbung::curation
