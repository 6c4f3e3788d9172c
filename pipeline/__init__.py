"""pledgeline: investment pledges from fact sheets, press releases and news, as typed project records.

from pipeline import run
result = run(["samples/docs"], out=Path("out"))
"""

from pipeline.config import Settings
from pipeline.run import DocumentResult, Pipeline, RunResult, run
from pipeline.version import __version__

__all__ = ["DocumentResult", "Pipeline", "RunResult", "Settings", "__version__", "run"]
