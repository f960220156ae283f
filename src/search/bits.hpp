// A set of Xapian document ids as one bit per id: the match sets, filters and
// facet values of a search are combined with word-wide AND/OR and counted
// with popcount, so exact totals and facet counts cost microseconds per
// thousand documents. Missing words read as zero (sets may differ in size).
#pragma once

#include <algorithm>
#include <bit>
#include <cstdint>
#include <vector>

namespace lumbung::search {

class Bits {
 public:
  Bits() = default;
  explicit Bits(std::uint32_t capacity) : words_((capacity + 63) / 64, 0) {}

  void set(std::uint32_t id) {
    const auto w = id / 64;
    if (w >= words_.size()) words_.resize(w + 1, 0);
    words_[w] |= std::uint64_t{1} << (id % 64);
  }
  void reset(std::uint32_t id) {
    const auto w = id / 64;
    if (w < words_.size()) words_[w] &= ~(std::uint64_t{1} << (id % 64));
  }
  bool test(std::uint32_t id) const {
    const auto w = id / 64;
    return w < words_.size() && (words_[w] >> (id % 64)) & 1;
  }
  // A fresh set of every id from 1 to `last` (Xapian ids start at 1).
  static Bits all(std::uint32_t last) {
    Bits b(last + 1);
    for (std::uint32_t id = 1; id <= last; ++id) b.set(id);
    return b;
  }

  Bits& operator&=(const Bits& o) {
    const auto n = std::min(words_.size(), o.words_.size());
    for (std::size_t i = 0; i < n; ++i) words_[i] &= o.words_[i];
    std::fill(words_.begin() + static_cast<std::ptrdiff_t>(n), words_.end(), 0);
    return *this;
  }
  Bits& operator|=(const Bits& o) {
    if (o.words_.size() > words_.size()) words_.resize(o.words_.size(), 0);
    for (std::size_t i = 0; i < o.words_.size(); ++i) words_[i] |= o.words_[i];
    return *this;
  }
  Bits& subtract(const Bits& o) {
    const auto n = std::min(words_.size(), o.words_.size());
    for (std::size_t i = 0; i < n; ++i) words_[i] &= ~o.words_[i];
    return *this;
  }

  std::uint64_t count() const {
    std::uint64_t c = 0;
    for (auto w : words_) c += static_cast<std::uint64_t>(std::popcount(w));
    return c;
  }
  // |this ∩ o| without building the intersection.
  std::uint64_t count_and(const Bits& o) const {
    const auto n = std::min(words_.size(), o.words_.size());
    std::uint64_t c = 0;
    for (std::size_t i = 0; i < n; ++i) c += static_cast<std::uint64_t>(std::popcount(words_[i] & o.words_[i]));
    return c;
  }
  bool empty() const {
    return std::all_of(words_.begin(), words_.end(), [](std::uint64_t w) { return w == 0; });
  }

  // The first id >= `from` in the set, or 0 when there is none.
  std::uint32_t next(std::uint32_t from) const {
    auto w = from / 64;
    if (w >= words_.size()) return 0;
    std::uint64_t word = words_[w] & (~std::uint64_t{0} << (from % 64));
    while (true) {
      if (word != 0) return w * 64 + static_cast<std::uint32_t>(std::countr_zero(word));
      if (++w >= words_.size()) return 0;
      word = words_[w];
    }
  }

  template <class F>
  void for_each(F&& f) const {
    for (std::size_t w = 0; w < words_.size(); ++w) {
      std::uint64_t word = words_[w];
      while (word != 0) {
        f(static_cast<std::uint32_t>(w * 64 + static_cast<std::size_t>(std::countr_zero(word))));
        word &= word - 1;
      }
    }
  }

 private:
  std::vector<std::uint64_t> words_;
};

}  // namespace lumbung::search
