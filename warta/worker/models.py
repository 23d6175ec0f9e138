from django.db import models


class WorkerBeat(models.Model):
    """When a worker last ran the heartbeat job: one row for the whole site, written by whichever
    worker ran it (so it proves the scheduler enqueues and some worker runs what it enqueued)."""

    name = models.CharField(max_length=40, primary_key=True)
    last_seen = models.DateTimeField()
    seen_by = models.CharField(max_length=200, blank=True)

    class Meta:
        verbose_name = "worker heartbeat"

    def __str__(self) -> str:
        return f"{self.name}: {self.last_seen.isoformat()}"
