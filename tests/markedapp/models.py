"""A test-only marked, versioned record, shaped the way module records will be."""

from django.db import models

from accord.core.models import MarkedModel, VersionedModel


class Dossier(MarkedModel, VersionedModel):
    """A marked record with a title and a body."""

    title = models.CharField(max_length=200)
    body = models.TextField(blank=True)

    class Meta:
        ordering = ["-id"]

    def __str__(self) -> str:
        return self.title
