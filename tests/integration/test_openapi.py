"""The daemon's OpenAPI description, GET /api/openapi.json: a valid OpenAPI 3.0 document
(checked against the specification's own JSON Schema, Debian's openapi-specification, with
python3-jsonschema), the routes of server.cpp's table and no others, and the real answers of
every route over a small index, errors included, valid against the schema the document gives
for that route, status and media type. Its parameters' documented ranges and enums are tried
at and beyond their bounds."""
import json
import os
import re
import sys
import unittest
import urllib.parse

import jsonschema

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness as h  # noqa: E402

OAS_SCHEMA = "/usr/share/openapi-specification/schemas/v3.0/schema.json"
DOCUMENT = os.path.join(h.SOURCE_DIR, "searchd", "openapi.json")
SERVER = os.path.join(h.SOURCE_DIR, "searchd", "server.cpp")
# The web page's routes: what a browser loads, not the API.
PAGE_ROUTES = {"/", r"/static/([A-Za-z0-9_-]+\.(js|css|svg))"}
JSON_TYPES = {"application/json", "application/vnd.citationstyles.csl+json"}


def server_routes():
    """The GET routes of server.cpp's table, as its patterns."""
    with open(SERVER, encoding="utf-8") as f:
        text = f.read()
    routes = []
    for m in re.finditer(r'svr\.Get\((?:R"\((.*?)\)"|"([^"]*)")', text):
        routes.append(m.group(1) if m.group(1) is not None else m.group(2))
    return routes


def route_pattern(path):
    """A documented path as server.cpp writes its route: each {parameter} is (.+)."""
    return re.sub(r"\{[^}]+\}", "(.+)", path)


def pointer(doc, ref):
    node = doc
    for part in ref[2:].split("/"):
        node = node[part.replace("~1", "/").replace("~0", "~")]
    return node


def resolved(doc, node):
    """`node` with every local $ref replaced by what it points to (the document has no cycles)."""
    if isinstance(node, dict):
        if "$ref" in node:
            return resolved(doc, pointer(doc, node["$ref"]))
        return {k: resolved(doc, v) for k, v in node.items()}
    if isinstance(node, list):
        return [resolved(doc, v) for v in node]
    return node


def json_schema(schema):
    """An OpenAPI 3.0 schema object (refs resolved) as JSON Schema draft 4: `nullable` as a
    "null" type, `allOf` of objects merged into one; and every object closed
    (additionalProperties false unless given), so that a field the daemon sends that the
    document does not name fails too."""
    if isinstance(schema, list):
        return [json_schema(s) for s in schema]
    if not isinstance(schema, dict):
        return schema
    s = {k: json_schema(v) for k, v in schema.items() if k not in ("nullable", "description", "example")}
    if "allOf" in s and all(part.get("type") == "object" for part in s["allOf"]):
        merged = {"type": "object", "properties": {}, "required": []}
        for part in s.pop("allOf"):
            merged["properties"].update(part.get("properties", {}))
            merged["required"] += part.get("required", [])
        s.update(merged)
        s["additionalProperties"] = False
    if schema.get("nullable") and "type" in s:
        s["type"] = [s["type"], "null"]
    if s.get("type") == "object" and "properties" in s and "additionalProperties" not in s:
        s["additionalProperties"] = False
    return s


def fetch(base, method, path, params=None, body=None, headers=None):
    """`path` with the query `params`, redirects not followed: (status, headers, body)."""
    target = path + ("?" + urllib.parse.urlencode(params) if params else "")
    return h.request(base, method, target, body=body, headers=headers)


class OpenApiDocument(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        import tempfile
        cls.tmp = tempfile.TemporaryDirectory(prefix="dragoman-test-")
        src = os.path.join(cls.tmp.name, "extra.jsonl")
        with open(src, "w", encoding="utf-8") as f:
            # A question and its answer (the snippet's `question`), and a copy of a transcript
            # (a result's `duplicates`).
            turns = [{"speaker": "Question", "text": "What about the sanctions on grain exports?"},
                     {"speaker": "Maria Zakharova", "text": "The sanctions on grain exports hurt the poorest."}]
            for i in range(2):
                f.write(json.dumps({"id": "oa:%d" % i, "source": "test", "language": "en", "date": "2022-03",
                                    "title": "Briefing", "speakers": ["Maria Zakharova"], "country": "RUS",
                                    "url": "https://example.org/%d" % i, "turns": turns}) + "\n")
        cls.db = os.path.join(cls.tmp.name, "db")
        h.index(cls.db, h.SAMPLE, src)
        cls.daemon = h.Daemon(cls.db, extra=["--no-access-log"])
        cls.empty_root = os.path.join(cls.tmp.name, "empty-root")
        os.makedirs(cls.empty_root)
        cls.empty = h.Daemon(cls.empty_root, extra=["--no-access-log"])
        status, headers, body = fetch(cls.daemon.url, "GET", "/api/openapi.json")
        assert status == 200, (status, body[:500])
        cls.served = (headers, body)
        cls.doc = json.loads(body)

    @classmethod
    def tearDownClass(cls):
        cls.daemon.stop()
        cls.empty.stop()
        cls.tmp.cleanup()

    # ------------------------------------------------------------ helpers

    def get(self, path, params=None, **kw):
        return fetch(self.daemon.url, "GET", path, params, **kw)

    def check_answer(self, template, status, headers, body, what=""):
        """The answer is one the document gives for `template` and `status`: the media type is
        listed, the body valid against its schema (each line, for JSON Lines), and the headers
        it names are there. Returns the decoded body (JSON or text)."""
        responses = self.doc["paths"][template]["get"]["responses"]
        self.assertIn(str(status), responses, "%s %s answered %d, which is not documented: %r"
                      % (template, what, status, body[:300]))
        response = resolved(self.doc, responses[str(status)])
        for name in response.get("headers", {}):
            self.assertIn(name.lower(), headers, (template, status, name))
        if "content" not in response:
            return None
        media = headers.get("content-type", "").split(";")[0].strip()
        self.assertIn(media, response["content"], "%s %s: %s is not a documented media type" % (template, what, media))
        schema = json_schema(resolved(self.doc, response["content"][media]["schema"]))
        validator = jsonschema.Draft4Validator(schema)
        text = body.decode("utf-8")
        if media in JSON_TYPES:
            value = json.loads(text)
            self.assert_valid(validator, value, template, status, what)
            return value
        if media == "application/jsonl":
            lines = [json.loads(line) for line in text.splitlines()]
            self.assertGreaterEqual(len(lines), 2, "a head and an end")
            for line in lines:
                self.assert_valid(validator, line, template, status, what)
            return lines
        self.assert_valid(validator, text, template, status, what)
        return text

    def assert_valid(self, validator, value, template, status, what):
        problems = sorted(validator.iter_errors(value), key=lambda e: list(e.absolute_path))
        self.assertFalse(problems, "%s %d %s: %s" % (template, status, what, "; ".join(
            "%s: %s" % ("/".join(map(str, e.absolute_path)), e.message[:300]) for e in problems[:5])))

    def call(self, template, path_params=None, params=None, expect=200):
        path = template
        for name, value in (path_params or {}).items():
            path = path.replace("{%s}" % name, urllib.parse.quote(value, safe=""))
        status, headers, body = self.get(path, params)
        self.assertEqual(status, expect, (template, path_params, params, body[:300]))
        return self.check_answer(template, status, headers, body, "%r %r" % (path_params, params))

    def ids(self):
        """A transcript id and a passage id from a real search."""
        status, body = self.daemon.get_json("/api/search", {"q": "sanctions grain"})
        self.assertEqual(status, 200, body)
        hit = body["results"][0]
        return hit["id"], hit["best_passage"]

    def path_params(self):
        doc_id, passage_id = self.ids()
        return {"id": doc_id, "passage_id": passage_id}

    # ------------------------------------------------------------ the document

    def test_the_served_document_is_the_file_in_the_tree(self):
        headers, body = self.served
        self.assertTrue(headers["content-type"].startswith("application/json"), headers)
        with open(DOCUMENT, "rb") as f:
            self.assertEqual(body, f.read())

    def test_the_document_is_valid_openapi_3_0(self):
        with open(OAS_SCHEMA, encoding="utf-8") as f:
            meta = json.load(f)
        validator = jsonschema.Draft4Validator(meta)
        problems = list(validator.iter_errors(self.doc))
        self.assertFalse(problems, "; ".join(e.message[:200] for e in problems[:5]))
        self.assertRegex(self.doc["openapi"], r"^3\.0\.\d$")
        # What the specification requires beyond its JSON Schema: every $ref resolves, every
        # operationId is unique, a path's {parameters} are its declared path parameters.
        refs = re.findall(r'"\$ref": "([^"]+)"', json.dumps(self.doc))
        self.assertTrue(refs)
        for ref in refs:
            self.assertTrue(ref.startswith("#/"), ref)
            pointer(self.doc, ref)  # raises KeyError when it does not resolve
        operations = [op for item in self.doc["paths"].values() for op in item.values()]
        op_ids = [op["operationId"] for op in operations]
        self.assertEqual(len(op_ids), len(set(op_ids)))
        for path, item in self.doc["paths"].items():
            params = resolved(self.doc, item["get"].get("parameters", []))
            declared = {p["name"] for p in params if p["in"] == "path"}
            self.assertEqual(set(re.findall(r"\{([^}]+)\}", path)), declared, path)
            self.assertTrue(all(p["required"] for p in params if p["in"] == "path"), path)
            names = [(p["name"], p["in"]) for p in params]
            self.assertEqual(len(names), len(set(names)), path)
        # Every schema is one jsonschema can check (the tests below rely on it).
        for name, schema in self.doc["components"]["schemas"].items():
            jsonschema.Draft4Validator.check_schema(json_schema(resolved(self.doc, schema)))

    def test_every_route_of_the_server_is_documented_and_no_other(self):
        routes = server_routes()
        self.assertIn("/api/search", routes)
        self.assertIn("/api/openapi.json", routes)
        api = sorted(set(routes) - PAGE_ROUTES)
        self.assertEqual(len(api), len(routes) - len(PAGE_ROUTES), "the page's routes are in server.cpp")
        documented = sorted(route_pattern(p) for p in self.doc["paths"])
        self.assertEqual(api, documented)
        for path, item in self.doc["paths"].items():
            self.assertEqual(list(item), ["get"], "only GET (and HEAD) is served: " + path)

    # ------------------------------------------------------------ real answers

    def test_every_route_answers_what_the_document_says(self):
        ids = self.path_params()
        calls = {
            "/healthz": [{}],
            "/metrics": [{}],
            "/api/search": [{"q": "sanctions grain"}, {"q": "cooperation", "sort": "date", "limit": "3"},
                            {"q": "", "lang": "ru"}, {"q": "cooperashun"},
                            {"q": "cooperation", "facets": "0", "snippets": "0"}],
            "/api/trend": [{"q": "cooperation"}, {"q": "cooperation", "split": "country", "by": "month"},
                           {"q": "cooperation", "split": "speaker", "format": "csv"}],
            "/api/keyness": [{"q": "", "lang": "en", "min_count": "2"}, {"q": "lang:en", "versus": "lang:ru"},
                             {"q": "", "lang": "en", "format": "csv"}],
            "/api/concordance": [{"q": "cooperation"}, {"q": "cooperation", "sort": "left", "group": "speaker"},
                                 {"q": "cooperation", "group": "year", "format": "csv"}],
            "/api/quote": [{"q": "The sanctions on grain exports hurt the poorest."},
                           {"q": "the sanctions on grain exports", "similarity": "0.9"}],
            "/api/talking-points": [{}, {"from": "2020", "min_speakers": "2", "limit": "5"}],
            "/api/export": [{"q": "sanctions", "format": f} for f in ("csv", "jsonl", "ris", "bibtex")],
            "/feed": [{"q": "sanctions"}],
            "/api/doc/{id}": [{"q": "sanctions"}, {}],
            "/api/history/{id}": [{}],
            "/api/diff/{id}": [{}, {"from": "1", "to": "1"}],
            "/p/{passage_id}": [{}],
            "/api/passage/{passage_id}": [{}],
            "/api/cite/{passage_id}": [{}, {"format": "csl"}],
            "/api/openapi.json": [{}],
        }
        self.assertEqual(set(calls), set(self.doc["paths"]), "each documented route is called here")
        expect = {"/p/{passage_id}": 302}
        for template, params_list in calls.items():
            for params in params_list:
                with self.subTest(route=template, params=params):
                    self.call(template, ids, params, expect=expect.get(template, 200))
        # The answers are real ones, not empty shells that any schema would take.
        search = self.call("/api/search", params={"q": "sanctions grain"})
        hit = search["results"][0]
        self.assertIn("duplicates", hit)
        self.assertTrue(any("question" in s for s in hit["snippets"]), hit["snippets"])
        self.assertGreater(self.call("/api/search", params={"q": "", "lang": "ru"})["total"], 0)
        self.assertTrue(self.call("/api/trend", params={"q": "cooperation", "split": "country"})["series"])
        self.assertTrue(self.call("/api/keyness", params={"q": "lang:en", "versus": "lang:ru"})["slice_words"])
        self.assertTrue(self.call("/api/concordance", params={"q": "cooperation"})["lines"])
        quote = self.call("/api/quote", params={"q": "The sanctions on grain exports hurt the poorest."})
        said = sorted(m["transcript_id"] for m in quote["matches"] if m["similarity"] == 1)
        self.assertEqual(said, ["oa:0", "oa:1"])  # the answer in each copy; its question says part of it
        lines = self.call("/api/export", params={"q": "sanctions", "format": "jsonl"})
        self.assertIn("export", lines[0])
        self.assertIn("end", lines[-1])
        self.assertGreater(len(lines), 2)
        # Each route is counted under its own name in the metrics (a path parameter's route
        # by its prefix), not as "other" (the name of paths that are no route).
        metrics = self.call("/metrics")
        for template in self.doc["paths"]:
            self.assertIn('dragoman_requests_total{route="%s",status="200"}' % template.split("/{")[0]
                          if template != "/p/{passage_id}" else 'route="/p",status="302"', metrics, template)

    def test_every_documented_parameter_holds_at_its_bounds_and_fails_beyond_them(self):
        ids = self.path_params()
        base = {"q": "sanctions"}
        tried = 0
        for template, item in self.doc["paths"].items():
            for p in resolved(self.doc, item["get"].get("parameters", [])):
                schema = p["schema"]
                good, bad = [], []
                if schema["type"] == "integer":
                    good += [str(schema["minimum"]), str(schema["maximum"])]
                    bad += [str(schema["maximum"] + 1), "x"]
                if "enum" in schema:
                    good += schema["enum"]
                    bad.append("nonsense")
                if "maxLength" in schema:
                    bad.append("a" * (schema["maxLength"] + 1))
                if "pattern" in schema:
                    good.append("2021-05")
                    bad.append("2021/05")
                for value, ok in [(v, True) for v in good] + [(v, False) for v in bad]:
                    tried += 1
                    with self.subTest(route=template, parameter=p["name"], value=value[:20]):
                        path_params = dict(ids)
                        params = dict(base) if template not in ("/healthz", "/metrics", "/api/openapi.json") else {}
                        if p["in"] == "path":
                            path_params[p["name"]] = value
                        else:
                            params[p["name"]] = value
                        expect = (302 if template.startswith("/p/") else 200) if ok else 400
                        answer = self.call(template, path_params, params, expect=expect)
                        if not ok:
                            self.assertEqual(answer["error"]["code"], "bad_parameter", answer)
                            if p["in"] == "query":
                                self.assertIn(p["name"], answer["error"]["message"])
        self.assertGreater(tried, 40)

    def test_errors_are_the_documented_error_answers(self):
        ids = self.path_params()
        unknown = {"id": "no:such-transcript", "passage_id": "no:such~0123456789"}
        for template in ("/api/doc/{id}", "/p/{passage_id}", "/api/passage/{passage_id}", "/api/cite/{passage_id}"):
            with self.subTest(route=template):
                self.assertEqual(self.call(template, unknown, expect=404)["error"]["code"], "not_found")
        for template in ("/api/search", "/api/trend", "/api/keyness", "/api/concordance", "/api/export", "/feed"):
            for params, code in (({"q": "(energy"}, "bad_query"), ({"q": ""}, "bad_query"),
                                 ({"q": "x", "from": "20x9"}, "bad_parameter")):
                with self.subTest(route=template, params=params):
                    status, headers, body = self.get(template, params)
                    self.assertEqual(status, 400, (template, params, body))
                    self.assertEqual(self.check_answer(template, status, headers, body)["error"]["code"], code)
        # Limits of the request itself, answered before any route runs.
        status, headers, body = self.get("/api/search", {"q": "x" * 9000})
        self.assertEqual(status, 414)
        self.assertEqual(self.check_answer("/api/search", status, headers, body)["error"]["code"], "uri_too_long")
        many = {"X-Header-%d" % i: "1" for i in range(101)}
        status, headers, body = self.get("/api/search", {"q": "x"}, headers=many)
        self.assertEqual(status, 431)
        self.assertEqual(self.check_answer("/api/search", status, headers, body)["error"]["code"],
                         "header_fields_too_large")
        # Off every route, and every method but GET and HEAD (a body over the limit is refused
        # before that): the shared answers the document's description points to.
        components = self.doc["components"]["responses"]
        status, headers, body = fetch(self.daemon.url, "POST", "/api/search", body=b"x" * (65 * 1024))
        self.assertEqual(status, 413)
        self.check_component(components["PayloadTooLarge"], headers, body)
        self.assertEqual(json.loads(body)["error"]["code"], "payload_too_large")
        status, headers, body = self.get("/api/nothing-here")
        self.assertEqual(status, 404)
        self.check_component(components["NotFound"], headers, body)
        for template in self.doc["paths"]:
            path = template.replace("{id}", ids["id"]).replace("{passage_id}", ids["passage_id"])
            for method in ("POST", "PUT", "PATCH", "DELETE", "OPTIONS"):
                with self.subTest(route=template, method=method):
                    status, headers, body = fetch(self.daemon.url, method, urllib.parse.quote(path, safe="/:~"),
                                                  body=b"{}")
                    self.assertEqual(status, 405)
                    self.assertEqual(headers.get("allow"), "GET, HEAD")
                    self.check_component(components["MethodNotAllowed"], headers, body)

    def check_component(self, response, headers, body):
        response = resolved(self.doc, response)
        self.assertEqual(headers["content-type"].split(";")[0], "application/json")
        value = json.loads(body)
        validator = jsonschema.Draft4Validator(json_schema(response["content"]["application/json"]["schema"]))
        self.assert_valid(validator, value, "components", 0, "")

    def test_without_an_index_each_route_answers_a_documented_status(self):
        ids = {"id": "any:id", "passage_id": "any:id~0123456789"}
        unavailable = 0
        for template in self.doc["paths"]:
            path = template.replace("{id}", ids["id"]).replace("{passage_id}", ids["passage_id"])
            params = {} if template in ("/healthz", "/metrics", "/api/openapi.json") else {"q": "sanctions"}
            with self.subTest(route=template):
                status, headers, body = fetch(self.empty.url, "GET", urllib.parse.quote(path, safe="/:~"), params)
                answer = self.check_answer(template, status, headers, body, "without an index")
                if status == 503:
                    unavailable += 1
                    self.assertEqual(answer["error"]["code"], "unavailable")
        self.assertEqual(unavailable, len(self.doc["paths"]) - 2, "all but /metrics and /api/openapi.json")


if __name__ == "__main__":
    unittest.main()
