"""Which retrieved passages the bot reads: a long table's rows do not crowd out the rest, and
the rows cut from the first ones are still read after them."""

from bot.retrieval import EXTRA_ROWS, MAX_ROWS_PER_TABLE, diversify
from corpus.types import Passage
from index.types import Hit


def _row(n: int) -> Hit:
    p = Passage(f"d#phu-luc#table-1/row-{n}", "d", ("Phụ lục",), None, f"Dòng {n}", kind="row")
    return Hit(p, 1.0 - n / 100)


def _clause(n: int) -> Hit:
    return Hit(Passage(f"d#dieu-{n}#1", "d", (f"Điều {n}",), str(n), f"Khoản {n}"), 0.5 - n / 100)


def test_a_table_s_rows_are_capped_among_the_first_and_the_next_ones_read_after_them():
    rows = [_row(n) for n in range(1, 9)]
    clauses = [_clause(n) for n in range(1, 11)]
    read = diversify([*rows, *clauses], 10)
    ids = [h.passage.id for h in read]
    # the first ten: the best rows up to the cap, then the clauses they would have crowded out
    first = ids[:10]
    assert first[:MAX_ROWS_PER_TABLE] == [r.passage.id for r in rows[:MAX_ROWS_PER_TABLE]]
    assert first[MAX_ROWS_PER_TABLE:] == [c.passage.id for c in clauses[: 10 - MAX_ROWS_PER_TABLE]]
    # then the next rows down the same table, a few more
    cut = rows[MAX_ROWS_PER_TABLE : MAX_ROWS_PER_TABLE + EXTRA_ROWS]
    assert ids[10:] == [r.passage.id for r in cut]


def test_without_a_crowded_table_the_first_k_are_read_as_retrieved():
    hits = [_row(1), _row(2), *[_clause(n) for n in range(1, 12)]]
    assert diversify(hits, 10) == hits[:10]
    few = [_row(n) for n in range(1, 8)]  # fewer passages than k: the cut rows fill it
    assert [h.passage.id for h in diversify(few, 10)] == [h.passage.id for h in few]


CAPTION = "DANH MỤC SẢN PHẨM QUY ĐỔI — PHẦN II. CHUYÊN MÔN, NGHIỆP VỤ"
LABELS = [
    "▶ Lĩnh vực tham mưu, phục vụ Đoàn ĐBQH — Phục vụ ĐBQH tham dự kỳ họp Quốc hội",
    "▶ Lĩnh vực tham mưu, phục vụ Đoàn ĐBQH — Phục vụ ĐBQH tiếp xúc cử tri",
    "▶ Lĩnh vực tham mưu, phục vụ HĐND — Phục vụ tổ chức kỳ họp HĐND",
    "▶ Lĩnh vực tham mưu, phục vụ HĐND — Thẩm tra báo cáo, đề án",
    "▶ Công tác hậu cần — Bảo đảm hậu cần, kỹ thuật",
]


def _table_rows() -> list[Passage]:
    return [
        Passage(
            f"cv#phu-luc#table-1/row-{n}",
            "cv",
            ("Phụ lục",),
            None,
            f"{CAPTION} — {label} — KHUNG ĐIỂM: ≤{300 + n}; ĐIỂM CHẤM: {200 + n}–{280 + n}",
            kind="row",
        )
        for n, label in enumerate(LABELS)
    ]


def test_the_row_a_question_names_by_its_label_is_read_though_retrieval_ranked_it_low():
    from bot.concepts import concepts
    from bot.retrieval import labelled_rows

    rows = _table_rows()
    question = "Văn phòng Đoàn ĐBQH, HĐND: phục vụ tổ chức kỳ họp HĐND có điểm chấm bao nhiêu?"
    idf = {w: 3.0 for w in "van phong doan dbqh hdnd phuc vu to chuc ki hop diem cham".split()}
    items = concepts(question, idf)
    about = "Công văn của Văn phòng Đoàn đại biểu Quốc hội và Hội đồng nhân dân tỉnh"
    read = [Hit(rows[0], 0.9), Hit(rows[1], 0.8)]  # the caption matched, not the label
    assert labelled_rows(items, read, rows, about) == [rows[2]]
    # once read, or when the rows read name the question as well, nothing is added
    assert labelled_rows(items, [*read, Hit(rows[2], 0.7)], rows, about) == []
    assert labelled_rows(concepts("điểm chấm bao nhiêu", idf), read, rows, about) == []
