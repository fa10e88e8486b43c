-- Pandoc filter for the HTML manual: links to the Markdown sources that are chapters of the
-- manual point to their chapter's page; links to other files of the source tree, which the
-- manual does not carry, keep only their text.
local chapters = {
  ["indexing.md"] = "indexing.html",
  ["FORMAT.md"] = "format.html",
  ["searchd.md"] = "api.html",
  ["evaluation.md"] = "figures.html",
  ["analysis.md"] = "figures.html#multilingual-analysis",
  ["schema.md"] = "schema.html",
  ["dragoman-index.1.md"] = "dragoman-index.1.html",
  ["dragoman-search.1.md"] = "dragoman-search.1.html",
  ["dragoman-searchd.8.md"] = "dragoman-searchd.8.html",
  ["dragoman-formats.5.md"] = "dragoman-formats.5.html",
  ["dragoman-query.7.md"] = "dragoman-query.7.html",
}

function Link(el)
  local target = el.target
  if target:match("^%a[%w+.-]*:") or target:match("^#") then
    return el -- absolute URLs and anchors in the page
  end
  local path, anchor = target:match("^([^#]*)(#?.*)$")
  if path:match("%.html$") then
    return el -- already a page of the manual
  end
  local page = chapters[path:match("([^/]+)$") or path]
  if page then
    if anchor ~= "" and not page:find("#") then page = page .. anchor end
    el.target = page
    return el
  end
  return el.content
end
