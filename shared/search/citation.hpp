// One passage with everything a citation of it needs: its document data, the record behind
// GET /p/{id}, /api/passage/{id}, /api/cite/{id} and --cite.
#pragma once

#include "schema/passage_data.hpp"

namespace dragoman {

/// A citable passage: the passage's document data, strings as stored (render/ sanitizes
/// them for each medium and shows no `origin`).
using CitedPassage = PassageData;

}  // namespace dragoman
