"""axe-core in the browser tests: the vendored tests/browser/vendor/axe.min.js (pinned and
refreshed by scripts/update-axe), run on the page as rendered, against WCAG 2.1 A and AA."""

from __future__ import annotations

from functools import cache
from pathlib import Path

VENDOR = Path(__file__).resolve().parent / "vendor"
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

_RUN = """async (tags) => {
  const result = await axe.run(document, {
    runOnly: { type: "tag", values: tags },
    resultTypes: ["violations"],
  });
  return result.violations.map((v) => ({
    id: v.id,
    impact: v.impact,
    help: v.help,
    nodes: v.nodes.map((n) => ({ target: n.target.join(" "), summary: n.failureSummary })),
  }));
}"""


@cache
def axe_source() -> str:
    return (VENDOR / "axe.min.js").read_text()


def install_axe(context) -> None:
    """Make axe available in every page of `context`. An init script runs outside the
    page's Content-Security-Policy, which forbids inline scripts (and stays on)."""
    context.add_init_script(script=axe_source())


def axe_violations(page) -> list[dict]:
    return page.evaluate(_RUN, WCAG_21_AA)


def describe(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']}")
        for node in violation["nodes"][:5]:
            summary = (node["summary"] or "").replace("\n", " ")
            lines.append(f"    {node['target']}: {summary}")
    return "\n".join(lines)
