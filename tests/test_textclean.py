"""The text cleaner: named rules, each tested on a line of its own, and the classifier's
part (which decisions it may overrule, and how its removals are named)."""

from __future__ import annotations

import pytest

from pipeline import linemodel, textclean
from pipeline.lines import folded_for_keywords, in_page, split_lines
from pipeline.textclean import clean_text
from tests.conftest import seed_text

BODY = [
    "The council met on Monday to discuss the new budget for schools and roads in the district.",
    "Members agreed that the repairs to the bridge should start before the winter rains arrive.",
    "The mayor said the plan would be put to a public vote early next year, after consultation.",
]


def page_with(line: str, where: str = "after") -> str:
    """Three body paragraphs with ``line`` before or after them (or between, "inside")."""
    if where == "before":
        parts = [line, *BODY]
    elif where == "inside":
        parts = [BODY[0], line, *BODY[1:]]
    else:
        parts = [*BODY, line]
    return "\n\n".join(parts)


def rule_of(text: str, line: str) -> str:
    result = clean_text(text)
    (found,) = [ln for ln in result.lines if ln.raw.strip() == line]
    return found.rule or found.role


@pytest.mark.parametrize(
    ("line", "rule"),
    [
        ("Reading Time: 2 minutes", "reading-time-widget"),
        ("5 min read", "read-time-suffix"),
        ("bool(false)", "php-debug-output"),
        ("Topics: Israel-China Policy Center", "topics-tags"),
        ("This site is protected by reCAPTCHA and the Google Privacy Policy and Terms of Service apply.",
         "recaptcha-legal"),
        ("© 2024 The Gazette. All rights reserved.", "copyright-line"),
        ("We use cookies to improve your experience on our website, as explained in our policy.",
         "cookie-consent"),
        ("viewed_cookie_policy    11 months    The cookie is set by the GDPR Cookie Consent plugin and is used to "
         "store whether or not user has consented to the use of cookies.", "cookie-consent"),
        ("Share on Facebook Twitter Email", "share-buttons"),
        ("Tel: 03-640-0400 | Fax: 03-744-7590", "contact-details"),
        ("Stay up to date", "newsletter-widget"),
        ("Developed by Daat A Realcommerce company.", "site-credit"),
        ("Photo: Jane Doe / Reuters", "photo-credit-caption"),
        ("The mayor at the opening of the new bridge |", "photo-credit-caption"),
        ("Opening the Zojirushi Home Bakery Virtuoso Plus Credit: The Spruce Eats", "photo-credit-caption"),
        ("Diagram showing how the water reaches the reservoir from the hills above the town.", "image-description"),
        ("A screenshot of the council's budget dashboard", "image-description"),
        ("Table of Contents", "contents-heading"),
        ("You might also like", "related-heading"),
        ("10 comments:", "comments-heading"),
        ("About the Author", "author-bio-heading"),
        ("Discussion about this post", "comments-heading"),
        ("Leave a Reply", "comment-prompt"),
        ("check_circleSuccess! You have subscribed to our newsletter.", "newsletter-widget"),
        ("Share this article:", "share-buttons"),
        ("Follow us on Instagram", "share-buttons"),
        ("← Previous post", "post-navigation"),
        ("ADVERTISEMENT", "ad-label"),
        ("Advertisement - Continue Reading Below", "ad-label"),
        ("Story continues below advertisement", "ad-label"),
        ("This site uses Akismet to reduce spam. Learn how your comment data is processed.", "form-notice"),
        ("We and our 100 partners store and/or access information on a device, such as unique IDs in cookies.",
         "consent-purposes"),
        ("Store and/or access information on a device. Use limited data to select advertising.", "consent-purposes"),
        ("This post may contain affiliate links, view my full disclosure policy.", "affiliate-disclosure"),
        ("As an Amazon Associate I earn from qualifying purchases.", "affiliate-disclosure"),
        ("When you purchase through links in our articles, we may earn a small commission.", "affiliate-disclosure"),
        ("We independently evaluate all of our recommendations.", "affiliate-disclosure"),
        ("Prices were accurate at the time this article was published but may change over time.", "price-disclaimer"),
        ("Enjoyed this piece? We need your help to keep publishing.", "donation-appeal"),
        ("Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt.",
         "placeholder-text"),
        ("We rely on donations from readers. Please consider supporting the project.", "donation-appeal"),
        ("This is an open access article distributed under the terms of the Creative Commons Attribution License.",
         "license-notice"),
        ("How useful was this post?", "rating-widget"),
        ("Average rating 5 / 5. Vote count: 1", "rating-widget"),
        ("Was this page helpful?", "rating-widget"),
        ("Open in a new tab", "button-label"),
        ("Loading...", "script-state"),
        ("[email protected]", "script-state"),
        ("Submit", "button-label"),
        ("This field is for validation purposes and should be left unchanged.", "form-notice"),
        ("Δ", "form-notice"),
        ("Your email address will not be published. Required fields are marked *", "form-notice"),
        ("[divider.gif]", "image-placeholder"),
        ("IFRAME: https://www.youtube.com/embed/K1xYlsfSoqY?feature=oembed", "embedded-frame"),
        ("Visible links:", "link-references"),
        ("[svg%3E] [usp-fav-dark.png]", "image-placeholder"),
        ('{"id":"gid://shop/Product/82","title":"Bands","currencyCode":"USD","amountMax":"19.97","price":"19.97"}',
         "script-data"),
        ('[["Easy to understand","easy","thumb-up"],["Solved it","solved","thumb-up"],["Other","other","thumb-down"]]',
         "script-data"),
    ],
)
def test_widget_rules_name_their_removals(line: str, rule: str) -> None:
    assert rule_of(page_with(line), line) == rule


def test_lynx_list_of_links_under_its_references_heading_runs_to_the_end() -> None:
    visible = [f"  {n}. https://www.example.org/{n}" for n in range(1, 6)]
    visible[2:2] = ["  3. https://play.example.org/?code=fn+main()+{", "++++}"]  # an address holding a line break
    hidden = ["  6. https://cdn.example.org/a.js", "  7. file://localhost/b"]
    appendix = ["References", "", "   Visible links:", *visible, "", "   Hidden links:", *hidden]
    listed = clean_text(page_with("\n".join(appendix)))
    assert {ln.rule for ln in listed.lines[-len(appendix):] if ln.text} == {"link-references"}
    citations = ["References", "", "Smith, J. (2020). Rivers in flood. Journal of Water 4, 1-9."]
    kept = clean_text(page_with("\n".join([*citations, *visible])))
    assert rule_of(kept.text + "\n", "References") == ""  # a list of addresses, but not right below


def test_lynx_titles_of_the_page_links_above_it_are_removed_but_a_markdown_heading_is_not() -> None:
    head = "   #Example News » Feed Example News » Comments\n   Feed oEmbed (JSON) oEmbed (XML)"
    result = clean_text(head + "\n\n" + page_with(""))
    assert [ln.rule for ln in result.lines[:2]] == ["head-links", "head-links"]
    for first in ("# A Markdown heading", "A line", "##Not lynx"):
        assert "head-links" not in {ln.rule for ln in clean_text(first + "\n\n" + page_with("")).lines}
    inside = clean_text(page_with("#hashtag day at the council", where="inside"))
    assert "head-links" not in {ln.rule for ln in inside.lines}


def test_elinks_lines_for_the_page_links_above_it_are_removed_up_to_the_first_other_line() -> None:
    head = ["   Link: canonical", "   Link: Example News » Feed (alternate)", "", "   Link: preconnect"]
    result = clean_text("\n".join(head) + "\n\n" + page_with(""))
    assert [ln.rule for ln in result.lines[:4]] == ["link-elements", "link-elements", "", "link-elements"]
    assert "link-elements" not in {ln.rule for ln in result.lines[4:]}
    assert len(in_page(result.lines)) == len(result.lines)  # the line model reads them, unlike lynx's
    later = clean_text(page_with("Link: the council's report on flooding", where="inside"))
    assert "link-elements" not in {ln.rule for ln in later.lines}


def test_the_line_model_never_reads_the_lines_lynx_adds_around_the_page(monkeypatch: pytest.MonkeyPatch) -> None:
    read: list[str] = []

    def recording(lines: list, *args: object) -> list:
        read.extend(ln.text for ln in lines if ln.text)
        return body_scores(lines, *args)

    body_scores = linemodel.body_scores
    monkeypatch.setattr(linemodel, "body_scores", recording)
    page = seed_text("003")
    head = "   #Site » Feed Site » Comments Feed\n\n"
    appendix = "\n\nReferences\n\n   Visible links:\n" + "\n".join(f"  {n}. https://x.org/{n}" for n in range(1, 40))
    alone = clean_text(page)
    read_alone, read[:] = read[:], []
    around = clean_text(head + page + appendix)
    assert read == read_alone
    assert around.text == alone.text


def test_a_run_of_numbered_address_lines_is_lynx_list_of_links() -> None:
    addresses = [f"  {n}. https://www.example.org/2025/12/{n:02d}/menu-drops/" for n in range(1, 6)]
    addresses += ["  94. https://a.example/aff?offer_id=87&url=x 95. file:///contact",  # two the reflow joined
                  '  96. https://pubmed.example.gov/?term="Patil P"[Author]']  # spaces printed as they are
    listed = clean_text(page_with("\n".join(["References", "", "   Visible links:", *addresses])))
    assert {ln.rule for ln in listed.lines if ln.raw.startswith("  ")} == {"link-references"}
    few = clean_text(page_with("\n".join(addresses[:2]), where="inside"))
    assert [ln.rule for ln in few.lines if ln.raw.startswith("  ")] == ["", ""]
    sources = [address.split(". ", 1)[1] for address in addresses]  # an article's list, not numbered
    unnumbered = clean_text(page_with("\n".join(sources), where="inside"))
    assert not any(ln.rule == "link-references" for ln in unnumbered.lines)


def test_elinks_list_of_links_under_its_references_heading_runs_to_the_end() -> None:
    appendix = ["References", "", "   Visible links", "   1. https://www.example.org/", "   2. https://www.example.org/",
                "   3. https://www.example.org/reports/m-and-a/a-title-long-enough-for-elinks-to-wrap-it-over-",
                "   two-lines"]
    listed = clean_text(page_with("\n".join(appendix)))
    assert {ln.rule for ln in listed.lines[-len(appendix):] if ln.text} == {"link-references"}


def test_html2text_reference_definitions_after_the_page_are_its_list_of_links() -> None:
    definitions = [f"   [{n}]: /topic/{n}/" for n in range(1, 6)] + ["   [6]: https://www.example.org/"]
    listed = clean_text(page_with("\n".join(definitions)))
    assert {ln.rule for ln in listed.lines if ln.raw.startswith("   [")} == {"link-references"}


def test_w3m_list_of_links_shown_with_link_numbers_is_removed_like_lynx() -> None:
    addresses = [f"[{n}] https://www.example.org/2025/12/{n:02d}/menu-drops/" for n in range(2, 8)]
    listed = clean_text(page_with("\n".join(["References:", "", *addresses])))
    assert {ln.rule for ln in listed.lines if ln.text.startswith(("References", "["))} == {"link-references"}
    few = clean_text(page_with("\n".join(addresses[:2]), where="inside"))
    assert [ln.rule for ln in few.lines if ln.raw.startswith("[")] == ["", ""]


LONG_TAIL = " ".join(["These are the words that make the notice run well past sixty words in all."] * 6)


@pytest.mark.parametrize(
    ("line", "rule"),
    [
        ("Necessary cookies are absolutely essential for the website to function properly. " + LONG_TAIL,
         "cookie-consent"),
        ("This website uses cookies to improve your experience while you navigate through the website. " + LONG_TAIL,
         "cookie-consent"),
        ("We and our 100 partners store and/or access information on a device, such as unique IDs. " + LONG_TAIL,
         "consent-purposes"),
    ],
)
def test_long_notices_are_known_by_their_opening_words(line: str, rule: str) -> None:
    assert rule_of(page_with(line), line) == rule


@pytest.mark.parametrize(
    "line",
    [
        "These cookies are chewy and keep for a week in a tin. " + LONG_TAIL,  # a recipe, no cookie category
        "The regulator found that the site uses cookies to track readers. We use cookies, it admitted. " + LONG_TAIL,
    ],
)
def test_long_paragraphs_about_cookies_stay(line: str) -> None:
    assert line in clean_text(page_with(line, where="inside")).text.split("\n")


@pytest.mark.parametrize(
    "line",
    [
        'The mayor said "no", then "yes", and finally "we will see": the vote is "open" and "close".',
        'Set "name": "x" and "age": 3 in the settings file before the next run of the tool.',
        "A photographer from the town won the regional prize for her pictures of the flood.",
        "Designed by Gerard Sierra of GS Type, GS Lomba presents a compelling intersection of medieval ornament "
        "and digital discipline.",  # opens like a site credit ("Designed by Studio X"), but it is a paragraph
        "| Ecommerce or DTC brand | Klaviyo | Unified data, segmentation, and lifecycle marketing |",  # a table row
        "Refactor to rustc_codegen_ssa to make it easier for the GCC codegen | 0% | |",  # last cell empty
        "The bank gave the bakery what it needed most, credit: a loan of ten thousand dollars.",
        "The full list of sources is at https://example.org/sources for readers who want it.",
        # an article about affiliate marketing says what affiliates earn, not what the site does
        "Bloggers who join the programme may earn a commission of up to ten percent on each sale they refer.",
        "Average Rating: 4.9",  # a review's product ratings, not a rating widget
        "The samples were reviewed independently by two laboratories, which reached the same result.",
        "Our partners at the university shared their data with the council, which published it on Monday.",
        "If you have subscribed to our newsletter, you already know how the vote on the bridge went.",
        "Prices were higher at the time the bridge was planned, the council said in its report on Monday.",
        "Readers who enjoyed this story wrote to the council about the bridge and its long delays.",
    ],
)
def test_body_lines_with_widget_words_or_marks_stay(line: str) -> None:
    assert line in clean_text(page_with(line, where="inside")).text.split("\n")


COMMENT = "I read this twice and I still think the council is wrong about the bridge, frankly."


def test_readers_comments_after_the_body_go() -> None:
    result = clean_text("\n\n".join([*BODY, "2 Comments", COMMENT, "Reply", COMMENT.replace("twice", "once")]))
    assert result.text.split("\n\n") == BODY
    assert [ln.rule for ln in result.removed if ln.words > 10] == ["comments-section", "comments-section"]


def test_a_prompt_to_comment_inside_the_post_ends_nothing_above_the_threads_heading() -> None:
    more = "The second part of the post explains why the vote on the bridge was put off until spring."
    page = [*BODY, "Leave a comment", more, "Discussion about this post", COMMENT]
    result = clean_text("\n\n".join(page))
    assert result.text.split("\n\n") == [*BODY, more]
    assert [ln.rule for ln in result.removed] == ["comment-prompt", "comments-heading", "comments-section"]


def test_a_prompt_to_comment_with_no_thread_heading_below_ends_the_article() -> None:
    page = [*BODY, "Leave a Reply", COMMENT, "Comment", "Post Comment"]  # "Comment": a form's label
    assert clean_text("\n\n".join(page)).text.split("\n\n") == BODY


BIO = "Jane Doe covers city hall for the Gazette and has written about local budgets since 2015."


def test_the_authors_box_after_the_body_ends_the_article() -> None:
    result = clean_text("\n\n".join([*BODY, "About the Author", "Jane Doe", BIO]))
    assert result.text.split("\n\n") == BODY
    assert [ln.rule for ln in result.removed] == ["author-bio-heading", "author-bio-section", "author-bio-section"]


def test_the_authors_box_above_the_body_cuts_nothing() -> None:
    result = clean_text("\n\n".join(["About the Author", BIO, *BODY]))
    assert all(paragraph in result.text for paragraph in BODY)


def test_a_table_of_contents_goes_and_the_headings_it_lists_stay() -> None:
    sections = ["The budget", BODY[0], "The bridge", BODY[1], "The vote", BODY[2]]
    intro = ARTICLE[3]
    page = "\n\n".join([intro, "Table of Contents", "The budget", "The bridge", "The vote", *sections])
    result = clean_text(page)
    assert [(ln.text, ln.rule) for ln in result.removed] == [
        ("Table of Contents", "contents-heading"), *((s, "table-of-contents") for s in sections[::2])]
    assert result.text.split("\n\n") == [intro, *sections]


def test_a_table_of_contents_ends_at_its_first_line_found_nowhere_below() -> None:
    """"The budget" under the subhead is the article's, not the list's: it heads nothing below."""
    page = "\n\n".join([ARTICLE[3], "Table of Contents", "The bridge", "The budget", ARTICLE[4], "The bridge", BODY[0]])
    assert "The budget" in clean_text(page).text.split("\n\n")


def test_a_label_with_a_colon_is_no_comments_heading() -> None:
    """Only a count turns "comments:" into a heading: "Response:" labels a reply the article quotes."""
    page = "\n\n".join([*BODY, "Response:", COMMENT])
    assert clean_text(page).text.split("\n\n") == [*BODY, "Response:", COMMENT]


def test_a_comment_counter_above_the_body_cuts_nothing() -> None:
    result = clean_text("\n\n".join(["12 Comments", *BODY]))
    assert result.text.split("\n\n") == BODY
    assert [ln.rule for ln in result.removed] == ["comments-heading"]


ARTICLE = [  # over ``THREAD_MIN_ARTICLE_WORDS`` of prose
    *BODY,
    "Engineers warned that the old supports had cracked in two places during the summer floods.",
    "Residents on both banks have waited three years for a safe crossing to the market and school.",
    "Funding will come partly from the regional transport fund and partly from a local levy.",
    "The first contracts are expected to be signed in March, with work lasting about two years.",
]


def thread(*bylines: str) -> list[str]:
    return [part for byline in bylines for part in (byline, COMMENT, "Reply")]


def test_a_thread_of_comment_bylines_after_the_article_goes() -> None:
    bylines = ("Kathy Owen says:", "by iggymanz ( 596061 ) writes:", "Kathy Owen says:")
    result = clean_text("\n\n".join([*ARTICLE, *thread(*bylines)]))
    assert result.text.split("\n\n") == ARTICLE
    assert [ln.rule for ln in result.removed if ln.words > 10] == ["comments-section"] * 3


@pytest.mark.parametrize("bylines", [("Smith says:",) * 3, ("Kathy Owen says:", "Sam Lee says:")])
def test_bylines_of_one_speaker_or_two_comments_are_no_thread(bylines: tuple[str, ...]) -> None:
    """An interview's "Smith says:" lines are one name; a thread needs three bylines."""
    result = clean_text("\n\n".join([*ARTICLE, *thread(*bylines)]))
    assert COMMENT in result.text.split("\n\n")


THREE_BYLINES = ("Kathy Owen says:", "Sam Lee says:", "ann ray commented Dec 18, 2025")


def test_comment_bylines_above_the_article_start_no_thread() -> None:
    page = "\n\n".join([*thread(*THREE_BYLINES), *ARTICLE])
    assert all(paragraph in clean_text(page).text for paragraph in ARTICLE)


def test_a_thread_above_its_comment_counter_is_cut_from_its_first_byline() -> None:
    """The thread outweighs the article, so "42 comments" below it follows "most of the body"."""
    page = "\n\n".join([*ARTICLE, *thread(*THREE_BYLINES) * 3, "42 comments", COMMENT])
    assert clean_text(page).text.split("\n\n") == ARTICLE


def test_trending_links_row_after_the_body() -> None:
    line = "Taylor Swifts New Album Release Health issues from using ACs Boston Marathon 2024 15 Practical Ways"
    assert rule_of(page_with(line), line) == "trending-links"


def test_short_heading_between_body_paragraphs_stays() -> None:
    text = page_with("What the plan costs", where="inside")
    assert "What the plan costs" in clean_text(text).text.split("\n")


def test_menu_before_the_body_goes() -> None:
    menu = "\n".join(f"* {item}" for item in ("Home", "World", "Politics", "Sport", "Culture", "Contact"))
    result = clean_text(menu + "\n\n" + "\n\n".join(BODY))
    assert result.text.split("\n\n") == BODY
    assert {ln.rule for ln in result.removed} <= {"menu-bullet", "before-body"} | {
        r for r in (ln.rule for ln in result.removed) if r.startswith(textclean.MODEL_RULE)
    }


def test_sentence_bullets_in_the_body_stay() -> None:
    bullets = ["* China hosted the talks in Beijing for the second time this year.",
               "* Both sides agreed to continue the dialogue next month."]
    text = "\n\n".join([BODY[0], "Key Takeaways", "\n".join(bullets), *BODY[1:]])
    kept = clean_text(text).text.split("\n")
    assert all(b in kept for b in bullets)
    assert "Key Takeaways" in kept


def test_form_boxes_go_but_a_checklist_with_instructions_stays() -> None:
    form = split_lines("[ ] Remember me\n[ ] Keep me signed in\n[ ] Send me offers")
    textclean.mark_form_fields(form)
    assert [ln.rule for ln in form] == ["form-field"] * 3
    checklist = split_lines("\n".join([
        "[ ] Book the venue",
        "[ ] Research and book venue – tour favorites, compare offerings, book the venue; set firm date",
        "[ ] Hire a photographer",
    ]))
    textclean.mark_form_fields(checklist)
    assert [ln.rule for ln in checklist] == ["", "", ""]


def test_short_lists_of_a_page_with_a_checklist_stay_but_a_lone_box_goes() -> None:
    page = split_lines("\n".join([
        "[ ] Research and book venue – tour favorites, compare offerings, book the venue; set firm date",
        "[ ] Hire a photographer", "[ ] Book the band", "",
        "Budget",
        "[ ] Tips for vendors", "[ ] Parent gifts", "[ ] Insurance for rings", "",
        "Subscribe to our newsletter", "Email address [                    ]",
    ]))
    textclean.mark_form_fields(page)
    assert [ln.rule for ln in page if ln.form] == [""] * 6 + ["form-field"]


def test_code_in_brackets_is_no_image_placeholder() -> None:
    line = "[MapperIgnoreSource(nameof(Player.Games))]"
    assert textclean.matching_rule(line, False) == ""


def test_markup_only_lines_are_read_as_blank_but_audited() -> None:
    text = page_with("[ ]\n\n(BUTTON)", where="inside")
    result = clean_text(text)
    assert [(ln.raw, ln.rule) for ln in result.removed] == [("[ ]", "markup-only"), ("(BUTTON)", "markup-only")]
    assert result.text == "\n\n".join(BODY)  # the paragraphs stay apart, as around a blank line


def test_markdown_link_targets_are_dropped_from_kept_text() -> None:
    text = page_with("See [the full budget](https://example.org/budget.pdf) for the details of every item.",
                     where="inside")
    out = clean_text(text).text
    assert "See [the full budget] for the details of every item." in out
    assert "https://" not in out


def test_rules_only_mode_skips_the_model(monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(*args: object) -> None:
        raise AssertionError("model used")

    monkeypatch.setattr(textclean, "apply_line_model", fail)
    assert clean_text(page_with("Home"), use_model=False).text.split("\n\n") == BODY


def fake_model(threshold: float = 0.3, reinstate: float = 0.6) -> linemodel.LineModel:
    shipped = linemodel.load_model()
    assert shipped is not None
    return linemodel.LineModel(shipped.lines, shipped.context, threshold, reinstate)


def test_model_overrules_structural_rules_only(monkeypatch: pytest.MonkeyPatch) -> None:
    result = textclean.apply_rules(page_with("Reading Time: 2 minutes"))
    lines = result.lines
    lines[2].rule = "short-line-run"  # a body paragraph a structural rule took out
    scores = {ln.no: 0.9 for ln in lines if not ln.blank}
    scores[lines[-1].no] = 0.9  # the pattern-rule line: scored body, still removed

    def scored(lines_: list, families: dict, model: object) -> list:
        return [(ln, scores[ln.no], "run_short") for ln in lines_ if not ln.blank]

    monkeypatch.setattr(linemodel, "body_scores", scored)
    textclean.apply_line_model(lines, fake_model())
    assert lines[2].rule == ""
    assert lines[-1].rule == "reading-time-widget"


def test_model_removal_is_named_after_its_strongest_feature(monkeypatch: pytest.MonkeyPatch) -> None:
    lines = textclean.apply_rules(page_with("Subscribe now for more", where="inside")).lines
    target = next(ln for ln in lines if ln.raw == "Subscribe now for more")
    monkeypatch.setattr(linemodel, "body_scores", lambda lines_, f, m: [
        (ln, 0.1 if ln is target else 0.9, "link_share") for ln in lines_ if not ln.blank])
    textclean.apply_line_model(lines, fake_model())
    assert target.rule == "line-model:link_share"
    assert sum(ln.rule.startswith("line-model") for ln in lines) == 1


def test_model_keeps_table_rows_it_would_remove_for_their_bars(monkeypatch: pytest.MonkeyPatch) -> None:
    text = ("Rank | School | Score | Salary\n1 | Haas School of Business | 700 | 336\n"
            "2 | Booth School of Business | 691 | 307\n\nHome | News | Sport")
    lines = split_lines(text)
    monkeypatch.setattr(linemodel, "body_scores", lambda lines_, f, m: [
        (ln, 0.1, "has_pipe") for ln in lines_ if not ln.blank])
    textclean.apply_line_model(lines, fake_model())
    assert [ln.rule for ln in lines if not ln.blank] == ["", "", "", "line-model:has_pipe"]


def test_structural_removal_stays_when_the_model_is_unsure(monkeypatch: pytest.MonkeyPatch) -> None:
    lines = textclean.apply_rules(page_with("* Home\n* World\n* Sport", where="before")).lines
    menu = [ln for ln in lines if ln.rule == "menu-bullet"]
    assert menu
    monkeypatch.setattr(linemodel, "body_scores", lambda lines_, f, m: [
        (ln, 0.45, "bullet") for ln in lines_ if not ln.blank])
    textclean.apply_line_model(lines, fake_model(threshold=0.3, reinstate=0.6))
    assert all(ln.rule == "menu-bullet" for ln in menu)


def test_shipped_model_loads_and_matches_the_features() -> None:
    model = linemodel.load_model()
    assert model is not None
    assert list(model.lines.names) == linemodel.feature_names()
    assert 0 < model.threshold <= model.reinstate < 1


def test_seed_title_byline_and_dateline_get_roles() -> None:
    result = clean_text(seed_text("003"))
    assert result.title and result.title.text == "Hamas–Fatah Reconciliation Meeting Under Chinese Sponsorship"
    assert result.byline and result.byline.text == "Galia Lavi"
    assert result.dateline and result.dateline.text == "24 July, 2024"
    assert all(ln.role for ln in (result.title, result.byline, result.dateline))


def test_a_byline_above_a_dateline_is_not_taken_for_the_headline() -> None:
    # "By Jane Doe" stands right above a dateline, as a headline does; the headline is above it
    page = "\n\n".join(["Home | News | Sport | Contact", "City council approves library budget", "By Jane Doe",
                          "March 3, 2024", *BODY])
    result = clean_text(page)
    assert result.title and result.title.text == "City council approves library budget"
    assert result.byline and result.byline.text == "By Jane Doe"
    assert result.dateline and result.dateline.text == "March 3, 2024"


def test_a_dateline_a_few_lines_under_the_byline_is_found_from_the_byline() -> None:
    # widgets push the date six lines under the headline, past the window read from the headline
    page = "\n\n".join(["City council approves library budget", "By Jane Doe", "Advertisement", "Share this story",
                          "Follow us on Twitter", "Advertisement", "March 3, 2024", *BODY])
    result = clean_text(page)
    assert result.title and result.title.text == "City council approves library budget"
    assert result.byline and result.byline.text == "By Jane Doe"
    assert result.dateline and result.dateline.text == "March 3, 2024"


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_seeds_keep_the_same_body_with_and_without_the_model(prefix: str) -> None:
    assert clean_text(seed_text(prefix)).text == clean_text(seed_text(prefix), use_model=False).text


NAMES = ["Alder", "Birch", "Cedar", "Dogwood", "Elm", "Fir", "Ginkgo", "Hazel", "Ivy", "Juniper"]


def site_page(n: int, footer: str = "Sister sites: Gazette Weekly and Gazette Sunday edition") -> str:
    body = [f"{p} Filed from {NAMES[n]} Street." for p in BODY]
    return "\n\n".join([*body[:2], footer, body[2]])


def test_site_templates_learn_lines_repeated_across_pages() -> None:
    templates = textclean.SiteTemplates()
    for n in range(4):
        templates.add("gazette", site_page(n))
    learnt = templates.for_site("gazette")
    footer = textclean.split_lines("Sister sites: Gazette Weekly and Gazette Sunday edition")[0]
    assert textclean.SiteTemplates.key(footer) in learnt
    assert len(learnt) == 1  # the body paragraphs differ by page
    assert templates.for_site("other-site") == frozenset()


def test_site_template_line_is_removed_by_name() -> None:
    templates = textclean.SiteTemplates()
    for n in range(4):
        templates.add("gazette", site_page(n))
    result = clean_text(site_page(9), templates=templates.for_site("gazette"))
    (footer,) = [ln for ln in result.lines if ln.raw.startswith("Sister sites")]
    assert footer.rule == "site-template"
    assert all("Juniper" in p for p in result.text.split("\n\n"))


def test_the_same_page_saved_twice_is_not_a_template() -> None:
    templates = textclean.SiteTemplates()
    for _ in range(5):
        templates.add("gazette", site_page(1))
    assert templates.pages["gazette"] == 1
    assert templates.for_site("gazette") == frozenset()


def test_template_memory_is_bounded() -> None:
    templates = textclean.SiteTemplates(max_keys=3)
    for n in range(4):
        templates.add("gazette", site_page(n))
    assert templates.tracked == 3
    assert sum(len(c) for c in templates.counts.values()) == 3


def test_clean_stage_learns_templates_per_folder() -> None:
    from pipeline.config import Config
    from pipeline.doc import Doc
    from pipeline.stages.clean import Clean

    stage = Clean(Config(min_words=5))
    docs = [Doc(source_path=f"gazette/{n}.txt", text=site_page(n), id=f"{n:016x}") for n in range(4)]
    other = Doc(source_path="herald/1.txt", text=site_page(7), id="f" * 16)
    stage.learn_templates([*docs, other])
    removals = stage.process_doc(docs[0])
    assert [r.rule for r in removals] == ["site-template"]
    assert stage.process_doc(other) == []  # one page of another site: nothing learnt there


def test_alternatives_split_outside_groups_and_classes() -> None:
    split = textclean.top_level_alternatives
    assert split(r"^a|b(c|d)|[|]x|\|y|[]|]z") == ["^a", "b(c|d)", "[|]x", r"\|y", "[]|]z"]
    assert split("plain") == ["plain"]


KEYWORD_LINES = [
    "Skip to main content", "Go to navigation", "Company logo (opens in new window) home page",
    "Thank you for subscribing!", "Enter your email", "This site is protected by reCAPTCHA and the Google",
    "© 2024 The Gazette", "Gazette Ltd. All Rights Reserved.", "Tel: +44 (0)20 7946 0000",
    "Email: news@example.org", "We use cookies to improve your visit", "Share (Opens in new window)",
    "The mayor at the council (Photo: J. Doe)", "Flooded streets in the centre / Getty Images",
    "Flooded streets in the centre |", "Newsletter", "Tags: budget, schools", "Read more »",
    "ALL RIGHTS RESERVED", "Cookie Settings", "Tel  020 7946 0000 ext", "Hotel guests left early.",
    "Tél: 01 23 45 67 89", "Şhare", "Ａll rights reserved", "ſkip to content", "KEEP IT (PHOTO CREDIT)",
    "“We use cookies” — to improve your visit", "COOKİE SETTINGS", "Tel: +44 20 7946 0000 – ’desk’",
    "The mayor’s office (Photo: J. Doe)", "İ accept all cookies", "PROTECTED BY RECAPTCHA — ok",
    "An official website of the United States government", "Scroll to top ↑",
    "AN OFFICIAL WEBSITE OF THE UNITED STATES GOVERNMENT Here’s how you know",
]


@pytest.mark.parametrize("prose", [False, True])
def test_pattern_rules_answer_as_their_expressions(prose: bool) -> None:
    """The anchored/keyword split is a speed-up only: the first matching rule is the same."""
    lines = KEYWORD_LINES + [ln.strip() for p in ("000", "001", "002", "003", "004")
                             for ln in seed_text(p).splitlines() if ln.strip()]
    textclean.matching_rule.cache_clear()
    for line in lines:
        plain = next((r.name for r in textclean.pattern_rules()
                      if (r.applies_to_prose or not prose) and r.regex.search(line)), "")
        assert textclean.matching_rule(line, prose) == plain, line
    assert any(textclean.matching_rule(line, prose) for line in KEYWORD_LINES)


@pytest.mark.parametrize("prose", [False, True])
def test_the_keyword_automaton_finds_what_substring_search_finds(prose: bool) -> None:
    keywords = textclean.all_keywords(prose)
    lines = KEYWORD_LINES + [ln for p in ("000", "001", "002", "003", "004") for ln in seed_text(p).splitlines()]
    for line in map(folded_for_keywords, lines):
        assert textclean.holds_keyword(line, prose) == any(k in line for k in keywords), line
    assert not textclean.holds_keyword("the council met on tuesday", prose)


def list_page(before: str) -> str:
    items = "\n".join(f"* {w} of the plan" for w in ("Roads", "Schools", "Bridges"))
    return "\n\n".join([BODY[0], f"{before}\n{items}", *BODY[1:]])


def scored_at(p: float) -> object:
    return lambda lines_, f, m: [(ln, p if ln.rule == "menu-bullet" else 0.9, "bullet")
                                 for ln in lines_ if not ln.blank]


def test_a_list_between_kept_lines_is_kept(monkeypatch: pytest.MonkeyPatch) -> None:
    lines = textclean.apply_rules(list_page("The council agreed on three parts of the plan:")).lines
    items = [ln for ln in lines if ln.rule == "menu-bullet"]
    assert len(items) == 3
    monkeypatch.setattr(linemodel, "body_scores", scored_at(0.2))  # unsure: below reinstate, above threshold
    textclean.apply_line_model(lines, fake_model(threshold=0.15, reinstate=0.6))
    assert all(ln.kept for ln in items)


def test_a_list_the_model_finds_unlikely_body_stays_removed(monkeypatch: pytest.MonkeyPatch) -> None:
    lines = textclean.apply_rules(list_page("The council agreed on three parts of the plan:")).lines
    monkeypatch.setattr(linemodel, "body_scores", scored_at(0.1))
    textclean.apply_line_model(lines, fake_model(threshold=0.15, reinstate=0.6))
    assert [ln.rule for ln in lines if ln.text.endswith("of the plan")] == ["menu-bullet"] * 3


def test_a_menu_at_the_page_edge_stays_removed(monkeypatch: pytest.MonkeyPatch) -> None:
    lines = textclean.apply_rules(page_with("* Home\n* World\n* Sport", where="before")).lines
    monkeypatch.setattr(linemodel, "body_scores", scored_at(0.5))
    textclean.apply_line_model(lines, fake_model(threshold=0.15, reinstate=0.6))
    assert [ln.rule for ln in lines if ln.text in ("Home", "World", "Sport")] == ["menu-bullet"] * 3


def test_a_tables_rows_are_no_run_of_short_lines_but_a_link_list_is() -> None:
    rows = ["1 | UC Berkeley Haas School of Business | 700", "2 | Chicago Booth School of Business | 691",
            "3 | Kellogg School of Management | 664", "4 | NYU Stern School of Business | 670"]
    links = ["Best MBA programs", "Online degrees", "Scholarships guide", "Contact us"]
    lines = split_lines("\n".join([BODY[0], "", *rows, "", BODY[1], "", *links, "", BODY[2]]))
    textclean.mark_short_runs(lines, 0, len(lines) - 1)
    assert {ln.text: ln.rule for ln in lines if ln.text in rows + links} == {
        **dict.fromkeys(rows, ""), **dict.fromkeys(links, "short-line-run")}
    # one line of bars is a menu ("Home | News | Sport"), not a table
    assert textclean.table_rows(split_lines("Home | News | Sport\n\nAbout | Jobs")) == set()
