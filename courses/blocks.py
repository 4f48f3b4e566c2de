"""The one StreamBlock that lesson bodies are written with."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock

from .worksheets import MINUTES_PER_WEEK_MAX, worksheet_choices, worksheet_kind

REQUIRED_HELP = _("The learner must answer before the step counts as done.")


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("Image"))
    alt_text = blocks.CharBlock(
        label=_("Alternative text"),
        max_length=250,
        help_text=_("Describe the image for people who cannot see it."),
    )
    caption = blocks.CharBlock(label=_("Caption"), required=False, max_length=250)

    class Meta:
        icon = "image"
        label = _("Image")
        template = "blocks/image_block.html"


class VideoBlock(blocks.StructBlock):
    video = EmbedBlock(
        label=_("Video URL"), help_text=_("A YouTube or Vimeo address, for example.")
    )
    caption = blocks.CharBlock(label=_("Caption"), required=False, max_length=250)

    class Meta:
        icon = "media"
        label = _("Video")
        template = "blocks/video_block.html"


class CalloutBlock(blocks.StructBlock):
    kind = blocks.ChoiceBlock(
        label=_("Kind"),
        choices=[("tip", _("Tip")), ("example", _("Example")), ("warning", _("Watch out"))],
        default="tip",
    )
    text = blocks.TextBlock(label=_("Text"))

    class Meta:
        icon = "help"
        label = _("Tip / callout")
        template = "blocks/callout_block.html"


class TakeawaysBlock(blocks.ListBlock):
    def __init__(self, **kwargs):
        super().__init__(blocks.CharBlock(label=_("Takeaway"), max_length=300), **kwargs)

    class Meta:
        icon = "list-ul"
        label = _("Key takeaways")
        template = "blocks/takeaways_block.html"


class ReflectionBlock(blocks.StructBlock):
    question = blocks.TextBlock(label=_("Question for the learner"))
    guidance = blocks.TextBlock(
        label=_("Guidance"),
        required=False,
        help_text=_("How to approach the exercise; shown below the question."),
    )
    required = blocks.BooleanBlock(
        label=_("Required"), required=False, default=False, help_text=REQUIRED_HELP
    )

    class Meta:
        icon = "edit"
        label = _("Reflection exercise")
        template = "blocks/reflection_block.html"


class WorksheetBlock(blocks.StructBlock):
    """A typed exercise whose answers feed the learner's plan (schema: courses/worksheets.py).

    The block renders the assignment only; the answer form is added by the plan feature.
    """

    kind = blocks.ChoiceBlock(
        label=_("Kind"),
        choices=worksheet_choices,
        help_text=_("Which part of the learner's plan this worksheet fills."),
    )
    title = blocks.CharBlock(label=_("Title"), max_length=120)
    instructions = blocks.TextBlock(
        label=_("Instructions"), help_text=_("What the learner writes down, and how.")
    )
    required = blocks.BooleanBlock(
        label=_("Required"), required=False, default=False, help_text=REQUIRED_HELP
    )

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        context["worksheet"] = worksheet_kind(value.get("kind") or "")
        return context

    class Meta:
        icon = "form"
        label = _("Worksheet")
        template = "blocks/worksheet_block.html"


class CaseBlock(blocks.StructBlock):
    """A worked case: what happened, what was done, what came of it and what to learn."""

    title = blocks.CharBlock(label=_("Title"), max_length=120)
    situation = blocks.TextBlock(label=_("Situation"))
    approach = blocks.TextBlock(label=_("Approach"))
    result = blocks.TextBlock(label=_("Result"))
    lesson = blocks.TextBlock(label=_("Lesson"), help_text=_("What the learner takes from it."))

    class Meta:
        icon = "doc-full"
        label = _("Worked case")
        template = "blocks/case_block.html"


class TimeBudgetRowBlock(blocks.StructBlock):
    activity = blocks.CharBlock(label=_("Activity"), max_length=200)
    minutes_per_week = blocks.IntegerBlock(
        label=_("Minutes per week"), min_value=0, max_value=MINUTES_PER_WEEK_MAX
    )

    class Meta:
        icon = "time"
        label = _("Activity")


class TimeBudgetBlock(blocks.StructBlock):
    """What a pillar's activities cost per week; the template adds up the total."""

    title = blocks.CharBlock(label=_("Title"), max_length=120)
    intro = blocks.TextBlock(label=_("Introduction"), required=False)
    rows = blocks.ListBlock(TimeBudgetRowBlock(), label=_("Activities"), min_num=1)
    note = blocks.TextBlock(
        label=_("Note"), required=False, help_text=_("How to make it fit; shown below the sum.")
    )

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        total = sum(int(row.get("minutes_per_week") or 0) for row in value.get("rows") or [])
        context["total_minutes"] = total
        context["total_hours"], context["total_rest_minutes"] = divmod(total, 60)
        return context

    class Meta:
        icon = "time"
        label = _("Time budget")
        template = "blocks/time_budget_block.html"


class DownloadBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("Document"))
    title = blocks.CharBlock(label=_("Title"), max_length=120)
    description = blocks.TextBlock(label=_("Description"), required=False)

    class Meta:
        icon = "download"
        label = _("Download")
        template = "blocks/download_block.html"


class LessonBodyBlock(blocks.StreamBlock):
    heading = blocks.CharBlock(
        label=_("Heading"), max_length=120, form_classname="title", template="blocks/heading.html"
    )
    paragraph = blocks.RichTextBlock(
        label=_("Text"),
        features=["bold", "italic", "link", "ol", "ul", "h3", "h4", "blockquote"],
        template="blocks/paragraph.html",
    )
    image = ImageBlock()
    video = VideoBlock()
    callout = CalloutBlock()
    takeaways = TakeawaysBlock()
    reflection = ReflectionBlock()
    worksheet = WorksheetBlock()
    case = CaseBlock()
    time_budget = TimeBudgetBlock()
    download = DownloadBlock()

    class Meta:
        block_counts = {"takeaways": {"max_num": 1}}
