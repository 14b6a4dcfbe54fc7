"""The components staff write in Markdown, as pymdownx Blocks.

Each component is one module here with one Block class; its CSS is in
overrides/assets/clinic.css (section named after it), its browser behaviour,
if any, in overrides/assets/clinic.js. Every component reads the clinic facts
handed to this extension in mkdocs.yml (the `*clinic` YAML anchor), so a fact
is written in one place only. Elements are built with ElementTree, which
escapes every text and attribute: a fact with `&`, `<` or quotes stays text.

    /// cta | Heading            call to action (button to booking or contact page)
    /// contact                  contact card
    /// contact-form             contact form (only when an endpoint is set)
    /// crisis-lines             every crisis line of the clinic's region
    /// care | Title             care card, option `type: non-urgent|urgent|emergency`
    /// inset                    inset text
    /// self-check | Title       "Is IPT a fit for me?" checklist
    /// practical                session length, in person or online, medicine, first call, fees
    /// confidentiality          the limits of confidentiality, worded once
    /// team                     the clinicians: license, languages, photo, own words
    /// fees, insurance, ...     answers from the facts (answers.py lists them)
    /// phq9                     the PHQ-9 mood check, scored in the browser (overrides/assets/phq9.js)
"""
from __future__ import annotations

from pymdownx.blocks import BlocksExtension

from .care import CareCard, Inset
from .confidentiality import Confidentiality
from .contact import ContactCard
from .contact_form import ContactForm
from .crisis import CrisisLines
from .cta import CallToAction
from .phq9 import Phq9
from .practical import Practical
from .self_check import SelfCheck
from .answers import BLOCKS as ANSWERS
from .team import Team

BLOCKS = [CallToAction, ContactCard, ContactForm, CrisisLines, CareCard, Inset, SelfCheck, Practical,
          Confidentiality, Phq9, Team, *ANSWERS]


class ComponentsExtension(BlocksExtension):
    def __init__(self, *args, **kwargs):
        self.config = {
            "clinic": [{}, "The clinic facts (mkdocs.yml extra.clinic)"],
            "crisis_presets": [{}, "Crisis lines by region (mkdocs.yml extra.crisis_presets)"],
            "elsewhere": [{}, "The helpline directory for other countries"],
            "calls_to_action": [{}, "Named calls to action (mkdocs.yml extra.calls_to_action)"],
            "team": [[], "The clinicians (mkdocs.yml extra.team)"],
            "site_url": ["", "The site's address (mkdocs.yml site_url), for links to its pages"],
        }
        super().__init__(*args, **kwargs)

    def extendMarkdownBlocks(self, md, block_mgr):
        for block in BLOCKS:
            block_mgr.register(block, self.getConfigs())


def makeExtension(*args, **kwargs):
    return ComponentsExtension(*args, **kwargs)
