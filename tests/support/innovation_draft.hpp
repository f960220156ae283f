// A complete innovation draft (every field a review needs) for store tests.
#pragma once

#include <string>

#include "directory/innovation.hpp"

namespace lumbung::test {

inline directory::InnovationDraft complete_innovation(const std::string& name, const std::string& region = "73.72") {
  directory::InnovationDraft d;
  d.name = name;
  d.summary = "Layanan adminduk daring bagi warga.";
  d.problem = "Antrean panjang di kantor dukcapil.";
  d.solution = "Pendaftaran daring dan jemput bola.";
  d.results = "Waktu layanan turun dari 7 hari menjadi 1 hari.";
  d.region_code = region;
  d.unit_name = "Dinas Kependudukan dan Pencatatan Sipil";
  d.sector = "kependudukan";
  d.form = "pelayanan_publik";
  d.stage = "penerapan";
  d.digital = true;
  d.year_started = 2021;
  return d;
}

}  // namespace lumbung::test
