"""One module per stage, in pipeline order: read, repair, clean, metadata, language,
validate, dedup. ``default_stages`` builds the chain a build runs."""

from __future__ import annotations

from pipeline.config import Config
from pipeline.stage import Stage


def default_stages(config: Config) -> list[Stage]:
    from pipeline.stages.clean import Clean
    from pipeline.stages.dedup import Dedup
    from pipeline.stages.language import Language
    from pipeline.stages.metadata import Metadata
    from pipeline.stages.read import Read
    from pipeline.stages.repair import Repair
    from pipeline.stages.validate import Validate

    return [
        Read(),
        Repair(),
        Clean(config),
        Metadata(config),
        Language(config),
        Validate(),
        Dedup(),
    ]
