import torch
m = torch.load("weights.pt"
