#include "directory/demo_text.hpp"

#include <array>
#include <cctype>

namespace lumbung::directory::demo {

namespace {

using W = const char* const;

// --- per-sector vocabulary ------------------------------------------------
W kKesWho[] = {"ibu hamil", "balita", "lansia", "pasien rawat jalan", "penderita TBC", "remaja putri", "pasien BPJS"};
W kKesPlace[] = {"puskesmas", "posyandu", "RSUD", "pustu", "poskesdes"};
W kKesIssue[] = {"antrean pasien yang panjang", "angka stunting yang tinggi", "kematian ibu dan bayi",
                 "cakupan imunisasi yang rendah", "keterlambatan rujukan", "gizi buruk pada balita",
                 "anemia pada remaja putri"};
W kKesFix[] = {"pendaftaran daring melalui aplikasi", "pendampingan kader kesehatan dari rumah ke rumah",
               "pemberian makanan tambahan berbahan pangan lokal", "sistem rujukan terintegrasi",
               "layanan jemput bola dengan ambulans desa", "pemantauan tumbuh kembang berbasis data"};
W kKesMeasure[] = {"waktu tunggu pasien", "prevalensi stunting", "cakupan imunisasi dasar lengkap",
                   "kasus gizi buruk"};

W kDikWho[] = {"siswa SD", "siswa SMP", "anak putus sekolah", "guru honorer", "anak berkebutuhan khusus",
               "warga buta aksara"};
W kDikPlace[] = {"sekolah", "PKBM", "perpustakaan desa", "taman baca", "madrasah"};
W kDikIssue[] = {"angka putus sekolah yang tinggi", "rendahnya minat baca", "kekurangan guru di daerah terpencil",
                 "akses sekolah yang jauh", "rendahnya literasi numerasi"};
W kDikFix[] = {"kelas jauh dan guru kunjung", "perpustakaan keliling", "beasiswa bagi keluarga miskin",
               "pembelajaran daring di balai desa", "pendataan anak tidak sekolah by name by address",
               "gerakan orang tua asuh"};
W kDikMeasure[] = {"angka putus sekolah", "nilai literasi siswa", "anak tidak sekolah"};

W kDukWho[] = {"bayi baru lahir", "warga lanjut usia", "penyandang disabilitas", "warga desa terpencil",
               "pasangan calon pengantin", "pemilih pemula"};
W kDukPlace[] = {"kantor Disdukcapil", "kantor desa", "kelurahan", "kantor kecamatan", "mal pelayanan publik"};
W kDukIssue[] = {"pengurusan akta kelahiran yang lama", "rendahnya kepemilikan KTP-el",
                 "antrean panjang di kantor dukcapil", "dokumen kependudukan yang tidak mutakhir",
                 "biaya perjalanan warga ke kota kabupaten"};
W kDukFix[] = {"penerbitan akta langsung di tempat persalinan", "perekaman KTP-el jemput bola",
               "layanan adminduk daring tanpa tatap muka", "anjungan dukcapil mandiri",
               "kerja sama dengan desa untuk pendaftaran penduduk"};
W kDukMeasure[] = {"waktu penerbitan dokumen", "kepemilikan akta kelahiran anak", "perekaman KTP-el"};

W kSosWho[] = {"keluarga miskin", "lansia terlantar", "anak jalanan", "korban kekerasan", "penerima bansos"};
W kSosPlace[] = {"kantor dinas sosial", "desa", "rumah singgah", "kelurahan", "posko pengaduan"};
W kSosIssue[] = {"bantuan sosial yang tidak tepat sasaran", "kekerasan terhadap perempuan dan anak",
                 "lansia yang hidup sendiri", "data terpadu kesejahteraan sosial yang tidak akurat"};
W kSosFix[] = {"verifikasi dan validasi data penerima secara daring", "layanan pengaduan terpadu 24 jam",
               "pendampingan keluarga oleh relawan", "rumah aman dan layanan konseling"};
W kSosMeasure[] = {"ketepatan sasaran bantuan", "kasus yang tertangani", "data penerima yang diperbarui"};

W kUmkWho[] = {"pelaku UMKM", "pengrajin", "petani kopi", "pedagang pasar", "ibu rumah tangga"};
W kUmkPlace[] = {"pasar tradisional", "sentra UMKM", "koperasi", "BUMDes", "galeri produk lokal"};
W kUmkIssue[] = {"sulitnya akses permodalan", "pemasaran produk yang terbatas", "rendahnya kualitas kemasan",
                 "perizinan usaha yang berbelit"};
W kUmkFix[] = {"pemasaran lewat lokapasar milik daerah", "kredit usaha tanpa agunan melalui bank daerah",
               "klinik kemasan dan sertifikasi halal", "pendampingan digitalisasi usaha"};
W kUmkMeasure[] = {"omzet pelaku usaha", "produk bersertifikat halal", "pelaku usaha yang naik kelas"};

W kTanWho[] = {"petani", "peternak", "kelompok tani", "penyuluh pertanian", "keluarga rawan pangan"};
W kTanPlace[] = {"balai penyuluhan", "lahan sawah", "kebun desa", "lumbung pangan", "kandang komunal"};
W kTanIssue[] = {"gagal panen akibat hama", "harga gabah yang anjlok", "kelangkaan pupuk bersubsidi",
                 "ketahanan pangan keluarga yang rendah"};
W kTanFix[] = {"pemantauan hama dengan aplikasi", "lumbung pangan desa", "kartu tani digital",
               "pekarangan pangan lestari", "asuransi usaha tani"};
W kTanMeasure[] = {"produktivitas padi", "luas serangan hama", "pendapatan petani"};

W kLhWho[] = {"warga kota", "pengelola bank sampah", "sekolah adiwiyata", "pedagang pasar", "nelayan pesisir"};
W kLhPlace[] = {"TPS", "bank sampah", "bantaran sungai", "pesisir", "TPA"};
W kLhIssue[] = {"timbunan sampah plastik", "pencemaran sungai", "pembakaran sampah terbuka", "abrasi pantai"};
W kLhFix[] = {"bank sampah digital yang menukar sampah dengan saldo", "pengolahan sampah organik menjadi kompos",
              "penanaman mangrove bersama warga", "retribusi sampah nontunai"};
W kLhMeasure[] = {"sampah yang terkelola", "sampah yang masuk TPA", "luas mangrove yang tertanam"};

W kInfWho[] = {"pengguna jalan", "pelajar", "warga pulau kecil", "sopir angkot"};
W kInfPlace[] = {"jalan kabupaten", "dermaga", "terminal", "jembatan desa"};
W kInfIssue[] = {"jalan rusak yang lama diperbaiki", "angkutan umum yang tidak terjadwal",
                 "akses ke pulau terpencil", "kemacetan di pusat kota"};
W kInfFix[] = {"pelaporan jalan rusak lewat aplikasi", "bus sekolah gratis", "kapal perintis terjadwal",
               "angkutan umum terintegrasi dengan pembayaran nontunai"};
W kInfMeasure[] = {"waktu perbaikan jalan", "penumpang angkutan umum", "waktu tempuh"};

W kIzWho[] = {"investor", "pelaku usaha", "pemohon PBG", "pedagang kaki lima"};
W kIzPlace[] = {"DPMPTSP", "mal pelayanan publik", "kantor kecamatan", "gerai perizinan"};
W kIzIssue[] = {"perizinan yang berbelit dan lama", "pungutan liar dalam pengurusan izin",
                "ketidakjelasan persyaratan izin"};
W kIzFix[] = {"perizinan daring terintegrasi OSS", "layanan izin antar ke rumah", "tanda tangan elektronik untuk izin",
              "perizinan paralel satu pintu"};
W kIzMeasure[] = {"waktu penerbitan izin", "nilai investasi", "izin yang terbit tepat waktu"};

W kKeuWho[] = {"wajib pajak", "bendahara desa", "pemilik kendaraan", "pemilik tanah"};
W kKeuPlace[] = {"kantor Bapenda", "kantor samsat", "kantor desa", "bank daerah"};
W kKeuIssue[] = {"rendahnya kepatuhan membayar pajak daerah", "kebocoran retribusi",
                 "pengelolaan dana desa yang tidak transparan"};
W kKeuFix[] = {"pembayaran PBB melalui aplikasi", "samsat keliling", "sistem keuangan desa daring",
               "retribusi nontunai dengan kode QR"};
W kKeuMeasure[] = {"realisasi pendapatan asli daerah", "kepatuhan wajib pajak", "retribusi yang tercatat"};

W kTkWho[] = {"ASN", "kepala OPD", "warga", "perangkat desa"};
W kTkPlace[] = {"sekretariat daerah", "inspektorat", "BKPSDM", "kantor bupati"};
W kTkIssue[] = {"pengaduan warga yang tidak ditindaklanjuti", "kinerja ASN yang sulit diukur", "arsip yang hilang",
                "perencanaan yang tidak berbasis data"};
W kTkFix[] = {"kanal pengaduan terpadu dengan tenggat tindak lanjut", "e-kinerja berbasis capaian", "arsip digital",
              "satu data daerah"};
W kTkMeasure[] = {"pengaduan yang selesai tepat waktu", "nilai SAKIP", "indeks SPBE"};

W kBenWho[] = {"warga bantaran sungai", "relawan", "warga lereng gunung", "sekolah rawan bencana"};
W kBenPlace[] = {"BPBD", "posko bencana", "desa tangguh bencana", "jalur evakuasi"};
W kBenIssue[] = {"banjir tahunan", "lambatnya peringatan dini", "tanah longsor", "kebakaran hutan dan lahan"};
W kBenFix[] = {"sistem peringatan dini berbasis sensor", "desa tangguh bencana", "patroli karhutla terpadu",
               "peta rawan bencana yang terbuka"};
W kBenMeasure[] = {"waktu tanggap darurat", "titik api", "korban jiwa"};

W kNakWho[] = {"pencari kerja", "lulusan SMK", "pekerja migran", "pekerja informal"};
W kNakPlace[] = {"Disnaker", "balai latihan kerja", "bursa kerja", "desa migran"};
W kNakIssue[] = {"pengangguran lulusan muda", "penerbitan kartu kuning AK1 yang lama", "pekerja migran nonprosedural"};
W kNakFix[] = {"bursa kerja daring", "AK1 daring", "pelatihan kerja sesuai kebutuhan industri",
               "layanan terpadu satu atap pekerja migran"};
W kNakMeasure[] = {"tingkat pengangguran terbuka", "pencari kerja yang terserap", "waktu penerbitan AK1"};

W kParWho[] = {"wisatawan", "pelaku ekonomi kreatif", "sanggar seni", "pokdarwis"};
W kParPlace[] = {"desa wisata", "museum", "cagar budaya", "pantai"};
W kParIssue[] = {"rendahnya kunjungan wisatawan", "hilangnya tradisi lokal", "promosi wisata yang lemah"};
W kParFix[] = {"pemandu digital destinasi", "festival budaya tahunan", "tiket wisata nontunai", "pelatihan pokdarwis"};
W kParMeasure[] = {"kunjungan wisatawan", "pendapatan desa wisata", "lama tinggal wisatawan"};

W kAirWho[] = {"rumah tangga", "warga pesisir", "sekolah", "pelanggan PDAM"};
W kAirPlace[] = {"PDAM", "SPAM desa", "sumur bor", "jamban komunal"};
W kAirIssue[] = {"buang air besar sembarangan", "kekurangan air bersih di musim kemarau", "kebocoran pipa air"};
W kAirFix[] = {"arisan jamban sehat", "pemanenan air hujan", "pelaporan kebocoran pipa oleh pelanggan",
               "SPAM berbasis masyarakat"};
W kAirMeasure[] = {"akses sanitasi layak", "kehilangan air", "rumah tangga dengan air bersih"};

constexpr std::array<Sector, 15> kSectors = {{
    {"kesehatan", 24, "Dinas Kesehatan", "puskesmas", kKesWho, kKesPlace, kKesIssue, kKesFix, kKesMeasure},
    {"pendidikan", 13, "Dinas Pendidikan dan Kebudayaan", "sekolah", kDikWho, kDikPlace, kDikIssue, kDikFix,
     kDikMeasure},
    {"kependudukan", 9, "Dinas Kependudukan dan Pencatatan Sipil", "kecamatan", kDukWho, kDukPlace, kDukIssue,
     kDukFix, kDukMeasure},
    {"sosial", 6, "Dinas Sosial", "kelurahan", kSosWho, kSosPlace, kSosIssue, kSosFix, kSosMeasure},
    {"ekonomi-umkm", 7, "Dinas Koperasi dan Usaha Kecil Menengah", "", kUmkWho, kUmkPlace, kUmkIssue, kUmkFix,
     kUmkMeasure},
    {"pertanian-pangan", 7, "Dinas Pertanian dan Ketahanan Pangan", "desa", kTanWho, kTanPlace, kTanIssue, kTanFix,
     kTanMeasure},
    {"lingkungan", 6, "Dinas Lingkungan Hidup", "kelurahan", kLhWho, kLhPlace, kLhIssue, kLhFix, kLhMeasure},
    {"infrastruktur-transportasi", 5, "Dinas Pekerjaan Umum dan Penataan Ruang", "", kInfWho, kInfPlace, kInfIssue,
     kInfFix, kInfMeasure},
    {"perizinan-investasi", 5, "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu", "", kIzWho, kIzPlace,
     kIzIssue, kIzFix, kIzMeasure},
    {"keuangan-pajak", 4, "Badan Pendapatan Daerah", "", kKeuWho, kKeuPlace, kKeuIssue, kKeuFix, kKeuMeasure},
    {"tata-kelola", 6, "Dinas Komunikasi dan Informatika", "kecamatan", kTkWho, kTkPlace, kTkIssue, kTkFix,
     kTkMeasure},
    {"kebencanaan", 2, "Badan Penanggulangan Bencana Daerah", "", kBenWho, kBenPlace, kBenIssue, kBenFix,
     kBenMeasure},
    {"ketenagakerjaan", 2, "Dinas Tenaga Kerja", "uptd", kNakWho, kNakPlace, kNakIssue, kNakFix, kNakMeasure},
    {"pariwisata-budaya", 2, "Dinas Pariwisata", "desa", kParWho, kParPlace, kParIssue, kParFix, kParMeasure},
    {"air-sanitasi", 2, "Dinas Perumahan dan Kawasan Permukiman", "bumd", kAirWho, kAirPlace, kAirIssue, kAirFix,
     kAirMeasure},
}};

W kAgencies[] = {
    "Dinas Kesehatan", "Dinas Pendidikan dan Kebudayaan", "Dinas Kependudukan dan Pencatatan Sipil", "Dinas Sosial",
    "Dinas Koperasi dan Usaha Kecil Menengah", "Dinas Pertanian dan Ketahanan Pangan", "Dinas Lingkungan Hidup",
    "Dinas Pekerjaan Umum dan Penataan Ruang", "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu",
    "Badan Pendapatan Daerah", "Dinas Komunikasi dan Informatika", "Badan Penanggulangan Bencana Daerah",
    "Dinas Tenaga Kerja", "Dinas Pariwisata", "Dinas Perumahan dan Kawasan Permukiman",
    "Badan Perencanaan Pembangunan Daerah", "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia",
    "Badan Pengelolaan Keuangan dan Aset Daerah", "Inspektorat Daerah", "Sekretariat Daerah",
    "Sekretariat DPRD", "Dinas Perhubungan", "Dinas Perikanan", "Dinas Perdagangan dan Perindustrian",
    "Dinas Pemberdayaan Perempuan dan Perlindungan Anak", "Dinas Pemberdayaan Masyarakat dan Desa",
    "Dinas Pemuda dan Olahraga", "Dinas Perpustakaan dan Kearsipan", "Satuan Polisi Pamong Praja",
    "Dinas Pemadam Kebakaran dan Penyelamatan", "Badan Kesatuan Bangsa dan Politik",
    "Badan Riset dan Inovasi Daerah", "Dinas Pengendalian Penduduk dan Keluarga Berencana",
    "Dinas Ketahanan Pangan", "Dinas Peternakan dan Kesehatan Hewan", "Bagian Organisasi Sekretariat Daerah",
};

// --- shared phrases --------------------------------------------------------
W kSyllables[] = {"SI", "MA", "TA", "RA", "KU", "PE", "LA", "NU", "SA", "DAN", "GI", "BO", "CE", "RI", "MO",
                  "KA", "YA", "TU", "JE", "PA", "DU", "GE", "LI", "SE"};
W kAffix[] = {"Pelayanan", "Penanganan", "Pemberdayaan", "Peningkatan", "Percepatan", "Pendampingan", "Pemantauan",
              "Pengelolaan", "Penguatan", "Perluasan"};
W kVerb[] = {"memudahkan", "mempercepat", "mendekatkan", "meningkatkan", "memperluas", "menjamin"};
W kConnect[] = {"Sebelumnya,", "Selama ini,", "Menurut data dinas,", "Di banyak desa,", "Pada tahun-tahun awal,"};
W kPartner[] = {"kader desa", "perguruan tinggi setempat", "BUMDes", "relawan muda", "mitra swasta",
                "tokoh agama dan tokoh adat", "organisasi perangkat daerah terkait"};
W kTool[] = {"aplikasi Android", "formulir sederhana", "dasbor daring", "pesan WhatsApp terjadwal",
             "papan informasi di balai desa", "kode QR"};
W kBasis[] = {"SK Kepala Dinas", "Peraturan Bupati", "Peraturan Wali Kota", "SOP unit", "Surat Edaran Sekretaris Daerah"};
W kFunding[] = {"APBD", "APBD dan dana desa", "DAK nonfisik", "APBN melalui dana alokasi khusus", "CSR perusahaan daerah",
                "APBD dan kemitraan swasta", "tanpa anggaran tambahan (realokasi kegiatan rutin)"};
W kNovelty[] = {
    "Sebelumnya belum ada layanan serupa di daerah ini; warga selalu harus datang sendiri ke kantor.",
    "Kebaruannya terletak pada cara kerja jemput bola dan pemanfaatan data yang sudah ada, bukan pada teknologi yang mahal.",
    "Inovasi ini menggabungkan layanan beberapa perangkat daerah dalam satu alur, sehingga warga tidak lagi berpindah loket.",
    "Yang baru adalah pelibatan warga sebagai pelapor dan pengawas, dengan umpan balik yang terbuka untuk semua.",
    "Untuk pertama kalinya layanan ini dapat dipantau secara terbuka, lengkap dengan tenggat waktu untuk setiap tahap."};

std::string capitalize(std::string s) {
  if (!s.empty()) s[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(s[0])));
  return s;
}

std::string title_case(const std::string& s) {
  std::string out = s;
  bool start = true;
  for (char& c : out) {
    if (start && std::islower(static_cast<unsigned char>(c))) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    start = c == ' ';
  }
  return out;
}

// "1.500" (Indonesian thousands separator).
std::string thousands(long long n) {
  std::string digits = std::to_string(n), out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out.push_back('.');
    out.push_back(digits[i]);
  }
  return out;
}

}  // namespace

std::span<const Sector> sectors() { return kSectors; }
std::span<const char* const> agencies() { return kAgencies; }

std::string short_region_name(const std::string& name) {
  for (const char* prefix : {"Kabupaten Administrasi ", "Kota Administrasi ", "Kabupaten ", "Kota "}) {
    const std::string p = prefix;
    if (name.rfind(p, 0) == 0) return name.substr(p.size());
  }
  return name;
}

void write_profile(SplitMix64& rng, const Sector& s, const std::string& region_name, const std::string& unit,
                   int year, InnovationDraft& d) {
  const std::string where = short_region_name(region_name);
  const std::string who = rng.pick(s.who), who2 = rng.pick(s.who), place = rng.pick(s.place);
  const std::string issue = rng.pick(s.issue), fix = rng.pick(s.fix), measure = rng.pick(s.measure);
  std::string acronym;
  for (int k = rng.between(2, 4); k > 0; --k) acronym += rng.pick(kSyllables);
  d.name = acronym + " (" + rng.pick(kAffix) + " " + title_case(who) + " melalui " + title_case(fix) + ")";
  if (d.name.size() > 190) d.name = acronym + " " + where;

  d.summary = acronym + " " + rng.pick(kVerb) + " layanan bagi " + who + " di " + where + " melalui " + fix +
              ". Inovasi " + unit + " ini menjawab " + issue + " dan sejak " + std::to_string(year) +
              " menjadi bagian dari layanan rutin.";

  const int complaints = rng.between(40, 900), days_before = rng.between(3, 14);
  d.problem = std::string(rng.pick(kConnect)) + " " + issue + " menjadi masalah utama bagi " + who + " di " + where +
              ". Warga harus datang ke " + place + " berkali-kali dan menunggu berjam-jam, sementara petugas masih " +
              "mencatat secara manual dan data antarunit tidak tersambung. Pada " + std::to_string(year - 1) +
              " tercatat " + std::to_string(complaints) + " keluhan terkait " + issue + " melalui kanal pengaduan, " +
              "dan rata-rata satu layanan baru selesai dalam " + std::to_string(days_before) + " hari. " +
              "Kondisi ini paling berat dirasakan " + who2 + " yang tinggal jauh dari pusat " +
              (region_name.rfind("Kota", 0) == 0 ? "kota" : "kabupaten") +
              ", karena biaya perjalanan dan waktu kerja yang hilang. Akibatnya kepercayaan masyarakat kepada " +
              "pelayanan pemerintah daerah menurun dan target " + measure + " dalam RPJMD sulit tercapai.";

  d.solution = acronym + " adalah " + fix + " yang dikembangkan oleh " + unit + " bersama " + rng.pick(kPartner) +
               ". Inovasi ini " + rng.pick(kVerb) + " layanan bagi " + who + " dengan cara " + fix + ", sehingga " +
               issue + " dapat ditekan. Petugas di " + place + " menggunakan " + rng.pick(kTool) +
               " untuk mencatat, memantau, dan menindaklanjuti setiap permohonan, dan setiap tahap memiliki " +
               "tenggat waktu yang jelas. Warga cukup mendaftar sekali; petugas yang datang atau menghubungi " +
               "mereka, bukan sebaliknya. Prosedur baru ditetapkan dengan " + rng.pick(kBasis) +
               " dan disosialisasikan kepada " + who + " melalui kecamatan, desa, dan media sosial pemerintah " +
               "daerah. Setiap bulan tim inovasi meninjau data layanan dan keluhan untuk memperbaiki alur kerja.";

  d.novelty = rng.pick(kNovelty);
  d.beneficiaries = capitalize(who) + " dan " + who2 + " di " + where + " menjadi penerima manfaat utama. " +
                    "Petugas " + place + " juga terbantu karena pekerjaan administrasi berkurang dan data " +
                    "tersedia untuk perencanaan.";

  static constexpr long long kServed[] = {120, 350, 800, 1500, 4200, 12000, 56000};
  const int pct = rng.between(12, 78), days_after = rng.between(1, 2), replicas = rng.between(0, 6);
  d.results = "Sejak " + std::to_string(year) + " sebanyak " + thousands(rng.pick(kServed)) + " " + who +
              " telah terlayani. Angka " + measure + " membaik " + std::to_string(pct) +
              " persen dibandingkan sebelum inovasi, dan waktu layanan berkurang dari " + std::to_string(days_before) +
              " hari menjadi " + std::to_string(days_after) + " hari. Survei kepuasan masyarakat menunjukkan nilai " +
              std::to_string(rng.between(78, 96)) + " dari 100. " +
              (replicas == 0 ? std::string("Beberapa daerah tetangga telah datang untuk mempelajari inovasi ini.")
                             : "Inovasi ini telah direplikasi oleh " + std::to_string(replicas) + " daerah lain.");

  const long long budget_million = rng.between(0, 40) * 25;
  d.budget_amount = budget_million * 1'000'000;
  d.budget_text = budget_million == 0 ? "Tanpa biaya tambahan"
                                      : "Rp " + thousands(budget_million) + " juta per tahun untuk operasional dan pelatihan";
  d.funding_source = budget_million == 0 ? "tanpa anggaran tambahan (realokasi kegiatan rutin)" : rng.pick(kFunding);
}

}  // namespace lumbung::directory::demo
