"""What a run found and did: the ``--report`` JSON and the HTML review page."""
