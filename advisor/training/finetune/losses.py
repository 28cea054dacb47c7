"""CLIP's symmetric InfoNCE loss with a learnable temperature."""
from __future__ import annotations

import math

import torch
import torch.nn.functional as F
from torch import nn


class ClipLoss(nn.Module):
    """Symmetric InfoNCE over a batch of matching (text, image) embeddings, row ``i`` matching row ``i``.

    Inputs: ``text`` and ``image`` of shape (batch, dim), L2-normalised; optional ``labels`` (batch,) of caption
    ids: rows sharing a caption are not pushed apart (duplicates exist in real data). The logit scale
    (1 / temperature) is learnable, stored as a log and clamped to ``max_scale`` as in CLIP.

    Example::

        >>> import torch, torch.nn.functional as F
        >>> loss = ClipLoss(init_temperature=0.07)
        >>> t = F.normalize(torch.randn(4, 8), dim=-1)
        >>> float(loss(t, t)) < float(loss(t, t.flip(0)))
        True
    """

    def __init__(self, init_temperature: float = 0.05, learnable: bool = True, max_scale: float = 100.0):
        super().__init__()
        log_scale = torch.tensor(math.log(1.0 / init_temperature))
        self.log_scale = nn.Parameter(log_scale, requires_grad=learnable)
        self.max_log_scale = math.log(max_scale)

    @property
    def temperature(self) -> float:
        return float(1.0 / self.scale().detach())

    def scale(self) -> torch.Tensor:
        return self.log_scale.clamp(max=self.max_log_scale).exp()

    def forward(self, text: torch.Tensor, image: torch.Tensor, labels: torch.Tensor | None = None) -> torch.Tensor:
        logits = self.scale() * text @ image.T
        if labels is None:
            targets = torch.arange(text.shape[0], device=text.device)
            return 0.5 * (F.cross_entropy(logits, targets) + F.cross_entropy(logits.T, targets))
        # several positives per row: the target is uniform over the rows that share the caption
        same = (labels[:, None] == labels[None, :]).float()
        targets = same / same.sum(dim=1, keepdim=True)
        text_to_image = -(targets * F.log_softmax(logits, dim=1)).sum(dim=1).mean()
        image_to_text = -(targets * F.log_softmax(logits.T, dim=1)).sum(dim=1).mean()
        return 0.5 * (text_to_image + image_to_text)
