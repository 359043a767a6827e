"""Keep reading a list of feeds: ``parley watch``.

``Watcher(store, WatchOptions(...)).run()`` fetches each due feed of the store's feed
list (``parley.store.feeds``), ingests new items, checks alerts (``parley.alerts``)
and sleeps until the next feed is due.
"""

from parley.watch.runner import RoundReport, Watcher, WatchEvent, WatchOptions, stop_on_signals
from parley.watch.schedule import parse_interval

__all__ = ["RoundReport", "WatchEvent", "WatchOptions", "Watcher", "parse_interval", "stop_on_signals"]
