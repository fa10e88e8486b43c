// Numbers as answers show them: rounded for JSON, fixed decimals for CSV and text.
#pragma once

#include <cmath>
#include <cstdio>
#include <string>

namespace dragoman::render {

/// `v` rounded to a multiple of 1 / `scale` (100: two decimals), for JSON.
inline double rounded(double v, double scale) { return std::round(v * scale) / scale; }

/// `v` with `decimals` digits after the point (at most 9), for CSV cells and text.
inline std::string fixed(double v, int decimals) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
    return buf;
}

}  // namespace dragoman::render
