"""Agreement is derived from the two ratings' places on the framework's scale (hand-worked)."""

from trajectory.assessment.agreement import agreement, place

SCALE = ["Not yet evidenced", "Early progress", "Progressing", "Well progressed", "Met"]


def test_place_is_the_index_lowest_first():
    assert place(SCALE, "Not yet evidenced") == 0
    assert place(SCALE, "Met") == 4
    assert place(SCALE, "") is None
    assert place(SCALE, "Outstanding") is None


def test_same_rating_agrees_with_no_gap():
    found = agreement(SCALE, "Progressing", "Progressing")
    assert (found.key, found.gap, found.label, found.gap_shown) == ("agrees", 0, "Agrees", "No gap")


def test_lower_opinion_is_more_cautious():
    # Well progressed is place 3, Progressing place 2: 2 - 3 = -1.
    found = agreement(SCALE, "Well progressed", "Progressing")
    assert (found.key, found.gap, found.gap_shown) == ("more_cautious", -1, "1 step more cautious")


def test_higher_opinion_is_more_positive():
    # Early progress is place 1, Met place 4: 4 - 1 = +3.
    found = agreement(SCALE, "Early progress", "Met")
    assert (found.key, found.gap, found.gap_shown) == ("more_positive", 3, "3 steps more positive")


def test_until_both_rate_there_is_no_agreement():
    assert agreement(SCALE, "Met", "").key == "not_yet"
    assert agreement(SCALE, "", "Met").gap is None


def test_the_same_labels_on_another_scale_give_its_answer():
    reversed_scale = list(reversed(SCALE))
    assert agreement(reversed_scale, "Well progressed", "Progressing").key == "more_positive"
