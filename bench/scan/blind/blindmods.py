"""Classes of 'our own project' used by the blind benign set. A pickle of these is
correctly unknown to a scanner: expected not clean."""
import dataclasses, enum

@dataclasses.dataclass
class RunConfig:
    lr: float = 0.01
    epochs: int = 1

class Split(enum.Enum):
    TRAIN = "train"
    TEST = "test"
