#ifndef LOUPE_BYTE_CLASSES_H
#define LOUPE_BYTE_CLASSES_H

#include <stdint.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

// The tokenizer's ASCII byte classes for 64 bytes at once (ASCIITokenMasks in
// LoupeCore): bit i of *word is set when p[i] is an ASCII letter or digit,
// bit i of *joiner when it is ' or -. A byte >= 0x80 is neither.
// With SSE2 (every x86-64) sixteen bytes are classified per instruction,
// which Swift's own SIMD types do not compile to; elsewhere a byte loop.
// The 64 bytes at p must be readable.
static inline __attribute__((always_inline))
void loupe_ascii_classes64(const uint8_t *p, uint64_t *word, uint64_t *joiner) {
    uint64_t w = 0, j = 0;
#if defined(__SSE2__)
    const __m128i case_bit = _mm_set1_epi8(0x20), a = _mm_set1_epi8('a'), zero = _mm_set1_epi8('0');
    const __m128i last_letter = _mm_set1_epi8(25), last_digit = _mm_set1_epi8(9);
    const __m128i apostrophe = _mm_set1_epi8('\''), hyphen = _mm_set1_epi8('-');
    for (int k = 0; k < 4; k++) {
        __m128i x = _mm_loadu_si128((const __m128i *)(p + 16 * k));
        // 'A'...'Z' and 'a'...'z' become 0...25 after | 0x20 and - 'a'; every
        // other byte, those >= 0x80 included, becomes something over 25
        // (unsigned: min(t, 25) == t exactly for t <= 25).
        __m128i t = _mm_sub_epi8(_mm_or_si128(x, case_bit), a);
        __m128i letter = _mm_cmpeq_epi8(_mm_min_epu8(t, last_letter), t);
        __m128i d = _mm_sub_epi8(x, zero);
        __m128i digit = _mm_cmpeq_epi8(_mm_min_epu8(d, last_digit), d);
        __m128i join = _mm_or_si128(_mm_cmpeq_epi8(x, apostrophe), _mm_cmpeq_epi8(x, hyphen));
        w |= (uint64_t)(uint16_t)_mm_movemask_epi8(_mm_or_si128(letter, digit)) << (16 * k);
        j |= (uint64_t)(uint16_t)_mm_movemask_epi8(join) << (16 * k);
    }
#else
    for (int i = 0; i < 64; i++) {
        uint8_t b = p[i];
        uint8_t folded = (uint8_t)(b | 0x20);
        int is_word = (folded >= 'a' && folded <= 'z') || (b >= '0' && b <= '9');
        w |= (uint64_t)is_word << i;
        j |= (uint64_t)(b == '\'' || b == '-') << i;
    }
#endif
    *word = w;
    *joiner = j;
}

#endif
