"""vbkg web app and JSON API over the query library."""
