// The IID pages' form parsers and CSV export.
#include "web/iid_view.hpp"

#include <gtest/gtest.h>

namespace lumbung::web {
namespace {

TEST(IidView, DecimalsInHundredths) {
  EXPECT_EQ(parse_x100("0.38"), 38);
  EXPECT_EQ(parse_x100("0,38"), 38);
  EXPECT_EQ(parse_x100(" 1 "), 100);
  EXPECT_EQ(parse_x100("60.01"), 6001);
  EXPECT_EQ(parse_x100("34.9"), 3490);
  EXPECT_EQ(parse_x100("1234567.89"), 123456789);
  for (const char* bad : {"", "-1", "+1", "1.", ".5", "1.234", "1,2,3", "1e3", "abc", "12345678", "0x10", "1 2"})
    EXPECT_EQ(parse_x100(bad), std::nullopt) << bad;
}

TEST(IidView, Dates) {
  EXPECT_EQ(parse_date("2023-06-01"), 1685577600);
  EXPECT_EQ(format_date(1685577600), "2023-06-01");
  EXPECT_EQ(parse_date("2024-02-29").has_value(), true);
  for (const char* bad : {"2023-02-29", "2023-13-01", "2023-00-10", "1999-01-01", "2023-6-1", "2023/06/01", "",
                          "2023-06-01x", "2023-06-32"})
    EXPECT_EQ(parse_date(bad), std::nullopt) << bad;
}

TEST(IidView, ClustersOfTheUrl) {
  EXPECT_EQ(cluster_kind("provinsi"), "province");
  EXPECT_EQ(cluster_kind("kabupaten"), "regency");
  EXPECT_EQ(cluster_kind("kota"), "city");
  EXPECT_EQ(cluster_kind("perbatasan"), "perbatasan");
  EXPECT_EQ(cluster_kind("tertinggal"), "tertinggal");
  EXPECT_EQ(cluster_kind("lainnya"), "");
}

TEST(IidView, CsvFieldsAreQuotedAndNeverFormulas) {
  EXPECT_EQ(csv_field("Kota Parepare"), "Kota Parepare");
  EXPECT_EQ(csv_field("Bandung, Kota"), "\"Bandung, Kota\"");
  EXPECT_EQ(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
  EXPECT_EQ(csv_field("=HYPERLINK(1)"), "'=HYPERLINK(1)");
  EXPECT_EQ(csv_field("-1,2"), "\"'-1,2\"");
}

TEST(IidView, RankingCsv) {
  index::RankingRow row;
  row.region = {"73.72", "Kota Parepare", "city"};
  row.score.index_x100 = 120;
  row.score.predicate = "Kurang Inovatif";
  row.score.spd = 3;
  row.score.total = 3;
  row.score.maximum = 250;
  row.rank = 1;
  EXPECT_EQ(ranking_csv(2023, {row}),
            "tahun,peringkat,kode,daerah,jenis,indeks,predikat,spd,sid,skor_jumlah_inovasi,total,maksimum,"
            "jumlah_inovasi\r\n2023,1,73.72,Kota Parepare,city,1.20,Kurang Inovatif,3.00,0.00,0.00,3.00,250.00,0\r\n");
}

}  // namespace
}  // namespace lumbung::web
