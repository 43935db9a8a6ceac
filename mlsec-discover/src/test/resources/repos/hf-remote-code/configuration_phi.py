from transformers import PretrainedConfig


class PhiConfig(PretrainedConfig):
    model_type = "phi-msft"

    def __init__(self, n_embd=2560, n_layer=32, **kwargs):
        self.n_embd = n_embd
        self.n_layer = n_layer
        super().__init__(**kwargs)
