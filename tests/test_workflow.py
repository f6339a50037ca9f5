"""The GitHub Pages workflow: valid YAML that checks, tests, builds and deploys with the official actions."""

from __future__ import annotations

from pathlib import Path

import yaml

WORKFLOW = Path(__file__).resolve().parent.parent / ".github" / "workflows" / "pages.yml"


def _steps(job: dict) -> list[dict]:
    return job.get("steps", [])


def test_workflow_checks_tests_builds_and_deploys_with_the_official_actions():
    flow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    build, deploy = flow["jobs"]["build"], flow["jobs"]["deploy"]
    runs = [s.get("run", "") for s in _steps(build)]
    uses = [s.get("uses", "").split("@")[0] for s in _steps(build) + _steps(deploy)]
    assert runs.index("make check") < runs.index("make test") < runs.index("make site")
    assert {"actions/configure-pages", "actions/upload-pages-artifact", "actions/deploy-pages"} <= set(uses)
    assert flow["permissions"]["pages"] == "write" and flow["permissions"]["id-token"] == "write"
    assert deploy["needs"] == "build" and "pull_request" in deploy["if"]


def test_workflow_passes_the_pages_address_to_the_build():
    flow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    build_step = next(s for s in flow["jobs"]["build"]["steps"] if s.get("run") == "make site")
    assert build_step["env"]["SITE_BASE_URL"] == "${{ steps.pages.outputs.base_url }}"
