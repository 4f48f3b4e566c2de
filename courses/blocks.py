"""The one StreamBlock that lesson bodies are written with."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock


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

    class Meta:
        icon = "edit"
        label = _("Reflection exercise")
        template = "blocks/reflection_block.html"


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

    class Meta:
        block_counts = {"takeaways": {"max_num": 1}}
