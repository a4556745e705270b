"""National scale: a dataset builder that goes through the tracking services, and the
aggregate queries (province comparison, national roll-up, who has not reported) measured
by bench/national.py."""
