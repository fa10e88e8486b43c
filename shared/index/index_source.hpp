// One source file read into an index build, and what a file with errors means for it.
#pragma once

#include "index/index_builder.hpp"
#include "ingest/reader.hpp"
#include "ingest/source_walker.hpp"

namespace dragoman {

/// Reads the records of `file` with its format's reader into `builder`; every problem
/// goes to `report`. An unknown format, or a file that cannot be opened or read to its
/// end, is reported as an error of the file (line 0); the records read before it stay.
///
/// A file with any error from its reading (a rejected record, a rest that cannot be
/// read) is marked failed (IndexBuilder::source_failed): an incremental run then keeps
/// the transcripts the file held that were not read this time, so a record broken today
/// is not deleted for it. A duplicate id, which the builder rejects through its own sink,
/// does not fail the file: the transcript under that id was read. Returns whether the
/// file failed. IndexError (the index itself failing) passes through.
bool index_source(IndexBuilder& builder, const SourceFile& file, const DiagnosticSink& report);

}  // namespace dragoman
