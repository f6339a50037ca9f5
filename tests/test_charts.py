import datetime as dt
import xml.etree.ElementTree as ET

from digest.charts import bar_svg, counts_by_year, describe, year_chart

SVG = "{http://www.w3.org/2000/svg}"


def test_counts_by_year_fills_empty_years_with_zero():
    dates = [dt.date(2019, 1, 2), dt.date(2019, 5, 1), dt.date(2021, 3, 3)]
    assert counts_by_year(dates) == (("2019", 2), ("2020", 0), ("2021", 1))


def test_counts_by_year_of_nothing_is_empty_and_gives_no_chart():
    assert counts_by_year([]) == ()
    assert year_chart("c", [], "Số bài theo năm") is None


def test_svg_is_well_formed_and_named_for_assistive_technology():
    svg = bar_svg("c1", [("2019", 3), ("2020", 1)], "Số bài theo năm", "2019: 3 bài; 2020: 1 bài.")
    root = ET.fromstring(str(svg))
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "c1-title c1-desc"
    assert root.find(f"{SVG}title").text == "Số bài theo năm"
    assert root.find(f"{SVG}desc").text == "2019: 3 bài; 2020: 1 bài."
    assert len(root.findall(f"{SVG}g")) == 2


def test_tallest_bar_fills_the_plot_and_others_scale_to_it():
    root = ET.fromstring(str(bar_svg("c", [("a", 4), ("b", 2), ("c", 0)], "t", "d")))
    heights = [int(r.get("height")) for r in root.iter(f"{SVG}rect")]
    assert heights == [120, 60, 0]


def test_labels_and_titles_are_escaped():
    svg = str(bar_svg('x"><script>', [("<b>&", 1)], "A & <B>", 'say "hi"'))
    assert "<script>" not in svg and "<b>" not in svg
    root = ET.fromstring(svg)
    assert root.find(f"{SVG}title").text == "A & <B>"
    assert [t.text for t in root.iter(f"{SVG}text")][-1] == "<b>&"


def test_describe_reads_as_a_sentence():
    assert describe([("2019", 3), ("2020", 0)], "bài") == "2019: 3 bài; 2020: 0 bài."


def test_year_chart_keeps_rows_for_the_text_equivalent():
    chart = year_chart("c", [dt.date(2022, 6, 30), dt.date(2022, 1, 1)], "Số bài theo năm")
    assert chart.rows == (("2022", 2),)
    assert "2022: 2 bài." in str(chart.svg)
