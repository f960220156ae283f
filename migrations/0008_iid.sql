-- Regional innovation index (IID, issue 9): one framework per year as data
-- (variables of the two aspects SPD and SID, indicators with weights and
-- answer options, divisor floor, number-of-innovations rule, predicate bands,
-- reporting window) and the regions' submissions: chosen innovations, answers
-- with evidence, verification and quality-control decisions. Scoring numbers
-- are integers in hundredths (weight 0.75 = 75, index 60.01 = 6001).
-- Portable as 0001: BIGINT ids from next_id(), BIGINT unix seconds, TEXT,
-- INTEGER 0/1 booleans; one statement per line.
CREATE TABLE iid_frameworks (
  year INTEGER PRIMARY KEY,
  divisor_floor INTEGER NOT NULL,
  count_points_x100 INTEGER NOT NULL,
  count_cap INTEGER NOT NULL,
  count_variable TEXT NOT NULL DEFAULT '',
  window_opens BIGINT NOT NULL DEFAULT 0,
  window_closes BIGINT NOT NULL DEFAULT 0,
  note TEXT NOT NULL DEFAULT '',
  updated_at BIGINT NOT NULL DEFAULT 0,
  updated_by BIGINT NOT NULL DEFAULT 0
);
-- aspect: spd (once per region) or sid (per innovation).
CREATE TABLE iid_variables (
  year INTEGER NOT NULL REFERENCES iid_frameworks (year),
  code TEXT NOT NULL,
  aspect TEXT NOT NULL,
  name TEXT NOT NULL,
  position INTEGER NOT NULL,
  PRIMARY KEY (year, code)
);
CREATE TABLE iid_indicators (
  year INTEGER NOT NULL REFERENCES iid_frameworks (year),
  number TEXT NOT NULL,
  position INTEGER NOT NULL,
  variable TEXT NOT NULL,
  name TEXT NOT NULL,
  weight_x100 INTEGER NOT NULL,
  mandatory INTEGER NOT NULL DEFAULT 0,
  aspect TEXT NOT NULL,
  evidence TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (year, number)
);
-- The answer options of an indicator; param is the value the answer scores with.
CREATE TABLE iid_options (
  year INTEGER NOT NULL,
  number TEXT NOT NULL,
  param INTEGER NOT NULL,
  label TEXT NOT NULL,
  PRIMARY KEY (year, number, param)
);
-- Predicate bands: inclusive index bounds in hundredths.
CREATE TABLE iid_bands (
  year INTEGER NOT NULL REFERENCES iid_frameworks (year),
  position INTEGER NOT NULL,
  name TEXT NOT NULL,
  min_x100 INTEGER NOT NULL,
  max_x100 INTEGER NOT NULL,
  PRIMARY KEY (year, position)
);
-- One submission per region and year; status draft or submitted.
CREATE TABLE iid_submissions (
  id BIGINT PRIMARY KEY,
  year INTEGER NOT NULL REFERENCES iid_frameworks (year),
  region_code TEXT NOT NULL REFERENCES regions (code),
  status TEXT NOT NULL DEFAULT 'draft',
  submitted_at BIGINT NOT NULL DEFAULT 0,
  submitted_by BIGINT NOT NULL DEFAULT 0,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX iid_submissions_region ON iid_submissions (year, region_code);
CREATE TABLE iid_submission_innovations (
  submission_id BIGINT NOT NULL REFERENCES iid_submissions (id),
  innovation_id BIGINT NOT NULL REFERENCES innovations (id),
  added_at BIGINT NOT NULL,
  PRIMARY KEY (submission_id, innovation_id)
);
-- One answer per indicator (innovation_id 0 for SPD indicators). status:
-- pending, accepted or rejected (scores 0); reason: why rejected. qc_*: a
-- quality-control override (who, when, note).
CREATE TABLE iid_answers (
  submission_id BIGINT NOT NULL REFERENCES iid_submissions (id),
  innovation_id BIGINT NOT NULL,
  number TEXT NOT NULL,
  param INTEGER NOT NULL,
  evidence_name TEXT NOT NULL DEFAULT '',
  evidence_file TEXT NOT NULL DEFAULT '',
  evidence_type TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL DEFAULT 'pending',
  reason TEXT NOT NULL DEFAULT '',
  verified_by BIGINT NOT NULL DEFAULT 0,
  verified_at BIGINT NOT NULL DEFAULT 0,
  qc_by BIGINT NOT NULL DEFAULT 0,
  qc_at BIGINT NOT NULL DEFAULT 0,
  qc_note TEXT NOT NULL DEFAULT '',
  updated_at BIGINT NOT NULL,
  updated_by BIGINT NOT NULL,
  PRIMARY KEY (submission_id, innovation_id, number)
);
CREATE INDEX iid_answers_status ON iid_answers (status, submission_id);

-- The 2023 framework (BSKDN socialisation deck: 36 indicators, 8 variables,
-- 2 aspects, SPD 25.2%, divisor MAX(10, n), bands 60.01/35.00/0.01). The
-- per-indicator wording, weights and options below come from an unofficial
-- transcription of a later year's catalogue [3P]; its maxima (SPD 63, SID
-- 111, number of innovations 76) reproduce the official 25.2% share.
-- Indicator 36 (number of innovations, 0.38 per innovation up to 200) is the
-- framework's count rule. Window: 1 Jun - 28 Jul 2023.
INSERT INTO iid_frameworks (year, divisor_floor, count_points_x100, count_cap, count_variable, window_opens, window_closes, note, updated_at, updated_by) VALUES (2023, 10, 38, 200, 'jumlah', 1685577600, 1690588800, 'Struktur resmi 2023; katalog indikator dari transkripsi tidak resmi [3P]', 0, 0);
INSERT INTO iid_variables (year, code, aspect, name, position) VALUES (2023, 'institusi', 'spd', 'Institusi', 1);
INSERT INTO iid_variables (year, code, aspect, name, position) VALUES (2023, 'sdm', 'spd', 'Sumber Daya Manusia', 2);
INSERT INTO iid_variables (year, code, aspect, name, position) VALUES (2023, 'ekosistem', 'spd', 'Ekosistem Inovasi dan Kajian', 3);
INSERT INTO iid_variables (year, code, aspect, name, position) VALUES (2023, 'infrastruktur', 'sid', 'Infrastruktur', 4);
INSERT INTO iid_variables (year, code, aspect, name, position) VALUES (2023, 'output', 'sid', 'Output Pengetahuan dan Teknologi', 5);
INSERT INTO iid_variables (year, code, aspect, name, position) VALUES (2023, 'kecepatan', 'sid', 'Kecepatan Bisnis Proses', 6);
INSERT INTO iid_variables (year, code, aspect, name, position) VALUES (2023, 'kecanggihan', 'sid', 'Kecanggihan Produk', 7);
INSERT INTO iid_variables (year, code, aspect, name, position) VALUES (2023, 'jumlah', 'sid', 'Jumlah Inovasi dan Hasil Kreatif', 8);
INSERT INTO iid_indicators (year, number, position, variable, name, weight_x100, mandatory, aspect, evidence) VALUES (2023, '1', 1, 'institusi', 'Visi dan misi kepala daerah memuat inovasi', 100, 1, 'spd', 'Dokumen yang membuktikan parameter yang dipilih (PDF atau foto)');
INSERT INTO iid_options (year, number, param, label) VALUES (2023, '1', 1, 'Inovasi dalam misi saja');
INSERT INTO iid_options (year, number, param, label) VALUES (2023, '1', 2, 'Inovasi dalam visi saja');
INSERT INTO iid_options (year, number, param, label) VALUES (2023, '1', 3, 'Inovasi dalam visi dan misi');
INSERT INTO iid_indicators (year, number, position, variable, name, weight_x100, mandatory, aspect, evidence) VALUES (2023, '2a', 2, 'institusi', 'Ketepatan penetapan APBD 3 tahun terakhir', 100, 0, 'spd', 'Dokumen yang membuktikan parameter yang dipilih (PDF atau foto)');
INSERT INTO iid_options (year, number, param, label) VALUES (2023, '2a', 1, '1 tahun tepat waktu');
INSERT INTO iid_options (year, number, param, label) VALUES (2023, '2a', 2, '2 tahun tepat waktu');
INSERT INTO iid_options (year, number, param, label) VALUES (2023, '2a', 3, '3 tahun tepat waktu');
INSERT INTO iid_indicators (year, number, position, variable, name, weight_x100, mandatory, aspect, evidence) VALUES (2023, '2b', 3, 'institusi', 'Alokasi belanja wajib (mandatory spending)', 100, 0, 'spd', 'Dokumen yang membuktikan parameter yang dipilih (PDF atau foto)');
INSERT INTO iid_options (year, number, param, label) VALUES (2023, '2b', 1, '2 komponen');
INSERT INTO iid_options (year, number, param, label) VALUES (2023, '2b', 2, '3 komponen');
INSERT INTO iid_options (year, number, param, label) VALUES (2023, '2b', 3, 'Lebih dari 3 komponen');
INSERT INTO iid_indicators (year, number, position, variable, name, weight_x100, mandatory, aspect, evidence) VALUES (2023, '3', 4, 'institusi', 'Peningkatan kualitas perizinan', 100, 1, 'spd', 'Dokumen yang membuktikan parameter yang dipilih (PDF atau foto)');
INSERT INTO iid_options (year, number, param, label) VALUES (2023, '3', 1, 'Rentang persentase rendah');
INSERT INTO iid_options (year, number, param, label) VALUES (2023, '3', 2, 'Rentang persentase sedang');
INSERT INTO iid_options (year, number, param, label) VALUES (2023, '3', 3, 'Rentang persentase tinggi');
INSERT INTO iid_indicators (year, number, position, variable, name, weight_x100, mandatory, aspect, evidence) VALUES (2023, '4', 5, 'institusi', 'Pertumbuhan pendapatan per kapita', 100, 1, 'spd', 'Dokumen yang membuktikan parameter yang dipilih (PDF atau foto)');
INSERT INTO iid_options (year, number, param, label) VALUES (2023, '4', 1, 'Rentang persentase rendah');
INSERT INTO iid_options (year, number, param, label) VALUES (2023, '4', 2, 'Rentang persentase sedang');
INSERT INTO iid_options (year, number, param, label) VALUES (2023, '4', 3, 'Rentang persentase tinggi');
INSERT INTO iid_indicators (year, number, position, variable, name, weight_x100, mandatory, aspect, evidence) VALUES (2023, '5a', 6, 'institusi', 'Penurunan tingkat pengangguran terbuka (TPT)', 75, 1, 'spd', 'Dokumen yang membuktikan parameter yang dipilih (PDF atau foto)');
INSERT INTO iid_options (year, number, param, label) VALUES (2023, '5a', 1, 'Rentang rendah');
INSERT INTO iid_options (year, number, param, label) VALUES (2023, '5a', 2, 'Rentang sedang');
INSERT INTO iid_options (year, number, param, label) VALUES (2023, '5a', 3, 'Rentang tinggi');
INSERT INTO iid_indicators (year, number, position, variable, name, weight_x100, mandatory, aspect, evidence) VALUES (2023, '5b', 7, 'institusi', 'Tingkat pengangguran terbuka (TPT) T-1', 75, 1, 'spd', 'Dokumen yang membuktikan parameter yang dipilih (PDF atau foto)');
INSERT INTO iid_options (year, number, param, label) VALUES (2023, '5b', 1, 'Rentang rendah');
INSERT INTO iid_options (year, number, param, label) VALUES (2023, '5b', 2, 'Rentang sedang');
INSERT INTO iid_options (year, number, param, label) VALUES (2023, '5b', 3, 'Rentang tinggi');
INSERT INTO iid_indicators (year, number, position, variable, name, weight_x100, mandatory, aspect, evidence) VALUES (2023, '6', 8, 'institusi', 'Pertumbuhan investasi', 150, 1, 'spd', 'Dokumen yang membuktikan parameter yang dipilih (PDF atau foto)');
INSERT INTO iid_options (year, number, param, label) VALUES (2023, '6', 1, 'Rentang persentase rendah');
INSERT INTO iid_options (year, number, param, label) VALUES (2023, '6', 2, 'Rentang persentase sedang');
INSERT INTO iid_options (year, number, param, label) VALUES (2023, '6', 3, 'Rentang persentase tinggi');
INSERT INTO iid_indicators (year, number, position, variable, name, weight_x100, mandatory, aspect, evidence) VALUES (2023, '7', 9, 'institusi', 'Pertumbuhan pendapatan asli daerah (PAD)', 150, 1, 'spd', 'Dokumen yang membuktikan parameter yang dipilih (PDF atau foto)');
INSERT INTO iid_options (year, number, param, label) VALUES (2023, '7', 1, 'Rentang persentase rendah');
INSERT INTO iid_options (year, number, param, label) VALUES (2023, '7', 2, 'Rentang persentase sedang');
INSERT INTO iid_options (year, number, param, label) VALUES (2023, '7', 3, 'Rentang persentase tinggi');
INSERT INTO iid_indicators (year, number, position, variable, name, weight_x100, mandatory, aspect, evidence) VALUES (2023, '8', 10, 'institusi', 'Opini BPK atas laporan keuangan', 150, 1, 'spd', 'Dokumen yang membuktikan parameter yang dipilih (PDF atau foto)');
INSERT INTO iid_options (year, number, param, label) VALUES (2023, '8', 1, 'TMP atau TW');
INSERT INTO iid_options (year, number, param, label) VALUES (2023, '8', 2, 'WDP');
INSERT INTO iid_options (year, number, param, label) VALUES (2023, '8', 3, 'WTP');
INSERT INTO iid_indicators (year, number, position, variable, name, weight_x100, mandatory, aspect, evidence) VALUES (2023, '9', 11, 'institusi', 'Nilai LAKIP (SAKIP)', 100, 1, 'spd', 'Dokumen yang membuktikan parameter yang dipilih (PDF atau foto)');
INSERT INTO iid_options (year, number, param, label) VALUES (2023, '9', 1, 'C atau D');
INSERT INTO iid_options (year, number, param, label) VALUES (2023, '9', 2, 'B');
INSERT INTO iid_options (year, number, param, label) VALUES (2023, '9', 3, 'A');
INSERT INTO iid_indicators (year, number, position, variable, name, weight_x100, mandatory, aspect, evidence) VALUES (2023, '10a', 12, 'institusi', 'Penurunan tingkat kemiskinan', 75, 1, 'spd', 'Dokumen yang membuktikan parameter yang dipilih (PDF atau foto)');
INSERT INTO iid_options (year, number, param, label) VALUES (2023, '10a', 1, 'Rentang rendah');
INSERT INTO iid_options (year, number, param, label) VALUES (2023, '10a', 2, 'Rentang sedang');
INSERT INTO iid_options (year, number, param, label) VALUES (2023, '10a', 3, 'Rentang tinggi');
INSERT INTO iid_indicators (year, number, position, variable, name, weight_x100, mandatory, aspect, evidence) VALUES (2023, '10b', 13, 'institusi', 'Tingkat kemiskinan T-1', 75, 1, 'spd', 'Dokumen yang membuktikan parameter yang dipilih (PDF atau foto)');
INSERT INTO iid_options (year, number, param, label) VALUES (2023, '10b', 1, 'Rentang rendah');
INSERT INTO iid_options (year, number, param, label) VALUES (2023, '10b', 2, 'Rentang sedang');
INSERT INTO iid_options (year, number, param, label) VALUES (2023, '10b', 3, 'Rentang tinggi');
INSERT INTO iid_indicators (year, number, position, variable, name, weight_x100, mandatory, aspect, evidence) VALUES (2023, '11a', 14, 'sdm', 'Kenaikan indeks pembangunan manusia (IPM) dua tahun', 75, 1, 'spd', 'Dokumen yang membuktikan parameter yang dipilih (PDF atau foto)');
INSERT INTO iid_options (year, number, param, label) VALUES (2023, '11a', 1, 'Rentang rendah');
INSERT INTO iid_options (year, number, param, label) VALUES (2023, '11a', 2, 'Rentang sedang');
INSERT INTO iid_options (year, number, param, label) VALUES (2023, '11a', 3, 'Rentang tinggi');
INSERT INTO iid_indicators (year, number, position, variable, name, weight_x100, mandatory, aspect, evidence) VALUES (2023, '11b', 15, 'sdm', 'Nilai indeks pembangunan manusia (IPM)', 75, 1, 'spd', 'Dokumen yang membuktikan parameter yang dipilih (PDF atau foto)');
INSERT INTO iid_options (year, number, param, label) VALUES (2023, '11b', 1, 'Rentang rendah');
INSERT INTO iid_options (year, number, param, label) VALUES (2023, '11b', 2, 'Rentang sedang');
INSERT INTO iid_options (year, number, param, label) VALUES (2023, '11b', 3, 'Rentang tinggi');
INSERT INTO iid_indicators (year, number, position, variable, name, weight_x100, mandatory, aspect, evidence) VALUES (2023, '12', 16, 'sdm', 'Penghargaan bagi inovator', 200, 0, 'spd', 'Dokumen yang membuktikan parameter yang dipilih (PDF atau foto)');
INSERT INTO iid_options (year, number, param, label) VALUES (2023, '12', 1, 'Sertifikat');
INSERT INTO iid_options (year, number, param, label) VALUES (2023, '12', 2, 'Sertifikat dan insentif');
INSERT INTO iid_options (year, number, param, label) VALUES (2023, '12', 3, 'Sertifikat, insentif dan pengendalian yang melembaga');
INSERT INTO iid_indicators (year, number, position, variable, name, weight_x100, mandatory, aspect, evidence) VALUES (2023, '13a', 17, 'ekosistem', 'Rekomendasi kebijakan yang mendukung inovasi', 100, 0, 'spd', 'Dokumen yang membuktikan parameter yang dipilih (PDF atau foto)');
INSERT INTO iid_options (year, number, param, label) VALUES (2023, '13a', 1, '1-3 rekomendasi');
INSERT INTO iid_options (year, number, param, label) VALUES (2023, '13a', 2, '4-7 rekomendasi');
INSERT INTO iid_options (year, number, param, label) VALUES (2023, '13a', 3, 'Lebih dari 7 rekomendasi');
INSERT INTO iid_indicators (year, number, position, variable, name, weight_x100, mandatory, aspect, evidence) VALUES (2023, '13b', 18, 'ekosistem', 'Hasil indeks kualitas kebijakan (IKK)', 100, 0, 'spd', 'Dokumen yang membuktikan parameter yang dipilih (PDF atau foto)');
INSERT INTO iid_options (year, number, param, label) VALUES (2023, '13b', 1, 'Cukup atau kurang');
INSERT INTO iid_options (year, number, param, label) VALUES (2023, '13b', 2, 'Baik');
INSERT INTO iid_options (year, number, param, label) VALUES (2023, '13b', 3, 'Unggul atau sangat baik');
INSERT INTO iid_indicators (year, number, position, variable, name, weight_x100, mandatory, aspect, evidence) VALUES (2023, '14', 19, 'ekosistem', 'RIPJ PID (rencana induk dan peta jalan iptek daerah)', 100, 0, 'spd', 'Dokumen yang membuktikan parameter yang dipilih (PDF atau foto)');
INSERT INTO iid_options (year, number, param, label) VALUES (2023, '14', 1, 'Rancangan');
INSERT INTO iid_options (year, number, param, label) VALUES (2023, '14', 2, 'Disepakati');
INSERT INTO iid_options (year, number, param, label) VALUES (2023, '14', 3, 'Ditetapkan dengan Perkada');
INSERT INTO iid_indicators (year, number, position, variable, name, weight_x100, mandatory, aspect, evidence) VALUES (2023, '15', 20, 'ekosistem', 'Fasilitasi hak kekayaan intelektual (HAKI)', 100, 0, 'spd', 'Dokumen yang membuktikan parameter yang dipilih (PDF atau foto)');
INSERT INTO iid_options (year, number, param, label) VALUES (2023, '15', 1, 'Sosialisasi');
INSERT INTO iid_options (year, number, param, label) VALUES (2023, '15', 2, 'Sosialisasi dan fasilitasi administrasi');
INSERT INTO iid_options (year, number, param, label) VALUES (2023, '15', 3, 'Ditambah insentif pendanaan');
INSERT INTO iid_indicators (year, number, position, variable, name, weight_x100, mandatory, aspect, evidence) VALUES (2023, '16', 21, 'infrastruktur', 'Regulasi inovasi daerah', 300, 1, 'sid', 'Dokumen yang membuktikan parameter yang dipilih (PDF atau foto)');
INSERT INTO iid_options (year, number, param, label) VALUES (2023, '16', 1, 'SK kepala daerah atau OPD atas nama kepala daerah');
INSERT INTO iid_options (year, number, param, label) VALUES (2023, '16', 2, 'Peraturan kepala daerah');
INSERT INTO iid_options (year, number, param, label) VALUES (2023, '16', 3, 'Peraturan daerah');
INSERT INTO iid_indicators (year, number, position, variable, name, weight_x100, mandatory, aspect, evidence) VALUES (2023, '17', 22, 'infrastruktur', 'Ketersediaan dan peran sumber daya manusia', 200, 1, 'sid', 'Dokumen yang membuktikan parameter yang dipilih (PDF atau foto)');
INSERT INTO iid_options (year, number, param, label) VALUES (2023, '17', 1, '1-10 orang');
INSERT INTO iid_options (year, number, param, label) VALUES (2023, '17', 2, '11-30 orang');
INSERT INTO iid_options (year, number, param, label) VALUES (2023, '17', 3, 'Lebih dari 30 orang');
INSERT INTO iid_indicators (year, number, position, variable, name, weight_x100, mandatory, aspect, evidence) VALUES (2023, '18', 23, 'infrastruktur', 'Dukungan anggaran', 200, 0, 'sid', 'Dokumen yang membuktikan parameter yang dipilih (PDF atau foto)');
INSERT INTO iid_options (year, number, param, label) VALUES (2023, '18', 1, '1 tahun');
INSERT INTO iid_options (year, number, param, label) VALUES (2023, '18', 2, '2 tahun berturut-turut');
INSERT INTO iid_options (year, number, param, label) VALUES (2023, '18', 3, 'T-0, T-1 dan T-2');
INSERT INTO iid_indicators (year, number, position, variable, name, weight_x100, mandatory, aspect, evidence) VALUES (2023, '19', 24, 'kecanggihan', 'Alat kerja', 200, 0, 'sid', 'Dokumen yang membuktikan parameter yang dipilih (PDF atau foto)');
INSERT INTO iid_options (year, number, param, label) VALUES (2023, '19', 1, 'Manual');
INSERT INTO iid_options (year, number, param, label) VALUES (2023, '19', 2, 'Elektronik');
INSERT INTO iid_options (year, number, param, label) VALUES (2023, '19', 3, 'Sistem informasi daring atau kecerdasan buatan');
INSERT INTO iid_indicators (year, number, position, variable, name, weight_x100, mandatory, aspect, evidence) VALUES (2023, '20', 25, 'infrastruktur', 'Bimbingan teknis', 100, 0, 'sid', 'Dokumen yang membuktikan parameter yang dipilih (PDF atau foto)');
INSERT INTO iid_options (year, number, param, label) VALUES (2023, '20', 1, '1 kali dalam 3 tahun');
INSERT INTO iid_options (year, number, param, label) VALUES (2023, '20', 2, '2 kali dalam 3 tahun');
INSERT INTO iid_options (year, number, param, label) VALUES (2023, '20', 3, '3 kali atau lebih dalam 3 tahun');
INSERT INTO iid_indicators (year, number, position, variable, name, weight_x100, mandatory, aspect, evidence) VALUES (2023, '21', 26, 'infrastruktur', 'Terintegrasi dalam RKPD', 200, 0, 'sid', 'Dokumen yang membuktikan parameter yang dipilih (PDF atau foto)');
INSERT INTO iid_options (year, number, param, label) VALUES (2023, '21', 1, 'T-1 atau T-2');
INSERT INTO iid_options (year, number, param, label) VALUES (2023, '21', 2, 'T-1 dan T-2');
INSERT INTO iid_options (year, number, param, label) VALUES (2023, '21', 3, 'Ditambah T-0');
INSERT INTO iid_indicators (year, number, position, variable, name, weight_x100, mandatory, aspect, evidence) VALUES (2023, '22', 27, 'output', 'Keterlibatan aktor inovasi (pentahelix)', 100, 0, 'sid', 'Dokumen yang membuktikan parameter yang dipilih (PDF atau foto)');
INSERT INTO iid_options (year, number, param, label) VALUES (2023, '22', 1, '3 aktor');
INSERT INTO iid_options (year, number, param, label) VALUES (2023, '22', 2, '4 aktor');
INSERT INTO iid_options (year, number, param, label) VALUES (2023, '22', 3, '5 aktor atau lebih');
INSERT INTO iid_indicators (year, number, position, variable, name, weight_x100, mandatory, aspect, evidence) VALUES (2023, '23', 28, 'output', 'Pelaksana inovasi', 100, 0, 'sid', 'Dokumen yang membuktikan parameter yang dipilih (PDF atau foto)');
INSERT INTO iid_options (year, number, param, label) VALUES (2023, '23', 1, 'Tanpa surat');
INSERT INTO iid_options (year, number, param, label) VALUES (2023, '23', 2, 'Surat tugas OPD');
INSERT INTO iid_options (year, number, param, label) VALUES (2023, '23', 3, 'SK kepala daerah');
INSERT INTO iid_indicators (year, number, position, variable, name, weight_x100, mandatory, aspect, evidence) VALUES (2023, '24', 29, 'output', 'Jejaring inovasi (jumlah OPD)', 100, 0, 'sid', 'Dokumen yang membuktikan parameter yang dipilih (PDF atau foto)');
INSERT INTO iid_options (year, number, param, label) VALUES (2023, '24', 1, '2 OPD');
INSERT INTO iid_options (year, number, param, label) VALUES (2023, '24', 2, '3-4 OPD');
INSERT INTO iid_options (year, number, param, label) VALUES (2023, '24', 3, '5 OPD atau lebih');
INSERT INTO iid_indicators (year, number, position, variable, name, weight_x100, mandatory, aspect, evidence) VALUES (2023, '25', 30, 'output', 'Sosialisasi inovasi', 100, 0, 'sid', 'Dokumen yang membuktikan parameter yang dipilih (PDF atau foto)');
INSERT INTO iid_options (year, number, param, label) VALUES (2023, '25', 1, 'Foto dengan spanduk');
INSERT INTO iid_options (year, number, param, label) VALUES (2023, '25', 2, 'Media milik pemda');
INSERT INTO iid_options (year, number, param, label) VALUES (2023, '25', 3, 'Media berita independen');
INSERT INTO iid_indicators (year, number, position, variable, name, weight_x100, mandatory, aspect, evidence) VALUES (2023, '26', 31, 'kecepatan', 'Pedoman teknis', 100, 0, 'sid', 'Dokumen yang membuktikan parameter yang dipilih (PDF atau foto)');
INSERT INTO iid_options (year, number, param, label) VALUES (2023, '26', 1, 'Cetak');
INSERT INTO iid_options (year, number, param, label) VALUES (2023, '26', 2, 'Buku elektronik');
INSERT INTO iid_options (year, number, param, label) VALUES (2023, '26', 3, 'Daring');
INSERT INTO iid_indicators (year, number, position, variable, name, weight_x100, mandatory, aspect, evidence) VALUES (2023, '27', 32, 'kecepatan', 'Kemudahan informasi layanan', 100, 0, 'sid', 'Dokumen yang membuktikan parameter yang dipilih (PDF atau foto)');
INSERT INTO iid_options (year, number, param, label) VALUES (2023, '27', 1, '1 dari 4 saluran');
INSERT INTO iid_options (year, number, param, label) VALUES (2023, '27', 2, '2 dari 4 saluran');
INSERT INTO iid_options (year, number, param, label) VALUES (2023, '27', 3, '3 saluran atau lebih');
INSERT INTO iid_indicators (year, number, position, variable, name, weight_x100, mandatory, aspect, evidence) VALUES (2023, '28', 33, 'kecepatan', 'Kecepatan layanan', 200, 0, 'sid', 'Dokumen yang membuktikan parameter yang dipilih (PDF atau foto)');
INSERT INTO iid_options (year, number, param, label) VALUES (2023, '28', 1, '6 hari atau lebih');
INSERT INTO iid_options (year, number, param, label) VALUES (2023, '28', 2, '2-5 hari');
INSERT INTO iid_options (year, number, param, label) VALUES (2023, '28', 3, '1 hari');
INSERT INTO iid_indicators (year, number, position, variable, name, weight_x100, mandatory, aspect, evidence) VALUES (2023, '29', 34, 'kecepatan', 'Penyelesaian pengaduan', 100, 0, 'sid', 'Dokumen yang membuktikan parameter yang dipilih (PDF atau foto)');
INSERT INTO iid_options (year, number, param, label) VALUES (2023, '29', 1, '50% atau kurang, atau tidak ada');
INSERT INTO iid_options (year, number, param, label) VALUES (2023, '29', 2, '51-90%');
INSERT INTO iid_options (year, number, param, label) VALUES (2023, '29', 3, '91% atau lebih');
INSERT INTO iid_indicators (year, number, position, variable, name, weight_x100, mandatory, aspect, evidence) VALUES (2023, '30', 35, 'kecanggihan', 'Layanan terintegrasi', 200, 0, 'sid', 'Dokumen yang membuktikan parameter yang dipilih (PDF atau foto)');
INSERT INTO iid_options (year, number, param, label) VALUES (2023, '30', 1, 'Berdiri sendiri');
INSERT INTO iid_options (year, number, param, label) VALUES (2023, '30', 2, 'Satu portal unit');
INSERT INTO iid_options (year, number, param, label) VALUES (2023, '30', 3, 'Lintas unit (super-app)');
INSERT INTO iid_indicators (year, number, position, variable, name, weight_x100, mandatory, aspect, evidence) VALUES (2023, '31', 36, 'kecanggihan', 'Replikasi', 300, 0, 'sid', 'Dokumen yang membuktikan parameter yang dipilih (PDF atau foto)');
INSERT INTO iid_options (year, number, param, label) VALUES (2023, '31', 1, 'Direplikasi 1 kali');
INSERT INTO iid_options (year, number, param, label) VALUES (2023, '31', 2, 'Direplikasi 2 kali');
INSERT INTO iid_options (year, number, param, label) VALUES (2023, '31', 3, 'Direplikasi 3 kali oleh daerah berbeda');
INSERT INTO iid_indicators (year, number, position, variable, name, weight_x100, mandatory, aspect, evidence) VALUES (2023, '32', 37, 'kecepatan', 'Kecepatan penciptaan inovasi', 200, 1, 'sid', 'Dokumen yang membuktikan parameter yang dipilih (PDF atau foto)');
INSERT INTO iid_options (year, number, param, label) VALUES (2023, '32', 1, '9 bulan atau lebih');
INSERT INTO iid_options (year, number, param, label) VALUES (2023, '32', 2, '5-8 bulan');
INSERT INTO iid_options (year, number, param, label) VALUES (2023, '32', 3, '1-4 bulan');
INSERT INTO iid_indicators (year, number, position, variable, name, weight_x100, mandatory, aspect, evidence) VALUES (2023, '33', 38, 'jumlah', 'Kemanfaatan inovasi', 300, 1, 'sid', 'Dokumen yang membuktikan parameter yang dipilih (PDF atau foto)');
INSERT INTO iid_options (year, number, param, label) VALUES (2023, '33', 1, 'Rentang rendah pada satu dasar (a-f)');
INSERT INTO iid_options (year, number, param, label) VALUES (2023, '33', 2, 'Rentang sedang pada satu dasar (a-f)');
INSERT INTO iid_options (year, number, param, label) VALUES (2023, '33', 3, 'Rentang tinggi pada satu dasar (a-f)');
INSERT INTO iid_indicators (year, number, position, variable, name, weight_x100, mandatory, aspect, evidence) VALUES (2023, '34', 39, 'jumlah', 'Monitoring dan evaluasi', 200, 0, 'sid', 'Dokumen yang membuktikan parameter yang dipilih (PDF atau foto)');
INSERT INTO iid_options (year, number, param, label) VALUES (2023, '34', 1, 'Laporan internal');
INSERT INTO iid_options (year, number, param, label) VALUES (2023, '34', 2, 'Survei kepuasan masyarakat (SKM)');
INSERT INTO iid_options (year, number, param, label) VALUES (2023, '34', 3, 'Penelitian eksternal');
INSERT INTO iid_indicators (year, number, position, variable, name, weight_x100, mandatory, aspect, evidence) VALUES (2023, '35', 40, 'jumlah', 'Video inovasi', 400, 1, 'sid', 'Dokumen yang membuktikan parameter yang dipilih (PDF atau foto)');
INSERT INTO iid_options (year, number, param, label) VALUES (2023, '35', 1, 'Memenuhi 1-2 unsur substansi');
INSERT INTO iid_options (year, number, param, label) VALUES (2023, '35', 2, 'Memenuhi 3-4 unsur');
INSERT INTO iid_options (year, number, param, label) VALUES (2023, '35', 3, 'Memenuhi kelima unsur');
INSERT INTO iid_bands (year, position, name, min_x100, max_x100) VALUES (2023, 1, 'Sangat Inovatif', 6001, 10000);
INSERT INTO iid_bands (year, position, name, min_x100, max_x100) VALUES (2023, 2, 'Inovatif', 3500, 6000);
INSERT INTO iid_bands (year, position, name, min_x100, max_x100) VALUES (2023, 3, 'Kurang Inovatif', 1, 3499);
INSERT INTO iid_bands (year, position, name, min_x100, max_x100) VALUES (2023, 4, 'Tidak Dapat Dinilai', 0, 0);
