// An alert of a saved search as plain text (standard output) and as a mail message (piped
// to a mail command such as `sendmail -t`): every transcript string sanitized, headers on
// one line and encoded, so that no transcript text becomes a header or a control code.
#pragma once

#include <string>

#include "render/citation.hpp"
#include "search/alerts.hpp"

namespace dragoman::render {

/// The plain-text alert: a first line naming the search and the count, the query and the
/// runs told of, then each passage (speaker, date, title; its snippet; its permalink, a
/// full URL with `cite.base_url`, else its id), then the withdrawn transcripts.
std::string alert_text(const AlertBatch& batch, const CiteContext& cite);

/// alert_text() as a mail message in UTF-8 with the newlines a local mail command reads
/// (`sendmail -t`): `To: mail_to` (when given), a Subject
/// encoded per RFC 2047, MIME headers, a blank line, the text.
std::string alert_mail(const AlertBatch& batch, const CiteContext& cite, const std::string& mail_to);

}  // namespace dragoman::render
