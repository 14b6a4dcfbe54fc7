"""The PHQ-9 mood check: the nine questions of the Patient Health
Questionnaire, in the instrument's own words, as radio buttons in one
fieldset per question. overrides/assets/phq9.js adds up the score in the
browser; nothing is sent, stored or put in the address: there is no <form>
element, so nothing can be submitted, with or without JavaScript.

    /// phq9
    ///

The words below are the instrument's (Spitzer, Williams, Kroenke; Pfizer's
notice allows reproduction): a reworded item is no longer the PHQ-9, so they
are not staff-editable and a test compares them with the content brief.
Question 9 asks about thoughts of death or self-harm: any answer above
"Not at all" shows the crisis lines at once, before any score (phq9.js).
Without JavaScript the crisis lines after question 9 stay visible, and the
page says how to add up the score by hand.
"""
from __future__ import annotations

import json

from pymdownx.blocks.block import Block

from .crisis import render as crisis_lines
from .cta import target
from .html import freeze, link, page_url, sub

STEM = "Over the last 2 weeks, how often have you been bothered by any of the following problems?"
ANSWERS = ("Not at all", "Several days", "More than half the days", "Nearly every day")  # scored 0 to 3
ITEMS = (
    "Little interest or pleasure in doing things",
    "Feeling down, depressed, or hopeless",
    "Trouble falling or staying asleep, or sleeping too much",
    "Feeling tired or having little energy",
    "Poor appetite or overeating",
    "Feeling bad about yourself \u2014 or that you are a failure or have let yourself or your family down",
    "Trouble concentrating on things, such as reading the newspaper or watching television",
    "Moving or speaking so slowly that other people could have noticed? Or the opposite \u2014 being so fidgety "
    "or restless that you have been moving around a lot more than usual",
    "Thoughts that you would be better off dead or of hurting yourself in some way",
)
DIFFICULTY = ("If you checked off any problems, how difficult have these problems made it for you to do your work, "
              "take care of things at home, or get along with other people?")
DIFFICULTY_ANSWERS = ("Not difficult at all", "Somewhat difficult", "Very difficult", "Extremely difficult")
ATTRIBUTION = ("Developed by Drs. Robert L. Spitzer, Janet B.W. Williams, Kurt Kroenke and colleagues, "
               "with an educational grant from Pfizer Inc. No permission required to reproduce, translate, "
               "display or distribute.")

# The instrument's severity bands (Kroenke 2001), with what to do next: ours, never a diagnosis.
BANDS = (
    (0, 4, "minimal", "If you still feel low, or these problems get in the way of your life, talk to a doctor "
                      "or to us. You can take this check again in two weeks."),
    (5, 9, "mild", "Keep an eye on how you feel. If it lasts two weeks or more, or gets worse, talk to a doctor "
                   "or to us."),
    (10, 14, "moderate", "Talk to a doctor or a therapist about how you feel. You can show them this score."),
    (15, 19, "moderately severe", "Please see a doctor or a therapist soon, this week if you can. "
                                  "You can show them this score."),
    (20, 27, "severe", "Please see a doctor or a therapist soon, in the next day or two if you can. "
                       "You can show them this score."),
)
NOT_A_DIAGNOSIS = ("This score is not a diagnosis. Only a doctor or a therapist who talks with you can tell "
                   "whether you have depression and what would help.")
URGENT = "You gave an answer other than \u201cNot at all\u201d to question 9. Please talk to someone today."


class Phq9(Block):
    NAME = "phq9"
    ARGUMENT = False

    def on_create(self, parent):
        box = sub(parent, "div", class_="clinic-phq9", data__phq9="",
                  data__bands=json.dumps([list(b) for b in BANDS]), data__not__a__diagnosis=NOT_A_DIAGNOSIS)
        sub(box, "p", "Your answers stay on this device and are gone when you leave the page: "
                      "nothing is sent or saved.", class_="clinic-phq9__privacy")
        sub(box, "p", STEM, class_="clinic-phq9__stem")
        for n, words in enumerate(ITEMS, 1):
            self._question(box, f"phq9-{n}", f"{n}.", words, ANSWERS, points=True)
            if n == 9:
                self._urgent(box)
        self._question(box, "phq9-10", "10.", DIFFICULTY, DIFFICULTY_ANSWERS, points=False,
                       note="This question is not part of the score.")
        # phq9.js puts the "Add up my score" button here; the result follows it.
        sub(box, "div", class_="clinic-phq9__actions")
        sub(box, "div", class_="clinic-phq9__result", tabindex="-1", hidden="hidden")
        self._by_hand(box)
        sub(box, "p", ATTRIBUTION, class_="clinic-phq9__attribution")
        return freeze(box)

    @staticmethod
    def _question(box, name, number, words, answers, points, note=None):
        fieldset = sub(box, "fieldset", class_="clinic-phq9__item", data__item=name)
        legend = sub(fieldset, "legend")
        sub(legend, "span", number, class_="clinic-phq9__number").tail = " "
        sub(legend, "span", words, class_="clinic-phq9__words")
        if note:
            sub(fieldset, "p", note, class_="clinic-phq9__note")
        for value, answer in enumerate(answers):
            label = sub(fieldset, "label", class_="clinic-phq9__answer")
            sub(label, "input", type="radio", name=name, value=str(value))
            sub(label, "span", answer, class_="clinic-phq9__answer-words")
            if points:
                sub(label, "span", f"{value} point" + ("" if value == 1 else "s"), class_="clinic-phq9__points")

    def _urgent(self, box):
        urgent = sub(box, "div", class_="clinic-phq9__urgent", tabindex="-1", data__phq9__urgent="")
        p = sub(urgent, "p", class_="clinic-phq9__urgent-lead")
        sub(p, "strong", URGENT)
        sub(urgent, "p", "Call or text a crisis line now, or talk to your doctor or someone you trust. "
                         "These lines are free and open day and night:")
        crisis_lines(urgent, self.config)
        p = sub(urgent, "p")
        p.text = "Our "
        link(p, page_url(self.config, "crisis/"), "crisis help page", tail=" has every line, with text and chat.")

    def _by_hand(self, box):
        hand = sub(box, "div", class_="clinic-phq9__by-hand")
        sub(hand, "h2", "How is the score added up?")
        sub(hand, "p", "Each answer to questions 1 to 9 has points: \u201cNot at all\u201d is 0, \u201cSeveral days\u201d "
                       "is 1, \u201cMore than half the days\u201d is 2 and \u201cNearly every day\u201d is 3. Add up the "
                       "points of your nine answers. The total is from 0 to 27. Question 10 is not counted.")
        table = sub(hand, "table")
        head = sub(sub(table, "thead"), "tr")
        sub(head, "th", "Score", scope="col")
        sub(head, "th", "What the PHQ-9 calls it", scope="col")
        body = sub(table, "tbody")
        for low, high, band, _ in BANDS:
            row = sub(body, "tr")
            sub(row, "td", f"{low} to {high}")
            sub(row, "td", band)
        sub(hand, "p", NOT_A_DIAGNOSIS)
        p = sub(hand, "p")
        sub(p, "strong", "Whatever your score:").tail = " if you are worried about how you feel, "
        link(p, target(self.config), "talk to us", tail=" or to your doctor.")
