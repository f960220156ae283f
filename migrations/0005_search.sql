-- Search synonyms (issue 5): groups of phrases a query treats as one
-- ("pkm" = "puskesmas" = "pusat kesehatan masyarakat"), edited by curators at
-- /kurasi/sinonim. phrases is a JSON array of normalised phrases (lower case,
-- words separated by one space, see search::normalize_phrase), in the
-- curator's order. Portable as 0001: BIGINT ids from next_id(), BIGINT unix
-- seconds, TEXT. updated_by 0 and updated_at 0 mark the groups seeded here.
CREATE TABLE search_synonyms (
  id BIGINT PRIMARY KEY,
  phrases TEXT NOT NULL,
  note TEXT NOT NULL DEFAULT '',
  updated_at BIGINT NOT NULL,
  updated_by BIGINT NOT NULL DEFAULT 0
);

-- Common public-service abbreviations and synonyms, with fixed ids.
INSERT INTO search_synonyms (id, phrases, note, updated_at, updated_by) VALUES (1, '["pkm","puskesmas","pusat kesehatan masyarakat"]', '', 0, 0);
INSERT INTO search_synonyms (id, phrases, note, updated_at, updated_by) VALUES (2, '["dukcapil","disdukcapil","kependudukan dan pencatatan sipil","dinas kependudukan dan pencatatan sipil"]', '', 0, 0);
INSERT INTO search_synonyms (id, phrases, note, updated_at, updated_by) VALUES (3, '["ktp el","ktp elektronik","e ktp","ktp","kartu tanda penduduk"]', '', 0, 0);
INSERT INTO search_synonyms (id, phrases, note, updated_at, updated_by) VALUES (4, '["adminduk","administrasi kependudukan"]', '', 0, 0);
INSERT INTO search_synonyms (id, phrases, note, updated_at, updated_by) VALUES (5, '["kk","kartu keluarga"]', '', 0, 0);
INSERT INTO search_synonyms (id, phrases, note, updated_at, updated_by) VALUES (6, '["akta kelahiran","akte kelahiran","akta lahir"]', '', 0, 0);
INSERT INTO search_synonyms (id, phrases, note, updated_at, updated_by) VALUES (7, '["umkm","usaha mikro kecil dan menengah","ukm"]', '', 0, 0);
INSERT INTO search_synonyms (id, phrases, note, updated_at, updated_by) VALUES (8, '["bumdes","badan usaha milik desa"]', '', 0, 0);
INSERT INTO search_synonyms (id, phrases, note, updated_at, updated_by) VALUES (9, '["bansos","bantuan sosial"]', '', 0, 0);
INSERT INTO search_synonyms (id, phrases, note, updated_at, updated_by) VALUES (10, '["blt","bantuan langsung tunai"]', '', 0, 0);
INSERT INTO search_synonyms (id, phrases, note, updated_at, updated_by) VALUES (11, '["pkh","program keluarga harapan"]', '', 0, 0);
INSERT INTO search_synonyms (id, phrases, note, updated_at, updated_by) VALUES (12, '["dtks","data terpadu kesejahteraan sosial"]', '', 0, 0);
INSERT INTO search_synonyms (id, phrases, note, updated_at, updated_by) VALUES (13, '["sktm","surat keterangan tidak mampu"]', '', 0, 0);
INSERT INTO search_synonyms (id, phrases, note, updated_at, updated_by) VALUES (14, '["opd","organisasi perangkat daerah","skpd","satuan kerja perangkat daerah"]', '', 0, 0);
INSERT INTO search_synonyms (id, phrases, note, updated_at, updated_by) VALUES (15, '["pemda","pemerintah daerah"]', '', 0, 0);
INSERT INTO search_synonyms (id, phrases, note, updated_at, updated_by) VALUES (16, '["pemkab","pemerintah kabupaten"]', '', 0, 0);
INSERT INTO search_synonyms (id, phrases, note, updated_at, updated_by) VALUES (17, '["pemkot","pemerintah kota"]', '', 0, 0);
INSERT INTO search_synonyms (id, phrases, note, updated_at, updated_by) VALUES (18, '["ptsp","dpmptsp","pelayanan terpadu satu pintu","perizinan satu pintu"]', '', 0, 0);
INSERT INTO search_synonyms (id, phrases, note, updated_at, updated_by) VALUES (19, '["mpp","mal pelayanan publik"]', '', 0, 0);
INSERT INTO search_synonyms (id, phrases, note, updated_at, updated_by) VALUES (20, '["nib","nomor induk berusaha"]', '', 0, 0);
INSERT INTO search_synonyms (id, phrases, note, updated_at, updated_by) VALUES (21, '["oss","online single submission"]', '', 0, 0);
INSERT INTO search_synonyms (id, phrases, note, updated_at, updated_by) VALUES (22, '["imb","pbg","persetujuan bangunan gedung","izin mendirikan bangunan"]', '', 0, 0);
INSERT INTO search_synonyms (id, phrases, note, updated_at, updated_by) VALUES (23, '["rsud","rumah sakit umum daerah"]', '', 0, 0);
INSERT INTO search_synonyms (id, phrases, note, updated_at, updated_by) VALUES (24, '["posyandu","pos pelayanan terpadu"]', '', 0, 0);
INSERT INTO search_synonyms (id, phrases, note, updated_at, updated_by) VALUES (25, '["jkn","jaminan kesehatan nasional","kis","kartu indonesia sehat","bpjs kesehatan"]', '', 0, 0);
INSERT INTO search_synonyms (id, phrases, note, updated_at, updated_by) VALUES (26, '["kia","kesehatan ibu dan anak"]', '', 0, 0);
INSERT INTO search_synonyms (id, phrases, note, updated_at, updated_by) VALUES (27, '["aki","angka kematian ibu"]', '', 0, 0);
INSERT INTO search_synonyms (id, phrases, note, updated_at, updated_by) VALUES (28, '["akb","angka kematian bayi"]', '', 0, 0);
INSERT INTO search_synonyms (id, phrases, note, updated_at, updated_by) VALUES (29, '["bumil","ibu hamil"]', '', 0, 0);
INSERT INTO search_synonyms (id, phrases, note, updated_at, updated_by) VALUES (30, '["lansia","lanjut usia"]', '', 0, 0);
INSERT INTO search_synonyms (id, phrases, note, updated_at, updated_by) VALUES (31, '["stunting","tengkes","gagal tumbuh"]', '', 0, 0);
INSERT INTO search_synonyms (id, phrases, note, updated_at, updated_by) VALUES (32, '["tbc","tuberkulosis","tuberculosis"]', '', 0, 0);
INSERT INTO search_synonyms (id, phrases, note, updated_at, updated_by) VALUES (33, '["dbd","demam berdarah","demam berdarah dengue"]', '', 0, 0);
INSERT INTO search_synonyms (id, phrases, note, updated_at, updated_by) VALUES (34, '["kb","keluarga berencana"]', '', 0, 0);
INSERT INTO search_synonyms (id, phrases, note, updated_at, updated_by) VALUES (35, '["paud","pendidikan anak usia dini"]', '', 0, 0);
INSERT INTO search_synonyms (id, phrases, note, updated_at, updated_by) VALUES (36, '["pbb","pajak bumi dan bangunan"]', '', 0, 0);
INSERT INTO search_synonyms (id, phrases, note, updated_at, updated_by) VALUES (37, '["pad","pendapatan asli daerah"]', '', 0, 0);
INSERT INTO search_synonyms (id, phrases, note, updated_at, updated_by) VALUES (38, '["apbd","anggaran pendapatan dan belanja daerah"]', '', 0, 0);
INSERT INTO search_synonyms (id, phrases, note, updated_at, updated_by) VALUES (39, '["bapenda","badan pendapatan daerah"]', '', 0, 0);
INSERT INTO search_synonyms (id, phrases, note, updated_at, updated_by) VALUES (40, '["bappeda","badan perencanaan pembangunan daerah"]', '', 0, 0);
INSERT INTO search_synonyms (id, phrases, note, updated_at, updated_by) VALUES (41, '["bkd","badan kepegawaian daerah","bkpsdm"]', '', 0, 0);
INSERT INTO search_synonyms (id, phrases, note, updated_at, updated_by) VALUES (42, '["samsat","sistem administrasi manunggal satu atap"]', '', 0, 0);
INSERT INTO search_synonyms (id, phrases, note, updated_at, updated_by) VALUES (43, '["bpbd","badan penanggulangan bencana daerah"]', '', 0, 0);
INSERT INTO search_synonyms (id, phrases, note, updated_at, updated_by) VALUES (44, '["karhutla","kebakaran hutan dan lahan"]', '', 0, 0);
INSERT INTO search_synonyms (id, phrases, note, updated_at, updated_by) VALUES (45, '["pdam","perumda air minum","perusahaan daerah air minum"]', '', 0, 0);
INSERT INTO search_synonyms (id, phrases, note, updated_at, updated_by) VALUES (46, '["tps","tempat pembuangan sementara"]', '', 0, 0);
INSERT INTO search_synonyms (id, phrases, note, updated_at, updated_by) VALUES (47, '["tpa","tempat pemrosesan akhir","tempat pembuangan akhir"]', '', 0, 0);
INSERT INTO search_synonyms (id, phrases, note, updated_at, updated_by) VALUES (48, '["rtlh","rumah tidak layak huni"]', '', 0, 0);
INSERT INTO search_synonyms (id, phrases, note, updated_at, updated_by) VALUES (49, '["asn","aparatur sipil negara","pns","pegawai negeri sipil"]', '', 0, 0);
INSERT INTO search_synonyms (id, phrases, note, updated_at, updated_by) VALUES (50, '["sdm","sumber daya manusia"]', '', 0, 0);
INSERT INTO search_synonyms (id, phrases, note, updated_at, updated_by) VALUES (51, '["spbe","sistem pemerintahan berbasis elektronik","e government"]', '', 0, 0);
INSERT INTO search_synonyms (id, phrases, note, updated_at, updated_by) VALUES (52, '["sakip","sistem akuntabilitas kinerja instansi pemerintah"]', '', 0, 0);
INSERT INTO search_synonyms (id, phrases, note, updated_at, updated_by) VALUES (53, '["ikm","indeks kepuasan masyarakat","skm","survei kepuasan masyarakat"]', '', 0, 0);
INSERT INTO search_synonyms (id, phrases, note, updated_at, updated_by) VALUES (54, '["ppid","pejabat pengelola informasi dan dokumentasi"]', '', 0, 0);
INSERT INTO search_synonyms (id, phrases, note, updated_at, updated_by) VALUES (55, '["sp4n lapor","layanan aspirasi dan pengaduan online rakyat"]', '', 0, 0);
INSERT INTO search_synonyms (id, phrases, note, updated_at, updated_by) VALUES (56, '["pengaduan","aduan","keluhan","komplain"]', '', 0, 0);
INSERT INTO search_synonyms (id, phrases, note, updated_at, updated_by) VALUES (57, '["ttg","teknologi tepat guna"]', '', 0, 0);
INSERT INTO search_synonyms (id, phrases, note, updated_at, updated_by) VALUES (58, '["ekraf","ekonomi kreatif"]', '', 0, 0);
INSERT INTO search_synonyms (id, phrases, note, updated_at, updated_by) VALUES (59, '["pariwisata","wisata"]', '', 0, 0);
INSERT INTO search_synonyms (id, phrases, note, updated_at, updated_by) VALUES (60, '["disabilitas","difabel","penyandang disabilitas"]', '', 0, 0);
INSERT INTO search_synonyms (id, phrases, note, updated_at, updated_by) VALUES (61, '["ak1","kartu kuning","kartu pencari kerja"]', '', 0, 0);
INSERT INTO search_synonyms (id, phrases, note, updated_at, updated_by) VALUES (62, '["daring","online","onlen","dalam jaringan"]', '', 0, 0);
INSERT INTO search_synonyms (id, phrases, note, updated_at, updated_by) VALUES (63, '["luring","offline","luar jaringan"]', '', 0, 0);
INSERT INTO search_synonyms (id, phrases, note, updated_at, updated_by) VALUES (64, '["aplikasi","app","apps"]', '', 0, 0);
INSERT INTO search_synonyms (id, phrases, note, updated_at, updated_by) VALUES (65, '["antrean","antrian","antri","antre"]', '', 0, 0);
INSERT INTO search_synonyms (id, phrases, note, updated_at, updated_by) VALUES (66, '["pungli","pungutan liar"]', '', 0, 0);
INSERT INTO search_synonyms (id, phrases, note, updated_at, updated_by) VALUES (67, '["macet","kemacetan","kepadatan lalu lintas"]', '', 0, 0);

-- next_id('search_synonyms') continues after the seeded ids.
INSERT INTO id_sequences (name, next_value) VALUES ('search_synonyms', 67);
