"""The bundled Thái Nguyên resolution: every chỉ tiêu in its section, page breaks repaired,
the heading-level quirks of the conversion straightened out, ids stable."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from corpus import load_corpus, load_document
from corpus.types import Document, Passage

DOC_ID = "nq-hdnd-thai-nguyen-kt-xh-2023"
TARGETS = "Điều 2 › I. Mục tiêu và các chỉ tiêu chủ yếu › 2. Các chỉ tiêu chủ yếu"
ECONOMIC = f"{TARGETS} › a) Các chỉ tiêu kinh tế"
SOCIAL = f"{TARGETS} › b) Các chỉ tiêu xã hội"
ENVIRONMENT = f"{TARGETS} › c) Các chỉ tiêu về môi trường"
TASKS = "Điều 2 › II. Nhiệm vụ và các giải pháp phát triển ngành, lĩnh vực"


@pytest.fixture(scope="module")
def seed() -> Document:
    return load_corpus().document(DOC_ID)


def find(doc: Document, phrase: str) -> Passage:
    hits = [p for p in doc.passages if phrase in p.text]
    assert len(hits) == 1, f"{phrase!r} is in {len(hits)} passages"
    return hits[0]


TARGET_TABLE = [
    ("Tốc độ tăng trưởng kinh tế (GRDP): 8,5%", ECONOMIC),
    ("Cơ cấu kinh tế:", ECONOMIC),
    ("+ Công nghiệp, xây dựng: 59,4%", ECONOMIC),
    ("+ Dịch vụ và thuế, trợ cấp sản phẩm: 30,5%", ECONOMIC),
    ("+ Nông, lâm nghiệp, thủy sản: 10,1%", ECONOMIC),
    ("Tiểu thủ công nghiệp: Tăng 9,5%", ECONOMIC),
    ("Giá trị sản xuất ngành nông, lâm nghiệp, thủy sản: Tăng 3,5%", ECONOMIC),
    ("Giá trị xuất khẩu: Tăng 9%", ECONOMIC),
    ("GRDP bình quân đầu người: 115 triệu đồng", ECONOMIC),
    ("Thu ngân sách nhà nước trên địa bàn tỉnh: 20.000 tỷ đồng", ECONOMIC),
    ("Tỷ lệ lao động qua đào tạo: 73%", SOCIAL),
    ("Tỷ lệ thất nghiệp ở thành thị: Dưới 3%", SOCIAL),
    ("Giảm tỷ lệ hộ nghèo (theo chuẩn mới): Từ 1% trở lên", SOCIAL),
    ("Tỷ lệ người lao động tham gia bảo hiểm xã hội: 44%", SOCIAL),
    ("Số xã đạt chuẩn nông thôn mới trong năm: 11 xã", SOCIAL),
    ("Số đơn vị cấp huyện hoàn thành nhiệm vụ xây dựng nông thôn mới", SOCIAL),
    ("Tỷ lệ số xã đạt tiêu chí quốc gia về y tế: 62%", SOCIAL),
    ("Tỷ lệ dân số tham gia bảo hiểm y tế: 95%", SOCIAL),
    ("Tỷ lệ trường đạt chuẩn quốc gia: 87,5%", SOCIAL),
    ("trường dân tộc nội trú: 8%", SOCIAL),
    ("Chỉ tiêu về văn hóa:", SOCIAL),
    ("+ Tỷ lệ gia đình văn hóa: Từ 90% trở lên", SOCIAL),
    ("+ Tỷ lệ xóm, làng, tổ dân phố văn hóa: Từ 90% trở lên", SOCIAL),
    ("+ Tỷ lệ cơ quan, đơn vị đạt chuẩn văn hóa: Từ 92% trở lên", SOCIAL),
    ("Chỉ tiêu về nhà ở tăng thêm cho các đối tượng xã hội:", SOCIAL),
    ("+ Số căn hoàn thành: 462 căn", SOCIAL),
    ("+ Diện tích sàn: 23.090 m²", SOCIAL),
    ("Ổn định tỷ lệ che phủ rừng: Từ 46% trở lên", ENVIRONMENT),
    ("nước sinh hoạt hợp vệ sinh: 96,5%", ENVIRONMENT),
]  # a distinctive phrase of each chỉ tiêu -> its section


@pytest.mark.parametrize(("phrase", "section"), TARGET_TABLE)
def test_every_target_lands_in_its_section(seed: Document, phrase: str, section: str) -> None:
    passage = find(seed, phrase)
    assert passage.section_str == section
    assert passage.article == "2"
    assert passage.kind == "content"


def test_health_insurance_target_has_the_documented_id(seed: Document) -> None:
    passage = find(seed, "Tỷ lệ dân số tham gia bảo hiểm y tế: 95%")
    assert passage.section == (
        "Điều 2",
        "I. Mục tiêu và các chỉ tiêu chủ yếu",
        "2. Các chỉ tiêu chủ yếu",
        "b) Các chỉ tiêu xã hội",
    )
    assert passage.text == "Tỷ lệ dân số tham gia bảo hiểm y tế: 95%."
    assert passage.id == f"{DOC_ID}#dieu-2/i/2/b#8"


@pytest.mark.parametrize(
    ("parent", "children"),
    [
        ("Cơ cấu kinh tế:", 3),
        ("Chỉ tiêu về văn hóa:", 3),  # the third "+" item is stranded after a page break
        ("Chỉ tiêu về nhà ở tăng thêm cho các đối tượng xã hội:", 2),
    ],
)
def test_bullet_with_plus_items_is_one_passage(seed: Document, parent: str, children: int) -> None:
    passage = find(seed, parent)
    lines = passage.text.split("\n")
    assert lines[0] == parent
    assert len(lines) == 1 + children
    assert all(line.startswith("+ ") for line in lines[1:])


def test_each_plain_target_bullet_is_its_own_passage(seed: Document) -> None:
    targets = [p for p in seed.passages if p.section_str in (ECONOMIC, SOCIAL, ENVIRONMENT)]
    assert [len(p.text.split("\n")) for p in targets].count(1) == 6 + 10 + 2
    assert len(targets) == 7 + 12 + 2
    assert not any(p.text.startswith(("- ", "+ ")) for p in targets)


@pytest.mark.parametrize(
    "joined",
    [
        "phía Nam của tỉnh, trọng tâm là các dự án có tính liên kết, kết nối vùng",
        "Khuyến khích các doanh nghiệp đầu tư các dự án lĩnh vực công nghiệp chế biến",
        "bố trí nguồn lực hỗ trợ thực hiện các tiêu chí cần đạt chuẩn ngay từ đầu năm",
        "trọng tâm là nâng cao chất lượng phong trào xây dựng gia đình văn hóa",
        "bảo vệ môi trường tại các khu, cụm công nghiệp; khắc phục ô nhiễm",
        "Từ 90% trở lên;\n+ Tỷ lệ cơ quan, đơn vị đạt chuẩn văn hóa",
    ],
)
def test_page_breaks_are_repaired(seed: Document, joined: str) -> None:
    find(seed, joined)


def test_no_content_passage_starts_mid_sentence(seed: Document) -> None:
    assert not [p.text[:40] for p in seed.passages if p.text[:1].islower()]


@pytest.mark.parametrize(
    ("phrase", "section"),
    [
        (
            "Tăng cường công tác thanh tra, kiểm tra thuế",
            f"{TASKS} › 1. Lĩnh vực kinh tế › g) Quản lý thu - chi ngân sách nhà nước",
        ),
        (
            "Đổi mới công tác xúc tiến đầu tư",
            f"{TASKS} › 1. Lĩnh vực kinh tế › e) Thu hút đầu tư và phát triển kinh tế tư nhân",
        ),
        (
            "Thực hiện hiệu quả Chương trình mục tiêu quốc gia giảm nghèo bền vững",
            f"{TASKS} › 2. Lĩnh vực văn hóa, xã hội › a) Giải quyết việc làm và xóa đói giảm nghèo, an sinh xã hội",
        ),
        (
            "Tiếp tục đổi mới, hoàn thiện các cơ chế, chính sách trong hoạt động khoa học",
            f"{TASKS} › 2. Lĩnh vực văn hóa, xã hội › c) Hoạt động khoa học và công nghệ, thông tin và truyền thông, phát thanh - truyền hình",
        ),
        (
            "Duy trì có hiệu quả các điểm điều trị",
            f"{TASKS} › 2. Lĩnh vực văn hóa, xã hội › d) Công tác y tế, chăm sóc sức khỏe Nhân dân",
        ),
        (
            "Nghị quyết số 76/NQ-CP",
            f"{TASKS} › 5. Cải cách hành chính, nâng cao hiệu lực, hiệu quả quản lý nhà nước",
        ),
        (
            "Thực hiện hoàn thành 100% chỉ tiêu tuyển quân",
            f"{TASKS} › 6. Quốc phòng, quân sự địa phương và an ninh chính trị, trật tự an toàn xã hội",
        ),
        ("Tiếp tục triển khai thực hiện Nghị quyết Đại hội đại biểu Đảng bộ tỉnh", TASKS),
        ("Thông qua kết quả thực hiện nhiệm vụ phát triển kinh tế - xã hội năm 2022", "Điều 1"),
        ("Thông qua mục tiêu, nhiệm vụ phát triển kinh tế - xã hội năm 2023", "Điều 2"),
        ("1. Giao Ủy ban nhân dân tỉnh chỉ đạo", "Điều 3. Tổ chức thực hiện › Khoản 1"),
        ("2. Giao Thường trực Hội đồng nhân dân tỉnh", "Điều 3. Tổ chức thực hiện › Khoản 2"),
    ],
)
def test_structure_comes_from_numbering_not_heading_marks(
    seed: Document, phrase: str, section: str
) -> None:
    assert find(seed, phrase).section_str == section


def test_table_of_contents(seed: Document) -> None:
    tops = [h.title for h in seed.toc if len(h.path) == 1]
    assert tops == ["Điều 1", "Điều 2", "Điều 3. Tổ chức thực hiện"]
    roman_ii = tuple(TASKS.split(" › "))
    shape = [(len(h.path), h.label) for h in seed.toc if h.path[:2] == roman_ii]
    assert shape == [
        (2, "II."),
        (3, "1."), *[(4, f"{x})") for x in "abcdđeg"],
        (3, "2."), *[(4, f"{x})") for x in "abcdđe"],
        (3, "3."), (3, "4."), (3, "5."), (3, "6."),
    ]  # fmt: skip
    assert {h.level for h in seed.toc} == {"dieu", "roman", "arabic", "letter"}
    assert all(h.article in ("1", "2", "3") for h in seed.toc)
    assert all(h.path[-1] == h.title for h in seed.toc)


def test_closing_sentence_is_content(seed: Document) -> None:
    closing = find(seed, "thông qua ngày 08 tháng 12 năm 2022")
    assert closing.kind == "content"
    assert closing.text.startswith("Nghị quyết này đã được Hội đồng nhân dân tỉnh Thái Nguyên")
    assert closing.section == ()
    assert closing.article is None


def test_signature_recipients_preamble_are_kept_apart(seed: Document) -> None:
    by_kind = {kind: [p for p in seed.passages if p.kind == kind] for kind in
               ("signature", "recipients", "preamble", "heading")}  # fmt: skip
    assert [p.text for p in by_kind["signature"]] == ["CHỦ TỊCH Phạm Hoàng Sơn"]
    (recipients,) = by_kind["recipients"]
    assert recipients.text.startswith("Nơi nhận:\n- Ủy ban Thường vụ Quốc hội (Báo cáo);")
    assert recipients.text.endswith("- Lưu: VT, CTHĐND.")
    (preamble,) = by_kind["preamble"]
    assert preamble.text.startswith("Căn cứ Luật Tổ chức chính quyền địa phương")
    assert "ý kiến thảo luận của đại biểu" in preamble.text
    assert by_kind["heading"][0].text.startswith("NGHỊ QUYẾT\nVề kết quả")
    content = " ".join(p.text for p in seed.passages if p.kind == "content")
    for stray in ("Nơi nhận", "Lưu: VT", "Căn cứ Luật", "QUYẾT NGHỊ", "Phạm Hoàng Sơn"):
        assert stray not in content


def test_no_markup_left(seed: Document) -> None:
    text = "\n".join(p.text for p in seed.passages)
    for mark in ("**", "##", "<sup>", "</", "  - "):
        assert mark not in text
    assert not re.findall(r"\b(?:hoá|hoà|thuỷ|Uỷ)\b", text)  # old tone placement


def test_passage_lengths_and_ids(seed: Document) -> None:
    ids = [p.id for p in seed.passages]
    assert len(ids) == len(set(ids))
    assert all(p.id.startswith(f"{DOC_ID}#") for p in seed.passages)
    assert all(len(p.text) <= 900 for p in seed.passages)
    assert all(p.doc_id == DOC_ID for p in seed.passages)


def test_metadata_from_front_matter(seed: Document) -> None:
    meta = seed.meta
    assert meta.title.startswith("Nghị quyết về kết quả thực hiện nhiệm vụ")
    assert meta.issuer == "Hội đồng nhân dân tỉnh Thái Nguyên"
    assert meta.date == "2022-12-08" and meta.year == 2022
    assert meta.signer == "Phạm Hoàng Sơn"
    assert meta.kind == "Nghị quyết"
    assert meta.session == "Khóa XIV, Kỳ họp thứ mười"
    assert meta.number is None
    assert len(meta.fingerprint) == 64


def _without_front_matter(seed_doc: Path, tmp_path: Path) -> Path:
    text = seed_doc.read_text(encoding="utf-8")
    body = text.split("\n---\n", 1)[1]
    out = tmp_path / seed_doc.name
    out.write_text(body, encoding="utf-8")
    return out


def test_metadata_read_from_the_text_itself(seed: Document, seed_doc: Path, tmp_path: Path) -> None:
    bare = load_document(_without_front_matter(seed_doc, tmp_path))
    for field in ("title", "issuer", "date", "signer", "kind", "session", "number"):
        assert getattr(bare.meta, field) == getattr(seed.meta, field), field
    assert [p.id for p in bare.passages] == [p.id for p in seed.passages]


def test_ids_are_stable_across_rebuilds_and_edits_elsewhere(
    seed: Document, seed_doc: Path, tmp_path: Path
) -> None:
    assert [p.id for p in load_corpus().document(DOC_ID).passages] == [p.id for p in seed.passages]
    text = seed_doc.read_text(encoding="utf-8")
    edited = text.replace(
        "## 6. Quốc phòng", "Một đoạn mới được thêm vào mục này.\n\n## 6. Quốc phòng"
    ).replace("- Giá trị xuất khẩu:", "- Chỉ tiêu mới: 1%.\n- Giá trị xuất khẩu:")
    path = tmp_path / seed_doc.name
    path.write_text(edited, encoding="utf-8")
    after = {p.text: p.id for p in load_document(path).passages}
    before = {p.text: p.id for p in seed.passages}
    moved = {t for t in before if t in after and after[t] != before[t]}
    # only the bullets after the new one in I.2.a shift; every other section keeps its ids
    assert moved == {
        p.text
        for p in seed.passages
        if p.section_str == ECONOMIC and p.id.endswith(("#5", "#6", "#7"))
    }
    assert after["Một đoạn mới được thêm vào mục này."].startswith(f"{DOC_ID}#dieu-2/ii/5#")
