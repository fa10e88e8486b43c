// The schema's term helpers: id terms of any length, and the SHA-256 they rest on.
#include <doctest/doctest.h>

#include <string>

#include "text/utf8.hpp"
#include "schema/schema.hpp"
#include "schema/sha256.hpp"

using namespace dragoman;

TEST_CASE("sha256 matches the FIPS 180-4 examples and the padding edge cases") {
    CHECK(sha256_hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    CHECK(sha256_hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    CHECK(sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq") ==
          "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
    // 55 and 56 bytes: the length fits the last block, or needs one more.
    CHECK(sha256_hex(std::string(55, 'a')) == "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318");
    CHECK(sha256_hex(std::string(56, 'a')) == "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a");
    CHECK(sha256_hex(std::string(1000000, 'a')) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

TEST_CASE("an id term is the plain term for every id the index held before") {
    const std::string id230(230, 'x');
    CHECK(schema::transcript_term("mfa:2020-05-30-rudenko") == "XIDmfa:2020-05-30-rudenko");
    CHECK(schema::transcript_term("RUS:1") == "XID:RUS:1");
    CHECK(schema::transcript_term(id230) == "XID" + id230);
    CHECK(schema::passage_term(id230 + "~0123456789.2") == "Q" + id230 + "~0123456789.2");
    CHECK(schema::group_term("baku-2020") == "XGbaku-2020");
}

TEST_CASE("a long id's term fits Xapian, keeps the id's head and differs from every other id's") {
    const std::string base = "https://www.whitehouse.gov/briefing-room/press-briefings/2024/01/02/"
                             "press-briefing-by-press-secretary-karine-jean-pierre-and-national-security-"
                             "communications-advisor-john-kirby-";
    std::string a = base, b = base;
    while (a.size() < 300) a += "january-second-";
    b = a;
    b.back() = 'x';
    const std::string ta = schema::transcript_term(a);
    CHECK(ta.size() <= 240);
    CHECK(ta.rfind("XID" + base.substr(0, 100), 0) == 0);
    CHECK(ta.substr(ta.size() - 64) == sha256_hex(a));
    CHECK(ta[ta.size() - 65] == '\0');
    CHECK(schema::transcript_term(a) == ta);  // stable
    CHECK(schema::transcript_term(b) != ta);  // differs only in its last byte
    CHECK(schema::transcript_term(std::string(4096, 'y')).size() <= 240);
    CHECK(schema::passage_term(a + "~0123456789").size() <= 240);
    CHECK(schema::group_term("~" + a).size() <= 240);
    // One byte more than the plain term holds: hashed.
    const std::string over(243, 'z');
    CHECK(schema::transcript_term(over) != "XID" + over);
    CHECK(schema::transcript_term(std::string(242, 'z')) == "XID" + std::string(242, 'z'));
}

TEST_CASE("a long id's head is cut between UTF-8 characters, in every script") {
    for (const std::string unit : {"д", "中", "𝄞", "ع"}) {
        CAPTURE(unit);
        for (std::size_t pad = 0; pad < 4; ++pad) {
            std::string id(pad, 'p');
            while (id.size() < 600) id += unit;
            const std::string t = schema::transcript_term(id);
            CHECK(t.size() <= 240);
            const auto nul = t.find('\0');
            REQUIRE(nul != std::string::npos);
            const std::string head = t.substr(3, nul - 3);
            CHECK(head.size() > 150);
            CHECK(id.rfind(head, 0) == 0);  // the head is where the id starts ...
            CHECK(dragoman::text::is_valid_utf8(head));     // ... in whole characters
        }
    }
}
