"""Check that the package's data files (neurodynamics/data/) equal the shared reference data beside the clone.

    python3 tools/check_reference_copy.py [--copy]

CI runs it (.ci/run), where ../shared/reference sits beside the checkout; a student's clone has no shared folder
and needs no check. With --copy, the shared files are copied into the package first. Standard library only.
"""
from __future__ import annotations

import filecmp
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "reference"
PACKAGE_DATA = ROOT / "neurodynamics" / "data"
DATA_FILES = ("calibration.csv", "literature_excursion.csv", "literature_mechanics.csv")


def main(argv: list[str]) -> int:
    if not SHARED.is_dir():
        print(f"{SHARED} not found: nothing to compare (only CI and the project's machines have it)")
        return 0
    differ = []
    for name in DATA_FILES:
        if "--copy" in argv:
            shutil.copyfile(SHARED / name, PACKAGE_DATA / name)
        if not filecmp.cmp(SHARED / name, PACKAGE_DATA / name, shallow=False):
            differ.append(name)
    if differ:
        print(f"neurodynamics/data differs from {SHARED}: {', '.join(differ)} (run with --copy to update)")
        return 1
    print(f"neurodynamics/data equals {SHARED} ({len(DATA_FILES)} files)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
