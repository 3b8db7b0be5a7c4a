"""Issue 12, point 6: the review's screening (tab and PDF) opens with the summary matrix —
party × outcome, the basis in one phrase — then the detail per party; on the tab the
user's own party comes first."""

from typing import Any

from django.urls import reverse

from accord.expertise import services
from accord.expertise.reports import review_pdf
from accord.expertise.tests.test_report import conclude, pdf_pages


def _tab(client: Any, review: Any) -> str:
    response = client.get(reverse("expertise:review", args=[review.pk]) + "?tab=screening")
    assert response.status_code == 200
    return response.content.decode()


def test_the_frozen_screening_keeps_the_summary_and_the_reasons(people, review):
    services.review_submit(actor=people["rus"], review=review)
    review.refresh_from_db()
    rus = review.screening["parties"]["RUS"]
    assert rus["summary"] == "prohibited"
    assert any(item.startswith("CCW-APII-6 (CCW-APII Art. 6(2))") for item in rus["basis_items"])
    # The self-destruction carve-out of Art. 6(2) was checked and is not met: considered,
    # not applied; APMBC is not considered at all for RUS (not a party).
    assert "CCW-APII-6-X-SD" not in {e["code"] for e in rus["exceptions"]}
    assert "APMBC-1" not in {n["rule"] for n in rus["not_engaged"]}
    assert "CCM-1" not in {n["rule"] for n in rus["not_engaged"]}  # not a party either
    kaz = review.screening["parties"]["KAZ"]
    assert kaz["summary"] != "prohibited"  # neither the Ottawa Convention nor APII binds KAZ


def test_the_screening_tab_opens_with_the_matrix_own_party_first(client, people, review):
    services.review_submit(actor=people["rus"], review=review)
    client.force_login(people["kaz"])
    page = _tab(client, review)
    matrix = page.split('data-testid="screening-matrix"')[1].split("</table>")[0]
    assert matrix.index("matrix-KAZ") < matrix.index("matrix-RUS")
    assert "your party" in matrix.split("matrix-RUS")[0]
    rus_row = matrix.split("matrix-RUS")[1]
    assert "Prohibited" in rus_row and "CCW-APII-6 (CCW-APII Art. 6(2))" in rus_row
    assert page.index('data-testid="screening-matrix"') < page.index("party-result-KAZ")
    grid = page.split('data-testid="screening-results"')[1]
    assert grid.index("party-result-KAZ") < grid.index("party-result-RUS")

    client.force_login(people["rus"])
    grid = _tab(client, review).split('data-testid="screening-results"')[1]
    assert grid.index("party-result-RUS") < grid.index("party-result-KAZ")


def test_the_review_pdf_heads_its_screening_with_the_summary(people, review):
    concluded = conclude(people, review)
    text = " ".join(pdf_pages(review_pdf(concluded)))
    screening = text.split("Screening against each party's law")[-1]
    summary_at = screening.index("Summary: the answer for each party")
    assert "CCW-APII-6 (CCW-APII Art. 6(2))" in screening[summary_at:]
    # The summary comes before the first party's detail table.
    assert summary_at < screening.index("Legal basis")
    assert "Prohibited" in screening[summary_at : screening.index("Legal basis")]
