"""The register on disk: partnerships, assessments, sign-offs, actions, risks."""
