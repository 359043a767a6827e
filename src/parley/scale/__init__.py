"""Parley's scale stage: analysis in parallel, on one machine or on a Dask cluster.

The analyzers here have the ingest's ``AnalyzeBatch`` contract (a batch of articles
in, their analyses out, in order), so the ingest loop stays the store's only writer:

- ``parley.scale.engines``: ``open_analyzer(engine, workers, scheduler, model)`` picks
  one for ``parley ingest``, ``batch_size(workers)`` sizes its batches;
- ``parley.scale.pool``: ``ProcessAnalyzer``, a pool of local worker processes;
- ``parley.scale.dask``: ``DaskAnalyzer``, a Dask cluster's workers;
- ``parley.scale.worker``: what runs in a worker (one model load per process).

Nothing is imported here, so worker processes load only the modules they use.
"""
