"""One screen per file; each acts through the app's Governance."""
