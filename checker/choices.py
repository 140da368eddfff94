"""The closed vocabularies of the command line and the configuration, in one home that imports nothing:
:mod:`checker.cli` builds its options from them without loading the configuration machinery (issue 16: importing
the command line loads click and this); :mod:`checker.config` and :mod:`checker.render` use the same tuples."""

FAIL_ON = ("error", "warning", "info", "never")
LANGS = ("zh", "en")
PDF_BACKENDS = ("pdfium", "pdfplumber")  # checker/extract/pdf.py; pdfplumber is the reference backend
PDF_BACKEND_DEFAULT = "pdfium"
FORMATS = ("console", "concise", "json", "jsonl", "html", "sarif", "junit", "github", "gitlab")  # checker/render/
