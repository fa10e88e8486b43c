// One source file read into an index build, and what a file with errors means for it.
#include "index/index_source.hpp"

#include <exception>

namespace dragoman {

bool index_source(IndexBuilder& builder, const SourceFile& file, const DiagnosticSink& report) {
    bool failed = false;
    const DiagnosticSink counted = [&](const Diagnostic& d) {
        if (d.severity == Diagnostic::Severity::Error) failed = true;
        report(d);
    };
    const auto reader = make_reader(file.format);
    if (!reader) {
        counted(Diagnostic{file.path, 0, 0, {}, "unknown format '" + file.format + "'"});
    } else {
        try {
            reader->read(
                file.path, [&](Transcript&& t, const RecordOrigin& origin) { builder.add(std::move(t), origin); },
                counted);
        } catch (const IndexError&) {
            throw;
        } catch (const std::exception& e) {
            counted(Diagnostic{file.path, 0, 0, {}, e.what()});  // cannot be opened or read to its end
        }
    }
    if (failed) builder.source_failed(file.path);
    return failed;
}

}  // namespace dragoman
