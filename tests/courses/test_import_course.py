"""`import_course`: a course folder into Wagtail, re-imports that respect the admin, and bad
files refused with their file and line before anything is written."""

import json
import textwrap
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, Revision

from courses.importer import CourseImportError, import_course
from courses.importer.source import stable_id
from courses.models import CoursePage, ImportedPage, LessonPage, ModulePage, QuizPage

pytestmark = pytest.mark.django_db

SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20" viewBox="0 0 40 20">'
    '<rect width="40" height="20" fill="#0f766e"/></svg>'
)

FILES = {
    "course.md": """\
        ---
        title: Proefcursus
        slug: proefcursus
        price: 25
        instructor_name: Femke Janssen
        what_you_will_learn:
          - Je plant je week.
        ---

        Een korte cursus om het importeren te proberen.
        """,
    "01-start/module.md": """\
        ---
        title: Start
        slug: start
        pillar: time
        summary: De eerste module.
        ---
        """,
    "01-start/01-eerste-les.md": """\
        ---
        title: Eerste les
        slug: eerste-les
        summary: Een les.
        minutes: 7
        free_preview: true
        objectives:
          - je budget bepalen
        ---

        Een alinea met **vet** en een [link](https://example.com/).

        ## Een kop

        - punt een
        - punt twee

        ```reflection
        key: mijn-uren
        question: Hoeveel uur heb je?
        ```

        ```time_budget
        title: Wat het kost
        rows:
          - activity: Lezen
            minutes_per_week: 30
          - activity: Schrijven
            minutes_per_week: 45
        ```

        ```image
        file: images/plaatje.svg
        alt_text: Een groen vlak.
        ```

        ```download
        file: files/rooster.csv
        title: Rooster
        ```
        """,
    "01-start/02-tweede-les.md": """\
        ---
        title: Tweede les
        slug: tweede-les
        ---

        Nog een les.

        ```worksheet
        key: momenten
        kind: fixed_moments
        title: Je momenten
        instructions: Kies twee momenten.
        required: true
        ```
        """,
    "01-start/03-toets.yaml": """\
        title: Toets
        slug: toets
        pass_mark: 60
        questions:
          - key: budget
            type: single
            text: Wat is je budget?
            explanation: Het kleinste van kunnen en mogen.
            answers:
              - text: Het kleinste van kunnen en mogen
                correct: true
              - text: Het grootste van kunnen en mogen
          - key: klopt
            type: true_false
            text: Tijd is de beperkende factor.
            answers:
              - text: Waar
                correct: true
              - text: Niet waar
        """,
}


def source(name: str) -> str:
    return textwrap.dedent(FILES[name])


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


@pytest.fixture
def folder(tmp_path) -> Path:
    root = tmp_path / "proef"
    for name, text in FILES.items():
        write(root, name, text)
    write(root, "images/plaatje.svg", SVG)
    write(root, "files/rooster.csv", "Week;Thema\n1;\n")
    return root


def counts():
    return {
        "pages": Page.objects.count(),
        "revisions": Revision.objects.count(),
        "imported": ImportedPage.objects.count(),
        "images": get_image_model().objects.count(),
        "documents": get_document_model().objects.count(),
    }


def lesson(slug: str) -> LessonPage:
    return LessonPage.objects.get(slug=slug)


def test_import_creates_the_course_tree_published_and_in_file_order(home_page, folder):
    report = import_course(folder)
    course = CoursePage.objects.get(slug="proefcursus")
    assert course.live and course.get_parent().pk == home_page.pk
    assert str(course.price) == "25.00" and course.instructor_name == "Femke Janssen"
    assert "Een korte cursus" in course.intro
    module = ModulePage.objects.child_of(course).get()
    assert module.pillar == "time"
    children = [p.specific for p in module.get_children().order_by("path")]
    assert [p.slug for p in children] == ["eerste-les", "tweede-les", "toets"]
    assert all(p.live for p in children)
    first = children[0]
    assert [b.block_type for b in first.body] == [
        "paragraph",
        "heading",
        "paragraph",
        "reflection",
        "time_budget",
        "image",
        "download",
    ]
    assert "<b>vet</b>" in first.body[0].value.source
    assert '<a href="https://example.com/">link</a>' in first.body[0].value.source
    assert "<ul><li>punt een</li><li>punt twee</li></ul>" in first.body[2].value.source
    assert [o.value for o in first.objectives] == ["je budget bepalen"]
    assert first.body[5].value["image"].title == "proefcursus: images/plaatje.svg"
    assert first.body[5].value["image"].width == 40
    assert first.body[6].value["document"].file_size > 0
    quiz = children[2]
    assert isinstance(quiz, QuizPage) and quiz.pass_mark == 60 and len(quiz.questions) == 2
    assert len(report.created) == 5 and not report.updated and not report.skipped
    assert ImportedPage.objects.count() == 5


def test_pages_render_after_import(client, home_page, folder):
    import_course(folder)
    html = client.get(lesson("eerste-les").url).content.decode()
    assert "75 min (1 u 15 min)" in html  # the time budget's sum
    assert "Hoeveel uur heb je?" in html


def test_answered_blocks_and_questions_get_ids_derived_from_their_key(home_page, folder):
    import_course(folder)
    reflection = lesson("eerste-les").body[3]
    assert reflection.id == stable_id("proefcursus", "start", "eerste-les", "mijn-uren")
    worksheet = lesson("tweede-les").body[1]
    assert worksheet.id == stable_id("proefcursus", "start", "tweede-les", "momenten")
    question = QuizPage.objects.get().questions[0]
    assert question.id == stable_id("proefcursus", "start", "toets", "budget")


def test_reimporting_an_unchanged_folder_writes_nothing(home_page, folder):
    import_course(folder)
    before = counts()
    report = import_course(folder)
    assert counts() == before
    assert not report.created and not report.updated and len(report.unchanged) == 5


def test_a_changed_file_updates_that_page_only_and_keeps_its_block_ids(home_page, folder):
    import_course(folder)
    page = lesson("eerste-les")
    old_ids = [b.id for b in page.body]
    other_revisions = {
        p.pk: p.latest_revision_id for p in Page.objects.exclude(pk=page.pk).filter(depth__gt=2)
    }
    path = folder / "01-start/01-eerste-les.md"
    path.write_text(path.read_text().replace("Hoeveel uur heb je?", "Hoeveel uur heb je per week?"))
    report = import_course(folder)
    assert [what.split(" (")[0] for what in report.updated] == ["lesson Eerste les"]
    page = lesson("eerste-les")
    assert page.body[3].value["question"] == "Hoeveel uur heb je per week?"
    assert [b.id for b in page.body] == old_ids  # answers stay tied to their block
    assert page.live_revision_id == page.latest_revision_id  # published, as the page was live
    assert ImportedPage.objects.get(page=page).revision_id == page.latest_revision_id
    assert {
        p.pk: p.latest_revision_id for p in Page.objects.exclude(pk=page.pk).filter(depth__gt=2)
    } == other_revisions


def test_a_page_edited_in_the_admin_is_reported_and_not_overwritten(home_page, folder):
    import_course(folder)
    page = lesson("eerste-les")
    page.summary = "Aangepast door de docent."
    edit = page.save_revision()
    edit.publish()
    path = folder / "01-start/01-eerste-les.md"
    path.write_text(path.read_text().replace("Een les.", "Een les uit het bestand."))
    report = import_course(folder)
    assert len(report.skipped) == 1
    assert "01-start/01-eerste-les.md" in report.skipped[0]
    assert "changed in the admin since the last import" in report.skipped[0]
    page = lesson("eerste-les")
    assert page.summary == "Aangepast door de docent."
    assert page.latest_revision_id == edit.pk
    forced = import_course(folder, force=True)
    assert len(forced.updated) == 1
    assert lesson("eerste-les").summary == "Een les uit het bestand."


def test_a_draft_saved_in_the_admin_also_counts_as_an_edit(home_page, folder):
    import_course(folder)
    page = lesson("tweede-les")
    page.title = "Concept van de docent"
    page.save_revision()  # a draft, not published
    write(folder, "01-start/02-tweede-les.md", source("01-start/02-tweede-les.md") + "\nMeer.\n")
    report = import_course(folder)
    assert len(report.skipped) == 1 and not report.updated
    assert lesson("tweede-les").get_latest_revision().content["title"] == "Concept van de docent"


def test_a_page_not_made_by_an_import_is_left_alone(home_page, folder):
    import_course(folder)
    module = ModulePage.objects.get(slug="start")
    ImportedPage.objects.filter(page=lesson("tweede-les")).delete()  # as if made by hand
    write(folder, "01-start/02-tweede-les.md", source("01-start/02-tweede-les.md") + "\nMeer.\n")
    report = import_course(folder)
    assert any("not made by an import" in line for line in report.skipped)
    assert "Meer." not in str(lesson("tweede-les").body[0].value)
    assert module.get_children().count() == 3


def test_a_new_lesson_is_placed_where_its_file_stands(home_page, folder):
    import_course(folder)
    write(
        folder,
        "01-start/015-tussendoor.md",
        "---\ntitle: Tussendoor\nslug: tussendoor\n---\n\nEen les ertussen.\n",
    )
    report = import_course(folder)
    assert len(report.created) == 1
    module = ModulePage.objects.get(slug="start")
    assert [p.slug for p in module.get_children().order_by("path")] == [
        "eerste-les",
        "tussendoor",
        "tweede-les",
        "toets",
    ]


def test_a_dry_run_says_what_would_change_and_writes_nothing(home_page, folder):
    before = counts()
    report = import_course(folder, dry_run=True)
    assert counts() == before
    assert len(report.created) == 5
    assert report.lines()[-1].startswith("5 to create")


def test_a_changed_picture_updates_the_lesson_that_shows_it(home_page, folder):
    import_course(folder)
    write(folder, "images/plaatje.svg", SVG.replace("#0f766e", "#b23c0a"))
    report = import_course(folder)
    assert [what.split(" (")[0] for what in report.updated] == ["lesson Eerste les"]
    assert "b23c0a" in lesson("eerste-les").body[5].value["image"].file.read().decode()


# --- bad files: refused with file and line, nothing written ----------------------------------


def refused(folder, home_page) -> str:
    before = counts()
    with pytest.raises(CourseImportError) as caught:
        import_course(folder)
    assert counts() == before
    return str(caught.value)


def test_missing_front_matter_is_refused_with_file_and_line(home_page, folder):
    write(folder, "01-start/02-tweede-les.md", "title: Tweede les\n\nTekst.\n")
    message = refused(folder, home_page)
    assert "proef/01-start/02-tweede-les.md:1: missing front matter" in message


def test_unknown_block_type_is_refused_with_file_and_line(home_page, folder):
    text = source("01-start/02-tweede-les.md").replace("```worksheet", "```quote")
    write(folder, "01-start/02-tweede-les.md", text)
    message = refused(folder, home_page)
    assert "proef/01-start/02-tweede-les.md:8: unknown block type 'quote'" in message


def test_unknown_field_in_a_block_is_refused_with_its_line(home_page, folder):
    text = source("01-start/02-tweede-les.md").replace("required: true", "verplicht: true")
    write(folder, "01-start/02-tweede-les.md", text)
    message = refused(folder, home_page)
    assert "proef/01-start/02-tweede-les.md:13: unknown field 'verplicht'" in message


def test_unknown_field_in_front_matter_is_refused_with_its_line(home_page, folder):
    text = source("01-start/module.md").replace("pillar: time", "pijler: time")
    write(folder, "01-start/module.md", text)
    message = refused(folder, home_page)
    assert "proef/01-start/module.md:4: unknown field 'pijler' for a module" in message


def test_quiz_question_without_a_correct_answer_is_refused(home_page, folder):
    text = source("01-start/03-toets.yaml").replace("        correct: true\n", "", 1)
    write(folder, "01-start/03-toets.yaml", text)
    message = refused(folder, home_page)
    assert "proef/01-start/03-toets.yaml:5: question 'budget'" in message
    assert "Mark at least one answer as correct." in message


def test_lesson_without_a_title_is_refused(home_page, folder):
    text = source("01-start/02-tweede-les.md").replace("title: Tweede les\n", "")
    write(folder, "01-start/02-tweede-les.md", text)
    message = refused(folder, home_page)
    assert "proef/01-start/02-tweede-les.md:2: lesson without title" in message


def test_yaml_error_is_refused_with_its_line(home_page, folder):
    text = source("01-start/01-eerste-les.md").replace(
        "question: Hoeveel uur heb je?", "question: Hoeveel: uur heb je?"
    )
    write(folder, "01-start/01-eerste-les.md", text)
    message = refused(folder, home_page)
    assert "proef/01-start/01-eerste-les.md:20: YAML error" in message


def test_a_bad_file_stops_the_whole_import_even_when_others_are_fine(home_page, folder):
    import_course(folder)
    good = folder / "01-start/01-eerste-les.md"
    good.write_text(good.read_text().replace("Een les.", "Een gewijzigde les."))
    write(folder, "01-start/02-tweede-les.md", "geen front matter\n")
    refused(folder, home_page)
    assert lesson("eerste-les").summary == "Een les."


def test_every_problem_is_listed_at_once(home_page, folder):
    write(folder, "01-start/02-tweede-les.md", "geen front matter\n")
    write(
        folder,
        "01-start/01-eerste-les.md",
        source("01-start/01-eerste-les.md").replace("```image", "```plaatje"),
    )
    with pytest.raises(CourseImportError) as caught:
        import_course(folder)
    paths = sorted(p.path for p in caught.value.problems)
    assert paths == ["proef/01-start/01-eerste-les.md", "proef/01-start/02-tweede-les.md"]


def test_missing_picture_and_duplicate_key_are_refused(home_page, folder):
    text = source("01-start/01-eerste-les.md").replace("images/plaatje.svg", "images/weg.svg")
    text = text.replace(
        "```time_budget", "```reflection\nkey: mijn-uren\nquestion: Nog een?\n```\n\n```time_budget"
    )
    write(folder, "01-start/01-eerste-les.md", text)
    message = refused(folder, home_page)
    assert "'images/weg.svg': no such file" in message
    assert "key 'mijn-uren' is also used on line 19" in message


# --- question pools, final tests and scenarios (issue #15) ------------------------------------

POOL_QUIZ = """\
    title: Toets
    slug: toets
    draw: 1
    questions:
      - key: los
        type: single
        text: Vraag?
        explanation: Uitleg.
        answers:
          - text: Ja
            correct: true
          - text: Nee
      - key: casus
        type: scenario
        case: Een situatie.
        questions:
          - key: casus-a
            type: true_false
            text: Klopt het?
            answers:
              - text: Waar
                correct: true
              - text: Niet waar
    """


def test_pools_final_tests_and_scenarios_land_on_the_quiz(home_page, folder):
    write(folder, "01-start/03-toets.yaml", POOL_QUIZ)
    import_course(folder)
    quiz = QuizPage.objects.get()
    assert quiz.draw_count == 1
    kinds = [child.block_type for child in quiz.questions]
    assert kinds == ["single", "scenario"]
    scenario = quiz.questions[1]
    assert scenario.id == stable_id("proefcursus", "start", "toets", "casus")
    assert scenario.value["case"] == "Een situatie."
    [sub] = list(scenario.value["questions"])
    assert sub.id == stable_id("proefcursus", "start", "toets", "casus-a")


def test_the_command_reports_problems_with_file_and_line(home_page, folder):
    write(folder, "01-start/02-tweede-les.md", "geen front matter\n")
    with pytest.raises(CommandError) as caught:
        call_command("import_course", str(folder), verbosity=0)
    assert "nothing imported: 1 problem" in str(caught.value)
    assert "proef/01-start/02-tweede-les.md:1" in str(caught.value)


def test_the_command_imports_and_reports(home_page, folder, capsys):
    call_command("import_course", str(folder), "--dry-run")
    assert "would create lesson Eerste les" in capsys.readouterr().out
    assert not CoursePage.objects.filter(slug="proefcursus").exists()
    call_command("import_course", str(folder))
    assert "5 created, 0 updated, 0 unchanged, 0 skipped" in capsys.readouterr().out
    body = json.loads(json.dumps(lesson("eerste-les").body.raw_data[:1], default=str))
    assert body[0]["type"] == "paragraph"
